"""Personer och roller: the administration of people and their roles, under /personer/.

A city administrator sees everyone; a committee's or department's administrator the
people with a role in their subtree, and only those roles (styra.accounts.people). Each
page loads what it shows through get_person_for_user / get_membership_for_user (404 for
what lies outside), and each change is a service of styra.accounts.services, which
checks the same rules again and records who did what where.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from styra.lib.forms import add_service_errors
from styra.lib.http import AuthenticatedHttpRequest
from styra.organisation.models import OrgUnit

from .. import services
from ..forms import GrantForm, PeopleFilterForm, PersonCreateForm, PersonUpdateForm
from ..models import Membership, Role
from ..people import (
    Scope,
    admin_scope,
    get_membership_for_user,
    get_person_for_user,
    looks_after,
    manages_account,
    node_labels,
    people_in,
)
from ..permissions import Action, visible_unit_ids
from ..rights import account_notes, explain

PER_PAGE = 50


def _scope_or_404(request: HttpRequest) -> Scope:
    """The user's administration; the area does not exist for someone who administers nothing."""
    scope = admin_scope(request.user)
    if not scope:
        raise Http404
    return scope


def _nodes(scope: Scope, labels: dict[int, str]) -> list[tuple[int, str]]:
    """The nodes the user administers, in tree order, labelled with their paths."""
    return [(pk, label) for pk, label in labels.items() if pk in scope.node_ids]


@dataclass
class PersonRow:
    person: User
    roles: list[tuple[str, str]]  # (role label, place), where the viewer administers


@login_required
@require_GET
def people_list(request: HttpRequest) -> HttpResponse:
    scope = _scope_or_404(request)
    labels = node_labels()
    form = PeopleFilterForm(request.GET, nodes=_nodes(scope, labels), everyone=scope.everyone)
    people = people_in(scope)
    node_ids = set(scope.node_ids)
    if form.is_valid():
        chosen = form.cleaned_data["enhet"]
        if chosen == PeopleFilterForm.NO_ROLE:
            people = people.filter(memberships__isnull=True)
        elif chosen:
            node = OrgUnit.objects.get(pk=int(chosen))
            node_ids &= set(OrgUnit.objects.subtree(node).values_list("pk", flat=True))
            people = people.filter(
                pk__in=Membership.objects.filter(org_unit_id__in=node_ids).values("user_id")
            )
        if text := form.cleaned_data["namn"].strip():
            people = people.filter(
                Q(username__icontains=text)
                | Q(first_name__icontains=text)
                | Q(last_name__icontains=text)
                | Q(email__icontains=text)
            )
    page = Paginator(people, PER_PAGE).get_page(request.GET.get("sida"))
    held: dict[int, list[tuple[str, str]]] = {}
    for membership in Membership.objects.on_nodes(node_ids).filter(
        user__in=[p.pk for p in page.object_list]
    ):
        held.setdefault(membership.user_id, []).append(
            (membership.get_role_display(), labels.get(membership.org_unit_id, ""))
        )
    rows = [PersonRow(p, sorted(held.get(p.pk, []), key=lambda r: r[1])) for p in page]
    query = urlencode({k: str(v) for k, v in request.GET.items() if k != "sida" and v})
    context = {
        "form": form,
        "rows": rows,
        "page": page,
        "query": query,
        "nav": "people",
    }
    return render(request, "accounts/people/list.html", context)


def _roles_in_tree_order(person: User) -> tuple[list[Membership], dict[int, str]]:
    """The person's roles by place in the tree, and every node's path."""
    labels = node_labels()
    order = {pk: i for i, pk in enumerate(labels)}
    memberships = sorted(
        person.memberships.select_related("org_unit"),
        key=lambda m: (order.get(m.org_unit_id, 0), m.role),
    )
    return memberships, labels


def _update_form(
    request: AuthenticatedHttpRequest, person: User, data: Any = None
) -> PersonUpdateForm:
    """The form "Ändra uppgifter"; one's own address is shown, not edited (person_update)."""
    own = person.pk == request.user.pk
    note = services.OWN_EMAIL if own else None
    return PersonUpdateForm(data, person=person, email_note=note)


def _person_context(
    request: AuthenticatedHttpRequest, person: User, update_form: PersonUpdateForm | None = None
) -> dict[str, Any]:
    scope = admin_scope(request.user)
    memberships, labels = _roles_in_tree_order(person)
    shown = [m for m in memberships if scope.everyone or m.org_unit_id in scope.node_ids]
    # A form to show again comes from the update view, which loaded the person for ADMINISTER.
    manages = update_form is not None or manages_account(scope, person)
    if update_form is None and manages:
        update_form = _update_form(request, person)
    return {
        "person": person,
        "roles": explain(shown, labels, set(scope.root_ids)),
        "hidden_roles": len(memberships) - len(shown),
        "notes": account_notes(person, memberships),
        "visible_units": len(visible_unit_ids(person)) if person.is_active else 0,
        "manages": manages,
        "update_form": update_form,
        "is_self": person.pk == request.user.pk,
        "grant_url": f"{reverse('people:grant')}?{urlencode({'person': person.get_username()})}",
        "nav": "people",
    }


