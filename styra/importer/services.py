"""Storing a styra-plan/1 plan as a unit's draft, as its user may write it: plan_import.

The one authority check of every import (the web page, `styra import-plan`, the demo):
the goal tree is linked to the chain by chain_links, the rest of the plan (header,
sections, appendices, budget) is written here, all in one transaction.
"""

import re
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext

from styra.accounts.permissions import AnyUser
from styra.budget.models import Budget, BudgetRow
from styra.goals.models import Goal, Level
from styra.indicators.models import Target
from styra.internal_control.guarantee_services import guarantee_create
from styra.internal_control.models import QualityGuarantee
from styra.lib.dependents import PLAN, dependents_of
from styra.lib.narrative import clean_text
from styra.organisation.models import OrgUnit
from styra.plans.interchange.budget import budget_rows_from_dict
from styra.plans.interchange.parsing import _normalised, validate_plan_dict
from styra.plans.models import Appendix, Plan, PlanStatus, Section, SectionPart
from styra.plans.services import refuse_draft_year

from .chain_links import Authority, ChainLinker
from .results import ImportReport, PlanExists, PreviewOutdated

CLOSING_HEADINGS = re.compile(r"^(övrigt|övriga frågor|avslutning)\b", re.IGNORECASE)


def _meeting_date(addressee: str | None) -> date | None:
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})", addressee or "")
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


def _check_chain_shape(items: list[dict[str, Any]], parent_level: str | None = None) -> None:
    expected: dict[str | None, str] = {
        None: Level.DIRECTION,
        Level.DIRECTION: Level.AREA,
        Level.AREA: Level.BOARD,
        Level.BOARD: Level.UNIT,
    }
    for item in items:
        # Nothing lies under a unit goal (expected has no entry for it): refused, not a KeyError.
        if parent_level is not None and item["level"] != expected.get(parent_level):
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


def plan_import(
    *,
    data: dict[str, Any],
    user: AnyUser | None = None,
    unit: OrgUnit | None = None,
    replace: bool = False,
    create_chain: bool = False,
    dry_run: bool = False,
    expect: str | None = None,
) -> ImportReport:
    """Store a styra-plan/1 plan as a draft of `unit`'s plan, as `user`; all or nothing.

    The one authority check of every import (the web page and `styra import-plan`):
    the user must be allowed to edit the unit, and whatever lies above it is only
    linked to by level, number and title unless `create_chain` is given by a city
    administrator (see Authority). What cannot be linked is left out and listed
    in `left_out`. `dry_run` does all of it and rolls it back, so a preview shows
    exactly what the write will do; `expect` (a preview's `digest()`) refuses the
    write with PreviewOutdated when it would do something else above the unit.
    """
    with transaction.atomic():
        report = _plan_import(
            data=data,
            unit=unit,
            replace=replace,
            authority=Authority(user, create_chain),
        )
        if expect is not None and report.digest() != expect:
            raise PreviewOutdated(report)
        if dry_run:
            transaction.set_rollback(True)
    if dry_run:
        report.plan = None
    return report


