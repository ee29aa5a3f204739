"""Exempelby kommun's follow-up: reports for T1, T2 and VB 2025 and T1 2026.

Everything is invented. The loader writes through the follow-up services in
the order a unit works: outcomes for the indicators due in the period,
activity statuses, budget outcome and forecast, then the goal assessments
(Styra's proposal, once overruled with a reason), the free text, and
finally submit and approve (with the approved version's snapshot). Figures
are derived from the targets with a fixed pattern (no randomness), so every
load gives the same city.

The mix: 2025's reports are mostly approved, the annual report of
Mottagningsenheten is submitted and Äldreomsorgen's still a draft; in 2026
T1 Vuxenenheten has submitted (and talks with its approver about it in the report's
dialog), two units are writing, and Fritid och
förebyggande has not started although the deadline has passed. Vuxenenheten
forecasts a deficit on bought care all through 2025 and Äldreomsorgen on
home care in 2026, both with the measures taken. Socialnämnden has its own annual
report for 2025 with its board goals assessed.
"""

import zlib
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from styra.budget.models import BudgetRow
from styra.budget.sums import is_revenue_line
from styra.conversations.services import message_post
from styra.decisions.services import report_approve, report_submit
from styra.followup.context import BudgetLine, load_report
from styra.followup.models import ActivityStatus, Fulfilment, Report, ReportingPeriod
from styra.followup.services import (
    activity_status_set,
    assessment_set,
    budget_deviation,
    budget_follow_up_set,
    outcome_record,
    periods_ensure,
    report_open,
    report_section_update,
)
from styra.goals.models import Activity, PlanningYear
from styra.indicators.models import Direction, Indicator
from styra.indicators.services import indicator_update
from styra.indicators.status import target_status
from styra.indicators.targets import parse_target
from styra.lib.periods import Period
from styra.organisation.models import OrgUnit

# period -> unit (as named that year) -> the state the report is left in.
REPORTS = {
    "2025T1": {
        "Vuxenenheten": "approved",
        "Mottagningsenheten": "approved",
        "Äldreomsorgen Norrdalen": "approved",
    },
    "2025T2": {
        "Vuxenenheten": "approved",
        "Mottagningsenheten": "approved",
        "Äldreomsorgen Norrdalen": "submitted",
    },
    "2025VB": {
        "Vuxenenheten": "approved",
        "Mottagningsenheten": "submitted",
        "Äldreomsorgen Norrdalen": "draft",
    },
    # Fritid och förebyggande has a plan for 2026 but no T1 report: it is late.
    "2026T1": {
        "Vuxenenheten": "submitted",
        "Mottagning och råd": "draft",
        "Äldreomsorgen Norrdalen": "draft",
    },
}
LATE = ("2026T1", "Fritid och förebyggande")

# The dialog on a report (styra.conversations): the message it is handed in with, then the
# comments between the unit and its approver, in order, as (username, text).
DIALOG = {
    ("2026T1", "Vuxenenheten"): [
        (
            "vuxen",
            "Rapporten är klar. Prognosen för köpt vård är osäker: två nya placeringar "
            "beslutades i april och kostnaden är inte känd fullt ut än.",
        ),
        (
            "beslut",
            "Tack. Kan ni till nämndens möte beskriva vad enheten gör för att hålla "
            "placeringskostnaden inom budget under hösten?",
        ),
        (
            "vuxen",
            "Ja. Vi prövar öppenvård på hemmaplan före varje ny placering och går igenom "
            "placeringsfilen varje månad; en sammanfattning skickas inför mötet.",
        ),
    ],
}

COMMITTEE_REPORTS = {"2025VB": {"Socialnämnden": "approved"}}

# Who writes and who approves each unit's reports (demo usernames).
WRITERS = {
    "Vuxenenheten": "vuxen",
    "Mottagningsenheten": "mottagning",
    "Mottagning och råd": "mottagning",
    "Äldreomsorgen Norrdalen": "aldre",
    "Socialnämnden": "beslut",
}
APPROVERS = {"Socialnämnden": "beslut", "Norrdalens stadsdelsnämnd": "admin"}

# (unit, year) -> budget row -> (forecast as a share of budget, the measures taken).
DEFICITS = {
    ("Vuxenenheten", 2025): {
        "Entreprenader och köp av verksamhet": (
            Decimal("1.07"),
            "Fler placeringar på behandlingshem än beräknat, framför allt för unga vuxna med "
            "missbruk. Enheten prövar öppenvård på hemmaplan före varje ny placering och "
            "följer upp kostnaderna varje månad i placeringsfilen.",
        ),
    },
    ("Äldreomsorgen Norrdalen", 2026): {
        "Hemtjänst": (
            Decimal("1.05"),
            "Fler beviljade timmar än budgeterat och hög sjukfrånvaro under vintern har gett "
            "mer övertid. Schemaläggningen ses över och timbanken används för att täcka "
            "frånvaro i stället för övertid.",
        ),
    },
}
TOTAL_DEFICIT = "Underskottet kommer från raderna ovan; se kommentarerna där."


