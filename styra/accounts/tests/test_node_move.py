import pytest
from django.urls import reverse

from styra.organisation.models import Kind, OrgUnit

from .refusals import REFUSED_ON_UNIT_A

HTMX = {"HX-Request": "true"}


def _url(node):
    return reverse("organisation:node_move", args=[node.pk])


def test_it_offers_every_node_outside_the_subtree(client, city_admin, org):
    client.force_login(city_admin)
    html = client.get(_url(org.dept)).content.decode()
    assert f'<option value="{org.south.pk}">Teststad / Södra nämnden</option>' in html
    assert f'<option value="{org.north.pk}" selected>Teststad / Norra nämnden</option>' in html
    assert f'value="{org.unit_a.pk}"' not in html  # below the node itself
    assert f'value="{org.dept.pk}"' not in html


def test_it_moves_a_subtree(client, city_admin, org):
    client.force_login(city_admin)
    response = client.post(_url(org.dept), {"new_parent": org.south.pk})
    org.dept.refresh_from_db()
    assert org.dept.parent == org.south
    assert response.status_code == 302
    assert set(OrgUnit.objects.descendants(org.south).values_list("name", flat=True)) == {
        "Socialförvaltningen",
        "Enhet A",
        "Enhet B",
        "Enhet S",
    }


def test_it_moves_with_htmx(client, city_admin, org):
    client.force_login(city_admin)
    response = client.post(_url(org.unit_a), {"new_parent": org.south.pk}, headers=HTMX)
    html = response.content.decode()
    assert 'data-announce="Enhet A ligger nu under Södra nämnden."' in html
    assert html.index(f'id="org-{org.south.pk}"') < html.index(f'id="org-{org.unit_a.pk}"')


def test_it_refuses_to_move_a_node_under_itself(client, city_admin, org):
    client.force_login(city_admin)
    response = client.post(_url(org.north), {"new_parent": org.unit_a.pk})
    assert "Välj en av enheterna i listan." in response.content.decode()
    org.north.refresh_from_db()
    assert org.north.parent == org.city


def test_it_refuses_to_move_the_root(client, city_admin, org):
    client.force_login(city_admin)
    html = client.post(_url(org.city), {"new_parent": ""}).content.decode()
    assert "Den översta enheten i trädet kan inte flyttas." in html


def test_it_refuses_a_name_taken_at_the_destination(client, city_admin, org):
    OrgUnit.objects.create(name="Enhet A", kind=Kind.UNIT, parent=org.south)
    client.force_login(city_admin)
    html = client.post(_url(org.unit_a), {"new_parent": org.south.pk}).content.decode()
    assert "Det finns redan en enhet som heter Enhet A under Södra nämnden." in html
    org.unit_a.refresh_from_db()
    assert org.unit_a.parent == org.dept


@pytest.mark.parametrize("persona,status", REFUSED_ON_UNIT_A)
def test_it_refuses_others(client, request, org, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(_url(org.unit_a), {"new_parent": org.south.pk}).status_code == status
    org.unit_a.refresh_from_db()
    assert org.unit_a.parent == org.dept


def test_it_sends_anonymous_to_login(client, org):
    assert client.post(_url(org.unit_a), {"new_parent": org.south.pk}).status_code == 302
