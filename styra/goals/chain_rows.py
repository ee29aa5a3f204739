"""The rows under a goal on the chain page, and what goals asks indicators about them.

The chain page (goals.views.chain) shows each goal's indicators with their annual targets
beside its activities, but indicators sit above goals in the import order (an indicator
points at its goal). So goals asks through a `lib.hooks.Hook`, `indicator_rows`, which
indicators answers in its AppConfig.ready() (styra.indicators.chain_rows) with the year's
rows in a bounded number of queries. Goals hangs the rows under their goals and edits
them as `ChainRow`s, whatever the row holds, so it never names an indicator.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from styra.lib.hooks import Hook

from .access import ChainAccess
from .models import Activity, Goal, PlanningYear


class UnderGoal(Protocol):
    """An object shown under a goal (an indicator, an activity): the goal's block answers for it."""

    @property
    def pk(self) -> int: ...

    @property
    def goal(self) -> Goal: ...

    @property
    def goal_id(self) -> int: ...

    @property
    def owner_id(self) -> int:
        """Rows move among those of the same owner."""
        ...


@dataclass(kw_only=True)
class ChainRow:
    """A row under a goal, an indicator's or an activity's: what the chain's editing reads."""

    editable: bool
    first: bool = False  # the first of its owner's rows: no "Flytta upp"
    last: bool = False
    focus: str = ""  # "upp"/"ned": the move button that gets the keyboard focus after the swap

    @property
    def obj(self) -> UnderGoal:
        """The indicator or activity the row shows; a move or delete of it finds its row."""
        raise NotImplementedError


# Indicators answers with every row of the year's chain the user may see, in order; the
# chain page drops those under goals it does not show.
indicator_rows: Hook[[PlanningYear, ChainAccess], Sequence[ChainRow]] = Hook(
    "The indicator rows of a year's goal chain", answered_by="styra.indicators"
)


@dataclass(kw_only=True)
class ActivityRow(ChainRow):
    activity: Activity

    @property
    def obj(self) -> Activity:
        return self.activity
