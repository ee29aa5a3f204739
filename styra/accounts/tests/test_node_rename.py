import pytest
from django.urls import reverse

from styra.organisation.models import OrgUnit

from .refusals import REFUSED_ON_UNIT_A

HTMX = {"HX-Request": "true"}


def _url(node):
    return reverse("organisation:node_rename", args=[node.pk])


def test_it_renames_a_node(client, city_admin, org):
    client.force_login(city_admin)
    assert 'value="Enhet A"' in client.get(_url(org.unit_a)).content.decode()
    response = client.post(_url(org.unit_a), {"name": "Vuxenenheten"})
    org.unit_a.refresh_from_db()
    assert org.unit_a.name == "Vuxenenheten"
    assert response.status_code == 302


def test_it_renames_with_htmx(client, city_admin, org):
    client.force_login(city_admin)
    response = client.post(_url(org.unit_a), {"name": "Vuxenenheten"}, headers=HTMX)
    assert 'data-announce="Enhet A heter nu Vuxenenheten."' in response.content.decode()
    assert response["HX-Retarget"] == "#org-tree"


def test_it_refuses_a_sibling_name_in_swedish(client, city_admin, org):
    client.force_login(city_admin)
    html = client.post(_url(org.unit_a), {"name": "Enhet B"}).content.decode()
    assert "Det finns redan en enhet som heter Enhet B på samma plats i trädet." in html
    assert f'href="#rename{org.unit_a.pk}-name"' in html
    html = client.post(_url(org.unit_a), {"name": "x" * 201}).content.decode()
    assert "Namnet får vara högst 200 tecken." in html
    org.unit_a.refresh_from_db()
    assert org.unit_a.name == "Enhet A"


def test_it_keeps_the_name_when_it_is_unchanged(client, city_admin, org):
    client.force_login(city_admin)
    assert client.post(_url(org.unit_a), {"name": "Enhet A"}).status_code == 302


@pytest.mark.parametrize("persona,status", REFUSED_ON_UNIT_A)
def test_it_refuses_others(client, request, org, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(_url(org.unit_a), {"name": "Kapad"}).status_code == status
    assert not OrgUnit.objects.filter(name="Kapad").exists()


def test_it_sends_anonymous_to_login(client, org):
    assert client.post(_url(org.unit_a), {"name": "Kapad"}).status_code == 302
    assert not OrgUnit.objects.filter(name="Kapad").exists()
