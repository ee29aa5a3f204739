"""Writes to a plan: header, sections, workflow, the chain it shows, appendices, next year."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext

from styra.budget.models import Budget, BudgetRow
from styra.goals.models import NARRATIVE_FIELDS, Activity, Goal, Level, PlanningYear
from styra.goals.services import board_goals_for_unit
from styra.indicators.models import Indicator, Target
from styra.lib.dates import long_date, shift_years, year_mentions
from styra.lib.narrative import clean_text
from styra.lib.ordering import move, next_position
from styra.organisation.models import OrgUnit

from .guarantees import copy_plan_guarantees
from .models import Appendix, Plan, Section, SectionPart


@transaction.atomic
def plan_chain_add(*, plan: Plan, goal: Goal) -> None:
    """Show a committee goal of the unit's committees in the plan."""
    plan.refuse_changes()
    if not board_goals_for_unit(unit=plan.unit, year=plan.year).filter(pk=goal.pk).exists():
        raise ValidationError(gettext("Nämndmålet hör inte till enhetens nämnd eller planens år."))
    plan.chain_goals.add(goal)


@transaction.atomic
def plan_chain_remove(*, plan: Plan, goal: Goal) -> None:
    plan.refuse_changes()
    if Goal.objects.filter(parent=goal, owner=plan.unit).exists():
        raise ValidationError(gettext("Enheten har egna mål under nämndmålet; ta bort dem först."))
    plan.chain_goals.remove(goal)


MAX_APPENDIX_BYTES = 20 * 1024 * 1024


@transaction.atomic
def appendix_add(*, plan: Plan, name: str, file: UploadedFile | None = None) -> Appendix:
    plan.refuse_changes()
    name = clean_text(name)
    if not name:
        raise ValidationError({"name": gettext("Bilagan måste ha ett namn.")})
    kind = None
    if file is not None:
        from styra.lib import uploads  # the shared size, real-type and zip check

        if file.size > MAX_APPENDIX_BYTES:
            raise ValidationError({"file": gettext("Filen är större än 20 MB.")})
        data = file.read(MAX_APPENDIX_BYTES + 1)
        file.seek(0)
        try:
            kind = uploads.sniff(data, uploads.ZipLimits(max_bytes=MAX_APPENDIX_BYTES))
        except uploads.UploadRefused as exc:
            message = exc.messages
            if exc.code == "type":
                message = [gettext("Bilagor tas emot som PDF, Word eller Excel.")]
            raise ValidationError({"file": message}) from None
    appendix = Appendix(
        plan=plan, name=name, position=next_position(Appendix.objects.filter(plan=plan))
    )
    if file is not None:
        stem = re.sub(r"[^\w.-]+", "-", file.name)[-100:]
        # The stored name ends with the real type, so a download is never served as another.
        if not stem.casefold().endswith(uploads.EXTENSIONS[kind]):
            stem = stem[:90] + uploads.EXTENSIONS[kind]
        appendix.file.save(stem, file, save=False)
    appendix.full_clean()
    appendix.save()
    return appendix


@transaction.atomic
def appendix_delete(*, appendix: Appendix) -> None:
    appendix.plan.refuse_changes()
    if appendix.file:
        appendix.file.delete(save=False)
    appendix.delete()


@dataclass
class CopyReport:
    plan: Plan
    copied: list[str] = field(default_factory=list)
    unlinked: list[str] = field(default_factory=list)
    # What the new plan carries from last year for the unit to read again: texts naming
    # last year (Goal.review_note, Section.review_note) and last year's targets
    # (Target.to_review). The plan page lists them under "Att granska".
    to_review: list[str] = field(default_factory=list)
    # What last year's plan had and the new one leaves empty (its meeting date).
    not_copied: list[str] = field(default_factory=list)
    own_goals: int = 0  # the unit's own goals in the plan copied from, linked or not


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip().casefold().rstrip(".:")


def _review_note(years: Iterable[int], *texts: str) -> str:
    """The phrases that date the texts to one of `years`, as Goal.review_note,
    Section.review_note and Plan.addressee_review_note keep them ("31 december 2026, vt
    2026"); "" when there are none."""
    text = "\n".join(texts)
    phrases = [phrase for year in dict.fromkeys(years) for phrase in year_mentions(text, year)]
    return ", ".join(phrases)[:300]


