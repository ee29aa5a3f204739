import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from styra.accounts.models import Membership, Role
from styra.organisation.models import Kind, OrgUnit

HTMX = {"HX-Request": "true"}


def _url(node):
    return reverse("organisation:node_add", args=[node.pk])


def test_it_shows_the_form_as_a_page(client, city_admin, org):
    client.force_login(city_admin)
    html = client.get(_url(org.dept)).content.decode()
    assert "<h1>Lägg till en enhet under Socialförvaltningen</h1>" in html
    assert f'<label for="add{org.dept.pk}-name">Namn</label>' in html
    assert "hx-post" not in html
    assert '<option value="city"' not in html  # a city is only ever the root


def test_it_shows_the_form_as_a_panel_for_htmx(client, city_admin, org):
    client.force_login(city_admin)
    html = client.get(_url(org.dept), headers=HTMX).content.decode()
    assert html.lstrip().startswith('<div class="edit-panel">')
    assert 'hx-target="closest .edit-panel"' in html
    assert '<h2 tabindex="-1" data-focus>' in html


def test_it_adds_a_unit(client, city_admin, org):
    client.force_login(city_admin)
    response = client.post(_url(org.dept), {"name": " Enhet C ", "kind": Kind.UNIT, "code": "C1"})
    node = OrgUnit.objects.get(name="Enhet C")
    assert (node.parent, node.kind, node.code) == (org.dept, Kind.UNIT, "C1")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('organisation:tree')}#org-{node.pk}"
    assert (
        "Enhet C lades till under Socialförvaltningen."
        in client.get(response["Location"]).content.decode()
    )


def test_it_answers_htmx_with_the_tree(client, city_admin, org):
    client.force_login(city_admin)
    response = client.post(_url(org.dept), {"name": "Enhet C", "kind": Kind.UNIT}, headers=HTMX)
    node = OrgUnit.objects.get(name="Enhet C")
    html = response.content.decode()
    assert response["HX-Retarget"] == "#org-tree"
    assert response["HX-Reswap"] == "outerHTML"
    assert html.lstrip().startswith(
        '<div id="org-tree" data-announce="Enhet C lades till under Socialförvaltningen."'
    )
    assert f'href="{reverse("plans:unit", args=[node.pk])}" data-focus>Enhet C' in html


def test_it_explains_errors_in_swedish(client, city_admin, org):
    client.force_login(city_admin)
    response = client.post(_url(org.dept), {"name": "", "kind": ""})
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert "Skriv enhetens namn." in html and "Välj vilken typ av enhet det är." in html
    response = client.post(_url(org.dept), {"name": "Enhet A", "kind": Kind.UNIT}, headers=HTMX)
    html = response.content.decode()
    assert "Det finns redan en enhet som heter Enhet A under Socialförvaltningen." in html
    assert "HX-Retarget" not in response
    assert OrgUnit.objects.filter(name="Enhet A").count() == 1


def test_it_lets_an_admin_of_a_committee_add_below_it(client, org):
    admin = get_user_model().objects.create_user(username="norra_admin")
    Membership.objects.create(user=admin, org_unit=org.north, role=Role.ADMIN)
    client.force_login(admin)
    client.post(_url(org.north), {"name": "Ny förvaltning", "kind": Kind.DEPARTMENT})
    assert OrgUnit.objects.get(name="Ny förvaltning").parent == org.north
    assert client.post(_url(org.south), {"name": "X", "kind": Kind.UNIT}).status_code == 404


@pytest.mark.parametrize(
    "persona,status",
    [
        ("committee_editor", 403),
        ("editor_a", 404),  # Norra nämnden is above Enhet A, so it is not visible to her
        ("editor_b", 404),
        ("reader", 403),
        ("approver", 403),
        ("controller", 403),
        ("outsider", 404),
    ],
)
def test_it_refuses_others(client, request, org, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(org.north)).status_code == status
    assert client.post(_url(org.north), {"name": "Smyg", "kind": Kind.UNIT}).status_code == status
    assert not OrgUnit.objects.filter(name="Smyg").exists()


def test_it_refuses_the_unit_editor_on_her_own_unit(client, editor_a, org):
    client.force_login(editor_a)
    assert client.post(_url(org.unit_a), {"name": "Smyg", "kind": Kind.GROUP}).status_code == 403


def test_it_sends_anonymous_to_login(client, org):
    response = client.post(_url(org.city), {"name": "Smyg", "kind": Kind.UNIT})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