# Shared indicators that add up to a committee total on the roll-ups.
AGGREGATIONS = {
    "Andel barnavårdsutredningar som avslutas inom fyra månader": "mean",
    "Antal hushåll som bor i akut- eller korttidsboende": "sum",
    "Antal personer som börjat arbeta eller studera efter stöd från arbetsmarknadsteamet": "sum",
    "Andel förhandsbedömningar som avslutas inom 14 dagar": "mean",
    "Andel personer med hemtjänst som har en namngiven kontaktperson": "mean",
}

OUTCOME_COMMENTS = {
    "partly": [
        "Nära målet; två långa sjukskrivningar under perioden påverkade resultatet.",
        "Något under målet. Rutinen har setts över och följs upp på varje APT.",
        "Förbättring jämfört med förra perioden men ännu inte i nivå med årsmålet.",
    ],
    "not_reached": [
        "Målet nås inte. Fler ärenden än väntat och vakanser under våren förklarar utfallet.",
        "Långt från målet. Enheten har tagit fram en handlingsplan som följs upp månadsvis.",
        "Utfallet påverkas av ett nytt verksamhetssystem som tog tid att komma igång med.",
    ],
}
ACTIVITY_COMMENTS = {
    ActivityStatus.FINISHED: "Genomförd enligt plan.",
    ActivityStatus.STARTED: "Pågår; arbetsgruppen träffas varannan vecka.",
    ActivityStatus.NOT_STARTED: "Startar enligt planen senare under året.",
    ActivityStatus.CANCELLED: "Avbruten: arbetet ingår nu i förvaltningens gemensamma projekt.",
}
ANALYSIS: dict[str, str] = {
    Fulfilment.FULFILLED: (
        "Indikatorerna ligger på eller över årsmålet och aktiviteterna går enligt plan. "
        "Arbetssättet har blivit en del av vardagen i arbetsgrupperna."
    ),
    Fulfilment.PARTLY: (
        "En del av indikatorerna når målet medan andra ligger strax under. Aktiviteterna "
        "är påbörjade men effekten syns ännu inte fullt ut."
    ),
    Fulfilment.NOT_FULFILLED: (
        "Indikatorerna ligger klart under årsmålet. Personalomsättning och fler ärenden än "
        "beräknat har gjort att arbetet inte kommit så långt som planerat."
    ),
}
# The one assessment that departs from Styra's proposal, with its reason.
OVERRULED = (
    ("Vuxenenheten", "2025VB"),
    Fulfilment.PARTLY,
    "Helårssiffran döljer att väntetiderna ökade under hösten; målet bedöms därför "
    "bara delvis uppfyllt.",
)
SECTIONS = {
    "T1": {
        "Viktiga händelser": "{unit} har under årets första tertial arbetat med att komma "
        "igång med planens nya arbetssätt. Två nya medarbetare har börjat.",
        "Analys": "Resultaten för tertialet är i stort sett i nivå med planen. Avvikelserna "
        "kommenteras under respektive mål.",
        "Framtid": "Under hösten fortsätter arbetet enligt planen.",
    },
    "T2": {
        "Viktiga händelser": "Sommaren bemannades utan inhyrd personal. {unit} deltog i "
        "förvaltningens arbete med en gemensam introduktion för nyanställda.",
        "Analys": "Utfallen per 31 augusti visar en stabil utveckling. Prognosen för helåret "
        "redovisas under Ekonomi.",
        "Framtid": "Inför nästa år ses arbetsfördelningen mellan grupperna över.",
    },
    "VB": {
        "Viktiga händelser": "{unit} har genomfört de flesta aktiviteterna i "
        "verksamhetsplanen. Medarbetarenkäten visar en förbättrad arbetsmiljö.",
        "Analys": "Året som helhet har gått enligt plan med några undantag som beskrivs "
        "under respektive mål.",
        "Framtid": "Erfarenheterna från året tas med i nästa års verksamhetsplan.",
    },
}
COMMITTEE_TEXT = {
    "Viktiga händelser": "Socialnämnden har under året fått fler ansökningar om ekonomiskt "
    "bistånd än väntat, samtidigt som arbetsmarknadsteamet flyttade in hos "
    "försörjningsstödet.",
    "Analys": "Nämndens mål har i huvudsak uppnåtts. Enheternas rapporter visar att "
    "samverkan mellan försörjningsstöd och arbetsmarknadsinsatser ger resultat.",
    "Framtid": "Nämnden prioriterar en gemensam väg in till socialtjänsten under 2026.",
}
COMMITTEE_ASSESSMENTS = [Fulfilment.FULFILLED, Fulfilment.PARTLY, Fulfilment.FULFILLED]