def _addressee_note(plan: Plan) -> str:
    """The phrases that date the plan's addressee to its meeting ("2025-12-11").

    A plan goes to the committee the autumn before its year, so the year before counts as
    well as the plan's own, and the year of its meeting date where it has one.
    """
    years = [plan.year.year - 1, plan.year.year]
    if plan.meeting_date:
        years.append(plan.meeting_date.year)
    return _review_note(years, plan.addressee)


class _Counterparts:
    """The new year's counterparts of last year's chain goals and indicators.

    By where they came from: what `styra year-open` copied points at its origin
    (copied_from), so a goal the city reworded in the new year's draft still links, and a
    goal it removed links to nothing rather than to another with the same title. Goals and
    indicators made in the new year without an origin (by hand, by an import) are matched
    as before, by level and title (or number) and by name.

    Only among the unit's own chain (the goals and indicators of the city and the
    committees above it): a board goal of another committee with the same title, or
    another unit's own indicator on a KF goal, is not the unit's to link to.
    """

    def __init__(self, new_year: PlanningYear, unit: OrgUnit):
        self.chain_owners = list(OrgUnit.objects.ancestors(unit).values_list("pk", flat=True))
        goals = list(
            Goal.objects.filter(year=new_year, owner__in=self.chain_owners).exclude(
                level=Level.UNIT
            )
        )
        self.by_origin = {g.copied_from_id: g for g in goals if g.copied_from_id}
        self.by_key: dict[tuple[str, str], Goal] = {}
        for goal in goals:
            if goal.copied_from_id:
                continue
            self.by_key.setdefault((goal.level, _fold(goal.title)), goal)
            if goal.number:
                self.by_key.setdefault((goal.level, "#" + goal.number), goal)
        indicators = Indicator.objects.filter(goal__in=goals, owner__in=self.chain_owners)
        self.indicator_by_origin: dict[int, Indicator] = {}
        self.indicators_by_goal: dict[int, list[Indicator]] = {}
        for indicator in indicators.order_by("position", "pk"):
            if indicator.copied_from_id:
                self.indicator_by_origin[indicator.copied_from_id] = indicator
            else:
                self.indicators_by_goal.setdefault(indicator.goal_id, []).append(indicator)

    def goal(self, goal: Goal) -> Goal | None:
        if goal.pk in self.by_origin:
            return self.by_origin[goal.pk]
        return self.by_key.get((goal.level, _fold(goal.title))) or (
            self.by_key.get((goal.level, "#" + goal.number))
            if goal.number and goal.level != Level.BOARD
            else None
        )

    def indicator(self, indicator: Indicator) -> Indicator | None:
        if indicator.pk in self.indicator_by_origin:
            return self.indicator_by_origin[indicator.pk]
        match = self.goal(indicator.goal)
        candidates = self.indicators_by_goal.get(match.pk, []) if match else []
        return next((i for i in candidates if _fold(i.name) == _fold(indicator.name)), None)


