"""A plan's or report's goal dicts as the tree the shared goal templates read.

The plan page renders `plans.context.Node`: model instances, so a template reads
`node.goal.title`, `row.indicator.name` and `activity.start` (a date). The public
page and the import preview have only a styra-plan/1 or styra-report/1 dict.
Rather than teach templates/goals/_indicator_table.html and its siblings both
shapes, these read-only stand-ins give the dicts the plan page's attribute paths;
the import preview uses them too.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from styra.goals.models import NARRATIVE_FIELDS, Level
from styra.lib.numbers import figure_unit
from styra.lib.outline import OutlinedSection, nothing_for_unit, outline


def level_label(level: str, unit_label: str) -> str:
    """A goal level's name as a dict carries it; the unit level is named by the year."""
    if level == Level.UNIT:
        return unit_label
    return str(Level(level).label) if level in Level.values else level


@dataclass(frozen=True)
class GoalView:
    level: str
    number: str
    title: str
    label: str  # "Nämndmål:", as the documents print it before the title
    description: str = ""
    expected_result: str = ""
    method: str = ""
    resources: str = ""
    follow_up: str = ""
    development: str = ""
    assessment: dict[str, Any] | None = None  # a report's: label, reason, analysis
    assessed: bool = False  # a report's goal that the unit assesses, assessment made or not


@dataclass(frozen=True)
class IndicatorView:
    name: str
    period: str = ""

    def get_periodicity_display(self) -> str:
        """What `Indicator.get_periodicity_display` gives on the plan page."""
        return self.period


@dataclass(frozen=True)
class IndicatorRowView:
    indicator: IndicatorView
    target: str = ""
    city_target: str = ""
    # A report's follow-up of the indicator.
    measure: str = ""
    outcome: float | int | None = None
    outcome_text: str = ""
    status_symbol: str = ""
    status_label: str = ""

    @property
    def unit(self) -> str:
        return figure_unit(self.measure, self.target)


@dataclass(frozen=True)
class ActivityView:
    name: str
    start: date | None = None
    end: date | None = None
    # A report's follow-up of the activity.
    status_label: str = ""
    comment: str = ""


@dataclass(frozen=True)
class GoalNodeView:
    goal: GoalView
    indicators: list[IndicatorRowView] = field(default_factory=list)
    activities: list[ActivityView] = field(default_factory=list)
    children: list["GoalNodeView"] = field(default_factory=list)

    @property
    def nothing_for_unit(self) -> bool:
        return nothing_for_unit(
            self.goal.level,
            indicators=self.indicators,
            activities=self.activities,
            children=self.children,
            assessed=self.goal.assessed,
        )


def goal_tree(goals: list[dict], *, unit_goal_label: str) -> list[GoalNodeView]:
    """The goal dicts as nodes; a goal without a "label" (a plan's) gets its level's."""
    return [_node(goal, unit_goal_label) for goal in goals]


def _node(data: dict, unit_goal_label: str) -> GoalNodeView:
    level = data.get("level") or ""
    goal = GoalView(
        level=level,
        number=data.get("number") or "",
        title=data.get("title") or "",
        label=data.get("label") or f"{level_label(level, unit_goal_label)}:",
        assessment=data.get("assessment"),
        assessed=bool(data.get("assessed") or data.get("assessment")),
        **{name: data.get(name) or "" for name in NARRATIVE_FIELDS},
    )
    return GoalNodeView(
        goal=goal,
        indicators=[_indicator_row(row) for row in data.get("indicators") or []],
        activities=[_activity(row) for row in data.get("activities") or []],
        children=[_node(child, unit_goal_label) for child in data.get("children") or []],
    )


def _indicator_row(row: dict) -> IndicatorRowView:
    return IndicatorRowView(
        indicator=IndicatorView(name=row.get("name") or "", period=row.get("period") or ""),
        target=row.get("target") or "",
        city_target=row.get("city_target") or "",
        measure=row.get("measure") or "",
        outcome=row.get("outcome"),
        outcome_text=row.get("outcome_text") or "",
        status_symbol=row.get("status_symbol") or "",
        status_label=row.get("status_label") or "",
    )


