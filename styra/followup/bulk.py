"""Outcomes in bulk: check every row of an uploaded file, store them on confirmation.

The rows are read from the file by `followup.bulk_file` (its docstring has
the columns). A row's indicator, given by name, is looked up among the
indicators of the period's year that apply to the row's unit, and a name that
still fits several is refused.

Nothing is stored while checking. `outcomes_store` stores the accepted rows
in one transaction through `outcome_record`, so either every row is stored
or none is.
"""

import contextlib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from styra.accounts.permissions import Action, AnyUser, can
from styra.indicators.models import Indicator, Measure, Source, Target
from styra.lib.periods import Period, is_due
from styra.organisation.models import OrgUnit, UnitLookupError, resolve_unit

from .bulk_file import RawRow, name_key
from .services import decided_reports, outcome_record, outcome_refusal, parse_outcome

# Measures whose outcome must be a number; an indicator without one may be reported in words.
NUMERIC = {Measure.PERCENT, Measure.COUNT, Measure.INDEX, Measure.KRONOR, Measure.DAYS}


@dataclass
class Accepted:
    raw: RawRow
    indicator: Indicator
    unit: OrgUnit
    period: Period
    number: Decimal | None
    text: str

    def to_payload(self) -> dict[str, Any]:
        return {
            "line": self.raw.line,
            "indicator": self.indicator.pk,
            "unit": self.unit.pk,
            "period": self.period.code,
            "number": None if self.number is None else str(self.number),
            "text": self.text,
            "comment": self.raw.comment,
        }


@dataclass
class Rejected:
    raw: RawRow
    reason: str


@dataclass
class Preview:
    accepted: list[Accepted] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)

    def payload(self) -> list[dict[str, Any]]:
        return [row.to_payload() for row in self.accepted]


class _Lookups:
    """Everything the rows refer to, each looked up once however many rows repeat it."""

    def __init__(self, rows: list[RawRow], user: AnyUser) -> None:
        self.user = user
        self.units: dict[str, OrgUnit | str] = {}
        self.editable: dict[int, bool] = {}
        self.targets: dict[int, set[int]] = {}
        periods = set()
        for row in rows:
            with contextlib.suppress(ValueError):
                periods.add(Period.parse(row.period))
        years = {p.year for p in periods}
        ids = [int(r.indicator) for r in rows if r.indicator.isdigit()]
        indicators = Indicator.objects.select_related("goal__year").filter(
            pk__in=ids
        ) | Indicator.objects.select_related("goal__year").filter(goal__year__year__in=years)
        self.by_id = {}
        self.by_name: dict[tuple[int, str], list[Indicator]] = {}
        for indicator in indicators:
            self.by_id[indicator.pk] = indicator
            key = (indicator.goal.year.year, name_key(indicator.name))
            self.by_name.setdefault(key, []).append(indicator)
        # Submitted and approved reports, by (unit, period): their outcomes are locked.
        self.decided = decided_reports([p.code for p in periods if not p.is_month])

    def unit(self, text: str) -> OrgUnit | str:
        """The unit, or the reason it cannot be used."""
        key = text.casefold()
        if key not in self.units:
            try:
                self.units[key] = resolve_unit(text)
            except UnitLookupError as exc:
                self.units[key] = (
                    gettext(
                        "Enheten %(name)s är tvetydig; ange sökvägen, till exempel "
                        "Förvaltningen/%(unit)s."
                    )
                    % {"name": repr(text), "unit": text}
                    if exc.ambiguous
                    else gettext("Okänd enhet: %(name)s.") % {"name": repr(text)}
                )
        return self.units[key]

    def may_edit(self, unit: OrgUnit) -> bool:
        if unit.pk not in self.editable:
            self.editable[unit.pk] = can(self.user, Action.EDIT, unit)
        return self.editable[unit.pk]

    def applies(self, indicator: Indicator, unit: OrgUnit) -> bool:
        """As in the unit's plan: the unit owns the indicator or has a target for it."""
        if unit.pk not in self.targets:
            self.targets[unit.pk] = set(
                Target.objects.filter(org_unit=unit).values_list("indicator_id", flat=True)
            )
        return indicator.owner_id == unit.pk or indicator.pk in self.targets[unit.pk]


def indicator_due(indicator: Indicator, period: Period) -> bool:
    """Whether the indicator is reported in the period: a month only if it is monthly."""
    if period.is_month:
        return indicator.periodicity == "month"
    return is_due(indicator.periodicity, period)


