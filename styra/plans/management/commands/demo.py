"""styra demo [--reset]

Loads Exempelby kommun, an invented city, for trying Styra out: KF's goal
chain for 2025 and 2026 with indicators and targets, two committees with
their goals, plans of several units for both years (one adopted, the rest
drafts), a user per role, and follow-up reports for T1, T2 and VB 2025 and
T1 2026 (styra/plans/demo_followup.py): approved, submitted, drafts, one
missing after its deadline, some with budget deficits. The data lives in
styra/plans/demo.py and is written through the same service functions as
the web pages use, in one transaction.

When the demo city is already there nothing is loaded; the users are
printed again. --reset empties the WHOLE database first (like `flush`) and
then loads the demo. The passwords are fixed and printed: local use only.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from styra.accounts.models import Membership, Role
from styra.budget.services import budget_row_create, budget_set_unit
from styra.budget.sums import sum_kind_for
from styra.decisions.services import plan_adopt, plan_submit
from styra.goals.models import Level, PlanningYear
from styra.goals.services import activity_create, goal_create, year_get_or_create
from styra.indicators.models import Indicator
from styra.indicators.services import indicator_create, target_set
from styra.organisation.models import Kind, OrgUnit
from styra.organisation.services import org_unit_create, org_unit_move, org_unit_rename
from styra.plans import demo
from styra.plans.demo_followup import load_followup
from styra.plans.models import Plan
from styra.plans.services import appendix_add, plan_create, plan_update_header, section_create


def demo_loaded() -> bool:
    return OrgUnit.objects.filter(parent=None, kind=Kind.CITY, name=demo.CITY).exists()


class DemoLoader:
    """Builds the demo city; keeps the created objects by the keys demo.py uses."""

    def __init__(self) -> None:
        self.nodes: dict[str, OrgUnit] = {}
        self.indicators: dict[tuple[int, str], Indicator] = {}
        self.board_goals: dict[tuple[int, str], object] = {}
        self.board_activities: dict[tuple[int, str], list] = {}
        self.plans: list[Plan] = []
        self.reports = 0

    def load(self) -> None:
        self.organisation()
        self.users()  # before the reports, which are submitted and approved by them
        for year in demo.YEARS:
            if year == 2026:
                self.reorganise()
            planning_year = self.year(year)
            areas = self.kf_chain(planning_year)
            for committee, spec in demo.BOARD_GOALS.items():
                self.committee(planning_year, self.nodes[committee], spec, areas)
            adopt = [self.plan(planning_year, spec) for spec in demo.PLANS[year]]
            for plan, spec in zip(adopt, demo.PLANS[year], strict=True):
                if spec["status"] == "adopted":
                    # The unit's editor hands it in, the committee's approver adopts it.
                    plan_submit(plan=plan, by=self.user(demo.PLAN_SUBMITTER))
                    # With its snapshot, as the adopt button does: the plan page and its
                    # documents show an adopted plan as it was adopted.
                    plan_adopt(plan=plan, by=self.user(demo.PLAN_ADOPTER))
            self.reports += load_followup(self.nodes, planning_year)

    def organisation(self) -> None:
        city = org_unit_create(name=demo.CITY, kind=Kind.CITY, parent=None)
        self.nodes[demo.CITY] = city
        for committee_name, departments in demo.ORGANISATION.items():
            committee = org_unit_create(name=committee_name, kind=Kind.COMMITTEE, parent=city)
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
        changes = demo.REORGANISATION_2026
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
        planning_year.unit_goal_label = demo.UNIT_GOAL_LABEL[year]
        planning_year.full_clean()
        planning_year.save()
        return planning_year

    def kf_chain(self, year: PlanningYear) -> dict[str, object]:
        """KF's direction and area goals with KF's indicators; returns area goals by number."""
        city = self.nodes[demo.CITY]
        areas = {}
        for spec in demo.DIRECTION_GOALS:
            direction = goal_create(
                year=year,
                level=Level.DIRECTION,
                owner=city,
                number=spec["number"],
                title=spec["title"],
            )
            for area_spec in spec["areas"]:
                if year.year not in area_spec.get("years", demo.YEARS):
                    continue
                area = goal_create(
                    year=year,
                    level=Level.AREA,
                    owner=city,
                    parent=direction,
                    number=area_spec["number"],
                    title=area_spec["title"],
                )
                areas[area_spec["number"]] = area
                for indicator in area_spec["indicators"]:
                    self.indicator(year, area, city, indicator)
        return areas

    def indicator(self, year: PlanningYear, goal, owner: OrgUnit, spec: tuple) -> None:
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

    def committee(self, year: PlanningYear, committee: OrgUnit, spec: dict, areas: dict) -> None:
        for key, text in spec["kf_targets"][year.year].items():
            target_set(indicator=self.indicators[(year.year, key)], org_unit=committee, text=text)
        for goal_spec in spec["goals"]:
            if year.year not in goal_spec.get("years", demo.YEARS):
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
            self.board_activities[(year.year, goal_spec["key"])] = [
                activity_create(goal=goal, owner=committee, name=name, start=start, end=end)
                for name, start, end in goal_spec["activities"].get(year.year, [])
            ]

    def plan(self, year: PlanningYear, spec: dict) -> Plan:
        unit = self.nodes[spec["unit"]]
        plan = plan_create(unit=unit, year=year)
        plan_update_header(
            plan=plan,
            officer=spec["officer"],
            phone=spec["phone"],
            addressee=spec["addressee"],
            meeting_date=spec["meeting_date"],
        )
        for part, heading, text in spec["sections"]:
            section_create(plan=plan, heading=heading, text=text, part=part)
        for goal_spec in spec["goals"]:
            self.unit_goal(year, unit, goal_spec)
        for key, text in spec["targets"].items():
            target_set(indicator=self.indicators[(year.year, key)], org_unit=unit, text=text)
        for key in spec.get("chain_activities", []):
            plan.chain_activities.add(*self.board_activities[(year.year, key)])
        if spec["budget"]:
            self.budget(plan, spec["budget"])
        for name in spec["appendices"]:
            appendix_add(plan=plan, name=name)
        self.plans.append(plan)
        return plan

    def unit_goal(self, year: PlanningYear, unit: OrgUnit, spec: dict) -> None:
        narrative = {
            name: spec.get(name, "")
            for name in (
                "description",
                "expected_result",
                "method",
                "resources",
                "follow_up",
                "development",
            )
        }
        goal = goal_create(
            year=year,
            level=Level.UNIT,
            owner=unit,
            parent=self.board_goals[(year.year, spec["board"])],
            title=spec["title"],
            **narrative,
        )
        for name, measure, direction, periodicity, target in spec["indicators"]:
            indicator = indicator_create(
                goal=goal,
                owner=unit,
                name=name,
                measure=measure,
                direction=direction,
                periodicity=periodicity,
            )
            target_set(indicator=indicator, org_unit=unit, text=target)
        for name, start, end in spec["activities"]:
            activity_create(goal=goal, owner=unit, name=name, start=start, end=end)

    def budget(self, plan: Plan, spec: dict) -> None:
        budget_set_unit(plan=plan, currency_unit=spec["currency_unit"])
        for name, costs, revenues, net, is_total in spec["rows"]:
            figures = {"costs": _amount(costs), "revenues": _amount(revenues), "net": _amount(net)}
            if is_total:
                # The spec gives a sum row's figures to say which it is; Styra computes them.
                budget_row_create(plan=plan, name=name, kind=sum_kind_for(**figures))
            else:
                budget_row_create(plan=plan, name=name, **figures)

    @staticmethod
    def user(username: str):
        return get_user_model().objects.filter(username=username).first()

    def users(self) -> None:
        User = get_user_model()  # noqa: N806
        taken = User.objects.filter(username__in=[u[0] for u in demo.USERS])
        if taken.exists():
            names = ", ".join(taken.values_list("username", flat=True))
            raise CommandError(f"Användarna {names} finns redan; använd --reset.")
        for username, first, last, role, node, superuser in demo.USERS:
            user = User.objects.create_user(
                username=username,
                password=demo.DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                is_staff=superuser,
                is_superuser=superuser,
            )
            Membership.objects.create(user=user, org_unit=self.nodes[node], role=role)


def _amount(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="töm HELA databasen först och ladda demostaden på nytt",
        )

    def handle(self, *args, **options):
        if options["reset"]:
            call_command("flush", interactive=False, verbosity=0)
        if demo_loaded():
            self.stdout.write(f"{demo.CITY} finns redan; inget laddades (--reset laddar om).")
        else:
            loader = DemoLoader()
            try:
                with transaction.atomic():
                    loader.load()
            except ValidationError as exc:
                raise CommandError(
                    "Demodata kunde inte laddas: " + "; ".join(exc.messages)
                ) from None
            self.stdout.write(
                f"Laddade {demo.CITY}: {len(loader.plans)} verksamhetsplaner för "
                f"{', '.join(map(str, demo.YEARS))}."
            )
            self.stdout.write(f"Laddade {loader.reports} uppföljningsrapporter.")
        self.print_users()

    def print_users(self) -> None:
        self.stdout.write("\nDemoanvändare (lösenord för alla: " + demo.DEMO_PASSWORD + "):")
        for username, first, last, role, node, _ in demo.USERS:
            self.stdout.write(
                f"  {username:<12} {demo.DEMO_PASSWORD:<16} {Role(role).label:<15} "
                f"{first} {last}, {_current_name(node)}"
            )


def _current_name(node: str) -> str:
    """The node's name today: the demo renames one unit between the years."""
    old, new = demo.REORGANISATION_2026["rename"]
    return new if node == old else node
