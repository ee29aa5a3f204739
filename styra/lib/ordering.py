"""Reordering rows that carry a `position` among their siblings."""

from collections.abc import Callable, Hashable, Iterable
from typing import Any

from django.db.models import Max, Model, QuerySet


def next_position(siblings: QuerySet[Any]) -> int:
    top: int | None = siblings.aggregate(m=Max("position"))["m"]
    return (top or 0) + 1


def move(obj: Model, siblings: QuerySet[Any], offset: int) -> None:
    """Swap obj with the sibling `offset` steps away and renumber 1..n; no-op at either end."""
    ordered = list(siblings.order_by("position", "pk"))
    index = next(i for i, o in enumerate(ordered) if o.pk == obj.pk)
    other = index + offset
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered, start=1):
        if item.position != position:
            # save(), not QuerySet.update(): the audit trail sees model signals only.
            item.position = position
            item.save(update_fields=["position"])


def mark_movable(
    items: Iterable[Any], *, key: Callable[[Any], Hashable] = lambda item: None
) -> None:
    """Set `can_move_up` and `can_move_down` on items shown in their `position` order.

    Items with the same `key` move among themselves (as `move` sees them as siblings),
    so only the first of a group cannot go up and only the last cannot go down; pages
    offer a move only where it would move something.
    """
    groups: dict[Hashable, list[Any]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    for group in groups.values():
        for index, item in enumerate(group):
            item.can_move_up = index > 0
            item.can_move_down = index < len(group) - 1
