"""The styra-plan/1 interchange format: a plan as JSON, out and in.

Export reads the same context as the page and the documents. Import links
each goal node to an existing one by level, number and title under the same
parent (creating what is missing), so that plans of many units share one
goal chain per year.
"""

import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import jsonschema
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from styra.budget.models import Budget, BudgetRow
from styra.goals.models import (
    NARRATIVE_FIELDS,
    Activity,
    Appendix,
    Goal,
    Level,
    Plan,
    PlanningYear,
    PlanStatus,
    Section,
    SectionPart,
)
from styra.goals.services import year_get_or_create
from styra.indicators.models import PERIODICITY_BY_LABEL, Indicator, Periodicity, Target
from styra.indicators.services import guess_measure
from styra.lib import uploads
from styra.lib.narrative import clean_text
from styra.lib.numbers import format_number
from styra.organisation.models import Kind, OrgUnit
from styra.organisation.services import org_unit_create

from .context import Node, PlanContext, load_plan

FORMAT = "styra-plan/1"
CLOSING_HEADINGS = re.compile(r"^(övrigt|övriga frågor|avslutning)\b", re.IGNORECASE)


# ---------------------------------------------------------------- export


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _node_dict(node: Node) -> dict:
    goal = node.goal
    data = {"level": goal.level, "number": goal.number or None, "title": goal.title}
    for name in NARRATIVE_FIELDS:
        data[name] = getattr(goal, name) or None
    data["indicators"] = [
        {
            "name": row.indicator.name,
            "target": row.target or None,
            "city_target": row.city_target or None,
            "period": _periodicity_label(row.indicator.periodicity),
        }
        for row in node.indicators
    ]
    data["activities"] = [
        {
            "name": a.name,
            "start": a.start.isoformat() if a.start else None,
            "end": a.end.isoformat() if a.end else None,
        }
        for a in node.activities
    ]
    data["children"] = [_node_dict(child) for child in node.children]
    return data


def _periodicity_label(value: str) -> str | None:
    """The format names periodicity in Swedish ("Tertial") whatever the language of the request:
    the dict is downloaded, stored in snapshots and read back by plan_import."""
    if not value:
        return None
    with translation.override("sv"):
        return str(Periodicity(value).label)


def context_to_dict(ctx: PlanContext) -> dict:
    plan = ctx.plan
    budget = None
    if ctx.budget is not None:
        rows = []
        for row in ctx.budget_rows:
            item = {"name": row.name}
            for col in ("costs", "revenues", "net"):
                if getattr(row, col) is not None:
                    item[col] = _number(getattr(row, col))
            if row.is_total:
                item["total"] = True
            rows.append(item)
        budget = {"currency_unit": ctx.budget.currency_unit, "rows": rows}
    return {
        "format": FORMAT,
        "unit": plan.unit_name,
        "year": plan.year.year,
        "addressee": plan.addressee or None,
        "officer": plan.officer or None,
        "sections": [{"heading": s.heading, "text": s.text} for s in ctx.sections],
        "goals": [_node_dict(n) for n in ctx.nodes],
        "budget": budget,
        "appendices": [a.name for a in ctx.appendices],
    }


def plan_to_dict(plan: Plan) -> dict:
    return context_to_dict(load_plan(plan))


# ---------------------------------------------------------------- import


@cache
def _schema() -> dict:
    return json.loads((Path(__file__).parent / "plan.schema.json").read_text(encoding="utf-8"))


def _where(error: jsonschema.ValidationError) -> str:
    return "/".join(str(p) for p in error.absolute_path) or gettext("dokumentet")


def _schema_message(error: jsonschema.ValidationError) -> str:
    """One schema error in the user's language, prefixed by where it is ("goals/0/title")."""
    where = _where(error)
    if error.validator == "format" and error.validator_value == "date":
        return gettext("%(where)s: %(value)s är inget datum (ÅÅÅÅ-MM-DD).") % {
            "where": where,
            "value": repr(error.instance),
        }
    if error.validator == "required":
        # One error per missing name; jsonschema words it "'goals' is a required property".
        return gettext("%(where)s: uppgift saknas (%(name)s).") % {
            "where": where,
            "name": error.message.split("'")[1],
        }
    if error.validator == "additionalProperties":
        known = error.schema.get("properties", {})
        unknown = sorted(name for name in error.instance if name not in known)
        return gettext("%(where)s: okänd uppgift (%(names)s).") % {
            "where": where,
            "names": ", ".join(unknown),
        }
    return gettext("%(where)s: ogiltigt värde %(value)s.") % {
        "where": where,
        "value": repr(error.instance),
    }