@transaction.atomic
def plan_copy_to_year(*, plan: Plan, year: int) -> CopyReport:
    """Create the unit's plan for `year` from this one.

    Copies the unit's own goals with their texts, indicators, targets and activities
    (dates moved by the same number of years), its sections, header and budget rows, and
    its targets for the indicators it inherits, and the unit's quality guarantees
    (internal_control's, through `guarantees.copy_plan_guarantees`); links everything to the
    new year's chain by where the chain came from (`_Counterparts`), and reports what could
    not be linked.
    Last year's targets are marked to review (Target.to_review) and the texts that name
    last year are flagged (review_note, and the addressee's Plan.addressee_review_note):
    the new plan lists both under "Att granska". Last year's meeting date is not copied
    (the new plan goes to another meeting), and the report says so.

    The year must exist already, be open for the units and come after the plan's:
    planning years are the city administrator's to create (`styra year-open`, the chain
    page), because a new year becomes the year the chain page opens on for everyone.
    """
    new_year = PlanningYear.objects.filter(year=year).first()
    if new_year is None:
        raise ValidationError(
            gettext(
                "Planeringsåret %(year)s finns inte. Stadens administratör skapar nya "
                "planeringsår i Målkedjan."
            )
            % {"year": year}
        )
    refuse_draft_year(new_year)
    if new_year.year <= plan.year.year:
        raise ValidationError(
            gettext("Planen kan bara kopieras till ett senare år än %(year)s.")
            % {"year": plan.year.year}
        )
    if Plan.objects.filter(unit=plan.unit, year=new_year).exists():
        raise ValidationError(
            gettext("%(unit)s har redan en verksamhetsplan för %(year)s.")
            % {"unit": plan.unit.name, "year": year}
        )
    old_year, shift = plan.year.year, year - plan.year.year
    addressee_note = _addressee_note(plan)
    new = Plan.objects.create(
        unit=plan.unit,
        year=new_year,
        unit_name=plan.unit.name,
        officer=plan.officer,
        phone=plan.phone,
        addressee=plan.addressee,
        addressee_review_note=addressee_note,
    )
    report = CopyReport(plan=new)
    if addressee_note:
        label = gettext("Till: %(addressee)s") % {"addressee": plan.addressee}
        report.to_review.append(_text_line(label, addressee_note))
    if plan.meeting_date:
        report.not_copied.append(
            gettext(
                "Sammanträdesdatum: förra årets, %(date)s, är inte kopierat. Ange den nya "
                "planens datum med Ändra uppgifter."
            )
            % {"date": long_date(plan.meeting_date)}
        )
    chain = _Counterparts(new_year, plan.unit)

    for goal in plan.chain_goals.all():
        match = chain.goal(goal)
        if match:
            new.chain_goals.add(match)
        else:
            report.unlinked.append(f"{goal.get_level_display()}: {goal}")
    for activity in Activity.objects.filter(
        pk__in=plan.chain_activities.values("pk")
    ).select_related("goal"):
        match = chain.goal(activity.goal)
        counterpart = (
            match
            and Activity.objects.filter(
                goal=match, owner__in=chain.chain_owners, name__iexact=activity.name
            ).first()
        )
        if counterpart:
            new.chain_activities.add(counterpart)
        else:
            report.unlinked.append(gettext("Aktivitet: %(name)s") % {"name": activity.name})

    # The unit's targets for indicators it inherits from KF and its committee.
    inherited = (
        Target.objects.filter(org_unit=plan.unit, indicator__goal__year=plan.year)
        .exclude(indicator__owner=plan.unit)
        .select_related("indicator__goal")
    )
    for target in inherited:
        counterpart = chain.indicator(target.indicator)
        if counterpart:
            new_target, _ = Target.objects.get_or_create(indicator=counterpart, org_unit=plan.unit)
            new_target.set_text(target.text)
            new_target.to_review = True
            new_target.save()
            report.to_review.append(_target_line(counterpart, target.text))
        else:
            report.unlinked.append(gettext("Indikator: %(name)s") % {"name": target.indicator.name})

    own_goals = Goal.objects.filter(
        year=plan.year, owner=plan.unit, level=Level.UNIT
    ).select_related("parent")
    for goal in own_goals.order_by("position", "pk"):
        report.own_goals += 1
        parent = chain.goal(goal.parent)
        if parent is None:
            report.unlinked.append(
                gettext("%(level)s: %(title)s (nämndmålet %(goal)s finns inte %(year)s)")
                % {
                    "level": goal.level_label(),
                    "title": goal.title,
                    "goal": repr(goal.parent.title),
                    "year": year,
                }
            )
            continue
        new.chain_goals.add(parent)
        texts = {name: getattr(goal, name) for name in NARRATIVE_FIELDS}
        note = _review_note([old_year], goal.title, *texts.values())
        copy = Goal.objects.create(
            year=new_year,
            level=Level.UNIT,
            parent=parent,
            owner=plan.unit,
            number=goal.number,
            title=goal.title,
            position=goal.position,
            copied_from=goal,
            review_note=note,
            **texts,
        )
        label = f"{goal.level_label()}: {goal.title}"
        report.copied.append(label)
        if note:
            report.to_review.append(_text_line(label, note))
        for indicator in goal.indicators.all():
            old_pk = indicator.pk
            indicator.pk, indicator.id, indicator.goal = None, None, copy
            indicator.copied_from_id = old_pk
            indicator.save()
            for target in Target.objects.filter(indicator_id=old_pk):
                Target.objects.create(
                    indicator=indicator,
                    org_unit=target.org_unit,
                    text=target.text,
                    value=target.value,
                    to_review=True,
                )
                report.to_review.append(_target_line(indicator, target.text))
        for activity in goal.activities.all():
            Activity.objects.create(
                goal=copy,
                owner=activity.owner,
                name=activity.name,
                position=activity.position,
                start=shift_years(activity.start, shift),
                end=shift_years(activity.end, shift),
            )

    # One create per row, not bulk_create: the audit trail sees model signals only.
    for s in plan.sections.all():
        note = _review_note([old_year], s.heading, s.text)
        Section.objects.create(
            plan=new,
            part=s.part,
            heading=s.heading,
            text=s.text,
            position=s.position,
            review_note=note,
        )
        if note:
            report.to_review.append(
                _text_line(gettext("Avsnitt: %(heading)s") % {"heading": s.heading}, note)
            )
    old_budget = Budget.objects.filter(plan=plan).first()
    if old_budget:
        budget = Budget.objects.create(plan=new, currency_unit=old_budget.currency_unit)
        for r in old_budget.rows.all():
            BudgetRow.objects.create(
                budget=budget,
                name=r.name,
                costs=r.costs,
                revenues=r.revenues,
                net=r.net,
                kind=r.kind,
                position=r.position,
            )
    report.copied.extend(copy_plan_guarantees(plan, new))
    return report


