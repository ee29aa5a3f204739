"""An editor of unit B who puts unit A's ids into URLs gets 404 or 403 and changes nothing.

Two ways of reaching across, for every URL that takes an object id:

* all of unit A's ids (A's plan, A's section …): refused by the access policy;
* B's own plan or report with one of A's parts inside it (B's plan, A's section):
  B may edit the container, so only the lookup of the part within it stands
  between B and A's data.

Each POST carries a body that the form would accept, and the same body sent
by unit A's own editor does change the database, so a refusal is a real one.
The whole database of the Styra apps (not the audit or security log) and the
appendix files are compared before and after each request.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client

from .test_url_policy import make_world, named_routes, notice_to, url_for

ID_ARGS = {
    "plan_id",
    "unit_id",
    "section_id",
    "appendix_id",
    "goal_id",
    "indicator_id",
    "activity_id",
    "row_id",
    "report_id",
    "committee_id",
    "snapshot_id",
    "notice_id",  # editor_a's own notice: nobody else's to read or mark
    "pk",
}
# Reads that unit B's editor may make: the chain's committee goal frames B's plan too.
LEGITIMATE_READS = {"goals:goal_block"}
# Pages for everyone, and Django's admin (staff only, a sign-in page for every persona).
NOT_ABOUT_UNITS = ("decisions:public_", "admin:")
# POSTs that write nothing even for unit A's editor in this world, and why.
NO_WRITE = {
    "followup:budget_latest": "a redirect to this month's page",
    "plans:unit": "the plan for 2027 needs a 2027 chain, which the world does not have",
    "plans:copy": "a copy goes only into an existing later year; the world has no 2027",
    "plans:chain_add": "every board goal above the unit is in the plan already",
    "decisions:report_submit": "the report's goals have no assessments yet",
    "plans:chain_remove": "unit A's own goals hang under the board goal",
}


def rich_body(w) -> dict:
    """One body that every edit form of the plan, report and chain pages accepts."""
    return {
        "heading": "Kapad rubrik",
        "text": "Kapad text",
        "title": "Kapat mål",
        "name": "Kapat namn",
        "number": "9",
        "description": "Kapad",
        "expected_result": "Kapad",
        "officer": "Kapare",
        "phone": "000",
        "addressee": "Kapare",
        "value": "fulfilled",
        "comment": "Kapad",
        "reason": "Kapad",
        "analysis": "Kapad",
        "status": "finished",
        "outcome": "1",
        "forecast": "1",
        "target": "Kapat årsmål",
        "currency_unit": "mnkr",
        "costs": "1",
        "revenues": "",
        "net": "",
        "year": "2027",
        "parent": w.chain.board.pk,
        "goal": w.chain.board.pk,
        "measure": "%",
        "direction": "higher",
        "periodicity": "tertial",
        "decimals": "0",
        "aggregation": "none",
        "unit": w.org.unit_a.pk,
        "period": w.periods["T1"].pk,
        "kind": "unit",
        "new_parent": w.org.dept.pk,
        "cutoff": "2026-04-30",
        # A delete that takes draft report data with it asks first; this is the answer.
        "confirm": "1",
        "deadline": "2026-05-20",
        "status_tolerance": "5",
        # A quality guarantee's promise and its measurable term.
        "promise": "Kapat löfte",
        "term": "Kapad tid",
        "target_percent": "90",
        **{f"row{row.pk}-{f}": "1" for row in (w.row_a, w.row_a2) for f in ("outcome", "forecast")},
    }


def _outcome_body(w) -> dict:
    return {"value": "42", "comment": "Kapad"}


BODIES = {"followup:report_outcome": _outcome_body}


def database_state() -> dict:
    """Every row of every Styra model but the audit trail's, and whether each file is there."""
    state = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("styra.") or config.label == "audit":
            continue
        for model in config.get_models():
            rows = model.objects.order_by("pk").values()
            state[model._meta.label] = [
                {k: v for k, v in row.items() if k != "updated_at"} for row in rows
            ]
    return state


def files_state(w) -> dict:
    return {a.pk: (w.media_root / a.file.name).exists() for a in (w.appendix_a, w.appendix_b)}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def foreign_routes():
    return [
        r
        for r in named_routes()
        if ID_ARGS & set(r.args)
        and r.key not in LEGITIMATE_READS
        and not r.name.startswith(NOT_ABOUT_UNITS)
    ]


def mixed_url(route, w) -> str | None:
    """B's own plan or report holding one of A's parts; None when the URL has no part."""
    parts = set(route.args) - {"plan_id", "report_id", "way", "name", "fmt", "part", "code"}
    if not parts or not ({"plan_id", "report_id"} & set(route.args)):
        return None
    # A's own goal and indicator, not the board goal and KF indicator the plans share.
    return url_for(
        route,
        w,
        plan_id=w.plan_b.pk,
        report_id=w.report_b.pk,
        goal_id=w.goal_a.pk,
        indicator_id=w.indicator_a.pk,
        way="ned",
    )


def _send(client, method, url, body):
    """One request whose effects are rolled back; the answer and whether anything changed."""
    with transaction.atomic():
        before = database_state()
        response = client.get(url) if method == "GET" else client.post(url, body)
        changed = database_state() != before
        transaction.set_rollback(True)
    return response.status_code, changed


@pytest.fixture
def world(org, chain, plan_a, plan_b, settings, tmp_path):
    return make_world(org, chain, plan_a, plan_b, settings, tmp_path)


@pytest.fixture
def actors(world, editor_a, editor_b, city_admin):
    world.users = {"editor_a": editor_a, "editor_b": editor_b, "city_admin": city_admin}
    world.notice = notice_to(editor_a)
    return _client(editor_a), _client(editor_b)


def test_an_editor_of_unit_b_cannot_reach_unit_a_by_id(world, actors):
    own, foreign = actors
    refusals, writes = [], []
    routes = foreign_routes()
    assert len(routes) > 50
    for route in routes:
        urls = [("A's ids", url_for(route, world, way="ned"))]
        mixed = mixed_url(route, world)
        if mixed:
            urls.append(("B's container, A's part", mixed))
        body = BODIES.get(route.key, rich_body)(world)
        for label, url in urls:
            for method in ("GET", "POST"):
                files = files_state(world)
                status, changed = _send(foreign, method, url, body)
                if status not in (403, 404, 405):
                    refusals.append(f"{route.key} {method} ({label}) {url}: {status}")
                if changed or files_state(world) != files:
                    writes.append(f"{route.key} {method} ({label}) {url}")
    assert not refusals, "unit B's editor was let in:\n" + "\n".join(refusals)
    assert not writes, "unit B's editor changed unit A's data:\n" + "\n".join(writes)


def test_the_same_bodies_do_write_for_unit_a_s_own_editor(world, actors):
    """Without this, the refusals above could be a form turning away a useless body."""
    own, _foreign = actors
    unchanged = []
    for route in foreign_routes():
        if route.key in NO_WRITE:
            continue
        url = url_for(route, world, way="ned")
        status, changed = _send(own, "POST", url, BODIES.get(route.key, rich_body)(world))
        if status == 405:
            continue  # GET-only: a read, nothing to write
        if status in (403, 404):
            continue  # not unit A's editor's to change either (the chain, the city's calendar)
        if not changed:
            unchanged.append(f"{route.key}: {status}")
    assert not unchanged, "these POSTs changed nothing even for unit A's editor:\n" + "\n".join(
        unchanged
    )