def validate_plan_dict(data) -> None:
    """Raise ValidationError, in the user's language, when data is not a valid styra-plan/1 plan."""
    validator = jsonschema.Draft202012Validator(
        _schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    messages = [_schema_message(error) for error in errors[:10]]
    if messages:
        raise ValidationError([gettext("Filen följer inte formatet styra-plan/1.")] + messages)


# What a styra-plan/1 file can be. Its deepest value is an indicator of a unit goal
# under the three chain levels (plan, goals, goal, children, ... indicators,
# indicator: 11 levels); a 200-page plan is well under 1 MB, and the importer reads
# at most 4 MB of document text. Beyond these a file is no plan, and nesting deeper
# would only exhaust the parser's and the schema check's recursion.
MAX_JSON_BYTES = 10 * 1024 * 1024
MAX_JSON_DEPTH = 16
# Goals, indicators, activities, budget rows and sections together: a large plan has
# a few hundred. Checking the schema costs about 0.1 ms per object.
MAX_JSON_OBJECTS = 20_000


def _too_deep() -> ValidationError:
    return ValidationError(
        gettext(
            "Filen är nästlad djupare än formatet styra-plan/1 tillåter (högst %(depth)s nivåer)."
        )
        % {"depth": MAX_JSON_DEPTH},
        code="too_deep",
    )


def load_plan_json(raw: bytes | str):
    """json.loads within what a plan can be: its size before parsing, its depth after.

    A ValidationError in the user's language when the file is too large or too deeply
    nested; ValueError (as json.loads) when it is no JSON at all.
    """
    if len(raw) > MAX_JSON_BYTES:
        raise ValidationError(
            gettext("Filen är större än en plan kan vara (högst %(size)s MB JSON).")
            % {"size": MAX_JSON_BYTES // (1024 * 1024)},
            code="too_large",
        )
    try:
        data = json.loads(raw)
    except RecursionError:
        raise _too_deep() from None
    depth, objects = uploads.json_shape(data, stop_at_depth=MAX_JSON_DEPTH)
    if depth > MAX_JSON_DEPTH:
        raise _too_deep()
    if objects > MAX_JSON_OBJECTS:
        raise ValidationError(
            gettext(
                "Filen har fler än %(max)s mål, indikatorer, aktiviteter och andra delar; "
                "ingen plan är så stor."
            )
            % {"max": format_number(MAX_JSON_OBJECTS)},
            code="too_large",
        )
    return data


def parse_plan_json(raw: bytes | str) -> dict:
    try:
        data = load_plan_json(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError(
            gettext("Filen är inte giltig JSON: %(error)s") % {"error": exc}
        ) from None
    validate_plan_dict(data)
    return data


@dataclass
class ImportReport:
    plan: Plan | None = None
    created: list[str] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"Skapade: {c}" for c in self.created]
        out += [f"Länkade till befintlig: {c}" for c in self.linked]
        out += [f"Varning: {w}" for w in self.warnings]
        return out


def _fold(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "")).strip().casefold().rstrip(".:")


def _city() -> tuple[OrgUnit, bool]:
    city = OrgUnit.objects.filter(parent=None, kind=Kind.CITY).order_by("pk").first()
    if city:
        return city, False
    city = OrgUnit(name="Staden", kind=Kind.CITY)
    city.full_clean()
    city.save()
    return city, True


def _committee_name(addressee: str | None) -> str | None:
    """ "Östermalms stadsdelsnämnd, sammanträde 2013-12-17" names the committee before the comma."""
    if not addressee:
        return None
    head = addressee.split(",")[0].strip()
    return head if re.search(r"nämnd", head, re.IGNORECASE) else None


def _meeting_date(addressee: str | None) -> date | None:
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})", addressee or "")
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