def _target_line(indicator: Indicator, text: str) -> str:
    return gettext("Årsmål för %(name)s: %(target)s (förra årets)") % {
        "name": indicator.name,
        "target": text or "–",
    }


def _text_line(label: str, note: str) -> str:
    return gettext("%(label)s – nämner %(phrases)s") % {"label": label, "phrases": note}


@transaction.atomic
def plan_update_header(
    *,
    plan: Plan,
    officer: str,
    phone: str,
    addressee: str,
    meeting_date: date | None,
) -> Plan:
    plan.refuse_changes()
    plan.officer = clean_text(officer)
    plan.phone = clean_text(phone)
    plan.addressee = clean_text(addressee)
    plan.meeting_date = meeting_date
    plan.addressee_review_note = ""  # saved: read again since it was copied
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def section_create(*, plan: Plan, heading: str, text: str = "", part: str = SectionPart.INTRO):
    plan.refuse_changes()
    section = Section(
        plan=plan,
        part=part,
        heading=clean_text(heading),
        text=clean_text(text),
        position=next_position(Section.objects.filter(plan=plan)),
    )
    if not section.heading:
        raise ValidationError({"heading": gettext("Avsnittet måste ha en rubrik.")})
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_update(*, section: Section, heading: str, text: str) -> Section:
    section.plan.refuse_changes()
    section.heading, section.text = clean_text(heading), clean_text(text)
    section.review_note = ""  # edited: read again since it was copied (Section.review_note)
    if not section.heading:
        raise ValidationError({"heading": gettext("Avsnittet måste ha en rubrik.")})
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_delete(*, section: Section) -> None:
    section.plan.refuse_changes()
    section.delete()


@transaction.atomic
def section_move(*, section: Section, offset: int) -> None:
    section.plan.refuse_changes()
    # Within its part: the page and the documents show the intro and the closing apart.
    move(section, Section.objects.filter(plan=section.plan, part=section.part), offset)


def refuse_draft_year(year: PlanningYear) -> None:
    """Units plan only in a year the city has opened for them (a draft year is the city's)."""
    if year.is_draft:
        raise ValidationError(
            gettext(
                "Planeringsåret %(year)s är ett utkast som staden förbereder. Enheterna kan "
                "planera i det när staden har öppnat det för dem."
            )
            % {"year": year.year}
        )


@transaction.atomic
def plan_create(*, unit: OrgUnit, year: PlanningYear) -> Plan:
    """A new, empty plan that shows its committees' goals for the year."""
    refuse_draft_year(year)
    if Plan.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(
            gettext("%(unit)s har redan en verksamhetsplan för %(year)s.")
            % {"unit": unit.name, "year": year.year}
        )
    plan = Plan(unit=unit, year=year, unit_name=unit.name)
    plan.full_clean()
    plan.save()
    plan.chain_goals.set(board_goals_for_unit(unit=unit, year=year))
    return plan