def _indicator(row: RawRow, unit: OrgUnit, period: Period, found: _Lookups) -> Indicator | str:
    if not row.indicator:
        return gettext("Indikator saknas.")
    if row.indicator.isdigit():
        indicator = found.by_id.get(int(row.indicator))
        if indicator is None:
            return gettext("Okänd indikator: %(id)s.") % {"id": row.indicator}
        if indicator.goal.year.year != period.year:
            return gettext(
                "Indikatorn %(id)s hör till %(year)s, inte till perioden %(period)s."
            ) % {"id": row.indicator, "year": indicator.goal.year.year, "period": period.code}
        if not found.applies(indicator, unit):
            return gettext("Indikatorn gäller inte för %(unit)s.") % {"unit": unit.name}
        return indicator
    candidates = found.by_name.get((period.year, name_key(row.indicator)), [])
    if not candidates:
        return gettext("Okänd indikator för %(year)s: %(name)s.") % {
            "year": period.year,
            "name": repr(row.indicator),
        }
    applicable = [i for i in candidates if found.applies(i, unit)]
    if not applicable:
        return gettext("Indikatorn gäller inte för %(unit)s.") % {"unit": unit.name}
    if len(applicable) > 1:
        ids = ", ".join(str(i.pk) for i in applicable)
        return gettext("Flera indikatorer heter så; ange id i stället (%(ids)s).") % {"ids": ids}
    return applicable[0]


def _value(row: RawRow, indicator: Indicator) -> tuple[Decimal | None, str] | str:
    number: Decimal | None
    if isinstance(row.value, Decimal):
        number, text = row.value, ""
    else:
        if not str(row.value).strip():
            return gettext("Värde saknas.")
        try:
            number, text = parse_outcome(str(row.value))
        except ValidationError as exc:
            return " ".join(exc.messages)
    if number is None and indicator.measure in NUMERIC:
        return gettext("Värdet %(value)s är inte ett tal.") % {"value": repr(row.shown_value)}
    if number is not None and abs(number) >= Decimal("1e12"):
        return gettext("Värdet är för stort.")
    return number, text


def _check(row: RawRow, found: _Lookups, seen: dict[tuple[int, int, str], int]) -> Accepted | str:
    try:
        period = Period.parse(row.period)
    except ValueError:
        return gettext(
            "Ogiltig period %(period)s; skriv till exempel 2026T1, 2026T2 eller 2026VB."
        ) % {"period": repr(row.period)}
    if not row.unit:
        return gettext("Enhet saknas.")
    unit = found.unit(row.unit)
    if isinstance(unit, str):
        return unit
    if not found.may_edit(unit):
        return gettext("Du har inte behörighet att rapportera för %(unit)s.") % {"unit": unit.name}
    indicator = _indicator(row, unit, period, found)
    if isinstance(indicator, str):
        return indicator
    if not indicator_due(indicator, period):
        label = indicator.get_periodicity_display() or gettext("År")
        return gettext("Indikatorn redovisas inte i %(period)s (periodicitet %(periodicity)s).") % {
            "period": period.display_label,
            "periodicity": str(label).lower(),
        }
    value = _value(row, indicator)
    if isinstance(value, str):
        return value
    key = (indicator.pk, unit.pk, period.code)
    if key in seen:
        return gettext("Dubblett: samma indikator, enhet och period som rad %(line)s.") % {
            "line": seen[key]
        }
    seen[key] = row.line
    refusal = outcome_refusal(found.decided.get((unit.pk, period.code)), period)
    if refusal:
        return refusal
    return Accepted(row, indicator, unit, period, *value)


def check_rows(rows: list[RawRow], user: AnyUser) -> Preview:
    """Every row either accepted, with what would be stored, or rejected with the reason."""
    found, preview = _Lookups(rows, user), Preview()
    seen: dict[tuple[int, int, str], int] = {}
    for row in rows:
        result = _check(row, found, seen)
        if isinstance(result, str):
            preview.rejected.append(Rejected(row, result))
        else:
            preview.accepted.append(result)
    return preview


# ---------------------------------------------------------------- storing


@transaction.atomic
def outcomes_store(*, rows: list[dict[str, Any]], user: AnyUser) -> int:
    """Store the previewed rows, all or none; the rules are checked again as they are stored."""
    indicators = Indicator.objects.in_bulk([r["indicator"] for r in rows])
    units = OrgUnit.objects.in_bulk([r["unit"] for r in rows])
    for row in rows:
        indicator, unit = indicators.get(row["indicator"]), units.get(row["unit"])
        line = row["line"]
        if indicator is None or unit is None:
            raise ValidationError(
                gettext("Rad %(line)s: indikatorn eller enheten finns inte längre.")
                % {"line": line}
            )
        if not can(user, Action.EDIT, unit):
            raise ValidationError(
                gettext("Rad %(line)s: du har inte behörighet att rapportera för %(unit)s.")
                % {"line": line, "unit": unit}
            )
        try:
            number = None if row["number"] is None else Decimal(row["number"])
        except InvalidOperation:
            raise ValidationError(
                gettext("Rad %(line)s: värdet är inte ett tal.") % {"line": line}
            ) from None
        try:
            outcome_record(
                indicator=indicator,
                org_unit=unit,
                period=row["period"],
                value=number if number is not None else row["text"],
                comment=row["comment"],
                source=Source.UPLOAD,
                by=user,
            )
        except ValidationError as exc:
            raise ValidationError(
                gettext("Rad %(line)s: %(reason)s")
                % {"line": line, "reason": " ".join(exc.messages)}
            ) from None
    return len(rows)