class _Importer:
    def __init__(self, data: dict, unit: OrgUnit | None, report: ImportReport):
        self.data, self.report = data, report
        # A document may list the same indicator twice under one goal; each listing is its own.
        self.used: set[tuple[str, int]] = set()
        self.city, created = _city()
        if created:
            report.created.append(f"kommun {self.city.name}")
        if not PlanningYear.objects.filter(year=data["year"]).exists():
            report.created.append(f"planeringsår {data['year']}")
        self.year = year_get_or_create(year=data["year"])
        self.unit = unit or self._find_or_create_unit()
        self.committee = (
            OrgUnit.objects.ancestors(self.unit).filter(kind=Kind.COMMITTEE).last() or self.city
        )

    def _find_or_create_unit(self) -> OrgUnit:
        name = self.data["unit"].strip()
        matches = list(OrgUnit.objects.filter(name__iexact=name, kind__in=[Kind.UNIT, Kind.GROUP]))
        committee_name = _committee_name(self.data.get("addressee"))
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
        parent = self.city
        if committee_name:
            parent = OrgUnit.objects.filter(name__iexact=committee_name).first()
            if parent is None:
                parent = org_unit_create(name=committee_name, kind=Kind.COMMITTEE, parent=self.city)
                self.report.created.append(f"nämnd {committee_name}")
        # Through the service, so that the tree's depth limit holds for imports too.
        unit = org_unit_create(name=name, kind=Kind.UNIT, parent=parent)
        self.report.created.append(f"enhet {name}")
        return unit

    def owner_for(self, level: str) -> OrgUnit:
        return {Level.DIRECTION: self.city, Level.AREA: self.city, Level.BOARD: self.committee}.get(
            level, self.unit
        )

    def goal(self, item: dict, parent: Goal | None, position: int) -> Goal:
        level = item["level"]
        number = (item.get("number") or "").strip().rstrip(".")
        owner = self.owner_for(level)
        candidates = Goal.objects.filter(year=self.year, level=level, parent=parent, number=number)
        if level == Level.UNIT:
            candidates = candidates.filter(owner=owner)
        title = clean_text(item["title"])
        found = next(
            (
                g
                for g in candidates
                if _fold(g.title) == _fold(title) and ("goal", g.pk) not in self.used
            ),
            None,
        )
        label = f"{Level(level).label} {number} {title[:60]}".replace("  ", " ")
        narrative = {k: clean_text(item.get(k)) for k in NARRATIVE_FIELDS}
        if found is None:
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
            self.report.created.append(label)
        else:
            changed = [k for k, v in narrative.items() if v and not getattr(found, k)]
            for k in changed:
                setattr(found, k, narrative[k])
            if changed:
                found.save(update_fields=changed)
            self.report.linked.append(label)
        self.used.add(("goal", found.pk))
        return found

    def indicator(self, item: dict, goal: Goal, position: int) -> None:
        name = clean_text(item["name"])
        owner = goal.owner
        found = next(
            (
                i
                for i in Indicator.objects.filter(goal=goal)
                if _fold(i.name) == _fold(name) and ("indicator", i.pk) not in self.used
            ),
            None,
        )
        period = (item.get("period") or "").strip()
        periodicity = PERIODICITY_BY_LABEL.get(period.casefold(), "")
        if period and not periodicity:
            self.report.warnings.append(
                gettext("Indikatorn %(indicator)s har en okänd periodicitet: %(period)s.")
                % {"indicator": name[:60], "period": repr(period)}
            )
        if found is None:
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
            self.report.created.append(f"indikator {name[:60]}")
        else:
            self.report.linked.append(f"indikator {name[:60]}")
        self.used.add(("indicator", found.pk))
        target, _ = Target.objects.get_or_create(indicator=found, org_unit=self.unit)
        target.set_text(clean_text(item.get("target")))
        target.save()
        if item.get("city_target") is not None:
            city_target, _ = Target.objects.get_or_create(indicator=found, org_unit=self.city)
            city_target.set_text(clean_text(item["city_target"]))
            city_target.save()

    def activity(self, item: dict, goal: Goal, position: int, plan: Plan) -> None:
        name = clean_text(item["name"])
        start, end = (
            date.fromisoformat(item[k]) if item.get(k) else None for k in ("start", "end")
        )
        found = next(
            (
                a
                for a in Activity.objects.filter(goal=goal, owner=goal.owner)
                if _fold(a.name) == _fold(name)
                and a.start == start
                and a.end == end
                and ("activity", a.pk) not in self.used
            ),
            None,
        )
        if found is None:
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
        self.used.add(("activity", found.pk))
        if goal.level != Level.UNIT:
            plan.chain_activities.add(found)

    def walk(self, items: list[dict], parent: Goal | None, plan: Plan) -> None:
        for position, item in enumerate(items, start=1):
            goal = self.goal(item, parent, position)
            if goal.level != Level.UNIT:
                plan.chain_goals.add(goal)
            for i, ind in enumerate(item.get("indicators") or [], start=1):
                self.indicator(ind, goal, i)
            for i, act in enumerate(item.get("activities") or [], start=1):
                self.activity(act, goal, i, plan)
            self.walk(item.get("children") or [], goal, plan)


