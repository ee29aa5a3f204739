"""Giving and taking roles, creating, correcting, inviting and closing accounts: the rules and
refusals."""

from __future__ import annotations

import smtplib

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from styra.accounts.models import GroupRole, Membership, Role, Source
from styra.accounts.services import (
    membership_grant,
    membership_revoke,
    memberships_sync_from_groups,
    person_create,
    person_invite,
    person_update,
    user_deactivate,
    user_reactivate,
)
from styra.audit.models import AuditEntry, SecurityEvent, SecurityKind
from styra.audit.trail import system_actor

SITE = "https://styra.kommun.test"


def _code(excinfo) -> str:
    return excinfo.value.error_list[0].code if hasattr(excinfo.value, "error_list") else ""


@pytest.fixture
def editor_s(org):
    from styra.conftest import _user

    return _user("editor_s", org.unit_s, Role.EDITOR)


def _memberships(user):
    return set(Membership.objects.filter(user=user).values_list("org_unit__name", "role"))


# ---------------------------------------------------------------- granting


def test_it_grants_a_role_in_the_administrators_subtree(committee_admin, editor_a, org):
    membership = membership_grant(
        user=editor_a, role=Role.APPROVER, node=org.dept, by=committee_admin
    )
    assert (membership.source, membership.granted_by) == (Source.STYRA, "committee_admin")
    assert membership.granted_at is not None
    assert ("Socialförvaltningen", "approver") in _memberships(editor_a)
    event = SecurityEvent.objects.get(kind=SecurityKind.ROLE_GRANTED)
    assert event.actor == "committee_admin"
    assert f"for=editor_a role=approver node={org.dept.pk} Socialförvaltningen" in event.detail


