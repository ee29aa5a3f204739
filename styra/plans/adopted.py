"""The plan as adopted: what the plan page asks decisions, which sits above plans.

An adopted plan is locked, but the chain above it is not, so the page shows the plan as
its snapshot holds it and compares that with the plan as it would read now. Snapshots and
the comparison are decisions'; plans states the question here (`adopted_plan`) and the
shape of the answer (`Adopted`), and decisions registers the function that answers it
(`styra.decisions.adopted.plan_as_adopted`) in its AppConfig.ready(), through a
`lib.hooks.Hook`.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from styra.lib.hooks import Hook

from .context import PlanContext
from .models import Plan
from .stored_plan import PlanView

if TYPE_CHECKING:
    from styra.decisions.compare import Comparison
    from styra.decisions.models import Snapshot


@dataclass(frozen=True)
class Adopted:
    """An adopted plan as the page shows it, and how the live plan differs from it."""

    snapshot: "Snapshot"  # the adopted version, without its PDF
    view: PlanView  # the snapshot's plan in the shape of PlanContext
    since: "Comparison"  # the adopted version against the plan as it would read now


# Given the plan and its live context (the page has loaded it already): None for a plan
# that is not adopted, or was adopted without a snapshot; it is then shown as it stands.
adopted_plan: Hook[[Plan, PlanContext], Adopted | None] = Hook(
    "The plan as adopted", answered_by="styra.decisions"
)
