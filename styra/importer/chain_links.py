"""How a styra-plan/1 goal tree becomes rows: each node linked to the chain or written.

Each goal node is linked to an existing one by level, number and title under the same
parent, so that plans of many units share one goal chain per year. Only what the
importing user may write is written (Authority): the unit's own part of the plan; what
is missing above the unit is left out, unless a city administrator chose to create it.
"""

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext

from styra.accounts.permissions import Action, AnyUser, can
from styra.goals.models import NARRATIVE_FIELDS, Activity, Goal, Level, PlanningYear
from styra.goals.services import year_get_or_create
from styra.indicators.models import PERIODICITY_BY_LABEL, Indicator, Target
from styra.indicators.services import guess_measure
from styra.lib.narrative import clean_text
from styra.organisation.models import Kind, OrgUnit
from styra.organisation.services import org_unit_create
from styra.plans.models import PLAN_UNIT_KINDS, Plan

from .results import ImportReport


def addressed_committee(addressee: str | None) -> str | None:
    """ "Östermalms stadsdelsnämnd, sammanträde 2013-12-17" names the committee before the comma."""
    if not addressee:
        return None
    head = addressee.split(",")[0].strip()
    return head if re.search(r"nämnd", head, re.IGNORECASE) else None


class Authority:
    """What the importing user may write, decided per node by the access policy.

    The unit's own plan, goals, indicators, targets and activities need the edit
    right on the unit. Anything above it (a planning year, an organisational
    unit, a KF or committee goal and its texts, indicators, KF:s årsmål and
    activities) is only ever linked to, unless the import was asked to create
    what is missing (`create_chain`, the administrator's explicit choice) and
    the user administers the node. `user=None` is the server operator running
    `styra import-plan` without --user, who already holds the database.
    """

    def __init__(self, user: AnyUser | None, create_chain: bool):
        self.user, self.create_chain = user, create_chain

    def name(self) -> str:
        return self.user.get_username() if self.user is not None else "system"

    def may_edit(self, unit: OrgUnit) -> bool:
        return self.user is None or can(self.user, Action.EDIT, unit)

    def may_write_above(self, node: OrgUnit | None) -> bool:
        """Create or change chain nodes, years or units owned by (or placed under) `node`."""
        if not self.create_chain:
            return False
        if self.user is None:
            return True
        if node is None:  # no organisation yet: only a superuser holds every right
            return bool(self.user.is_active and self.user.is_superuser)
        return can(self.user, Action.ADMINISTER, node)

    def refuse_unasked_opt_in(self, city: OrgUnit | None) -> None:
        """Creating the chain is the city administrator's choice; nobody else may ask for it."""
        if self.create_chain and not self.may_write_above(city):
            raise ValidationError(
                gettext(
                    "Bara stadens administratör kan låta en import skapa planeringsår, enheter "
                    "och mål i målkedjan. %(user)s har inte den rollen. Ingenting sparades."
                )
                % {"user": self.name()}
            )


def fold(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "")).strip().casefold().rstrip(".:")


Row = TypeVar("Row", bound=Model)


