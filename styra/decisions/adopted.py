"""The answer to plans.adopted: an adopted plan as its snapshot holds it, compared with now."""

from styra.plans.adopted import Adopted
from styra.plans.context import PlanContext
from styra.plans.models import Plan
from styra.plans.stored_plan import plan_view

from .capture import capture_context
from .compare import compare_plans
from .models import Snapshot


def plan_as_adopted(plan: Plan, live: PlanContext) -> Adopted | None:
    """The plan's adopted version for its page, and how the live plan differs from it.

    An adopted plan is locked, but the chain above it is not: KF may rename a goal or
    change a target afterwards. The page then still shows what was adopted (as its PDF,
    Word file and JSON do), and says that the chain has changed since. The live
    appendices stand in for the stored ones, for their files.
    """
    snapshot = Snapshot.objects.adopted_version(plan)
    if snapshot is None:
        return None
    now = capture_context(live, with_pdf=False)
    return Adopted(
        snapshot=snapshot,
        view=plan_view(
            snapshot.data,
            snapshot.meta,
            organisation=snapshot.organisation,
            appendices=live.appendices,
        ),
        since=compare_plans(snapshot.data, snapshot.meta, now.data, now.meta),
    )