@login_required
@require_GET
def person_detail(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    person = get_person_for_user(request.user, user_id)
    return render(request, "accounts/people/person.html", _person_context(request, person))


@login_required
@require_GET
def my_access(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What the signed-in person may see and do, and why: their own roles."""
    person = request.user
    memberships, labels = _roles_in_tree_order(person)
    roots = set(OrgUnit.objects.filter(parent=None).values_list("pk", flat=True))
    context = {
        "person": person,
        "roles": explain(memberships, labels, roots),
        "notes": account_notes(person, memberships),
        "visible_units": len(visible_unit_ids(person)),
        "self_view": True,
    }
    return render(request, "accounts/my_access.html", context)


def _after(request: HttpRequest, person: User) -> HttpResponse:
    """Back to the person's page, or to the list once the person is out of the user's sight."""
    if looks_after(admin_scope(request.user), person):
        return redirect("people:person", user_id=person.pk)
    return redirect("people:list")


def _done(request: HttpRequest, person: User, action: Any, message: str) -> HttpResponse:
    """Run a service; its refusal becomes an error message, nothing having changed."""
    try:
        action()
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, message)
    return _after(request, person)


@login_required
@require_http_methods(["GET", "POST"])
def grant(request: AuthenticatedHttpRequest) -> HttpResponse:
    scope = _scope_or_404(request)
    labels = node_labels()
    data = request.POST if request.method == "POST" else None
    form = GrantForm(data, nodes=_nodes(scope, labels), initial=request.GET.dict())
    if form.is_valid():
        person = form.cleaned_data["person"]
        node = OrgUnit.objects.get(pk=form.cleaned_data["org_unit"])
        try:
            services.membership_grant(
                user=person, role=form.cleaned_data["role"], node=node, by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(person)s är nu %(role)s på %(node)s.")
                % {
                    "person": services.display_name(person),
                    "role": Role(form.cleaned_data["role"]).label.lower(),
                    "node": node.name,
                },
            )
            return redirect("people:person", user_id=person.pk)
    context = {"form": form, "nav": "people"}
    return render(request, "accounts/people/grant.html", context)


@login_required
@require_POST
def revoke(request: AuthenticatedHttpRequest, membership_id: int) -> HttpResponse:
    membership = get_membership_for_user(request.user, membership_id)
    person, node = membership.user, membership.org_unit
    message = _("%(person)s är inte längre %(role)s på %(node)s.") % {
        "person": services.display_name(person),
        "role": membership.get_role_display().lower(),
        "node": node.name,
    }
    return _done(
        request,
        person,
        lambda: services.membership_revoke(membership=membership, by=request.user),
        message,
    )


@login_required
@require_POST
def deactivate(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    person = get_person_for_user(request.user, user_id, Action.ADMINISTER)
    message = _("Kontot för %(person)s är inaktiverat och alla dess inloggningar är avslutade.") % {
        "person": services.display_name(person)
    }
    return _done(
        request, person, lambda: services.user_deactivate(user=person, by=request.user), message
    )


@login_required
@require_POST
def update(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    """Ändra uppgifter; a refused change shows the person's page again with the form's errors."""
    person = get_person_for_user(request.user, user_id, Action.ADMINISTER)
    form = _update_form(request, person, request.POST)
    if form.is_valid():
        try:
            changed = services.person_update(person=person, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            names = {"person": services.display_name(person)}
            if changed:
                messages.success(request, _("Uppgifterna för %(person)s är sparade.") % names)
            else:
                text = _("Inget ändrades: uppgifterna för %(person)s var redan desamma.")
                messages.info(request, text % names)
            return redirect("people:person", user_id=person.pk)
    context = _person_context(request, person, update_form=form)
    return render(request, "accounts/people/person.html", context)


@login_required
@require_POST
def reactivate(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    person = get_person_for_user(request.user, user_id, Action.ADMINISTER)
    message = _("Kontot för %(person)s är aktivt igen.") % {"person": services.display_name(person)}
    return _done(
        request, person, lambda: services.user_reactivate(user=person, by=request.user), message
    )


def _site_url(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


@login_required
@require_POST
def invite(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    person = get_person_for_user(request.user, user_id, Action.ADMINISTER)
    message = _("En länk för att välja lösenord har skickats till %(email)s.") % {
        "email": person.email
    }
    return _done(
        request,
        person,
        lambda: services.person_invite(person=person, site_url=_site_url(request), by=request.user),
        message,
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request: AuthenticatedHttpRequest) -> HttpResponse:
    scope = _scope_or_404(request)
    labels = node_labels()
    data = request.POST if request.method == "POST" else None
    form = PersonCreateForm(data, nodes=_nodes(scope, labels))
    if form.is_valid():
        values = dict(form.cleaned_data)
        invite, node = values.pop("invite"), OrgUnit.objects.get(pk=values.pop("org_unit"))
        try:
            # One step: a mail server that refuses the invitation leaves no account behind.
            with transaction.atomic():
                person = services.person_create(**values, node=node, by=request.user)
                if invite:
                    services.person_invite(
                        person=person, site_url=_site_url(request), by=request.user
                    )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            names = {"person": services.display_name(person), "email": person.email}
            if invite:
                text = _("%(person)s har lagts till. En inbjudan har skickats till %(email)s.")
            else:
                text = _("%(person)s har lagts till.")
            messages.success(request, text % names)
            return redirect("people:person", user_id=person.pk)
    context = {"form": form, "nav": "people"}
    return render(request, "accounts/people/create.html", context)