def test_the_grant_is_in_the_audit_trail_with_who_what_and_where(
    committee_admin, editor_a, org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        membership_grant(user=editor_a, role=Role.READER, node=org.north, by=committee_admin)
    entry = AuditEntry.objects.get(object_type="accounts.membership")
    assert entry.action == "create"
    assert entry.unit_id == org.north.pk
    assert entry.changes["role"] == [None, "reader"]


def test_it_refuses_a_node_outside_the_subtree(committee_admin, editor_a, org):
    with pytest.raises(ValidationError, match="Du administrerar inte Södra nämnden") as excinfo:
        membership_grant(user=editor_a, role=Role.READER, node=org.south, by=committee_admin)
    assert _code(excinfo) == "forbidden"
    assert _memberships(editor_a) == {("Enhet A", "editor")}
    assert not SecurityEvent.objects.filter(kind=SecurityKind.ROLE_GRANTED).exists()


def test_it_never_grants_administrator_above_the_administrators_node(committee_admin, org):
    with pytest.raises(ValidationError, match="ligger över det du administrerar"):
        membership_grant(user=committee_admin, role=Role.ADMIN, node=org.city, by=committee_admin)
    with pytest.raises(ValidationError, match="Du administrerar inte Teststad"):
        membership_grant(user=committee_admin, role=Role.READER, node=org.city, by=committee_admin)
    assert _memberships(committee_admin) == {("Norra nämnden", "admin")}


def test_it_grants_administrator_below_the_administrators_node(committee_admin, editor_a, org):
    membership_grant(user=editor_a, role=Role.ADMIN, node=org.unit_a, by=committee_admin)
    assert ("Enhet A", "admin") in _memberships(editor_a)


@pytest.mark.parametrize("persona", ["reader", "editor_a", "approver", "controller"])
def test_no_other_role_grants_anything(request, persona, outsider, org):
    by = request.getfixturevalue(persona)
    with pytest.raises(ValidationError):
        membership_grant(user=outsider, role=Role.READER, node=org.unit_a, by=by)
    assert not Membership.objects.filter(user=outsider).exists()


def test_an_inactive_administrator_grants_nothing(committee_admin, outsider, org):
    committee_admin.is_active = False
    committee_admin.save()
    with pytest.raises(ValidationError):
        membership_grant(user=outsider, role=Role.READER, node=org.unit_a, by=committee_admin)


def test_it_refuses_a_role_the_person_has(committee_admin, editor_a, org):
    with pytest.raises(ValidationError, match="editor_a har redan rollen Redaktör på Enhet A"):
        membership_grant(user=editor_a, role=Role.EDITOR, node=org.unit_a, by=committee_admin)


def test_it_refuses_an_unknown_role_and_an_inactive_person(committee_admin, editor_a, org):
    with pytest.raises(ValidationError, match="Okänd roll"):
        membership_grant(user=editor_a, role="owner", node=org.unit_a, by=committee_admin)
    editor_a.is_active = False
    editor_a.save()
    with pytest.raises(ValidationError, match="inaktiverat"):
        membership_grant(user=editor_a, role=Role.READER, node=org.unit_a, by=committee_admin)


def test_the_operator_grants_anywhere_as_the_system_user(editor_a, org):
    membership = membership_grant(user=editor_a, role=Role.ADMIN, node=org.city)
    assert membership.granted_by == system_actor()
    event = SecurityEvent.objects.get(kind=SecurityKind.ROLE_GRANTED)
    assert (event.actor, event.actor_id) == (system_actor(), None)


def test_giving_a_role_the_provider_gave_makes_it_styras(committee_admin, editor_a, org):
    Membership.objects.create(
        user=editor_a, org_unit=org.unit_b, role=Role.READER, source=Source.IDENTITY_PROVIDER
    )
    membership = membership_grant(
        user=editor_a, role=Role.READER, node=org.unit_b, by=committee_admin
    )
    assert membership.source == Source.STYRA
    assert Membership.objects.filter(user=editor_a, org_unit=org.unit_b).count() == 1


# ---------------------------------------------------------------- revoking


def test_it_revokes_a_role_in_the_subtree(committee_admin, editor_a, org):
    membership = Membership.objects.get(user=editor_a)
    membership_revoke(membership=membership, by=committee_admin)
    assert not Membership.objects.filter(user=editor_a).exists()
    event = SecurityEvent.objects.get(kind=SecurityKind.ROLE_REVOKED)
    assert event.actor == "committee_admin"
    assert "for=editor_a role=editor" in event.detail


def test_it_refuses_to_revoke_outside_the_subtree(committee_admin, city_admin, editor_s):
    for membership in Membership.objects.filter(user__in=[city_admin, editor_s]):
        with pytest.raises(ValidationError, match="Du administrerar inte"):
            membership_revoke(membership=membership, by=committee_admin)
    assert Membership.objects.filter(user__in=[city_admin, editor_s]).count() == 2


def test_an_administrator_cannot_revoke_their_own_last_administrator_role(committee_admin):
    membership = Membership.objects.get(user=committee_admin)
    with pytest.raises(ValidationError, match="din egen sista administratörsroll") as excinfo:
        membership_revoke(membership=membership, by=committee_admin)
    assert _code(excinfo) == "last_own_administrator"
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_an_administrator_may_revoke_an_administrator_role_they_hold_twice(committee_admin, org):
    Membership.objects.create(user=committee_admin, org_unit=org.dept, role=Role.ADMIN)
    membership_revoke(
        membership=Membership.objects.get(user=committee_admin, org_unit=org.dept),
        by=committee_admin,
    )
    assert _memberships(committee_admin) == {("Norra nämnden", "admin")}


def test_another_city_administrator_may_take_the_role(city_admin, org):
    second = get_user_model().objects.create_user("second_admin")
    Membership.objects.create(user=second, org_unit=org.city, role=Role.ADMIN)
    membership_revoke(membership=Membership.objects.get(user=second), by=city_admin)
    with pytest.raises(ValidationError, match="din egen sista"):
        membership_revoke(membership=Membership.objects.get(user=city_admin), by=city_admin)
    assert _memberships(city_admin) == {("Teststad", "admin")}


def test_a_role_a_group_still_maps_is_the_providers_to_take(committee_admin, editor_a, org):
    GroupRole.objects.create(group="styra-lasare", role=Role.READER, org_unit=org.unit_a)
    membership = Membership.objects.create(
        user=editor_a, org_unit=org.unit_a, role=Role.READER, source=Source.IDENTITY_PROVIDER
    )
    with pytest.raises(ValidationError, match="gruppen styra-lasare hos identitetsleverantören"):
        membership_revoke(membership=membership, by=committee_admin)
    GroupRole.objects.all().delete()
    membership_revoke(membership=membership, by=committee_admin)
    assert not Membership.objects.filter(pk=membership.pk).exists()


# ---------------------------------------------------------------- accounts


def test_deactivation_ends_every_session_at_once(committee_admin, editor_a):
    browser = Client()
    browser.force_login(editor_a)
    assert Session.objects.count() == 1
    user_deactivate(user=editor_a, by=committee_admin)
    editor_a.refresh_from_db()
    assert not editor_a.is_active
    assert Session.objects.count() == 0
    assert browser.get("/").status_code == 302
    event = SecurityEvent.objects.get(kind=SecurityKind.ACCOUNT_DEACTIVATED)
    assert (event.actor, event.detail) == ("committee_admin", "for=editor_a sessions=1")
    assert _memberships(editor_a) == {("Enhet A", "editor")}  # kept, for a reactivation


def test_a_deactivated_person_cannot_sign_in(editor_a):
    from styra.conftest import PASSWORD

    user_deactivate(user=editor_a)
    response = Client().post("/konto/logga-in/", {"username": "editor_a", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in Client().session


def test_nobody_deactivates_themselves(committee_admin):
    with pytest.raises(ValidationError, match="ditt eget konto"):
        user_deactivate(user=committee_admin, by=committee_admin)
    committee_admin.refresh_from_db()
    assert committee_admin.is_active


def test_an_administrator_closes_no_account_with_a_role_beyond_their_reach(
    committee_admin, editor_a, city_admin, org
):
    Membership.objects.create(user=editor_a, org_unit=org.unit_s, role=Role.READER)
    for person in (editor_a, city_admin):
        with pytest.raises(ValidationError, match="personen har roller där du inte är"):
            user_deactivate(user=person, by=committee_admin)
        person.refresh_from_db()
        assert person.is_active


def test_only_a_superuser_closes_a_superusers_or_staff_account(city_admin, org):
    staff = get_user_model().objects.create_user("staff", is_staff=True)
    Membership.objects.create(user=staff, org_unit=org.unit_a, role=Role.READER)
    with pytest.raises(ValidationError):
        user_deactivate(user=staff, by=city_admin)
    boss = get_user_model().objects.create_superuser("boss")
    user_deactivate(user=staff, by=boss)


def test_reactivation_opens_the_account_with_its_roles(committee_admin, editor_a):
    user_deactivate(user=editor_a, by=committee_admin)
    user_reactivate(user=editor_a, by=committee_admin)
    editor_a.refresh_from_db()
    assert editor_a.is_active
    with pytest.raises(ValidationError, match="redan aktivt"):
        user_reactivate(user=editor_a, by=committee_admin)
    assert SecurityEvent.objects.filter(kind=SecurityKind.ACCOUNT_REACTIVATED).count() == 1


def test_it_creates_a_person_with_a_first_role_and_no_password(committee_admin, org):
    person = person_create(
        username=" nina ",
        email="Nina@Kommun.test",
        first_name="Nina",
        last_name="Nilsson",
        role=Role.EDITOR,
        node=org.unit_b,
        by=committee_admin,
    )
    assert (person.username, person.email, person.get_full_name()) == (
        "nina",
        "Nina@kommun.test",
        "Nina Nilsson",
    )
    assert not person.has_usable_password()
    assert _memberships(person) == {("Enhet B", "editor")}
    kinds = list(SecurityEvent.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == [SecurityKind.ACCOUNT_CREATED, SecurityKind.ROLE_GRANTED]


def test_it_creates_nobody_outside_the_subtree_or_with_a_taken_name(committee_admin, editor_a, org):
    with pytest.raises(ValidationError, match="Du administrerar inte"):
        person_create(
            username="nina", email="n@k.test", role=Role.EDITOR, node=org.unit_s, by=committee_admin
        )
    with pytest.raises(ValidationError) as excinfo:
        person_create(
            username="EDITOR_A",
            email="n@k.test",
            role=Role.EDITOR,
            node=org.unit_a,
            by=committee_admin,
        )
    assert "upptaget" in str(excinfo.value.message_dict["username"])
    editor_a.email = "anna@k.test"
    editor_a.save()
    with pytest.raises(ValidationError) as excinfo:
        person_create(
            username="nina",
            email="ANNA@k.test",
            role=Role.EDITOR,
            node=org.unit_a,
            by=committee_admin,
        )
    assert "e-postadressen" in str(excinfo.value.message_dict["email"])
    assert not get_user_model().objects.filter(username="nina").exists()
    assert not SecurityEvent.objects.exists()


# ---------------------------------------------------------------- correcting a person


def _correct(person, by, *, first="Anna", last="Andersson", email="anna@k.test") -> list[str]:
    return person_update(person=person, first_name=first, last_name=last, email=email, by=by)


def _details(person) -> tuple[str, str, str]:
    person.refresh_from_db()
    return person.first_name, person.last_name, person.email


def test_it_corrects_the_name_and_address_and_records_both(
    committee_admin, editor_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        changed = _correct(
            editor_a,
            committee_admin,
            first="  Anna ",
            last=" Andersson",
            email=" Anna@Kommun.test ",
        )
    assert changed == ["first_name", "last_name", "email"]
    assert _details(editor_a) == ("Anna", "Andersson", "Anna@kommun.test")
    entry = AuditEntry.objects.get(object_type="auth.user", action="update")
    assert entry.changes["email"] == ["", "Anna@kommun.test"]
    assert entry.changes["last_name"] == ["", "Andersson"]
    event = SecurityEvent.objects.get(kind=SecurityKind.EMAIL_CHANGED)
    assert (event.actor, event.detail) == ("committee_admin", "for=editor_a")


def test_a_name_alone_is_no_security_event_and_the_same_values_change_nothing(
    committee_admin, editor_a
):
    assert person_update(
        person=editor_a, first_name="Anna", last_name="A", email="anna@k.test", by=committee_admin
    ) == ["first_name", "last_name", "email"]
    assert person_update(
        person=editor_a, first_name="Annie", last_name="A", email="anna@k.test", by=committee_admin
    ) == ["first_name"]
    assert SecurityEvent.objects.filter(kind=SecurityKind.EMAIL_CHANGED).count() == 1
    assert (
        person_update(
            person=editor_a,
            first_name=" Annie",
            last_name="A ",
            email="anna@k.test",
            by=committee_admin,
        )
        == []
    )


def test_an_address_another_person_has_is_refused_in_any_case(committee_admin, editor_a, editor_b):
    editor_b.email = "bo@kommun.test"
    editor_b.save()
    with pytest.raises(ValidationError) as excinfo:
        _correct(editor_a, committee_admin, email="BO@Kommun.test")
    assert excinfo.value.message_dict["email"] == [
        "En annan person har redan e-postadressen BO@kommun.test."
    ]
    assert (editor_a.first_name, editor_a.email) == ("", "")  # the caller's object too
    assert _details(editor_a) == ("", "", "")
    assert not SecurityEvent.objects.exists()


def test_empty_names_and_an_invalid_address_are_refused(committee_admin, editor_a):
    with pytest.raises(ValidationError) as excinfo:
        person_update(
            person=editor_a, first_name=" ", last_name="", email="anna@", by=committee_admin
        )
    assert excinfo.value.message_dict == {
        "first_name": ["Fyll i förnamnet."],
        "last_name": ["Fyll i efternamnet."],
        "email": ["Fyll i en giltig e-postadress."],
    }
    assert _details(editor_a) == ("", "", "")


def test_a_name_too_long_for_the_account_leaves_the_object_as_stored(committee_admin, editor_a):
    with pytest.raises(ValidationError) as excinfo:
        person_update(
            person=editor_a,
            first_name="A" * 151,
            last_name="B",
            email="a@k.test",
            by=committee_admin,
        )
    assert "first_name" in excinfo.value.message_dict
    assert (editor_a.first_name, editor_a.last_name, editor_a.email) == ("", "", "")
    assert _details(editor_a) == ("", "", "")


def test_nobody_corrects_a_person_with_a_role_beyond_their_reach(
    committee_admin, editor_a, city_admin, org
):
    Membership.objects.create(user=editor_a, org_unit=org.unit_s, role=Role.READER)
    for person in (editor_a, city_admin):
        with pytest.raises(ValidationError, match="personen har roller där du inte är") as excinfo:
            person_update(
                person=person, first_name="X", last_name="Y", email="x@k.test", by=committee_admin
            )
        assert _code(excinfo) == "forbidden"
        assert _details(person) == ("", "", "")


def test_only_a_superuser_corrects_a_superusers_or_staff_account(city_admin, org):
    staff = get_user_model().objects.create_user("staff", is_staff=True)
    Membership.objects.create(user=staff, org_unit=org.unit_a, role=Role.READER)
    with pytest.raises(ValidationError):
        person_update(person=staff, first_name="S", last_name="T", email="s@k.test", by=city_admin)
    boss = get_user_model().objects.create_superuser("boss")
    person_update(person=staff, first_name="S", last_name="T", email="s@k.test", by=boss)
    assert _details(staff) == ("S", "T", "s@k.test")


def test_an_administrator_corrects_their_own_name_but_not_their_own_address(committee_admin):
    committee_admin.email = "kim@k.test"
    committee_admin.save()
    changed = _correct(committee_admin, committee_admin, first="Kim", email="kim@k.test")
    assert changed == ["first_name", "last_name"]
    with pytest.raises(ValidationError) as excinfo:
        _correct(committee_admin, committee_admin, first="Kim", email="other@k.test")
    assert excinfo.value.error_dict["email"][0].code == "self"
    assert _details(committee_admin) == ("Kim", "Andersson", "kim@k.test")


def test_a_link_sent_to_the_old_address_stops_working(committee_admin, editor_a):
    from django.contrib.auth.tokens import default_token_generator

    editor_a.email = "old@k.test"
    editor_a.save()
    token = default_token_generator.make_token(editor_a)
    person_update(
        person=editor_a, first_name="Anna", last_name="A", email="new@k.test", by=committee_admin
    )
    editor_a.refresh_from_db()
    assert not default_token_generator.check_token(editor_a, token)


def test_the_invitation_mails_a_link_that_sets_a_password(committee_admin, org):
    person = person_create(
        username="nina",
        email="nina@k.test",
        first_name="Nina",
        role=Role.EDITOR,
        node=org.unit_b,
        by=committee_admin,
    )
    person_invite(person=person, site_url=SITE, by=committee_admin)
    (message,) = mail.outbox
    assert message.to == ["nina@k.test"]
    assert message.subject == "Välkommen till Styra: välj ditt lösenord"
    assert "Ditt användarnamn är nina." in message.body
    assert "committee_admin har gett dig ett konto" in message.body
    link = next(line for line in message.body.splitlines() if line.startswith(SITE))
    assert link in message.alternatives[0][0]
    browser = Client()
    form = browser.get(link.removeprefix(SITE), follow=True)
    assert "Välj lösenord" in form.content.decode()
    done = browser.post(
        form.redirect_chain[-1][0],
        {"new_password1": "ett-bra-lösenord-9", "new_password2": "ett-bra-lösenord-9"},
    )
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.check_password("ett-bra-lösenord-9")
    kinds = set(SecurityEvent.objects.values_list("kind", flat=True))
    assert {SecurityKind.PASSWORD_LINK_SENT, SecurityKind.PASSWORD_SET} <= kinds


def test_it_sends_no_link_to_an_account_beyond_reach_or_without_address(
    committee_admin, editor_a, city_admin
):
    with pytest.raises(ValidationError, match="ingen e-postadress"):
        person_invite(person=editor_a, site_url=SITE, by=committee_admin)
    city_admin.email = "city@k.test"
    city_admin.save()
    with pytest.raises(ValidationError, match="personen har roller där du inte är"):
        person_invite(person=city_admin, site_url=SITE, by=committee_admin)
    assert mail.outbox == []


def test_a_mail_server_that_refuses_leaves_nothing_recorded(committee_admin, editor_a, monkeypatch):
    editor_a.email = "a@k.test"
    editor_a.save()

    def refuse(self, messages):
        raise smtplib.SMTPRecipientsRefused({})

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    with pytest.raises(ValidationError, match="kunde inte skickas"):
        person_invite(person=editor_a, site_url=SITE, by=committee_admin)
    assert not SecurityEvent.objects.filter(kind=SecurityKind.PASSWORD_LINK_SENT).exists()


# ---------------------------------------------------------------- the identity provider's groups


def test_the_groups_give_exactly_their_roles_and_keep_styras(editor_a, org):
    GroupRole.objects.create(group="socialtjanst", role=Role.READER, org_unit=org.north)
    GroupRole.objects.create(group="socialtjanst", role=Role.EDITOR, org_unit=org.unit_a)
    GroupRole.objects.create(group="enhet-b", role=Role.EDITOR, org_unit=org.unit_b)

    assert memberships_sync_from_groups(user=editor_a, groups=["socialtjanst", "enhet-b"]) == (2, 0)
    rows = set(
        Membership.objects.filter(user=editor_a).values_list("org_unit__name", "role", "source")
    )
    assert rows == {
        ("Enhet A", "editor", Source.STYRA),  # given in Styra; the group's same role adds nothing
        ("Norra nämnden", "reader", Source.IDENTITY_PROVIDER),
        ("Enhet B", "editor", Source.IDENTITY_PROVIDER),
    }
    assert memberships_sync_from_groups(user=editor_a, groups=["socialtjanst", "enhet-b"]) == (0, 0)
    assert memberships_sync_from_groups(user=editor_a, groups=[]) == (0, 2)
    assert _memberships(editor_a) == {("Enhet A", "editor")}
    granted = SecurityEvent.objects.filter(kind=SecurityKind.ROLE_GRANTED).first()
    assert granted.actor == "editor_a" and granted.detail.endswith("via=idp")
