"""Building Exempelby kommun: the tree, the people, the goal chain, the plans and follow-up.

Everything goes through the owning apps' services, as the web pages and the importer write:
the tree through organisation, roles through accounts, the chain through goals and
indicators, the units' plans through `importer.services.plan_import` (styra.demo.plans), the
decisions through the decisions app (so each has its snapshot), internal control through
internal_control's services (styra.demo.control_plans) and the reports through followup
(styra.demo.reports). The caller runs `demo_load` in one transaction.
"""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from styra.accounts.models import Membership
from styra.cycle.models import DateKind
from styra.cycle.services import year_date_create
from styra.decisions.services import plan_adopt, plan_submit, subject_publish
from styra.followup.models import Report
from styra.goals.models import Goal, Level, PlanningYear
from styra.goals.services import activity_create, goal_create, year_get_or_create
from styra.importer.services import plan_import
from styra.indicators.models import Direction, Indicator
from styra.indicators.services import indicator_create, indicator_update, target_set
from styra.internal_control.models import ControlPlan
from styra.organisation.models import Kind, OrgUnit
from styra.organisation.services import org_unit_create, org_unit_move, org_unit_rename
from styra.plans.models import Plan
from styra.plans.services import plan_update_header

from . import chain, city
from .control_plans import ControlPlanLoader
from .guarantees import guarantees_load
from .plans import (
    LOWER_IS_BETTER,
    PLAN_ADOPTER,
    PLAN_SUBMITTER,
    PLANS,
    PUBLISHED_REPORT,
    PlanFile,
)
from .reports import load_followup


def demo_loaded() -> bool:
    return OrgUnit.objects.filter(parent=None, kind=Kind.CITY, name=city.CITY).exists()