def _activity(row: dict) -> ActivityView:
    return ActivityView(
        name=row.get("name") or "",
        start=_date(row.get("start")),
        end=_date(row.get("end")),
        status_label=row.get("status_label") or "",
        comment=row.get("comment") or "",
    )


def _date(value: str | None) -> date | None:
    """Both formats keep ISO dates (the schema checks them); anything else shows as none."""
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


# ---------------------------------------------------------------- a whole plan


@dataclass(frozen=True)
class SectionView:
    pk: int  # its place in the plan, for the page's anchors (the stored version has no ids)
    heading: str
    text: str


@dataclass(frozen=True)
class BudgetRowView:
    name: str
    costs: float | int | None = None
    revenues: float | int | None = None
    net: float | int | None = None
    is_total: bool = False


@dataclass(frozen=True)
class BudgetView:
    currency_unit: str


@dataclass(frozen=True)
class AppendixView:
    name: str
    pk: int | None = None  # the live appendix of that name, whose file the page links to
    file: Any = None


@dataclass(frozen=True)
class PlanView:
    """A styra-plan/1 dict with its snapshot's meta, in the shape of plans.context.PlanContext:
    what the plan page reads when it shows an adopted plan as it was adopted."""

    organisation: str
    unit_goal_label: str
    officer: str
    phone: str
    addressee: str
    meeting_date: date | None
    nodes: list[GoalNodeView]
    intro_sections: list[SectionView]
    closing_sections: list[SectionView]
    budget: BudgetView | None
    budget_rows: list[BudgetRowView]
    appendices: list[AppendixView]

    @property
    def intro_outline(self) -> list[OutlinedSection]:
        return outline(self.intro_sections)

    @property
    def closing_outline(self) -> list[OutlinedSection]:
        return outline(self.closing_sections)

    @property
    def budget_columns(self) -> list[str]:
        return [
            c
            for c in ("costs", "revenues", "net")
            if any(getattr(r, c) is not None for r in self.budget_rows)
        ]


def plan_view(data: dict, meta: dict, *, organisation: str, appendices=()) -> PlanView:
    """The stored plan as the page reads it; `appendices` are the live ones, for their files."""
    label = meta.get("unit_goal_label") or "Enhetsmål"
    sections = [
        SectionView(pk=i, heading=s.get("heading") or "", text=s.get("text") or "")
        for i, s in enumerate(data.get("sections") or [], start=1)
    ]
    split = meta.get("closing_from")
    split = len(sections) if split is None else max(0, split)
    budget = data.get("budget")
    files = {a.name: a for a in appendices}
    return PlanView(
        organisation=organisation,
        unit_goal_label=label,
        officer=data.get("officer") or "",
        phone=meta.get("phone") or "",
        addressee=data.get("addressee") or "",
        meeting_date=_date(meta.get("meeting_date")),
        nodes=goal_tree(data.get("goals") or [], unit_goal_label=label),
        intro_sections=sections[:split],
        closing_sections=sections[split:],
        budget=BudgetView(budget.get("currency_unit") or "") if budget else None,
        budget_rows=[
            BudgetRowView(
                name=row.get("name") or "",
                costs=row.get("costs"),
                revenues=row.get("revenues"),
                net=row.get("net"),
                is_total=bool(row.get("total")),
            )
            for row in (budget or {}).get("rows") or []
        ],
        appendices=[_appendix(name, files.get(name)) for name in data.get("appendices") or []],
    )


def _appendix(name: str, live) -> AppendixView:
    """The stored appendix; its file is the live one of that name, if there still is one."""
    if live is None:
        return AppendixView(name)
    return AppendixView(name, pk=live.pk, file=live.file)
