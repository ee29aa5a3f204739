"""Comparing two versions of a plan: the differences from the dicts, and the page."""

import copy
from decimal import Decimal

from django.urls import reverse

from styra.budget.services import budget_row_create
from styra.decisions.services import plan_submit
from styra.goals.services import activity_create, goal_update
from styra.indicators.services import target_set
from styra.plans.services import plan_update_header, section_update

from ..compare import ADDED, CHANGED, REMOVED, SAME, align, compare_plans, word_diff
from ..services import plan_adopt, plan_reopen


def url(plan, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("decisions:compare", args=[plan.pk]) + (f"?{query}" if query else "")


def test_it_marks_deleted_and_inserted_words():
    old, new = word_diff("Besök bokas inom tre dagar", "Besök bokas inom två dagar")
    assert [(s.op, s.text) for s in old if s.op != "equal"] == [("delete", "tre")]
    assert [(s.op, s.text) for s in new if s.op != "equal"] == [("insert", "två")]


def test_it_aligns_by_key_and_pairs_what_was_renamed():
    pairs = align(["a", "b", "c"], ["a", "x", "c", "d"], key=lambda s: s)
    assert pairs == [("a", "a"), ("b", "x"), ("c", "c"), (None, "d")]
    assert align(["a", "b"], ["b"], key=lambda s: s) == [("a", None), ("b", "b")]


def test_it_compares_the_dicts_part_by_part(adopted):
    old = adopted.snapshot.data
    new = copy.deepcopy(old)
    unit_goal = new["goals"][0]["children"][0]["children"][0]["children"][0]
    unit_goal["title"] = "Alla besök bokas inom två dagar"
    unit_goal["indicators"][0]["target"] = "95 %"
    unit_goal["activities"].append({"name": "Mätning", "start": None, "end": None})
    new["sections"] = []
    new["budget"]["rows"].append({"name": "Lokaler", "costs": 200})
    new["officer"] = "Ny handläggare"

    result = compare_plans(old, adopted.snapshot.meta, new, adopted.snapshot.meta)
    header = {line.label: line.state for line in result.header.lines}
    assert header["Handläggare"] == CHANGED
    assert header["Enhet"] == SAME
    assert [g.state for g in result.sections] == [REMOVED]
    goal = next(g for g in result.goals if "inom två dagar" in g.title)
    lines = {line.label: line.state for line in goal.lines}
    assert lines["Mål"] == CHANGED
    assert lines["Indikator: Andel besök inom tre dagar"] == CHANGED
    assert lines["Aktivitet: Mätning"] == ADDED
    assert lines["Aktivitet: Ny bokningsrutin"] == SAME
    budget = {line.label: line.state for line in result.budget.lines}
    assert budget["Rad: Lokaler"] == ADDED and budget["Rad: Personalkostnader"] == SAME
    assert result.counts == {CHANGED: 3, ADDED: 2, REMOVED: 2}


def test_it_finds_no_difference_between_a_version_and_itself(adopted):
    data, meta = adopted.snapshot.data, adopted.snapshot.meta
    assert compare_plans(data, meta, data, meta).is_same


def _second_version(adopted, approver):
    plan = adopted.plan
    plan_reopen(plan=plan, by=approver, reason="Nya mål.")
    goal_update(goal=adopted.goal, title="Alla besök bokas inom två dagar")
    target_set(indicator=adopted.indicator, org_unit=plan.unit, text="95 %")
    activity_create(goal=adopted.goal, owner=plan.unit, name="Mätning av väntetider")
    section_update(section=adopted.section, heading="Inledning", text="Enheten ger stöd snabbt.")
    budget_row_create(plan=plan, name="Lokaler", costs=Decimal("200"))
    plan_update_header(
        plan=plan, officer="Kim Berg", phone="08-123", addressee="", meeting_date=None
    )
    return plan


def test_it_shows_a_version_beside_the_current_draft(
    client, reader, approver, adopted, django_assert_max_num_queries
):
    plan = _second_version(adopted, approver)
    client.force_login(reader)
    with django_assert_max_num_queries(30):
        page = client.get(url(plan))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Version 1, fastställd" in body and "Planen som den är nu (utkast)" in body
    assert '<del><span class="visually-hidden">Borttaget: </span>tre</del>' in body
    assert '<ins><span class="visually-hidden">Tillagt: </span>två</ins>' in body
    assert "Aktivitet: Mätning av väntetider" in body and "Tillagd" in body
    assert "Rad: Lokaler" in body and "Kim Berg" in body
    assert "Ändrad" in body
    # Unchanged parts are left out unless asked for.
    assert "Rad: Personalkostnader" not in body
    everything = client.get(url(plan, fran=1, till="aktuell", alla="on")).content.decode()
    assert "Rad: Personalkostnader" in everything and "Oförändrad" in everything


def test_it_compares_two_snapshots(client, reader, approver, adopted):
    plan = _second_version(adopted, approver)
    plan_submit(plan=plan, by=None)
    plan_adopt(plan=plan, by=approver)
    client.force_login(reader)
    body = client.get(url(plan, fran=1, till=2)).content.decode()
    assert "Version 1, fastställd" in body and "Version 2, fastställd" in body
    assert "<ins>" in body and "två" in body
    same = client.get(url(plan, fran=2, till="aktuell")).content.decode()
    assert "Versionerna har samma innehåll" in same


def test_it_refuses_unknown_versions_and_unknown_readers(client, reader, editor_b, adopted):
    client.force_login(reader)
    assert client.get(url(adopted.plan, fran=7, till="aktuell")).status_code == 400
    assert client.get(url(adopted.plan, fran="x", till=1)).status_code == 400
    client.force_login(editor_b)
    assert client.get(url(adopted.plan)).status_code == 404
    client.logout()
    assert client.get(url(adopted.plan)).status_code == 302


def test_it_says_so_when_the_plan_has_no_versions(client, reader, content):
    client.force_login(reader)
    page = client.get(url(content.plan))
    assert page.status_code == 200 and "inga sparade versioner" in page.content.decode()


def test_it_compares_the_quality_guarantees_by_their_promise(adopted):
    old = copy.deepcopy(adopted.snapshot.data)
    kept = {"promise": "Du får svar inom en vecka", "term": "7 dagar", "target_percent": 90}
    dropped = {"promise": "Du får besök hemma", "term": "inom 3 dagar", "target_percent": 100}
    old["quality_guarantees"] = [{**kept, "remedy": None}, {**dropped, "remedy": None}]
    new = copy.deepcopy(old)
    new["quality_guarantees"] = [
        {"promise": "Du får en kontaktperson", "term": "vid första besöket", "remedy": None},
        {**kept, "target_percent": 95, "remedy": "Du får ett samtal från chefen"},
    ]

    result = compare_plans(old, adopted.snapshot.meta, new, adopted.snapshot.meta)
    added, changed, removed = result.guarantees.lines
    assert (added.state, changed.state, removed.state) == (ADDED, CHANGED, REMOVED)
    assert added.new == "Du får en kontaktperson; Villkor: vid första besöket; Målvärde: 100 %"
    assert removed.old.startswith("Du får besök hemma")
    assert changed.old == "Du får svar inom en vecka; Villkor: 7 dagar; Målvärde: 90 %"
    assert changed.new == (
        "Du får svar inom en vecka; Villkor: 7 dagar; Målvärde: 95 %; "
        "Om garantin inte hålls: Du får ett samtal från chefen"
    )
    assert result.guarantees in result.groups
    # A plan without guarantees (or adopted before Styra had them) compares as before.
    del old["quality_guarantees"], new["quality_guarantees"]
    plain = compare_plans(old, adopted.snapshot.meta, new, adopted.snapshot.meta)
    assert plain.guarantees.lines == [] and plain.guarantees.state == SAME


def test_the_page_shows_a_guarantee_changed_since_the_adopted_version(
    client, reader, approver, adopted
):
    from styra.internal_control.guarantee_services import guarantee_create, guarantee_update

    plan = adopted.plan
    plan_reopen(plan=plan, by=approver, reason="Ny garanti.")
    guarantee = guarantee_create(
        unit=plan.unit, year=plan.year, promise="Du får svar inom en vecka", term="7 dagar"
    )
    plan_submit(plan=plan, by=None)
    plan_adopt(plan=plan, by=approver)  # version 2, with the guarantee
    plan_reopen(plan=plan, by=approver, reason="Kortare tid.")
    guarantee_update(guarantee=guarantee, term="5 dagar")
    client.force_login(reader)
    body = client.get(url(plan, fran=2, till="aktuell")).content.decode()
    assert "Kvalitetsgarantier" in body and "Garanti" in body
    assert '<del><span class="visually-hidden">Borttaget: </span>7</del>' in body
    assert '<ins><span class="visually-hidden">Tillagt: </span>5</ins>' in body
    first = client.get(url(plan, fran=1, till=2)).content.decode()
    assert "Tillagd" in first and "Du får svar inom en vecka" in first
