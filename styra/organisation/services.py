"""Writes to the organisation tree."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from .models import OrgUnit


@transaction.atomic
def org_unit_create(*, name: str, kind: str, parent: OrgUnit | None, code: str = "") -> OrgUnit:
    node = OrgUnit(name=name.strip(), kind=kind, parent=parent, code=code)
    node.full_clean()
    node.save()
    return node


@transaction.atomic
def org_unit_move(*, node: OrgUnit, new_parent: OrgUnit) -> OrgUnit:
    """Move a node and its subtree; refused if it would put a node under itself."""
    if new_parent.pk in OrgUnit.objects.subtree(node).values_list("pk", flat=True):
        raise ValidationError(gettext("En enhet kan inte flyttas in under sig själv."))
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