@dataclass
class DemoLoader:
    """Builds the demo city; keeps the created objects by the keys the data modules use."""

    nodes: dict[str, OrgUnit] = field(default_factory=dict)
    indicators: dict[tuple[int, str], Indicator] = field(default_factory=dict)
    board_goals: dict[tuple[int, str], Goal] = field(default_factory=dict)
    plans: list[Plan] = field(default_factory=list)
    reports: int = 0
    control_plans: list[ControlPlan] = field(default_factory=list)
    guarantees: int = 0

    def load(self) -> None:
        self.organisation()
        self.users()  # before the reports, which are submitted and approved by them
        for year in city.YEARS:
            if year == 2026:
                self.reorganise()
            planning_year = self.year(year)
            areas = self.kf_chain(planning_year)
            for committee, spec in chain.BOARD_GOALS.items():
                self.committee(planning_year, self.nodes[committee], spec, areas)
            for plan_file in PLANS[year]:
                plan = self.plan(plan_file)
                if planning_year.year == city.YEARS[-1]:
                    # The current year's promises, part of the plan: written while a draft.
                    self.guarantees += guarantees_load(plan)
                if plan_file.adopted:
                    # The unit's editor hands it in, the committee's approver adopts it; with
                    # its snapshot, so the plan page and its documents show it as adopted.
                    plan_submit(plan=plan, by=self.user(PLAN_SUBMITTER))
                    plan_adopt(plan=plan, by=self.user(PLAN_ADOPTER))
                    subject_publish(subject=plan, by=self.user(PLAN_ADOPTER))
                elif plan_file.submitted_by:
                    # Waiting in the approver's "Att göra", with the unit's message.
                    plan_submit(
                        plan=plan, by=self.user(plan_file.submitted_by), message=plan_file.message
                    )
            # Before the reports: a control's result is frozen once its report is handed in.
            self.internal_control(planning_year, areas)
            self.reports += load_followup(self.nodes, planning_year)
            self.meetings(planning_year)
        self.publish_report()
        self.addresses()

    def organisation(self) -> None:
        top = org_unit_create(name=city.CITY, kind=Kind.CITY, parent=None)
        self.nodes[city.CITY] = top
        for committee_name, departments in city.ORGANISATION.items():
            committee = org_unit_create(name=committee_name, kind=Kind.COMMITTEE, parent=top)
            self.nodes[committee_name] = committee
            for department_name, units in departments.items():
                department = org_unit_create(
                    name=department_name, kind=Kind.DEPARTMENT, parent=committee
                )
                self.nodes[department_name] = department
                for unit_name in units:
                    self.nodes[unit_name] = org_unit_create(
                        name=unit_name, kind=Kind.UNIT, parent=department
                    )

    def reorganise(self) -> None:
        changes = city.REORGANISATION_2026
        name, parent = changes["new_department"]
        self.nodes[name] = org_unit_create(
            name=name, kind=Kind.DEPARTMENT, parent=self.nodes[parent]
        )
        old, new = changes["rename"]
        self.nodes[new] = org_unit_rename(node=self.nodes[old], name=new)
        unit, parent = changes["move"]
        org_unit_move(node=self.nodes[unit], new_parent=self.nodes[parent])

    def year(self, year: int) -> PlanningYear:
        planning_year = year_get_or_create(year=year)
        planning_year.unit_goal_label = chain.UNIT_GOAL_LABEL[year]
        planning_year.full_clean()
        planning_year.save()
        return planning_year

    def internal_control(self, year: PlanningYear, areas: dict[str, Goal]) -> None:
        control = ControlPlanLoader(self.nodes, areas, self.board_goals)
        self.control_plans += control.load(year)

    def meetings(self, year: PlanningYear) -> None:
        """Årshjulet: the year's defaults came with it (year_create); the demo adds the
        council's meetings and each committee's, so the calendar has something of each."""
        for month, day in ((4, 20), (6, 15), (11, 23)):
            year_date_create(
                year=year,
                kind=DateKind.COUNCIL_MEETING,
                date=date(year.year, month, day),
                by=None,
            )
        for key in chain.BOARD_GOALS:
            for month, day in ((3, 17), (9, 22)):
                year_date_create(
                    year=year,
                    kind=DateKind.COMMITTEE_MEETING,
                    date=date(year.year, month, day),
                    org_unit=self.nodes[key],
                    by=None,
                )

    def kf_chain(self, year: PlanningYear) -> dict[str, Goal]:
        """KF's direction and area goals with KF's indicators; returns area goals by number."""
        top = self.nodes[city.CITY]
        areas: dict[str, Goal] = {}
        for spec in chain.DIRECTION_GOALS:
            direction = goal_create(
                year=year,
                level=Level.DIRECTION,
                owner=top,
                number=spec["number"],
                title=spec["title"],
            )
            for area_spec in spec["areas"]:
                if year.year not in area_spec.get("years", city.YEARS):
                    continue
                area = goal_create(
                    year=year,
                    level=Level.AREA,
                    owner=top,
                    parent=direction,
                    number=area_spec["number"],
                    title=area_spec["title"],
                )
                areas[area_spec["number"]] = area
                for indicator in area_spec["indicators"]:
                    self.indicator(year, area, top, indicator)
        return areas

    def indicator(
        self, year: PlanningYear, goal: Goal, owner: OrgUnit, spec: chain.IndicatorSpec
    ) -> None:
        """An indicator with its owner's own target for the year."""
        key, name, measure, direction, periodicity, targets = spec
        indicator = indicator_create(
            goal=goal,
            owner=owner,
            name=name,
            measure=measure,
            direction=direction,
            periodicity=periodicity,
        )
        self.indicators[(year.year, key)] = indicator
        target_set(indicator=indicator, org_unit=owner, text=targets[year.year])

    def committee(
        self,
        year: PlanningYear,
        committee: OrgUnit,
        spec: chain.CommitteeGoals,
        areas: dict[str, Goal],
    ) -> None:
        for key, text in spec["kf_targets"][year.year].items():
            target_set(indicator=self.indicators[(year.year, key)], org_unit=committee, text=text)
        for goal_spec in spec["goals"]:
            if year.year not in goal_spec.get("years", city.YEARS):
                continue
            goal = goal_create(
                year=year,
                level=Level.BOARD,
                owner=committee,
                parent=areas[goal_spec["area"]],
                number=goal_spec["number"],
                title=goal_spec["title"],
                description=goal_spec.get("description", ""),
            )
            self.board_goals[(year.year, goal_spec["key"])] = goal
            for indicator in goal_spec["indicators"]:
                self.indicator(year, goal, committee, indicator)
            for name, start, end in goal_spec["activities"]:
                if start.year == year.year:
                    activity_create(goal=goal, owner=committee, name=name, start=start, end=end)

    def plan(self, plan_file: PlanFile) -> Plan:
        """The unit's plan from its file, then what the format does not carry."""
        data = plan_file.load()
        report = plan_import(data=data, unit=self.nodes[data["unit"]])
        if report.left_out or report.warnings:
            # The files are ours: all of a plan links to the chain built above.
            raise ValidationError(
                [f"{plan_file.name}: {w}" for w in report.left_out + report.warnings]
            )
        plan = report.plan
        assert plan is not None  # stored for real: plan_import sets it unless a dry run
        plan_update_header(
            plan=plan,
            officer=plan.officer,
            phone=plan_file.phone,
            addressee=plan.addressee,
            meeting_date=plan.meeting_date,
        )
        own = Indicator.objects.filter(
            owner=plan.unit, goal__year=plan.year, name__in=LOWER_IS_BETTER
        )
        for indicator in own:
            indicator_update(indicator=indicator, direction=Direction.LOWER)
        self.plans.append(plan)
        return plan

    def publish_report(self) -> None:
        """An approved report on the public pages beside the published plan."""
        code, unit_name = PUBLISHED_REPORT
        report = Report.objects.get(org_unit=self.nodes[unit_name], period__code=code)
        subject_publish(subject=report, by=self.user(PLAN_ADOPTER))

    @staticmethod
    def user(username: str) -> User:
        return get_user_model().objects.get(username=username)

    def users(self) -> None:
        User = get_user_model()  # noqa: N806
        taken = User.objects.filter(username__in=[u[0] for u in city.USERS])
        if taken.exists():
            names = ", ".join(taken.values_list("username", flat=True))
            raise UsersTaken(names)
        # One hash for the one shared password: the real hasher takes a quarter of a second
        # per user, a quarter of the whole load.
        password = make_password(city.DEMO_PASSWORD)
        for username, first, last, role, node, superuser in city.USERS:
            user = User.objects.create(
                username=User.normalize_username(username),
                password=password,
                first_name=first,
                last_name=last,
                is_staff=superuser,
                is_superuser=superuser,
            )
            Membership.objects.create(user=user, org_unit=self.nodes[node], role=role)

    def addresses(self) -> None:
        """Give each demo person an e-mail address, last: the notices of the demo's own
        history stay in Styra only (none printed while it loads, none sent later by `styra
        remind`), and what people do in the demo is mailed, to the console by default."""
        User = get_user_model()  # noqa: N806
        for username, *_ in city.USERS:
            User.objects.filter(username=username).update(email=f"{username}@{city.EMAIL_DOMAIN}")


class UsersTaken(Exception):
    """The demo's usernames exist already (the demo city does not): only --reset helps."""


def demo_load() -> DemoLoader:
    """Build the demo city; the caller holds the transaction. Returns what was loaded."""
    loader = DemoLoader()
    loader.load()
    return loader