# How far an outcome lands from its target, by performance and the indicator's direction.
FACTORS: dict[tuple[str, str], Decimal] = {
    ("reached", Direction.HIGHER): Decimal("1.04"),
    ("partly", Direction.HIGHER): Decimal("0.95"),
    ("not_reached", Direction.HIGHER): Decimal("0.80"),
    ("reached", Direction.LOWER): Decimal("0.90"),
    ("partly", Direction.LOWER): Decimal("1.05"),
    ("not_reached", Direction.LOWER): Decimal("1.30"),
}
# A level for indicators whose target is words ("öka"): outcomes still get reported.
BASE_BY_MEASURE = {"%": Decimal(62), "st": Decimal(30), "dagar": Decimal(12), "kr": Decimal(900)}


def _pick(*parts: object) -> int:
    """A stable number from the parts: the same city on every load, without randomness."""
    return zlib.crc32("|".join(map(str, parts)).encode("utf-8"))


def _performance(*parts: object) -> str:
    n = _pick(*parts) % 10
    return "reached" if n < 6 else "partly" if n < 8 else "not_reached"


def _outcome_value(indicator: Indicator, target: str | None, performance: str) -> Decimal:
    number = parse_target(target).value
    if number is None:
        number = BASE_BY_MEASURE.get(indicator.measure, Decimal(50))
    value = number * FACTORS[(performance, indicator.direction)]
    if indicator.measure == "%":
        return min(value, Decimal(100)).quantize(Decimal("0.1"))
    return value.quantize(Decimal(1))


