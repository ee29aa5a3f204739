"""The organisation tree the user may see, and its administration: add, rename and move nodes.

The page is the access policy applied to the tree (which nodes a person sees, where they
administer), so it lives with the policy in accounts, above organisation; organisation keeps
the tree itself, its rules, forms and services. Its URLs keep the "organisation" namespace
and /organisation/ (styra.accounts.organisation_urls).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_htmx.http import reswap, retarget

from styra.lib.forms import add_service_errors
from styra.lib.http import HtmxHttpRequest
from styra.organisation.forms import OrgUnitCreateForm, OrgUnitMoveForm, OrgUnitRenameForm
from styra.organisation.models import OrgUnit
from styra.organisation.services import org_unit_create, org_unit_move, org_unit_rename

from ..permissions import Action, AnyUser, can, get_unit_for_user, visible_unit_ids


@dataclass
class Branch:
    """A visible node with its visible children and what the user may do there."""

    unit: OrgUnit
    can_administer: bool
    children: list["Branch"] = field(default_factory=list)
    focus: bool = False


def _load_tree(user: AnyUser) -> tuple[list[Branch], dict[int, Branch]]:
    """The visible forest in tree order; three queries however large the tree is."""
    visible = visible_unit_ids(user)
    units = [u for u in OrgUnit.objects.with_tree_fields() if u.pk in visible]
    branches = {u.pk: Branch(unit=u, can_administer=can(user, Action.ADMINISTER, u)) for u in units}
    roots: list[Branch] = []
    for unit in sorted(units, key=lambda u: u.tree_ordering):
        parent = branches.get(unit.parent_id)
        (parent.children if parent else roots).append(branches[unit.pk])
    return roots, branches


@dataclass
class Row:
    """A branch as the page lists it: the tree flattened in order, with how its <li> ends."""

    branch: Branch
    opens: bool  # its children follow in a nested list
    closes: range  # how many enclosing lists end after it


def _rows(roots: list[Branch]) -> list[Row]:
    """The forest in page order, without recursion (a tree of any depth renders)."""
    order: list[tuple[Branch, int]] = []
    stack = [(branch, 0) for branch in reversed(roots)]
    while stack:
        branch, depth = stack.pop()
        order.append((branch, depth))
        stack.extend((child, depth + 1) for child in reversed(branch.children))
    rows = []
    for i, (branch, depth) in enumerate(order):
        following = order[i + 1][1] if i + 1 < len(order) else 0
        opens = bool(branch.children)
        rows.append(Row(branch, opens, range(0 if opens else depth - following)))
    return rows


def _focus_id(request: HttpRequest) -> int | None:
    value = request.GET.get("fokus", "")
    return int(value) if value.isdigit() else None


def _tree_context(
    user: AnyUser, *, focus_id: int | None = None, announce: str = ""
) -> dict[str, Any]:
    roots, branches = _load_tree(user)
    if focus_id in branches:
        branches[focus_id].focus = True
    return {"rows": _rows(roots), "announce": announce, "nav": "organisation"}


@login_required
@require_http_methods(["GET"])
def tree(request: HtmxHttpRequest) -> HttpResponse:
    context = _tree_context(request.user, focus_id=_focus_id(request))
    template = "organisation/tree.html#tree" if request.htmx else "organisation/tree.html"
    return render(request, template, context)


def _tree_response(request: HtmxHttpRequest, *, focus: OrgUnit, message: str) -> HttpResponse:
    """After a write: the re-rendered tree for htmx, else a redirect back to the node."""
    if request.htmx:
        context = _tree_context(request.user, focus_id=focus.pk, announce=message)
        response = render(request, "organisation/tree.html#tree", context)
        return reswap(retarget(response, "#org-tree"), "outerHTML")
    messages.success(request, message)
    return redirect(f"{reverse('organisation:tree')}#org-{focus.pk}")


def _form_response(
    request: HtmxHttpRequest,
    *,
    form: forms.Form,
    node: OrgUnit,
    title: str,
    submit_label: str,
    action: str,
) -> HttpResponse:
    context = {
        "form": form,
        "node": node,
        "title": title,
        "submit_label": submit_label,
        "action": action,
        "cancel_url": f"{reverse('organisation:tree')}?fokus={node.pk}#org-{node.pk}",
        "in_panel": request.htmx,
        "nav": "organisation",
    }
    template = "organisation/form.html#form" if request.htmx else "organisation/form.html"
    return render(request, template, context)


def _data(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


def _node_form(
    request: HtmxHttpRequest,
    *,
    form: forms.Form,
    node: OrgUnit,
    write: Callable[[dict[str, Any]], tuple[OrgUnit, str]],
    title: str,
    submit_label: str,
    action: str,
) -> HttpResponse:
    """Add, rename and move in one flow: a valid form goes to `write` (the service call, which
    returns the node to focus and the message to announce); what the service refuses shows on
    the form, as the form's own errors do."""
    if form.is_valid():
        try:
            focus, message = write(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _tree_response(request, focus=focus, message=message)
    return _form_response(
        request, form=form, node=node, title=title, submit_label=submit_label, action=action
    )


@login_required
@require_http_methods(["GET", "POST"])
def node_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    parent = get_unit_for_user(request.user, pk, Action.ADMINISTER)

    def write(data: dict[str, Any]) -> tuple[OrgUnit, str]:
        node = org_unit_create(parent=parent, **data)
        message = _("%(name)s lades till under %(parent)s.") % {
            "name": node.name,
            "parent": parent.name,
        }
        return node, message

    return _node_form(
        request,
        form=OrgUnitCreateForm(_data(request), parent=parent, auto_id=f"add{pk}-%s"),
        node=parent,
        write=write,
        title=_("Lägg till en enhet under %(name)s") % {"name": parent.name},
        submit_label=_("Lägg till"),
        action=reverse("organisation:node_add", args=[pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def node_rename(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    node = get_unit_for_user(request.user, pk, Action.ADMINISTER)
    old_name = node.name

    def write(data: dict[str, Any]) -> tuple[OrgUnit, str]:
        try:
            org_unit_rename(node=node, name=data["name"])
        except ValidationError:
            node.name = old_name  # the form is drawn for the node as it still is
            raise
        return node, _("%(old)s heter nu %(new)s.") % {"old": old_name, "new": node.name}

    return _node_form(
        request,
        form=OrgUnitRenameForm(_data(request), node=node, auto_id=f"rename{pk}-%s"),
        node=node,
        write=write,
        title=_("Byt namn på %(name)s") % {"name": old_name},
        submit_label=_("Spara namnet"),
        action=reverse("organisation:node_rename", args=[pk]),
    )


def _move_targets(user: AnyUser, node: OrgUnit) -> list[tuple[OrgUnit, str]]:
    """Nodes the user administers outside the node's own subtree, labelled with their path."""
    _roots, branches = _load_tree(user)
    targets = []
    for branch in sorted(branches.values(), key=lambda b: b.unit.tree_ordering):
        unit = branch.unit
        if not branch.can_administer or node.pk in unit.tree_path:
            continue
        names = [branches[pk].unit.name for pk in unit.tree_path if pk in branches]
        targets.append((unit, " / ".join(names)))
    return targets


@login_required
@require_http_methods(["GET", "POST"])
def node_move(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    node = get_unit_for_user(request.user, pk, Action.ADMINISTER)
    targets = _move_targets(request.user, node)

    def write(data: dict[str, Any]) -> tuple[OrgUnit, str]:
        new_parent = data["new_parent"]
        org_unit_move(node=node, new_parent=new_parent)
        message = _("%(name)s ligger nu under %(parent)s.") % {
            "name": node.name,
            "parent": new_parent.name,
        }
        return node, message

    return _node_form(
        request,
        form=OrgUnitMoveForm(_data(request), node=node, targets=targets, auto_id=f"move{pk}-%s"),
        node=node,
        write=write,
        title=_("Flytta %(name)s") % {"name": node.name},
        submit_label=_("Flytta"),
        action=reverse("organisation:node_move", args=[pk]),
    )
