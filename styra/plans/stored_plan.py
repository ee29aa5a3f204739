"""A stored styra-plan/1 dict as the plan page reads it: an adopted plan as it was adopted.

The page renders plans.context.PlanContext; these read-only stand-ins give the stored
dict the same attribute paths, its goals as goals.tree nodes.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models.fields.files import FieldFile

from styra.goals.tree import ViewNode, goal_tree, parse_date
from styra.lib.outline import OutlinedSection, outline

from .guarantees import GuaranteeItem, items_from_dict
from .models import Appendix


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
    file: FieldFile | None = None


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
    nodes: list[ViewNode]
    intro_sections: list[SectionView]
    closing_sections: list[SectionView]
    budget: BudgetView | None
    budget_rows: list[BudgetRowView]
    appendices: list[AppendixView]
    quality_guarantees: list[GuaranteeItem]

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


def plan_view(
    data: dict[str, Any],
    meta: dict[str, Any],
    *,
    organisation: str,
    appendices: Iterable[Appendix] = (),
) -> PlanView:
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
        meeting_date=parse_date(meta.get("meeting_date")),
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
        quality_guarantees=items_from_dict(data.get("quality_guarantees")),
    )


def _appendix(name: str, live: Appendix | None) -> AppendixView:
    """The stored appendix; its file is the live one of that name, if there still is one."""
    if live is None:
        return AppendixView(name)
    return AppendixView(name, pk=live.pk, file=live.file)
