"""Lists and exports hold only what the user may see, over generated organisation trees.

Hypothesis draws a tree (a city, committees, departments and units below),
gives every node a plan and most a report, and gives one user one or two
roles somewhere in it. The start page, the organisation page and the
follow-up page, the roll-up Excel of every committee the user sees (and of
the city) and the JSON export of every plan must name no node outside what
the user may see: the subtrees of their roles (visible_unit_ids), and for a
plan's own document the nodes above its unit, whose goals frame the plan.
"""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from styra.accounts.models import Membership, Role
from styra.accounts.permissions import visible_unit_ids
from styra.followup.services import periods_ensure, report_open
from styra.goals.models import Level, PlanningYear
from styra.goals.services import goal_create
from styra.organisation.models import Kind, OrgUnit
from styra.plans.services import plan_create

KIND_AT_DEPTH = [Kind.COMMITTEE, Kind.DEPARTMENT, Kind.UNIT, Kind.GROUP]


@st.composite
def trees(draw):
    """Parents of nodes 1..n (node 0 is the city), and the user's (node, role) pairs."""
    size = draw(st.integers(min_value=3, max_value=10))
    parents = [None] + [draw(st.integers(min_value=0, max_value=i - 1)) for i in range(1, size)]
    roles = draw(
        st.lists(
            st.tuples(st.integers(min_value=0, max_value=size - 1), st.sampled_from(Role.values)),
            min_size=1,
            max_size=2,
            unique_by=lambda pair: pair[0],
        )
    )
    reports = draw(st.lists(st.booleans(), min_size=size, max_size=size))
    return parents, roles, reports


def name(i: int) -> str:
    return f"Nod{i:02d}x"  # never a part of another node's name


def build(parents, roles, reports, user):
    year = PlanningYear.objects.create(year=2026)
    periods = periods_ensure(year=year)
    nodes, depth = [], []
    for i, parent in enumerate(parents):
        if parent is None:
            nodes.append(OrgUnit.objects.create(name=name(i), kind=Kind.CITY))
            depth.append(0)
            continue
        d = depth[parent] + 1
        kind = KIND_AT_DEPTH[min(d, len(KIND_AT_DEPTH)) - 1]
        nodes.append(OrgUnit.objects.create(name=name(i), kind=kind, parent=nodes[parent]))
        depth.append(d)
    direction = goal_create(year=year, level=Level.DIRECTION, owner=nodes[0], title="Riktning")
    area = goal_create(
        year=year, level=Level.AREA, owner=nodes[0], parent=direction, title="Område"
    )
    boards = {}
    for node in nodes:
        if node.kind == Kind.COMMITTEE:
            boards[node.pk] = goal_create(
                year=year, level=Level.BOARD, owner=node, parent=area, title=f"Mål för {node.name}"
            )
    plans = []
    for i, node in enumerate(nodes):
        if i == 0:
            continue
        plans.append(plan_create(unit=node, year=year))
        committee = next(
            (a for a in OrgUnit.objects.ancestors(node, include_self=True) if a.pk in boards), None
        )
        if committee is not None and node.kind in (Kind.UNIT, Kind.GROUP, Kind.DEPARTMENT):
            goal_create(
                year=year,
                level=Level.UNIT,
                owner=node,
                parent=boards[committee.pk],
                title=f"Mål för {node.name}",
            )
        if reports[i]:
            report_open(org_unit=node, period=periods[0])
    for i, role in roles:
        Membership.objects.create(user=user, org_unit=nodes[i], role=role)
    return nodes, plans, periods[0]


def expected_visible(parents, roles) -> set[int]:
    """Indexes of the nodes in the subtrees of the user's roles, worked out from the parents."""
    roots = {i for i, _ in roles}
    seen = set()
    for i in range(len(parents)):
        j = i
        while j is not None:
            if j in roots:
                seen.add(i)
                break
            j = parents[j]
    return seen


def leaks(text: str, nodes, allowed: set[int]) -> list[str]:
    return [node.name for node in nodes if node.pk not in allowed and node.name in text]


def xlsx_text(data: bytes) -> str:
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(
        str(cell)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    )


@pytest.mark.django_db
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(tree=trees())
def test_lists_and_exports_name_only_nodes_the_user_may_see(tree):
    parents, roles, reports = tree
    with transaction.atomic():
        user = get_user_model().objects.create_user(username="persona")
        nodes, plans, period = build(parents, roles, reports, user)
        visible = {nodes[i].pk for i in expected_visible(parents, roles)}
        assert visible_unit_ids(user) == visible
        client = Client()
        client.force_login(user)
        found = {}

        def get(url):
            response = client.get(url)
            assert response.status_code in (200, 404), (url, response.status_code)
            return response

        for label, url in (
            ("start page", reverse("start:home")),
            ("organisation page", reverse("organisation:tree")),
            ("follow-up page", reverse("followup:home") + "?ar=2026"),
        ):
            page = get(url).content.decode()
            found[label] = leaks(page, nodes, visible)
            if label == "start page":  # every node below the city has a plan: all visible listed
                assert all(n.name in page for n in nodes[1:] if n.pk in visible)
        for node in nodes:
            if node.kind == Kind.COMMITTEE:
                url = reverse("followup:rollup_excel", args=[node.pk, period.code])
                response = get(url)
                assert (response.status_code == 200) == (node.pk in visible)
                if response.status_code == 200:
                    found[f"roll-up of {node.name}"] = leaks(
                        xlsx_text(response.content), nodes, visible
                    )
        response = get(reverse("followup:rollup_excel", args=[period.code]))
        assert (response.status_code == 200) == (nodes[0].pk in visible)
        if response.status_code == 200:
            found["city roll-up"] = leaks(xlsx_text(response.content), nodes, visible)
        for plan in plans:
            response = get(reverse("documents:plan", args=[plan.pk, "json"]))
            assert (response.status_code == 200) == (plan.unit_id in visible)
            if response.status_code == 200:
                above = set(
                    OrgUnit.objects.ancestors(plan.unit, include_self=True).values_list(
                        "pk", flat=True
                    )
                )
                text = json.dumps(json.loads(response.content), ensure_ascii=False)
                found[f"JSON of {plan.unit_name}"] = leaks(text, nodes, visible | above)
        transaction.set_rollback(True)
    assert not {where: names for where, names in found.items() if names}, found
