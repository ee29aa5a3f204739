import pytest
from django.urls import reverse

from styra.organisation.models import Kind, OrgUnit

URL = reverse("organisation:tree")


def test_it_redirects_anonymous_to_login(client, org):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_it_shows_the_whole_tree_to_the_city_admin(client, city_admin, org):
    client.force_login(city_admin)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for unit in (org.city, org.north, org.south, org.dept, org.unit_a, org.unit_b, org.unit_s):
        assert f'id="org-{unit.pk}"' in html
        assert reverse("plans:unit", args=[unit.pk]) in html
    assert "Nämnd" in html and "Enhet" in html and "Kommun" in html
    assert reverse("organisation:node_add", args=[org.city.pk]) in html
    assert reverse("organisation:node_move", args=[org.unit_a.pk]) in html
    # The root cannot be moved, so it gets no move link.
    assert reverse("organisation:node_move", args=[org.city.pk]) not in html


def test_it_nests_children_inside_their_parent(client, city_admin, org):
    client.force_login(city_admin)
    html = client.get(URL).content.decode()
    north = html.index(f'id="org-{org.north.pk}"')
    dept = html.index(f'id="org-{org.dept.pk}"')
    south = html.index(f'id="org-{org.south.pk}"')
    assert north < dept < south  # Socialförvaltningen sits inside Norra before Södra begins


def test_it_shows_only_the_readers_subtree_without_admin_links(client, reader, org):
    client.force_login(reader)
    html = client.get(URL).content.decode()
    assert f'id="org-{org.north.pk}"' in html
    assert f'id="org-{org.unit_a.pk}"' in html
    assert f'id="org-{org.city.pk}"' not in html
    assert f'id="org-{org.south.pk}"' not in html
    assert "Enhet S" not in html
    assert "Lägg till enhet" not in html


def test_it_shows_the_editor_only_their_unit(client, editor_a, org):
    client.force_login(editor_a)
    html = client.get(URL).content.decode()
    assert f'id="org-{org.unit_a.pk}"' in html
    assert f'id="org-{org.unit_b.pk}"' not in html
    assert "Norra nämnden" not in html


def test_it_tells_the_outsider_they_have_no_access(client, outsider):
    client.force_login(outsider)
    response = client.get(URL)
    assert response.status_code == 200
    assert "Du har inte tillgång" in response.content.decode()


def test_it_renders_only_the_tree_for_htmx(client, city_admin, org):
    client.force_login(city_admin)
    response = client.get(f"{URL}?fokus={org.dept.pk}", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="org-tree"')
    assert "<h1>" not in html
    node = html.index(f'<li id="org-{org.dept.pk}">')
    assert html.index("data-focus") > node
    assert html.index("data-focus") < html.index("<li", node + 1)  # on the node's own link


@pytest.mark.parametrize("size", [3, 12])
def test_it_runs_a_bounded_number_of_queries(
    client, city_admin, org, django_assert_max_num_queries, size
):
    for i in range(size):
        committee = OrgUnit.objects.create(name=f"Nämnd {i}", kind=Kind.COMMITTEE, parent=org.city)
        for j in range(size):
            OrgUnit.objects.create(name=f"Enhet {i}.{j}", kind=Kind.UNIT, parent=committee)
    client.force_login(city_admin)
    with django_assert_max_num_queries(6):
        response = client.get(URL)
    assert response.content.decode().count('class="tag"') >= size * size