class ChainLinker:
    def __init__(
        self, data: dict[str, Any], unit: OrgUnit | None, report: ImportReport, authority: Authority
    ):
        self.data, self.report, self.authority = data, report, authority
        # A document may list the same indicator twice under one goal; each listing is its own.
        self.used: set[tuple[str, int]] = set()
        city = OrgUnit.objects.city()
        authority.refuse_unasked_opt_in(city)
        self.city = city or self._create_city()
        self.unit = unit or self._find_or_create_unit()
        if not authority.may_edit(self.unit):
            raise ValidationError(
                gettext("%(user)s får inte ändra planer för %(unit)s. Ingenting sparades.")
                % {"user": authority.name(), "unit": self.unit.name}
            )
        if self.unit.kind not in PLAN_UNIT_KINDS:
            raise ValidationError(
                gettext(
                    "%(unit)s är en %(kind)s. En import sparar planer för enheter, grupper och "
                    "förvaltningar under en nämnd. Ingenting sparades."
                )
                % {"unit": self.unit.name, "kind": self.unit.get_kind_display().lower()}
            )
        self.year = self._year(data["year"])
        ancestors = list(OrgUnit.objects.ancestors(self.unit))
        self.committee = next(
            (n for n in reversed(ancestors) if n.kind == Kind.COMMITTEE), self.city
        )
        # A unit's plan links to the board goals of its own committees only.
        self.chain_owner_ids = [n.pk for n in ancestors]

    def _create_city(self) -> OrgUnit:
        if not self.authority.may_write_above(None):
            raise ValidationError(
                gettext(
                    "Organisationen har ingen kommun överst ännu, så planen har inget att "
                    "länkas till. Ingenting sparades."
                )
            )
        city = org_unit_create(name="Staden", kind=Kind.CITY, parent=None)
        self.above(gettext("kommun %(name)s") % {"name": city.name})
        return city

    def _year(self, year: int) -> PlanningYear:
        found = PlanningYear.objects.filter(year=year).first()
        if found is not None:
            return found
        if not self.authority.may_write_above(self.city):
            raise ValidationError(
                gettext(
                    "Planeringsåret %(year)s finns inte. Bara stadens administratör kan skapa "
                    "det, genom att uttryckligen välja att importen skapar det som saknas i "
                    "målkedjan. Välj ett år som finns. Ingenting sparades."
                )
                % {"year": year}
            )
        self.above(gettext("planeringsår %(year)s") % {"year": year})
        return year_get_or_create(year=year)

    def above(self, label: str) -> None:
        """Record a write above the unit (made because an administrator asked for it)."""
        self.report.created.append(label)
        self.report.above_unit.append(label)

    def leave_out(self, message: str) -> None:
        self.report.left_out.append(message)

    def left_out_above(self, above: bool, owner: OrgUnit, message: str) -> bool:
        """Whether a missing node above the unit may not be created; if so it is left out."""
        if above and not self.authority.may_write_above(owner):
            self.leave_out(message)
            return True
        return False

    def unused(
        self, kind: str, candidates: Iterable[Row], name: str, *, name_of: Callable[[Row], str]
    ) -> Row | None:
        """The first candidate named `name` (folded) that no earlier listing linked to."""
        return next(
            (
                c
                for c in candidates
                if fold(name_of(c)) == fold(name) and (kind, c.pk) not in self.used
            ),
            None,
        )

    def _find_or_create_unit(self) -> OrgUnit:
        name = self.data["unit"].strip()
        matches = list(OrgUnit.objects.filter(name__iexact=name, kind__in=[Kind.UNIT, Kind.GROUP]))
        committee_name = addressed_committee(self.data.get("addressee"))
        if len(matches) > 1 and committee_name:
            under = [
                m
                for m in matches
                if OrgUnit.objects.ancestors(m).filter(name__iexact=committee_name).exists()
            ]
            matches = under or matches
        if len(matches) == 1:
            self.report.linked.append(f"enhet {matches[0].name}")
            return matches[0]
        if len(matches) > 1:
            raise ValidationError(
                gettext(
                    "Enheten %(unit)s finns flera gånger i organisationen; ange vilken med --unit."
                )
                % {"unit": name}
            )
        committee = (
            OrgUnit.objects.filter(name__iexact=committee_name).first() if committee_name else None
        )
        parent = committee or self.city
        if not self.authority.may_write_above(parent):
            raise ValidationError(
                gettext(
                    "Enheten %(unit)s finns inte i organisationen. Välj en enhet som finns; bara "
                    "stadens administratör kan låta en import skapa enheter. Ingenting sparades."
                )
                % {"unit": name}
            )
        # Through the service, so that the tree's depth limit holds for imports too.
        if committee_name and committee is None:
            parent = org_unit_create(name=committee_name, kind=Kind.COMMITTEE, parent=self.city)
            self.above(gettext("nämnd %(name)s") % {"name": committee_name})
        unit = org_unit_create(name=name, kind=Kind.UNIT, parent=parent)
        self.above(gettext("enhet %(name)s") % {"name": name})
        return unit

    def owner_for(self, level: str) -> OrgUnit:
        owners: dict[str, OrgUnit] = {
            Level.DIRECTION: self.city,
            Level.AREA: self.city,
            Level.BOARD: self.committee,
        }
        return owners.get(level, self.unit)

    def goal(self, item: dict[str, Any], parent: Goal | None, position: int) -> Goal | None:
        """The goal node, linked or created; None when it is above the unit, missing and
        may not be created (then it is left out with everything under it)."""
        level = item["level"]
        number = (item.get("number") or "").strip().rstrip(".")
        owner = self.owner_for(level)
        above = level != Level.UNIT
        candidates = Goal.objects.filter(year=self.year, level=level, parent=parent, number=number)
        if level == Level.UNIT:
            candidates = candidates.filter(owner=owner)
        elif level == Level.BOARD:
            candidates = candidates.filter(owner__in=self.chain_owner_ids)
        title = clean_text(item["title"])
        found = self.unused("goal", candidates, title, name_of=lambda g: g.title)
        label = f"{Level(level).label} {number} {title[:60]}".replace("  ", " ")
        narrative = {k: clean_text(item.get(k)) for k in NARRATIVE_FIELDS}
        if found is None:
            if self.left_out_above(
                above,
                owner,
                gettext(
                    "%(goal)s finns inte i målkedjan för %(year)s och lämnas utanför, "
                    "med allt som står under det."
                )
                % {"goal": label, "year": self.year.year},
            ):
                return None
            found = Goal(
                year=self.year,
                level=level,
                parent=parent,
                owner=owner,
                number=number,
                title=title,
                position=position,
                **narrative,
            )
            try:
                found.full_clean()
            except ValidationError as exc:
                raise ValidationError(
                    gettext("Målet %(goal)s kan inte sparas: %(errors)s")
                    % {"goal": label, "errors": "; ".join(exc.messages)}
                ) from None
            found.save()
            if above:
                self.above(label)
            else:
                self.report.created.append(label)
        else:
            changed = [k for k, v in narrative.items() if v and not getattr(found, k)]
            fields = ", ".join(
                str(getattr(Goal._meta.get_field(k), "verbose_name", k)) for k in changed
            )
            if changed and above and not self.authority.may_write_above(found.owner):
                self.leave_out(
                    gettext(
                        "%(goal)s: importens text (%(fields)s) fylls inte i på målet i "
                        "målkedjan och lämnas utanför."
                    )
                    % {"goal": label, "fields": fields}
                )
                changed = []
            for k in changed:
                setattr(found, k, narrative[k])
            if changed:
                found.save(update_fields=changed)
                if above:
                    self.report.above_unit.append(
                        gettext("%(goal)s: texten (%(fields)s) fylls i")
                        % {"goal": label, "fields": fields}
                    )
            self.report.linked.append(label)
        self.used.add(("goal", found.pk))
        return found

    def indicator(self, item: dict[str, Any], goal: Goal, position: int) -> None:
        name = clean_text(item["name"])
        owner = goal.owner
        above = goal.level != Level.UNIT
        # The chain's indicators and the unit's own: another unit's indicator on the
        # same chain goal is not the unit's to link to (nor to set a target on).
        candidates = Indicator.objects.filter(
            goal=goal, owner_id__in=[*self.chain_owner_ids, self.unit.pk]
        )
        found = self.unused("indicator", candidates, name, name_of=lambda i: i.name)
        period = (item.get("period") or "").strip()
        periodicity = PERIODICITY_BY_LABEL.get(period.casefold(), "")
        if period and not periodicity:
            self.report.warnings.append(
                gettext("Indikatorn %(indicator)s har en okänd periodicitet: %(period)s.")
                % {"indicator": name[:60], "period": repr(period)}
            )
        if found is None:
            if self.left_out_above(
                above,
                owner,
                gettext(
                    "Indikatorn %(indicator)s under %(goal)s finns inte i målkedjan och "
                    "lämnas utanför."
                )
                % {"indicator": name[:60], "goal": goal.title[:60]},
            ):
                return
            found = Indicator(
                goal=goal,
                owner=owner,
                name=name,
                periodicity=periodicity,
                measure=guess_measure(item.get("target") or item.get("city_target") or ""),
                position=position,
            )
            found.full_clean()
            found.save()
            if above:
                self.above(gettext("indikator %(name)s") % {"name": name[:60]})
            else:
                self.report.created.append(f"indikator {name[:60]}")
        else:
            self.report.linked.append(f"indikator {name[:60]}")
        self.used.add(("indicator", found.pk))
        # The unit's own target, also for an indicator it inherits from KF or its committee.
        target, _ = Target.objects.get_or_create(indicator=found, org_unit=self.unit)
        target.set_text(clean_text(item.get("target")))
        target.save()
        self.city_target(found, clean_text(item.get("city_target")))

    def city_target(self, indicator: Indicator, text: str) -> None:
        """KF:s årsmål drives every unit's status in the roll-ups: only the city sets it."""
        current = Target.objects.filter(indicator=indicator, org_unit=self.city).first()
        if not text or (current is not None and current.text == text):
            return
        if not self.authority.may_write_above(self.city):
            self.leave_out(
                gettext(
                    "KF:s årsmål för indikatorn %(indicator)s ändras inte av en import: "
                    "”%(text)s” i filen, ”%(current)s” i målkedjan."
                )
                % {
                    "indicator": indicator.name[:60],
                    "text": text,
                    "current": current.text if current else "",
                }
            )
            return
        current = current or Target(indicator=indicator, org_unit=self.city)
        current.set_text(text)
        current.save()
        self.report.above_unit.append(
            gettext("KF:s årsmål för %(indicator)s: %(text)s")
            % {"indicator": indicator.name[:60], "text": text}
        )

    def activity(self, item: dict[str, Any], goal: Goal, position: int, plan: Plan) -> None:
        name = clean_text(item["name"])
        above = goal.level != Level.UNIT
        start, end = (
            date.fromisoformat(item[k]) if item.get(k) else None for k in ("start", "end")
        )
        candidates = Activity.objects.filter(goal=goal, owner=goal.owner, start=start, end=end)
        found = self.unused("activity", candidates, name, name_of=lambda a: a.name)
        if found is None:
            if self.left_out_above(
                above,
                goal.owner,
                gettext(
                    "Aktiviteten %(activity)s under %(goal)s finns inte i målkedjan och "
                    "lämnas utanför."
                )
                % {"activity": name[:60], "goal": goal.title[:60]},
            ):
                return
            found = Activity(
                goal=goal, owner=goal.owner, name=name, start=start, end=end, position=position
            )
            try:
                found.full_clean()
            except ValidationError as exc:
                raise ValidationError(
                    gettext("Aktiviteten %(activity)s kan inte sparas: %(errors)s")
                    % {"activity": name[:60], "errors": "; ".join(exc.messages)}
                ) from None
            found.save()
            if above:
                self.report.above_unit.append(gettext("aktivitet %(name)s") % {"name": name[:60]})
        self.used.add(("activity", found.pk))
        if above:
            plan.chain_activities.add(found)

    def walk(self, items: list[dict[str, Any]], parent: Goal | None, plan: Plan) -> bool:
        """Link or write the nodes and everything under them; whether a chain goal was linked.

        The plan lists the chain goals its document shows as a plan begun on the page does
        (plans.services.plan_create, plan_chain_add): the committee goals, which their KF
        goals frame as ancestors (plans.context.shown_goals). A KF goal the document shows
        with no committee goal under it (an area with KF's indicators only) is listed
        itself, or the plan would not show it.
        """
        linked = False
        for position, item in enumerate(items, start=1):
            goal = self.goal(item, parent, position)
            if goal is None:
                continue
            for i, ind in enumerate(item.get("indicators") or [], start=1):
                self.indicator(ind, goal, i)
            for i, act in enumerate(item.get("activities") or [], start=1):
                self.activity(act, goal, i, plan)
            framed = self.walk(item.get("children") or [], goal, plan)
            if goal.level != Level.UNIT:
                linked = True
                if not framed:
                    plan.chain_goals.add(goal)
        return linked