class FollowUpLoader:
    """Writes one year's reports for the demo city; `nodes` are DemoLoader's by name."""

    def __init__(self, nodes: dict[str, OrgUnit]) -> None:
        self.nodes = nodes
        self.users: dict[str, User] = {u.username: u for u in get_user_model().objects.all()}

    def load(self, year: PlanningYear) -> int:
        for indicator in Indicator.objects.filter(goal__year=year, name__in=AGGREGATIONS):
            indicator_update(indicator=indicator, aggregation=AGGREGATIONS[indicator.name])
        periods = {p.code: p for p in periods_ensure(year=year)}
        written = 0
        for code, units in REPORTS.items():
            if code not in periods:
                continue
            for unit_name, state in units.items():
                self.unit_report(periods[code], unit_name, state)
                written += 1
            for committee, state in COMMITTEE_REPORTS.get(code, {}).items():
                self.committee_report(periods[code], committee, state)
                written += 1
        return written

    def unit_report(self, period: ReportingPeriod, unit_name: str, state: str) -> None:
        unit = self.nodes[unit_name]
        report = report_open(org_unit=unit, period=period)
        ctx = load_report(report)
        code, part = period.code, period.period.part
        by = self.users[WRITERS.get(unit_name, "admin")]
        tolerance = period.year.status_tolerance
        for line in ctx.indicators:
            indicator = line.indicator
            value = _outcome_value(
                indicator, line.target, _performance(indicator.name, unit_name, code)
            )
            # The comment explains the status the outcome really gets.
            mark = target_status(value, line.target, indicator.direction, tolerance)
            pool = OUTCOME_COMMENTS.get(mark.status.value, [""])
            outcome_record(
                indicator=indicator,
                org_unit=unit,
                period=code,
                value=value,
                comment=pool[_pick(indicator.name, code) % len(pool)],
                by=by,
            )
        for activity_line in ctx.activities:
            status = self.activity_status(activity_line.activity, period)
            activity_status_set(
                report=report,
                activity=activity_line.activity,
                status=status,
                comment=ACTIVITY_COMMENTS[status],
            )
        self.budget(ctx.budget, unit_name, period)
        self.assess(report, unit_name, period, leave_one_open=state == "draft")
        for section in ctx.sections:
            text = SECTIONS[part].get(section.heading, "")
            if text:
                report_section_update(section=section, text=text.format(unit=unit_name))
        dialog = DIALOG.get((code, unit_name), [])
        self.finish(report, unit, state, by, message=dialog[0][1] if dialog else "")
        for username, text in dialog[1:]:
            message_post(subject=report, by=self.users[username], text=text)

    def activity_status(self, activity: Activity, period: ReportingPeriod) -> ActivityStatus:
        if activity.start and activity.start > period.cutoff:
            return ActivityStatus.NOT_STARTED
        if activity.end and activity.end <= period.cutoff:
            # One in seven finished activities was cancelled instead, as happens.
            cancelled = _pick(activity.name) % 7 == 0
            return ActivityStatus.CANCELLED if cancelled else ActivityStatus.FINISHED
        return ActivityStatus.STARTED

    def budget(self, lines: list[BudgetLine], unit_name: str, period: ReportingPeriod) -> None:
        """Outcome to date and forecast per line; sum rows are computed from them (budget.sums)."""
        deficits = DEFICITS.get((unit_name, period.period.year), {})
        share = Decimal(period.period.month) / 12
        places = Decimal("0.1") if any(_has_decimals(line.row) for line in lines) else Decimal(1)
        for line in lines:
            row = line.row
            if line.budget is None or row.is_sum:
                continue
            factor, _comment = deficits.get(row.name, (None, ""))
            if factor is None:
                # Costs a little under budget, revenues a little over.
                factor = Decimal("1.01") if is_revenue_line(row) else Decimal("0.99")
            forecast = (line.budget * factor).quantize(places)
            outcome = (forecast * share).quantize(places)
            comment = ""
            deviation = budget_deviation(row, forecast)
            if deviation is not None and deviation < 0:
                comment = deficits.get(row.name, (None, TOTAL_DEFICIT))[1]
            budget_follow_up_set(
                row=row, period=period.code, outcome=outcome, forecast=forecast, comment=comment
            )

    def assess(
        self, report: Report, unit_name: str, period: ReportingPeriod, leave_one_open: bool
    ) -> None:
        ctx = load_report(report)
        goals = ctx.goals[:-1] if leave_one_open and len(ctx.goals) > 1 else ctx.goals
        for line in goals:
            value, reason = line.proposed or Fulfilment.PARTLY, ""
            overruled_at, overruled_value, overruled_reason = OVERRULED
            first = line is goals[0]
            if (unit_name, period.code) == overruled_at and first and value != overruled_value:
                value, reason = overruled_value, overruled_reason
            assessment_set(
                report=report,
                goal=line.goal,
                value=value,
                proposed=line.proposed,
                reason=reason,
                analysis=ANALYSIS[value],
            )

    def committee_report(self, period: ReportingPeriod, name: str, state: str) -> None:
        committee = self.nodes[name]
        report = report_open(org_unit=committee, period=period)
        # Follow Styra's proposal where it has one; otherwise the committee's own judgement.
        for i, line in enumerate(load_report(report).goals):
            value = line.proposed or COMMITTEE_ASSESSMENTS[i % len(COMMITTEE_ASSESSMENTS)]
            assessment_set(
                report=report,
                goal=line.goal,
                value=value,
                proposed=line.proposed,
                analysis=ANALYSIS[value],
            )
        for section in report.sections.all():
            if section.heading in COMMITTEE_TEXT:
                report_section_update(section=section, text=COMMITTEE_TEXT[section.heading])
        self.finish(report, committee, state, self.users[WRITERS.get(name, "admin")])

    def finish(
        self, report: Report, unit: OrgUnit, state: str, by: User, *, message: str = ""
    ) -> None:
        if state in ("submitted", "approved"):
            report_submit(report=report, by=by, message=message)
        if state == "approved":
            committee = self.committee_of(unit)
            approver = self.users[APPROVERS.get(committee, "admin")]
            if approver.username == by.username:
                approver = self.users["admin"]  # nobody approves their own report
            # With its snapshot, as the approve button does: every approved report keeps the
            # version that was approved.
            report_approve(report=report, by=approver)

    def committee_of(self, unit: OrgUnit) -> str:
        for name, node in self.nodes.items():
            if node.pk == unit.pk and node.kind == "committee":
                return name
        parent = unit.parent
        while parent is not None and parent.kind != "committee":
            parent = parent.parent
        return parent.name if parent else ""


def _has_decimals(row: BudgetRow) -> bool:
    return any(
        amount is not None and amount != amount.to_integral_value()
        for amount in (row.costs, row.revenues, row.net)
    )


def load_followup(nodes: dict[str, OrgUnit], year: PlanningYear) -> int:
    """The year's demo reports; returns how many were written."""
    return FollowUpLoader(nodes).load(year)


def late_report() -> tuple[Period, str]:
    """The period and unit of the report the demo leaves missing after its deadline."""
    code, unit = LATE
    return Period.parse(code), unit
