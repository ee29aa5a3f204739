"""The tree's depth is limited where nodes are written, and any depth renders (issue 9)."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from styra.importer.services import plan_import
from styra.organisation.models import MAX_DEPTH, Kind, OrgUnit
from styra.organisation.services import org_unit_create, org_unit_move
from styra.plans.interchange import parse_plan_json

URL = reverse("organisation:tree")


def _chain(parent: OrgUnit, levels: int, prefix: str = "Nivå") -> list[OrgUnit]:
    """`levels` nodes each under the one before, written straight to the database
    (as data from before the limit would be)."""
    nodes = []
    for i in range(levels):
        parent = OrgUnit.objects.create(name=f"{prefix} {i}", kind=Kind.GROUP, parent=parent)
        nodes.append(parent)
    return nodes


def test_a_tree_of_300_nested_nodes_renders_with_bounded_queries(
    client, city_admin, org, django_assert_max_num_queries
):
    # Found: 300 nested nodes gave a 500 for everyone (the template recursed per level).
    deepest = _chain(org.unit_a, 300)[-1]
    OrgUnit.objects.create(name="Efter kedjan", kind=Kind.UNIT, parent=org.dept)
    client.force_login(city_admin)
    with django_assert_max_num_queries(6):
        response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="org-{deepest.pk}"' in html
    # Well-formed nesting: every list and item opened is closed, and the node after
    # the chain is back at its own level, a sibling of Enhet A under the department.
    tree = html[html.index('<div id="org-tree"') :]
    tree = tree[: tree.index("</div>\n", tree.rindex("</ul>"))]
    assert tree.count("<ul") == tree.count("</ul>") > 300
    assert len(re.findall(r"<li\b", tree)) == tree.count("</li>")
    depth, level_of = 0, {}
    for tag, node in re.findall(r'(<ul|</ul>)|<li id="org-(\d+)"', tree):
        depth += {"<ul": 1, "</ul>": -1}.get(tag, 0)
        if node:
            level_of[int(node)] = depth
    after = OrgUnit.objects.get(name="Efter kedjan")
    assert level_of[after.pk] == level_of[org.unit_a.pk]
    assert level_of[deepest.pk] == level_of[org.unit_a.pk] + 300


def test_the_tree_is_listed_in_the_same_order_and_nesting_as_before(client, city_admin, org):
    client.force_login(city_admin)
    html = client.get(URL).content.decode()
    ids = [int(i) for i in re.findall(r'<li id="org-(\d+)"', html)]
    expected = [
        u.pk for u in sorted(OrgUnit.objects.with_tree_fields(), key=lambda u: u.tree_ordering)
    ]
    assert ids == expected


def _depth(node: OrgUnit) -> int:
    return OrgUnit.objects.ancestors(node, include_self=True).count()


def test_a_node_cannot_be_added_below_the_deepest_level(org):
    bottom = _chain(org.unit_a, MAX_DEPTH - _depth(org.unit_a))[-1]
    assert _depth(bottom) == MAX_DEPTH
    with pytest.raises(ValidationError) as refused:
        org_unit_create(name="För djup", kind=Kind.GROUP, parent=bottom)
    assert refused.value.messages == [
        f"Organisationen kan ha högst {MAX_DEPTH} nivåer; {bottom.name} ligger redan på nivå "
        f"{MAX_DEPTH}."
    ]
    assert not OrgUnit.objects.filter(name="För djup").exists()
    org_unit_create(name="Får plats", kind=Kind.GROUP, parent=bottom.parent)


def test_the_page_refuses_a_node_below_the_deepest_level_in_swedish(client, city_admin, org):
    bottom = _chain(org.unit_a, MAX_DEPTH - _depth(org.unit_a))[-1]
    client.force_login(city_admin)
    response = client.post(
        reverse("organisation:node_add", args=[bottom.pk]), {"name": "För djup", "kind": "group"}
    )
    assert "Organisationen kan ha högst" in response.content.decode()
    assert not OrgUnit.objects.filter(name="För djup").exists()


def test_a_subtree_cannot_be_moved_where_it_would_lie_too_deep(org):
    # Enhet A with three levels below it, moved under a node two levels from the bottom.
    _chain(org.unit_a, 3, prefix="Under A")
    bottom = _chain(org.south, MAX_DEPTH - _depth(org.south) - 2)[-1]
    with pytest.raises(ValidationError, match="högst"):
        org_unit_move(node=org.unit_a, new_parent=bottom)
    org.unit_a.refresh_from_db()
    assert org.unit_a.parent == org.dept
    org_unit_move(node=org.unit_a, new_parent=bottom.parent.parent)


def test_the_importer_creates_no_unit_below_the_deepest_level(org):
    bottom = _chain(org.north, MAX_DEPTH - _depth(org.north), prefix="Nämndnivå")[-1]
    bottom.kind = Kind.COMMITTEE
    bottom.name = "Djupa nämnden"
    bottom.save()
    plan = parse_plan_json(
        '{"format": "styra-plan/1", "unit": "Ny enhet", "year": 2026, '
        '"addressee": "Djupa nämnden", "goals": []}'
    )
    with pytest.raises(ValidationError, match="högst"):
        plan_import(data=plan, create_chain=True)
    assert not OrgUnit.objects.filter(name="Ny enhet").exists()
