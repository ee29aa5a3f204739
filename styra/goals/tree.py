"""The goal tree: one shape for every page and document that shows goals under goals.

A node is a goal with the indicator rows and activities shown under it and the goals
under it. The plan page builds it from model instances (plans.context), the chain page
from the year's chain (goals.views.chain, which adds what editing needs); the public
page, the import preview and reports read styra-plan/1 and styra-report/1 dicts, which
`goal_tree` turns into the same nodes holding read-only stand-ins with the models'
attribute paths, so that templates/goals/_goal.html and its siblings read one shape.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeAlias, TypeVar

from styra.lib.numbers import figure_unit
from styra.lib.outline import nothing_for_unit

from .models import NARRATIVE_FIELDS, Goal, Level

G = TypeVar("G", bound="Goal | GoalView")  # a Goal, or a GoalView read from a dict
R = TypeVar("R")  # an indicator row: plans.context's IndicatorRow, or an IndicatorRowView
A = TypeVar("A")  # an activity: an Activity, or an ActivityView


@dataclass
class GoalNode(Generic[G, R, A]):
    goal: G
    own: bool = False  # the unit's own goal, in a plan
    indicators: list[R] = field(default_factory=list)
    activities: list[A] = field(default_factory=list)
    children: list["GoalNode[G, R, A]"] = field(default_factory=list)
    source: str = ""  # where the goal was read from, in the import preview ("Sidan 3–4 …")

    @property
    def nothing_for_unit(self) -> bool:
        return nothing_for_unit(
            self.goal.level,
            indicators=self.indicators,
            activities=self.activities,
            children=self.children,
            assessed=getattr(self.goal, "assessed", False),
        )


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


# A node read from a styra-plan/1 or styra-report/1 dict.
ViewNode: TypeAlias = GoalNode[GoalView, IndicatorRowView, ActivityView]


def goal_tree(goals: list[dict[str, Any]], *, unit_goal_label: str) -> list[ViewNode]:
    """The goal dicts as nodes; a goal without a "label" (a plan's) gets its level's."""
    return [_node(goal, unit_goal_label) for goal in goals]


def _node(data: dict[str, Any], unit_goal_label: str) -> ViewNode:
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
    return ViewNode(
        goal=goal,
        indicators=[_indicator_row(row) for row in data.get("indicators") or []],
        activities=[_activity(row) for row in data.get("activities") or []],
        children=[_node(child, unit_goal_label) for child in data.get("children") or []],
    )


def _indicator_row(row: dict[str, Any]) -> IndicatorRowView:
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


def _activity(row: dict[str, Any]) -> ActivityView:
    return ActivityView(
        name=row.get("name") or "",
        start=parse_date(row.get("start")),
        end=parse_date(row.get("end")),
        status_label=row.get("status_label") or "",
        comment=row.get("comment") or "",
    )


def parse_date(value: str | None) -> date | None:
    """Both formats keep ISO dates (the schema checks them); anything else shows as none."""
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None
