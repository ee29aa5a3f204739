"""An adopted plan's page and files show what was adopted, and say when the chain moved on."""

import io
import json
from decimal import Decimal

import docx
import pypdf
import pytest
from django.urls import reverse
from django.utils import translation

from styra.budget.models import BudgetRow
from styra.conftest import add_indicator
from styra.decisions.files import plan_file
from styra.decisions.services import plan_submit
from styra.goals.services import goal_update
from styra.indicators.services import target_set
from styra.plans.services import plan_create

from ..models import Snapshot
from ..services import plan_adopt, plan_reopen
from .conftest import adopt_as_older_styra

OLD_AREA = "Invånarna får stöd i tid"
NEW_AREA = "Invånarna får stöd när de behöver det"
NOTICE = "Målkedjan har ändrats sedan planen fastställdes."


def page(client, plan) -> str:
    response = client.get(reverse("plans:detail", args=[plan.pk]))
    assert response.status_code == 200
    return response.content.decode()


def download(client, plan, fmt: str) -> bytes:
    response = client.get(reverse("documents:plan", args=[plan.pk, fmt]))
    assert response.status_code == 200
    return response.content


def pdf_text(data: bytes) -> str:
    return " ".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_it_shows_and_prints_the_adopted_title_after_kf_renames_a_goal(
    client, reader, adopted, chain
):
    client.force_login(reader)
    assert NOTICE not in page(client, adopted.plan)

    goal_update(goal=chain.area, title=NEW_AREA)

    body = page(client, adopted.plan)
    assert OLD_AREA in body and NEW_AREA not in body
    assert NOTICE in body
    versions = reverse("decisions:plan_versions", args=[adopted.plan.pk])
    compare = reverse("decisions:compare", args=[adopted.plan.pk])
    assert f'href="{versions}"' in body and f'href="{compare}?fran=1&amp;till=aktuell"' in body
    # The unit's own goal, narrative and figures are still there, as adopted.
    for text in ("Alla besök bokas inom tre dagar", "Vi ringer upp samma dag.", "90 %"):
        assert text in body

    pdf = download(client, adopted.plan, "pdf")
    assert pdf == bytes(Snapshot.objects.get().pdf)  # the archived document itself
    assert OLD_AREA in pdf_text(pdf) and NEW_AREA not in pdf_text(pdf)
    word = docx_text(download(client, adopted.plan, "docx"))
    assert OLD_AREA in word and NEW_AREA not in word
    data = json.loads(download(client, adopted.plan, "json"))
    assert data == adopted.snapshot.data
    assert data["goals"][0]["children"][0]["title"] == OLD_AREA

    # What changed is there to see, on the comparison the notice links to.
    comparison = client.get(compare, {"fran": "1", "till": "aktuell"}).content.decode()
    assert NEW_AREA in comparison


def test_a_changed_kf_target_is_flagged_and_the_adopted_one_kept(
    client, reader, org, chain, content, approver
):
    indicator = add_indicator(chain.area, org.city, "Andel nöjda invånare", target="öka")
    target_set(indicator=indicator, org_unit=org.unit_a, text="80 %")
    plan_submit(plan=content.plan, by=None)
    plan_adopt(plan=content.plan, by=approver)
    client.force_login(reader)
    assert NOTICE not in page(client, content.plan)

    target_set(indicator=indicator, org_unit=org.city, text="minst 95 %")

    body = page(client, content.plan)
    assert NOTICE in body and "minst 95 %" not in body and "öka" in body
    assert "minst 95 %" not in pdf_text(download(client, content.plan, "pdf"))
    assert "minst 95 %" not in docx_text(download(client, content.plan, "docx"))


def test_the_adopted_page_runs_a_bounded_number_of_queries(
    client, reader, adopted, chain, django_assert_max_num_queries
):
    goal_update(goal=chain.board, title="Nytt nämndmål")
    client.force_login(reader)
    with django_assert_max_num_queries(25):
        body = page(client, adopted.plan)
    assert NOTICE in body and "Ingen ska vänta längre än nödvändigt" in body


def test_a_plan_adopted_without_a_snapshot_shows_and_prints_as_it_stands(
    client, reader, content, chain
):
    plan_submit(plan=content.plan, by=None)
    adopt_as_older_styra(content.plan)
    goal_update(goal=chain.area, title=NEW_AREA)
    client.force_login(reader)

    body = page(client, content.plan)
    assert NEW_AREA in body and NOTICE not in body and "✓ Fastställd" in body
    assert NEW_AREA in pdf_text(download(client, content.plan, "pdf"))
    assert json.loads(download(client, content.plan, "json"))["unit"] == "Enhet A"


def test_a_reopened_plan_is_shown_as_it_stands_again(client, approver, adopted, chain):
    goal_update(goal=chain.area, title=NEW_AREA)
    plan_reopen(plan=adopted.plan, by=approver, reason="Ny målkedja.")
    client.force_login(approver)
    body = page(client, adopted.plan)
    assert NEW_AREA in body and NOTICE not in body
    assert NEW_AREA in docx_text(download(client, adopted.plan, "docx"))


def test_the_cli_export_prints_the_adopted_version(adopted, chain):
    goal_update(goal=chain.area, title=NEW_AREA)
    assert json.loads(plan_file(adopted.plan, "json")) == adopted.snapshot.data
    with pytest.raises(ValueError):
        plan_file(adopted.plan, "xlsx")


def test_the_notice_follows_the_readers_language(client, reader, adopted, chain, settings):
    goal_update(goal=chain.area, title=NEW_AREA)
    client.force_login(reader)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    try:
        body = page(client, adopted.plan)
    finally:
        translation.deactivate()  # the request left English active in this thread
    assert "The goal chain has changed since the plan was adopted." in body
    assert "The adopted version (version 1)" in body and NOTICE not in body


def test_whatever_path_changed_the_plan_the_page_shows_what_was_adopted(client, reader, adopted):
    # No service changes a locked plan's budget; a direct write stands for any other path.
    BudgetRow.objects.filter(pk=adopted.row.pk).update(costs=Decimal("9999"))
    client.force_login(reader)
    body = page(client, adopted.plan)
    assert "Planen skiljer sig nu från den fastställda versionen." in body and NOTICE not in body
    assert "1\xa0000" in body and "9\xa0999" not in body  # Swedish thousands separator
    assert "9\xa0999" not in docx_text(download(client, adopted.plan, "docx"))


def test_an_adopted_plans_goal_block_is_not_found_but_its_chain_block_is_shown(
    client, reader, adopted, chain
):
    goal_update(goal=chain.area, title=NEW_AREA)
    client.force_login(reader)
    htmx = {"HTTP_HX_REQUEST": "true"}
    goal_block = reverse("plans:block", args=[adopted.plan.pk, f"goal-{adopted.goal.pk}"])
    assert client.get(goal_block, **htmx).status_code == 404
    chain_block = client.get(reverse("plans:block", args=[adopted.plan.pk, "chain"]), **htmx)
    assert chain_block.status_code == 200 and OLD_AREA in chain_block.content.decode()


def test_a_version_of_a_replaced_plan_is_not_the_new_plans_adoption(adopted, org, chain):
    adopted.plan.delete()  # as an import that replaces the plan does; the version stays
    plan = plan_create(unit=org.unit_a, year=chain.year)
    plan_submit(plan=plan, by=None)
    adopt_as_older_styra(plan)  # no version of its own: the old one must not stand in
    assert Snapshot.objects.count() == 1
    assert Snapshot.objects.adopted_version(plan) is None
    assert json.loads(plan_file(plan, "json"))["goals"][0]["title"] == "En stad för alla"
