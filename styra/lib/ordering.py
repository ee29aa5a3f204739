"""Reordering rows that carry a `position` among their siblings."""

from django.db.models import Max, QuerySet


def next_position(siblings: QuerySet) -> int:
    return (siblings.aggregate(m=Max("position"))["m"] or 0) + 1


def move(obj, siblings: QuerySet, offset: int) -> None:
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
