"""Report data that hangs on plan objects, and what deleting those objects does to it.

Outcomes (indicators.Outcome), goal assessments, activity follow-ups and budget
follow-ups point at the plan's goals, indicators, activities and budget rows. Those
foreign keys are `on_delete=PROTECT`, so neither the ORM nor the database (whose
constraints refuse a delete of a referenced row) lets a plan edit take report data
with it by cascade, however the delete is reached: a service, the importer's replace,
the admin, a parent goal or a goal's activities deleted with it.

PROTECT alone would answer a user with an exception, and would not tell a decided
report from a draft. So every delete service asks `report_data_for` first and calls
`ReportDependents.clear`:

- data in a submitted or approved report refuses the delete with a message naming
  the reports (what was decided stays as decided; the report must be reopened first);
- data only in draft reports (or in no report, such as monthly outcomes) is deleted
  explicitly, but only when the caller has confirmed after being told what goes
  (`ConfirmationNeeded` carries that text);
- then the object itself can be deleted, and PROTECT stays the last line of defence.

The delete services sit below followup in the import order, so they ask through
`styra.lib.dependents` (`dependents_of`), which followup answers with `report_data_for`
(registered in its AppConfig.ready()); that module says why the order is inverted there.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext, gettext_lazy, ngettext

from styra.budget.models import BudgetRow
from styra.goals.models import Activity, Goal
from styra.indicators.models import Indicator, Outcome
from styra.lib.dependents import (
    ACTIVITY,
    GOAL,
    INDICATOR,
    JUDGING,
    PLAN,
    ROW,
    ConfirmationNeeded,
)

from .models import ActivityFollowUp, BudgetFollowUp, GoalAssessment, Report, ReportStatus


@dataclass
class ReportData:
    """How many of each kind of report row one report (None: no report) holds."""

    report: Report | None
    outcomes: int = 0
    assessments: int = 0
    activity_follow_ups: int = 0
    budget_follow_ups: int = 0

    @property
    def decided(self) -> bool:
        return self.report is not None and self.report.is_decided

    def counts(self) -> str:
        parts = []
        if self.outcomes:
            parts.append(
                ngettext("%(n)d utfall", "%(n)d utfall", self.outcomes) % {"n": self.outcomes}
            )
        if self.assessments:
            n = self.assessments
            parts.append(ngettext("%(n)d bedömning", "%(n)d bedömningar", n) % {"n": n})
        if self.activity_follow_ups:
            n = self.activity_follow_ups
            parts.append(
                ngettext("%(n)d uppföljning av aktivitet", "%(n)d uppföljningar av aktiviteter", n)
                % {"n": n}
            )
        if self.budget_follow_ups:
            n = self.budget_follow_ups
            parts.append(
                ngettext("%(n)d uppföljning av budget", "%(n)d uppföljningar av budget", n)
                % {"n": n}
            )
        if len(parts) == 1:
            return parts[0]
        return gettext("%(first)s och %(last)s") % {
            "first": ", ".join(parts[:-1]),
            "last": parts[-1],
        }


def _refused(subject: str, n: int) -> str:
    """The refusal for `n` decided reports, a whole sentence per kind of object."""
    if subject == GOAL:
        return ngettext(
            "Målet har uppföljning i %(reports)s, som är inlämnad eller godkänd. Målet kan "
            "inte tas bort förrän rapporten har öppnats igen.",
            "Målet har uppföljning i %(reports)s, som är inlämnade eller godkända. Målet kan "
            "inte tas bort förrän rapporterna har öppnats igen.",
            n,
        )
    if subject == INDICATOR:
        return ngettext(
            "Indikatorn har utfall i %(reports)s, som är inlämnad eller godkänd. Indikatorn "
            "kan inte tas bort förrän rapporten har öppnats igen.",
            "Indikatorn har utfall i %(reports)s, som är inlämnade eller godkända. Indikatorn "
            "kan inte tas bort förrän rapporterna har öppnats igen.",
            n,
        )
    if subject == ACTIVITY:
        return ngettext(
            "Aktiviteten är uppföljd i %(reports)s, som är inlämnad eller godkänd. Aktiviteten "
            "kan inte tas bort förrän rapporten har öppnats igen.",
            "Aktiviteten är uppföljd i %(reports)s, som är inlämnade eller godkända. "
            "Aktiviteten kan inte tas bort förrän rapporterna har öppnats igen.",
            n,
        )
    if subject == JUDGING:
        return ngettext(
            "Indikatorn har utfall i %(reports)s, som är inlämnad eller godkänd. Dess riktning, "
            "periodicitet och sammanräkning kan inte ändras förrän rapporten har öppnats igen.",
            "Indikatorn har utfall i %(reports)s, som är inlämnade eller godkända. Dess "
            "riktning, periodicitet och sammanräkning kan inte ändras förrän rapporterna har "
            "öppnats igen.",
            n,
        )
    if subject == ROW:
        return ngettext(
            "Budgetraden är uppföljd i %(reports)s, som är inlämnad eller godkänd. Raden kan "
            "inte tas bort förrän rapporten har öppnats igen.",
            "Budgetraden är uppföljd i %(reports)s, som är inlämnade eller godkända. Raden kan "
            "inte tas bort förrän rapporterna har öppnats igen.",
            n,
        )
    return ngettext(
        "Planens mål, indikatorer, aktiviteter eller budget är uppföljda i %(reports)s, som "
        "är inlämnad eller godkänd. Planen kan inte ersättas förrän rapporten har öppnats "
        "igen; ändra den i stället direkt i Styra.",
        "Planens mål, indikatorer, aktiviteter eller budget är uppföljda i %(reports)s, som "
        "är inlämnade eller godkända. Planen kan inte ersättas förrän rapporterna har "
        "öppnats igen; ändra den i stället direkt i Styra.",
        n,
    )


# Whole sentences per kind of object, so each language can phrase them as it needs.
GOES_WITH = {
    GOAL: gettext_lazy("Målet har %(items)s. De tas bort med målet."),
    INDICATOR: gettext_lazy("Indikatorn har %(items)s. De tas bort med indikatorn."),
    ACTIVITY: gettext_lazy("Aktiviteten har %(items)s. De tas bort med aktiviteten."),
    ROW: gettext_lazy("Budgetraden har %(items)s. De tas bort med raden."),
    PLAN: gettext_lazy("Den tidigare planen hade %(items)s. De togs bort med den."),
}


@dataclass
class ReportDependents:
    """The report data of a set of plan objects, per report."""

    goal_ids: list[int] = field(default_factory=list)
    indicator_ids: list[int] = field(default_factory=list)
    activity_ids: list[int] = field(default_factory=list)
    row_ids: list[int] = field(default_factory=list)
    by_report: list[ReportData] = field(default_factory=list)

    @property
    def decided(self) -> list[ReportData]:
        return [d for d in self.by_report if d.decided]

    @property
    def drafts(self) -> list[ReportData]:
        return [d for d in self.by_report if not d.decided]

    def _name(self, data: ReportData, units: int) -> str:
        label = str(data.report.period.period.display_label)
        if units > 1:
            label = f"{label} – {data.report.unit_name}"
        return label

    def _units(self) -> int:
        return len({d.report.org_unit_id for d in self.by_report if d.report is not None})

    def refusal(self, subject: str) -> str:
        """The message that refuses the delete, naming the decided reports; "" if none."""
        decided, units = self.decided, self._units()
        if not decided:
            return ""
        reports = ", ".join(
            gettext("%(report)s (%(status)s)")
            % {
                "report": self._name(d, units),
                "status": str(ReportStatus(d.report.status).label).lower(),
            }
            for d in decided
        )
        return _refused(subject, len(decided)) % {"reports": reports}

    def draft_lines(self) -> list[str]:
        """One line per draft report (and one for data in no report) saying what goes."""
        units, lines = self._units(), []
        for data in self.drafts:
            if data.report is None:
                lines.append(
                    gettext("%(counts)s som inte hör till någon rapport")
                    % {"counts": data.counts()}
                )
            else:
                lines.append(
                    gettext("%(counts)s i utkastet till %(report)s")
                    % {"counts": data.counts(), "report": self._name(data, units)}
                )
        return lines

    def draft_summary(self, subject: str) -> str:
        lines = self.draft_lines()
        if not lines:
            return ""
        return GOES_WITH[subject] % {"items": "; ".join(lines)}

    def question(self, subject: str) -> ConfirmationNeeded | None:
        """What to ask before the delete, None when no report data goes with it.

        Raises ValidationError naming the reports when a submitted or approved one holds data.
        """
        refusal = self.refusal(subject)
        if refusal:
            raise ValidationError(refusal, code="decided")
        if not self.by_report:
            return None
        return ConfirmationNeeded(self.draft_summary(subject), self.draft_lines())

    def clear(self, *, subject: str, confirmed: bool) -> None:
        """Make way for the delete: refuse for decided data, delete confirmed draft data.

        Raises ValidationError when a submitted or approved report holds data, and
        ConfirmationNeeded when draft data would go and `confirmed` is false; nothing is
        deleted in either case. Call inside the delete's transaction.
        """
        question = self.question(subject)
        if question is None:
            return
        if not confirmed:
            raise question
        # One queryset delete per kind; Django still sends each row's delete signal, so
        # the audit trail records every row that goes.
        Outcome.objects.filter(indicator_id__in=self.indicator_ids).delete()
        GoalAssessment.objects.filter(goal_id__in=self.goal_ids).delete()
        ActivityFollowUp.objects.filter(activity_id__in=self.activity_ids).delete()
        BudgetFollowUp.objects.filter(row_id__in=self.row_ids).delete()


def _subtree(goal_ids: set[int]) -> set[int]:
    """The goals and every goal under them (the chain is at most four levels deep)."""
    found, frontier = set(goal_ids), set(goal_ids)
    while frontier:
        frontier = set(Goal.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        frontier -= found
        found |= frontier
    return found


def report_data_for(
    *,
    goals: Iterable[Goal] = (),
    indicators: Iterable[Indicator] = (),
    activities: Iterable[Activity] = (),
    rows: Iterable[BudgetRow] = (),
) -> ReportDependents:
    """Everything reported on these objects and on what is deleted with them.

    A goal brings the goals under it and their indicators and activities. Outcomes and
    budget follow-ups belong to the report of their unit and period when there is one.
    """
    goal_ids = _subtree({g.pk for g in goals})
    indicator_ids = {i.pk for i in indicators} | set(
        Indicator.objects.filter(goal_id__in=goal_ids).values_list("pk", flat=True)
    )
    activity_ids = {a.pk for a in activities} | set(
        Activity.objects.filter(goal_id__in=goal_ids).values_list("pk", flat=True)
    )
    row_ids = {r.pk for r in rows}

    by_key: dict[tuple[int, str], dict[str, int]] = {}
    for unit_id, period, n in (
        Outcome.objects.filter(indicator_id__in=indicator_ids)
        .values_list("org_unit_id", "period")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        by_key.setdefault((unit_id, period), {})["outcomes"] = n
    for unit_id, period, n in (
        BudgetFollowUp.objects.filter(row_id__in=row_ids)
        .values_list("row__budget__plan__unit_id", "period")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        by_key.setdefault((unit_id, period), {})["budget_follow_ups"] = n
    by_report: dict[int, dict[str, int]] = {}
    for kind, rows_qs, column in (
        ("assessments", GoalAssessment.objects.filter(goal_id__in=goal_ids), "report_id"),
        (
            "activity_follow_ups",
            ActivityFollowUp.objects.filter(activity_id__in=activity_ids),
            "report_id",
        ),
    ):
        for report_id, n in rows_qs.values_list(column).annotate(n=Count("pk")).order_by():
            by_report.setdefault(report_id, {})[kind] = n

    reports = {}
    if by_key or by_report:
        units = {u for u, _ in by_key}
        codes = {p for _, p in by_key}
        reports = {
            r.pk: r
            for r in Report.objects.with_header().filter(pk__in=by_report)
            | Report.objects.with_header().filter(org_unit_id__in=units, period__code__in=codes)
        }
    report_by_key = {(r.org_unit_id, r.period.code): r.pk for r in reports.values()}
    loose: dict[str, int] = {}
    for key, counts in by_key.items():
        report_id = report_by_key.get(key)
        target = loose if report_id is None else by_report.setdefault(report_id, {})
        for kind, n in counts.items():
            target[kind] = target.get(kind, 0) + n

    data = [ReportData(reports[pk], **counts) for pk, counts in by_report.items()]
    data.sort(key=lambda d: (d.report.period.code, d.report.unit_name))
    if loose:
        data.append(ReportData(None, **loose))
    return ReportDependents(
        goal_ids=sorted(goal_ids),
        indicator_ids=sorted(indicator_ids),
        activity_ids=sorted(activity_ids),
        row_ids=sorted(row_ids),
        by_report=data,
    )
