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