def _check_chain_shape(items: list[dict], parent_level: str | None = None) -> None:
    expected = {
        None: Level.DIRECTION,
        Level.DIRECTION: Level.AREA,
        Level.AREA: Level.BOARD,
        Level.BOARD: Level.UNIT,
    }
    for item in items:
        if parent_level is not None and item["level"] != expected[parent_level]:
            raise ValidationError(
                gettext(
                    "Målet %(title)s (%(level)s) kan inte ligga under ett mål på nivån %(parent)s."
                )
                % {
                    "title": repr(item["title"][:60]),
                    "level": Level(item["level"]).label,
                    "parent": Level(parent_level).label,
                }
            )
        _check_chain_shape(item.get("children") or [], item["level"])


@transaction.atomic
def plan_import(*, data: dict, unit: OrgUnit | None = None, replace: bool = False) -> ImportReport:
    """Store a styra-plan/1 plan as a draft; all or nothing."""
    validate_plan_dict(data)
    _check_chain_shape(data.get("goals") or [])
    report = ImportReport()
    importer = _Importer(data, unit, report)
    existing = Plan.objects.filter(unit=importer.unit, year=importer.year).first()
    if existing is not None:
        names = {"year": data["year"], "unit": importer.unit.name}
        if existing.status == PlanStatus.ADOPTED:
            raise ValidationError(
                gettext(
                    "Verksamhetsplanen %(year)s för %(unit)s är fastställd och kan inte ersättas. "
                    "Öppna den igen först."
                )
                % names
            )
        if existing.is_locked:
            raise ValidationError(
                gettext(
                    "Verksamhetsplanen %(year)s för %(unit)s är inlämnad och kan inte ersättas. "
                    "Öppna den igen först."
                )
                % names
            )
        if not replace:
            raise ValidationError(
                gettext(
                    "%(unit)s har redan en verksamhetsplan för %(year)s. "
                    "Använd --replace för att ersätta den."
                )
                % names
            )
        Goal.objects.filter(year=importer.year, owner=importer.unit, level=Level.UNIT).delete()
        Target.objects.filter(org_unit=importer.unit, indicator__goal__year=importer.year).delete()
        existing.delete()
        report.warnings.append(gettext("Den tidigare planen ersattes."))
    plan = Plan(
        unit=importer.unit,
        year=importer.year,
        unit_name=data["unit"].strip(),
        officer=clean_text(data.get("officer")),
        addressee=clean_text(data.get("addressee")),
        meeting_date=_meeting_date(data.get("addressee")),
    )
    plan.full_clean()
    plan.save()
    report.plan = plan
    report.created.append(f"verksamhetsplan {plan.year.year} för {plan.unit_name}")

    # The format keeps sections in one list; closing text starts at "Övrigt" and the like.
    closing = False
    for position, item in enumerate(data.get("sections") or [], start=1):
        closing = closing or bool(CLOSING_HEADINGS.match(item["heading"].strip()))
        part = SectionPart.CLOSING if closing else SectionPart.INTRO
        Section.objects.create(
            plan=plan,
            part=part,
            heading=clean_text(item["heading"]) or "–",
            text=clean_text(item["text"]),
            position=position,
        )
    importer.walk(data.get("goals") or [], None, plan)

    if data.get("budget"):
        budget = Budget.objects.create(plan=plan, currency_unit=data["budget"]["currency_unit"])
        # One create per row, not bulk_create: the audit trail sees model signals only.
        for position, row in enumerate(data["budget"]["rows"], start=1):
            BudgetRow.objects.create(
                budget=budget,
                name=clean_text(row["name"]),
                costs=_decimal(row.get("costs")),
                revenues=_decimal(row.get("revenues")),
                net=_decimal(row.get("net")),
                is_total=bool(row.get("total")),
                position=position,
            )
    for position, name in enumerate(data.get("appendices") or [], start=1):
        Appendix.objects.create(
            plan=plan, name=clean_text(name)[:300] or "Bilaga", position=position
        )
    return report


def _decimal(value) -> Decimal | None:
    if value is None:
        return None
    amount = Decimal(str(value))
    if abs(amount) >= Decimal("1e12"):
        raise ValidationError(gettext("Beloppet %(amount)s är för stort.") % {"amount": value})
    return amount