def _plan_import(
    *, data: dict[str, Any], unit: OrgUnit | None, replace: bool, authority: Authority
) -> ImportReport:
    validate_plan_dict(data)
    data = _normalised(data)
    _check_chain_shape(data.get("goals") or [])
    report = ImportReport()
    importer = ChainLinker(data, unit, report, authority)
    refuse_draft_year(importer.year)
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
            raise PlanExists(unit=importer.unit, year=data["year"])
        report.replaces = True
        try:
            _replace_existing(existing, report)
        except (ProtectedError, RestrictedError):
            # _replace_existing checks first and names the decided reports; this is the
            # database's last word (PROTECT), and the preview's dry run meets it too, so it
            # must be a message, not a crash.
            raise ValidationError(
                gettext(
                    "Verksamhetsplanen %(year)s för %(unit)s kan inte ersättas: inlämnade "
                    "eller godkända uppgifter bygger på dess mål, indikatorer eller aktiviteter."
                )
                % names
            ) from None
    # An old plan may name its unit as it was called then, and keeps that name; but a file
    # naming another unit of the organisation must not make this unit's plan read as that
    # unit's (on its page, in lists and documents), so it gets the unit's own name.
    named = data["unit"].strip()
    if OrgUnit.objects.filter(name__iexact=named).exclude(pk=importer.unit.pk).exists():
        report.warnings.append(
            gettext(
                "Filen anger enheten %(named)s, men planen sparas för %(unit)s och med det namnet."
            )
            % {"named": named[:200], "unit": importer.unit.name}
        )
        named = importer.unit.name
    plan = Plan(
        unit=importer.unit,
        year=importer.year,
        unit_name=named,
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
        rows, warnings = budget_rows_from_dict(data["budget"])
        report.warnings.extend(warnings)
        # One save per row, not bulk_create: the audit trail sees model signals only.
        for position, row in enumerate(rows, start=1):
            row.budget, row.position = budget, position
            row.save()
    for position, name in enumerate(data.get("appendices") or [], start=1):
        Appendix.objects.create(
            plan=plan, name=clean_text(name)[:300] or "Bilaga", position=position
        )
    _import_guarantees(plan, data.get("quality_guarantees") or [], report)
    return report


def _import_guarantees(plan: Plan, entries: list[dict[str, Any]], report: ImportReport) -> None:
    """The file's quality guarantees into the new plan (internal_control's, part of the plan).

    Guarantees outlive a replaced plan (they are the unit's of the year, with their
    outcomes), so where the unit already has some for the year the file's are not stored
    over them: the preview says so and the unit's own stay.
    """
    if not entries:
        return
    existing = QualityGuarantee.objects.of_plan(plan.unit_id, plan.year_id).count()
    if existing:
        report.warnings.append(
            gettext(
                "Filen har %(count)s kvalitetsgarantier, men enheten har redan %(existing)s för "
                "året. De behålls och filens läses inte in."
            )
            % {"count": len(entries), "existing": existing}
        )
        return
    for entry in entries:
        try:
            guarantee_create(
                unit=plan.unit,
                year=plan.year,
                promise=entry["promise"],
                term=entry["term"],
                target_percent=entry.get("target_percent", 100),
                remedy=entry.get("remedy") or "",
            )
        except ValidationError as error:
            report.warnings.append(
                gettext("Kvalitetsgarantin %(promise)s lästes inte in: %(error)s")
                % {"promise": repr(entry["promise"][:100]), "error": " ".join(error.messages)}
            )
            continue
        report.created.append(
            gettext("kvalitetsgaranti: %(promise)s") % {"promise": entry["promise"][:100]}
        )


def _replace_existing(existing: Plan, report: ImportReport) -> None:
    """Delete the plan being replaced, its unit goals and targets; never decided report data.

    Replace refuses, rather than keeping and relinking, when a submitted or approved report
    holds outcomes, assessments or follow-ups of what would be deleted: relinking by number
    or title would silently attach a decided assessment to a goal that may now say
    something else, and keeping the old goals beside the new ones would double the plan.
    The unit edits such a plan in place (or reopens the reports) instead. Draft report data
    goes with the old plan, since choosing replace is the confirmation; the import report
    says what went.
    """
    goals = Goal.objects.filter(year=existing.year, owner=existing.unit, level=Level.UNIT)
    rows = BudgetRow.objects.filter(budget__plan=existing)
    dependents = dependents_of(goals=goals, rows=rows)
    gone = dependents.draft_summary(PLAN)
    dependents.clear(subject=PLAN, confirmed=True)
    goals.delete()
    Target.objects.filter(org_unit=existing.unit, indicator__goal__year=existing.year).delete()
    existing.delete()
    if gone:
        report.warnings.append(gone)
