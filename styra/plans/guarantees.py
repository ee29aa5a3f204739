"""The plan's quality guarantees: what plans asks internal_control, which sits above it.

A unit's quality guarantees (kvalitetsgarantier: promises to the citizens with a
measurable term) are part of its verksamhetsplan of the year: the plan page shows them,
the styra-plan/1 dict carries them (`quality_guarantees`, left out when there are none,
so that a plan without any reads as it always did), and so do the documents, the
snapshot of an adopted plan and its public page. They are internal_control's models;
plans states the question here (`plan_guarantees`) and the shape of the answer
(`GuaranteeItem`, the dict's entry), and internal_control registers the function that
answers it in its AppConfig.ready(), through a `lib.hooks.Hook`.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from styra.lib.hooks import Hook

from .models import Plan


@dataclass(frozen=True)
class GuaranteeItem:
    """One guarantee as the plan states it (its follow-up is no part of the plan)."""

    promise: str
    term: str
    target_percent: int
    remedy: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "promise": self.promise,
            "term": self.term,
            "target_percent": self.target_percent,
            "remedy": self.remedy or None,
        }


# The guarantees of the plan's unit and year, in the plan's order (one query).
plan_guarantees: Hook[[Plan], list[GuaranteeItem]] = Hook(
    "The quality guarantees of a plan", answered_by="styra.internal_control"
)


# Copying the plan to a later year (`services.plan_copy_to_year`) copies the unit's
# guarantees into the new plan; the answer names each one copied, for the copy's report.
copy_plan_guarantees: Hook[[Plan, Plan], list[str]] = Hook(
    "Copy a plan's quality guarantees into the unit's plan of a later year",
    answered_by="styra.internal_control",
)


def items_from_dict(entries: Iterable[dict[str, Any]] | None) -> list[GuaranteeItem]:
    """A stored dict's guarantees (an adopted plan's snapshot), as the live plan gives them."""
    return [
        GuaranteeItem(
            promise=entry.get("promise") or "",
            term=entry.get("term") or "",
            target_percent=int(entry.get("target_percent", 100)),
            remedy=entry.get("remedy") or "",
        )
        for entry in entries or []
    ]
