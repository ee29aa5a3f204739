"""The organisation tree: city, committees, departments, units and groups."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from tree_queries.fields import TreeNodeForeignKey
from tree_queries.models import TreeNode
from tree_queries.query import TreeQuerySet


class Kind(models.TextChoices):
    CITY = "city", _("Kommun")
    COMMITTEE = "committee", _("Nämnd")
    DEPARTMENT = "department", _("Förvaltning/avdelning")
    UNIT = "unit", _("Enhet")
    GROUP = "group", _("Grupp")


# Levels of the organisation tree, the city being level 1. Real cities have six or
# seven (kommun, nämnd, förvaltning, avdelning, enhet, grupp); the limit keeps every
# page that walks the tree, and the people reading it, out of trouble.
MAX_DEPTH = 12


class OrgUnitQuerySet(TreeQuerySet["OrgUnit"]):
    def subtree(self, node: "OrgUnit") -> "OrgUnitQuerySet":
        """The node and everything below it, in tree order."""
        return self.descendants(node, include_self=True)

    def city(self) -> "OrgUnit | None":
        """The city at the top of the tree (the first, should there be several roots)."""
        return self.filter(parent=None, kind=Kind.CITY).order_by("pk").first()

    def by_path(self) -> dict[str, "OrgUnit"]:
        """Every node keyed by its slash-separated path of names below the root."""
        nodes = list(self.with_tree_fields())
        by_id = {n.pk: n for n in nodes}
        return {"/".join(by_id[pk].name for pk in n.tree_path[1:]) or n.name: n for n in nodes}


# django-stubs cannot follow tree_queries' own as_manager() (its manager is built from
# TreeManager, which the plugin does not see), so OrgUnit.objects and the "children"
# manager fall back to a manager whose queryset methods are untyped.
class OrgUnit(TreeNode):  # type: ignore[django-manager-missing]
    """A node of the organisation tree.

    Units are renamed and moved over the years; plans copy the name they were
    written under, so changing a node here never rewrites history.
    """

    # TreeNode's own field, named in Swedish: its "parent" would show in the history.
    parent = TreeNodeForeignKey(
        "self",
        blank=True,
        null=True,
        on_delete=models.CASCADE,
        verbose_name=_("överordnad enhet"),
        related_name="children",
    )
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind)
    code = models.CharField(_("kod"), max_length=40, blank=True)
    active = models.BooleanField(_("aktiv"), default=True)

    objects = OrgUnitQuerySet.as_manager(with_tree_fields=False)  # type: ignore[django-manager-missing,misc]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisationsenhet")
        verbose_name_plural = _("organisationsenheter")
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"], name="orgunit_unique_name_in_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def committee_kind(self) -> bool:
        return self.kind == Kind.COMMITTEE


class UnitLookupError(Exception):
    """A unit name or path that matches no node or several; the message lists the candidates.
    `ambiguous` is true when several nodes match."""

    def __init__(self, message: str, *, ambiguous: bool = False) -> None:
        super().__init__(message)
        self.ambiguous = ambiguous


def resolve_unit(text: str) -> OrgUnit:
    """Find a node by name or by a slash-separated path of names ("Östermalm/Vuxenenheten").

    The path may start anywhere in the tree; it must end at the node.
    """
    wanted = [part.strip().casefold() for part in text.split("/") if part.strip()]
    if not wanted:
        raise UnitLookupError(gettext("Ange en enhet."))
    paths = OrgUnit.objects.by_path()
    roots = {n.pk: n.name for n in paths.values() if n.parent_id is None}

    def parts(path: str, node: OrgUnit) -> list[str]:
        # by_path() leaves the root out; a path may still start with the city's name.
        names = path.split("/")
        return names if node.parent_id is None else [roots[node.tree_path[0]], *names]

    matches = [
        node
        for path, node in paths.items()
        if [p.casefold() for p in parts(path, node)][-len(wanted) :] == wanted
    ]
    if len(matches) == 1:
        found: OrgUnit = matches[0]
        return found
    full_paths = {node.pk: path for path, node in paths.items()}
    if not matches:
        similar = sorted(p for p in paths if wanted[-1] in p.casefold())[:20]
        message = gettext("Ingen enhet heter %(name)s.") % {"name": repr(text)}
        if similar:
            message += "\n" + gettext("Liknande: %(units)s") % {"units": "; ".join(similar)}
        raise UnitLookupError(message)
    listed = "; ".join(sorted(full_paths[m.pk] for m in matches))
    raise UnitLookupError(
        gettext("%(name)s är tvetydigt. Ange sökvägen till en av: %(units)s")
        % {"name": repr(text), "units": listed},
        ambiguous=True,
    )
