"""Writes to the organisation tree."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from .models import MAX_DEPTH, OrgUnit


def _check_depth(parent: OrgUnit | None, height: int = 1) -> None:
    """Refuse to put `height` levels under `parent` when the tree would grow past MAX_DEPTH."""
    above = OrgUnit.objects.ancestors(parent, include_self=True).count() if parent else 0
    if above + height > MAX_DEPTH:
        raise ValidationError(
            gettext(
                "Organisationen kan ha högst %(max)s nivåer; %(name)s ligger redan på nivå "
                "%(level)s."
            )
            % {"max": MAX_DEPTH, "name": parent.name if parent else "", "level": above},
            code="too_deep",
        )


@transaction.atomic
def org_unit_create(*, name: str, kind: str, parent: OrgUnit | None, code: str = "") -> OrgUnit:
    """A new node; refused (ValidationError) when it would lie deeper than MAX_DEPTH."""
    _check_depth(parent)
    node = OrgUnit(name=name.strip(), kind=kind, parent=parent, code=code)
    node.full_clean()
    node.save()
    return node


@transaction.atomic
def org_unit_move(*, node: OrgUnit, new_parent: OrgUnit) -> OrgUnit:
    """Move a node and its subtree; refused if it would put a node under itself."""
    if new_parent.pk in OrgUnit.objects.subtree(node).values_list("pk", flat=True):
        raise ValidationError(gettext("En enhet kan inte flyttas in under sig själv."))
    depths = OrgUnit.objects.with_tree_fields().subtree(node).values_list("tree_depth", flat=True)
    _check_depth(new_parent, height=max(depths) - min(depths) + 1)
    node.parent = new_parent
    node.full_clean()
    node.save()
    return node


@transaction.atomic
def org_unit_rename(*, node: OrgUnit, name: str) -> OrgUnit:
    node.name = name.strip()
    node.full_clean()
    node.save()
    return node
