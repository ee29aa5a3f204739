"""Personer och roller: the pages, what each administrator sees, and their refusals."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

from styra.accounts.models import Membership, Role
from styra.audit.models import AuditEntry, SecurityEvent, SecurityKind
from styra.conftest import _user

LIST = reverse("people:list")
GRANT = reverse("people:grant")
CREATE = reverse("people:create")


def _person(user) -> str:
    return reverse("people:person", args=[user.pk])


@pytest.fixture
def editor_s(org):
    return _user("editor_s", org.unit_s, Role.EDITOR, first_name="Sara", last_name="Syd")


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# ---------------------------------------------------------------- the list


def test_the_city_administrator_lists_everyone_with_their_roles(
    client, city_admin, editor_a, editor_s, outsider, django_assert_max_num_queries
):
    client.force_login(city_admin)
    with django_assert_max_num_queries(12):
        response = client.get(LIST)
    html = response.content.decode()
    usernames = [row.person.username for row in response.context["rows"]]
    assert set(usernames) == {"city_admin", "editor_a", "editor_s", "outsider"}
    assert (
        'Redaktör <span class="muted">på</span> Norra nämnden/Socialförvaltningen/Enhet A' in html
    )
    assert '<option value="ingen">Personer utan roll</option>' in html


def test_the_list_stays_bounded_however_many_people(
    client, city_admin, org, django_assert_max_num_queries
):
    for n in range(60):
        _user(f"p{n:02}", org.unit_a if n % 2 else org.unit_b, Role.READER)
    client.force_login(city_admin)
    with django_assert_max_num_queries(12):
        response = client.get(LIST)
    assert len(response.context["rows"]) == 50
    assert "sida 1 av 2" in response.content.decode()
    with django_assert_max_num_queries(12):
        second = client.get(LIST, {"sida": 2})
    assert len(second.context["rows"]) == 11


def test_a_committee_administrator_sees_only_its_subtree_and_those_roles(
    client, committee_admin, editor_a, editor_s, city_admin, outsider, org
):
    Membership.objects.create(user=editor_a, org_unit=org.unit_s, role=Role.READER)
    client.force_login(committee_admin)
    response = client.get(LIST)
    rows = {row.person.username: row.roles for row in response.context["rows"]}
    assert set(rows) == {"committee_admin", "editor_a"}
    assert rows["editor_a"] == [("Redaktör", "Norra nämnden/Socialförvaltningen/Enhet A")]
    html = response.content.decode()
    assert "Personer utan roll" not in html
    assert "Södra nämnden" not in html


def test_the_list_filters_by_node_and_name(client, city_admin, editor_a, editor_b, outsider, org):
    client.force_login(city_admin)
    by_node = client.get(LIST, {"enhet": org.unit_b.pk})
    assert [r.person.username for r in by_node.context["rows"]] == ["editor_b"]
    by_name = client.get(LIST, {"namn": "EDITOR_A"})
    assert [r.person.username for r in by_name.context["rows"]] == ["editor_a"]
    no_role = client.get(LIST, {"enhet": "ingen"})
    assert [r.person.username for r in no_role.context["rows"]] == ["outsider"]


def test_a_committee_administrator_cannot_filter_on_a_node_outside(
    client, committee_admin, editor_s, org
):
    client.force_login(committee_admin)
    response = client.get(LIST, {"enhet": org.unit_s.pk})
    assert "editor_s" not in {r.person.username for r in response.context["rows"]}
    assert response.context["form"].errors


@pytest.mark.parametrize("persona", ["reader", "editor_a", "approver", "controller", "outsider"])
def test_the_area_does_not_exist_for_those_who_administer_nothing(
    client, request, persona, editor_a
):
    client.force_login(request.getfixturevalue(persona))
    for url in (LIST, GRANT, CREATE, _person(editor_a)):
        assert client.get(url).status_code == 404
    assert client.post(GRANT, {"person": "editor_a", "role": "admin"}).status_code == 404


def test_the_menu_offers_the_area_to_administrators_only(client, committee_admin, editor_a):
    client.force_login(editor_a)
    assert "Personer och roller" not in client.get(reverse("start:home")).content.decode()
    client.force_login(committee_admin)
    html = client.get(reverse("start:home")).content.decode()
    assert f'<a href="{LIST}" >Personer och roller</a>' in html


# ---------------------------------------------------------------- a person's page


def test_the_person_page_says_what_they_may_do_and_why(
    client, committee_admin, editor_a, org, django_assert_max_num_queries
):
    Membership.objects.create(user=editor_a, org_unit=org.north, role=Role.APPROVER)
    client.force_login(committee_admin)
    with django_assert_max_num_queries(14):
        html = client.get(_person(editor_a)).content.decode()
    assert "<summary>Ändra uppgifter</summary>" in html  # the form costs no query
    assert "<strong>Redaktör på Enhet A</strong>" in html
    assert (
        "får skriva planer och rapporter, lämna in dem och importera planer för Enhet A och "
        "allt under den"
    ) in html
    assert "<strong>Beslutsfattare på Norra nämnden</strong>" in html
    assert (
        "får fastställa planer, godkänna rapporter och öppna dem igen för det som ligger under "
        "Norra nämnden, inte för Norra nämnden själv"
    ) in html
    assert "Sammanlagt ser personen 4 enheter i organisationen." in html


def test_the_city_administrators_own_page_names_the_citys_parts(client, city_admin):
    client.force_login(city_admin)
    html = client.get(_person(city_admin)).content.decode()
    assert "sköter stadens planeringsår, KF:s mål" in html
    assert "Inaktivera kontot" not in html
    assert "Ditt eget konto inaktiveras av en annan administratör." in html


def test_a_committee_administrator_cannot_see_people_outside(
    client, committee_admin, city_admin, editor_s, outsider
):
    client.force_login(committee_admin)
    for person in (city_admin, editor_s, outsider):
        assert client.get(_person(person)).status_code == 404
        for name in ("deactivate", "reactivate", "invite"):
            assert client.post(reverse(f"people:{name}", args=[person.pk])).status_code == 404
    city_role = Membership.objects.get(user=city_admin)
    assert client.post(reverse("people:revoke", args=[city_role.pk])).status_code == 404
    assert Membership.objects.filter(pk=city_role.pk).exists()


def test_roles_outside_are_counted_not_shown_and_the_account_is_not_changed(
    client, committee_admin, editor_a, org
):
    Membership.objects.create(user=editor_a, org_unit=org.unit_s, role=Role.READER)
    client.force_login(committee_admin)
    html = client.get(_person(editor_a)).content.decode()
    assert "Personen har också 1 roll där du inte är administratör." in html
    assert "Enhet S" not in html
    assert "Inaktivera kontot" not in html
    assert client.post(reverse("people:deactivate", args=[editor_a.pk])).status_code == 403
    editor_a.refresh_from_db()
    assert editor_a.is_active


def test_my_own_page_explains_my_roles(client, editor_a):
    client.force_login(editor_a)
    home = client.get(reverse("start:home")).content.decode()
    assert f'href="{reverse("accounts:my_access")}"' in home
    html = client.get(reverse("accounts:my_access")).content.decode()
    assert "<strong>Redaktör på Enhet A</strong>" in html
    assert "Sammanlagt ser du 1 enhet i organisationen." in html


# ---------------------------------------------------------------- granting and revoking


def test_it_grants_a_role_and_goes_to_the_persons_page(client, committee_admin, outsider, org):
    client.force_login(committee_admin)
    form = client.get(GRANT, {"person": "outsider"}).content.decode()
    assert 'value="outsider"' in form
    assert "Teststad" not in form and "Södra nämnden" not in form
    response = client.post(
        GRANT, {"person": "outsider", "role": Role.READER, "org_unit": org.dept.pk}, follow=True
    )
    assert response.redirect_chain[-1][0] == _person(outsider)
    assert "outsider är nu läsare på Socialförvaltningen." in _messages(response)
    assert Membership.objects.filter(user=outsider, org_unit=org.dept, role=Role.READER).exists()


def test_it_never_grants_administrator_above_or_outside(client, committee_admin, editor_a, org):
    client.force_login(committee_admin)
    for node in (org.city, org.south, org.unit_s):
        response = client.post(
            GRANT, {"person": "editor_a", "role": Role.ADMIN, "org_unit": node.pk}
        )
        assert response.status_code == 200
        assert "Välj en enhet som du administrerar." in response.content.decode()
    assert set(Membership.objects.filter(user=editor_a).values_list("role", flat=True)) == {
        "editor"
    }


def test_the_grant_form_names_what_is_wrong(client, committee_admin, editor_a, org):
    client.force_login(committee_admin)
    unknown = client.post(GRANT, {"person": "ingen", "role": Role.READER, "org_unit": org.dept.pk})
    assert "Det finns ingen person med det användarnamnet" in unknown.content.decode()
    twice = client.post(
        GRANT, {"person": "editor_a", "role": Role.EDITOR, "org_unit": org.unit_a.pk}
    )
    assert "editor_a har redan rollen Redaktör på Enhet A." in twice.content.decode()


def test_it_revokes_a_role(client, committee_admin, editor_a):
    client.force_login(committee_admin)
    membership = Membership.objects.get(user=editor_a)
    response = client.post(reverse("people:revoke", args=[membership.pk]), follow=True)
    assert "editor_a är inte längre redaktör på Enhet A." in _messages(response)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert response.redirect_chain[-1][0] == LIST  # editor_a is out of sight now


def test_revoking_the_own_last_administrator_role_is_refused(client, committee_admin):
    client.force_login(committee_admin)
    membership = Membership.objects.get(user=committee_admin)
    response = client.post(reverse("people:revoke", args=[membership.pk]), follow=True)
    assert any("din egen sista administratörsroll" in m for m in _messages(response))
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_revoke_answers_post_only(client, committee_admin, editor_a):
    client.force_login(committee_admin)
    membership = Membership.objects.get(user=editor_a)
    assert client.get(reverse("people:revoke", args=[membership.pk])).status_code == 405


# ---------------------------------------------------------------- accounts


def test_deactivation_signs_the_person_out_at_once(client, committee_admin, editor_a):
    browser = Client()
    browser.force_login(editor_a)
    client.force_login(committee_admin)
    response = client.post(reverse("people:deactivate", args=[editor_a.pk]), follow=True)
    assert any("alla dess inloggningar är avslutade" in m for m in _messages(response))
    assert browser.get(reverse("start:home")).status_code == 302
    assert not Session.objects.filter(session_key=browser.session.session_key).exists()
    html = client.get(_person(editor_a)).content.decode()
    assert "Kontot är inaktiverat: personen kan inte logga in" in html
    assert "Aktivera kontot igen" in html
    client.post(reverse("people:reactivate", args=[editor_a.pk]))
    editor_a.refresh_from_db()
    assert editor_a.is_active


def test_nobody_deactivates_themselves_on_the_page(client, city_admin):
    client.force_login(city_admin)
    response = client.post(reverse("people:deactivate", args=[city_admin.pk]), follow=True)
    assert "Du kan inte inaktivera ditt eget konto." in _messages(response)
    city_admin.refresh_from_db()
    assert city_admin.is_active


def _update(user) -> str:
    return reverse("people:update", args=[user.pk])


ANNA = {"first_name": "Anna", "last_name": "Andersson", "email": "anna@kommun.test"}


def test_an_administrator_corrects_a_persons_name_and_address(
    client, committee_admin, editor_a, django_capture_on_commit_callbacks
):
    client.force_login(committee_admin)
    page = client.get(_person(editor_a)).content.decode()
    assert "<summary>Ändra uppgifter</summary>" in page
    assert f'action="{_update(editor_a)}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_update(editor_a), ANNA | {"first_name": " Anna "}, follow=True)
    assert response.redirect_chain[-1][0] == _person(editor_a)
    assert "Uppgifterna för Anna Andersson är sparade." in _messages(response)
    assert "<h1>Anna Andersson</h1>" in response.content.decode()
    editor_a.refresh_from_db()
    assert (editor_a.first_name, editor_a.last_name, editor_a.email) == (
        "Anna",
        "Andersson",
        "anna@kommun.test",
    )
    entry = AuditEntry.objects.get(object_type="auth.user", action="update")
    assert (entry.actor, entry.path) == ("committee_admin", _update(editor_a))
    assert entry.changes["email"] == ["", "anna@kommun.test"]
    again = client.post(_update(editor_a), ANNA, follow=True)
    assert "Inget ändrades: uppgifterna för Anna Andersson var redan desamma." in _messages(again)


def test_a_taken_address_is_named_on_the_page_and_nothing_changes(
    client, committee_admin, editor_a, editor_b, django_assert_max_num_queries
):
    editor_b.email = "bo@kommun.test"
    editor_b.save()
    client.force_login(committee_admin)
    with django_assert_max_num_queries(20):
        response = client.post(_update(editor_a), ANNA | {"email": "BO@kommun.test"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "En annan person har redan e-postadressen BO@kommun.test." in html
    assert "<details open>" in html
    assert "<h1>editor_a</h1>" in html  # the page shows the person as stored
    empty = client.post(_update(editor_a), {"first_name": " ", "last_name": "", "email": "x"})
    assert "Fyll i en giltig e-postadress." in empty.content.decode()
    assert "Förnamn: Detta fält måste fyllas i." in empty.content.decode()
    editor_a.refresh_from_db()
    assert (editor_a.first_name, editor_a.last_name, editor_a.email) == ("", "", "")
    assert not SecurityEvent.objects.filter(kind=SecurityKind.EMAIL_CHANGED).exists()


def test_no_one_corrects_people_beyond_their_reach(
    client, committee_admin, editor_a, city_admin, editor_s, outsider, org
):
    client.force_login(committee_admin)
    for person in (city_admin, editor_s, outsider):
        assert client.post(_update(person), ANNA).status_code == 404
    Membership.objects.create(user=editor_a, org_unit=org.unit_s, role=Role.READER)
    assert "Ändra uppgifter" not in client.get(_person(editor_a)).content.decode()
    assert client.post(_update(editor_a), ANNA).status_code == 403
    for person in (editor_a, city_admin, editor_s, outsider):
        person.refresh_from_db()
        assert (person.first_name, person.email) == ("Sara" if person == editor_s else "", "")


@pytest.mark.parametrize("persona", ["editor_a", "editor_b", "reader", "approver", "controller"])
def test_a_forged_correction_by_someone_who_administers_nothing_is_refused(
    request, client, persona, editor_a
):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(_update(editor_a), ANNA).status_code == 404
    assert client.get(_update(editor_a)).status_code == 405
    editor_a.refresh_from_db()
    assert (editor_a.first_name, editor_a.email) == ("", "")


def test_my_own_address_is_shown_not_changed(client, city_admin):
    city_admin.email = "stad@kommun.test"
    city_admin.save()
    client.force_login(city_admin)
    page = client.get(_person(city_admin)).content.decode()
    assert "Din egen e-postadress ändras av en annan administratör." in page
    assert 'name="email" value="stad@kommun.test"' in page and "disabled" in page
    forged = {"first_name": "Stina", "last_name": "Stad", "email": "elsewhere@example.test"}
    response = client.post(_update(city_admin), forged, follow=True)
    assert "Uppgifterna för Stina Stad är sparade." in _messages(response)
    city_admin.refresh_from_db()
    assert (city_admin.get_full_name(), city_admin.email) == ("Stina Stad", "stad@kommun.test")


def test_it_creates_a_person_and_mails_the_invitation(client, committee_admin, org):
    client.force_login(committee_admin)
    form = client.get(CREATE).content.decode()
    assert "Teststad" not in form
    response = client.post(
        CREATE,
        {
            "first_name": "Nina",
            "last_name": "Nilsson",
            "email": "nina@kommun.test",
            "username": "nina",
            "role": Role.EDITOR,
            "org_unit": org.unit_b.pk,
            "invite": "on",
        },
        follow=True,
    )
    nina = get_user_model().objects.get(username="nina")
    assert response.redirect_chain[-1][0] == _person(nina)
    assert "Nina Nilsson har lagts till. En inbjudan har skickats till nina@kommun.test." in (
        _messages(response)
    )
    (message,) = mail.outbox
    assert message.to == ["nina@kommun.test"]
    assert "http://testserver/konto/nytt-losenord/" in message.body
    assert not nina.has_usable_password()


def test_creating_refuses_a_node_outside_and_a_taken_username(
    client, committee_admin, editor_a, org
):
    client.force_login(committee_admin)
    data = {
        "first_name": "Nina",
        "last_name": "Nilsson",
        "email": "nina@kommun.test",
        "username": "nina",
        "role": Role.EDITOR,
        "org_unit": org.unit_s.pk,
    }
    assert "Välj en enhet som du administrerar." in client.post(CREATE, data).content.decode()
    taken = client.post(CREATE, data | {"org_unit": org.unit_a.pk, "username": "editor_a"})
    assert "Användarnamnet editor_a är upptaget." in taken.content.decode()
    assert not get_user_model().objects.filter(email="nina@kommun.test").exists()


def test_a_refused_invitation_leaves_no_account(client, committee_admin, org, monkeypatch):
    def refuse(self, messages):
        raise ConnectionRefusedError

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    client.force_login(committee_admin)
    response = client.post(
        CREATE,
        {
            "first_name": "Nina",
            "last_name": "Nilsson",
            "email": "nina@kommun.test",
            "username": "nina",
            "role": Role.EDITOR,
            "org_unit": org.unit_b.pk,
            "invite": "on",
        },
    )
    assert "E-postmeddelandet kunde inte skickas" in response.content.decode()
    assert not get_user_model().objects.filter(username="nina").exists()
    assert not SecurityEvent.objects.filter(kind=SecurityKind.ACCOUNT_CREATED).exists()


def test_it_sends_a_new_password_link(client, committee_admin, editor_a):
    editor_a.email = "anna@kommun.test"
    editor_a.save()
    client.force_login(committee_admin)
    response = client.post(reverse("people:invite", args=[editor_a.pk]), follow=True)
    assert "En länk för att välja lösenord har skickats till anna@kommun.test." in _messages(
        response
    )
    assert mail.outbox[0].subject == "Styra: välj ett nytt lösenord"
