"""`styra grant`, `styra revoke` and `styra roles`: names as typed, output, and refusals."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from styra.accounts.models import Membership, Role, Source
from styra.audit.models import AuditEntry, SecurityEvent, SecurityKind
from styra.audit.trail import system_actor
from styra.organisation.models import Kind, OrgUnit


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _roles(user) -> set[tuple[str, str]]:
    return set(Membership.objects.filter(user=user).values_list("org_unit__name", "role"))


def test_grant_takes_a_swedish_label_and_a_path(editor_a, org):
    out = run("grant", "editor_a", "Beslutsfattare", "Norra nämnden/Socialförvaltningen")
    assert out == (
        "editor_a har nu rollen Beslutsfattare på Norra nämnden/Socialförvaltningen "
        "och allt under den.\n"
    )
    assert ("Socialförvaltningen", "approver") in _roles(editor_a)


@pytest.mark.parametrize("typed", ["reader", "READER", "läsare", "Läsare", "Reader"])
def test_grant_takes_a_code_or_label_in_any_case(editor_a, org, typed):
    run("grant", "editor_a", typed, "Enhet B")
    assert ("Enhet B", "reader") in _roles(editor_a)


def test_the_operator_grants_as_the_system_user(editor_a, org, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run("grant", "editor_a", "reader", "Teststad")
    event = SecurityEvent.objects.get(kind=SecurityKind.ROLE_GRANTED)
    assert event.actor == system_actor()
    entry = AuditEntry.objects.get(object_type="accounts.membership")
    assert entry.actor == system_actor()
    assert Membership.objects.get(user=editor_a, org_unit=org.city).granted_by == system_actor()


def test_grant_as_a_user_goes_through_the_same_rules(committee_admin, editor_a, org):
    run("grant", "editor_a", "reader", "Enhet B", "--user", "committee_admin")
    event = SecurityEvent.objects.get(kind=SecurityKind.ROLE_GRANTED)
    assert event.actor == "committee_admin"
    assert f"via styra grant ({system_actor()})" in event.detail
    with pytest.raises(CommandError, match="Du administrerar inte Södra nämnden"):
        run("grant", "editor_a", "reader", "Södra nämnden", "--user", "committee_admin")
    with pytest.raises(CommandError, match="administratörsrollen på Teststad: den ligger över"):
        run("grant", "committee_admin", "admin", "Teststad", "--user", "committee_admin")
    with pytest.raises(CommandError, match="Du administrerar inte Enhet A"):
        run("grant", "editor_a", "admin", "Enhet A", "--user", "editor_a")
    assert _roles(editor_a) == {("Enhet A", "editor"), ("Enhet B", "reader")}


def test_a_role_the_person_has_changes_nothing(editor_a, org):
    out = run("grant", "editor_a", "editor", "Enhet A")
    assert out == "editor_a har redan rollen Redaktör på Enhet A. Ingenting ändrades.\n"
    assert not SecurityEvent.objects.exists()


def test_an_ambiguous_node_lists_the_candidates_in_swedish(editor_a, org):
    OrgUnit.objects.create(name="Enhet A", kind=Kind.UNIT, parent=org.south)
    with pytest.raises(CommandError) as excinfo:
        run("grant", "editor_a", "reader", "Enhet A")
    message = str(excinfo.value)
    assert "'Enhet A' är tvetydigt. Ange sökvägen till en av:" in message
    assert "Norra nämnden/Socialförvaltningen/Enhet A" in message
    assert "Södra nämnden/Enhet A" in message
    run("grant", "editor_a", "reader", "Södra nämnden/Enhet A")
    assert Membership.objects.filter(user=editor_a, org_unit__parent=org.south).exists()


def test_unknown_names_are_refused_with_what_there_is(editor_a, org):
    with pytest.raises(CommandError, match="Okänd roll: 'ägare'. Välj en av: läsare \\(reader\\)"):
        run("grant", "editor_a", "ägare", "Enhet A")
    with pytest.raises(CommandError, match="Det finns ingen användare 'nobody'"):
        run("grant", "nobody", "reader", "Enhet A")
    with pytest.raises(CommandError, match="Ingen enhet heter 'Enhet Q'"):
        run("grant", "editor_a", "reader", "Enhet Q")
    with pytest.raises(CommandError, match="Det finns ingen användare 'ghost'"):
        run("grant", "editor_a", "reader", "Enhet A", "--user", "ghost")
    assert _roles(editor_a) == {("Enhet A", "editor")}


def test_a_person_is_found_by_e_mail_too(editor_a, org):
    editor_a.email = "anna@kommun.test"
    editor_a.save()
    run("grant", "ANNA@kommun.test", "reader", "Enhet B")
    assert ("Enhet B", "reader") in _roles(editor_a)


def test_revoke_takes_the_role(editor_a, org):
    out = run("revoke", "editor_a", "redaktör", "Enhet A")
    place = "Norra nämnden/Socialförvaltningen/Enhet A"
    assert out == f"editor_a har inte längre rollen Redaktör på {place}.\n"
    assert _roles(editor_a) == set()
    assert SecurityEvent.objects.get(kind=SecurityKind.ROLE_REVOKED).actor == system_actor()


def test_revoke_of_a_role_not_held_lists_the_persons_roles(editor_a, org):
    with pytest.raises(CommandError) as excinfo:
        run("revoke", "editor_a", "reader", "Enhet A")
    assert str(excinfo.value) == (
        "editor_a har inte rollen Läsare på Norra nämnden/Socialförvaltningen/Enhet A. "
        "Personens roller: Redaktör på Norra nämnden/Socialförvaltningen/Enhet A."
    )


def test_revoke_as_a_user_refuses_outside_and_the_last_own_administrator_role(
    committee_admin, city_admin
):
    with pytest.raises(CommandError, match="Du administrerar inte Teststad"):
        run("revoke", "city_admin", "admin", "Teststad", "--user", "committee_admin")
    with pytest.raises(CommandError, match="din egen sista administratörsroll"):
        run("revoke", "committee_admin", "admin", "Norra nämnden", "--user", "committee_admin")
    assert _roles(committee_admin) == {("Norra nämnden", "admin")}
    assert _roles(city_admin) == {("Teststad", "admin")}


def test_roles_lists_every_role_by_node_in_tree_order(
    city_admin, committee_admin, editor_a, editor_b, approver, org, django_assert_max_num_queries
):
    editor_b.first_name, editor_b.last_name, editor_b.is_active = "Bo", "Berg", False
    editor_b.save()
    Membership.objects.create(
        user=editor_a, org_unit=org.dept, role=Role.READER, source=Source.IDENTITY_PROVIDER
    )
    with django_assert_max_num_queries(4):
        out = run("roles")
    assert out.splitlines() == [
        "Teststad",
        "  Administratör   city_admin",
        "Norra nämnden",
        "  Administratör   committee_admin",
        "  Beslutsfattare  approver",
        "Norra nämnden/Socialförvaltningen",
        "  Läsare          editor_a (från identitetsleverantören)",
        "Norra nämnden/Socialförvaltningen/Enhet A",
        "  Redaktör        editor_a",
        "Norra nämnden/Socialförvaltningen/Enhet B",
        "  Redaktör        editor_b (Bo Berg) (inaktiverat konto)",
    ]


def test_roles_of_a_node_and_as_a_user(city_admin, committee_admin, editor_a, org):
    assert run("roles", "Enhet A").splitlines() == [
        "Norra nämnden/Socialförvaltningen/Enhet A",
        "  Redaktör        editor_a",
    ]
    assert "city_admin" not in run("roles", "--user", "committee_admin")
    with pytest.raises(CommandError, match="editor_a administrerar ingenting här"):
        run("roles", "--user", "editor_a")
    assert run("roles", "Södra nämnden") == "Ingen har någon roll här.\n"
