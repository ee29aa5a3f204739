"""The public pages: published versions only, no sign-in, nothing else reachable."""

import re

import pytest
from django.urls import reverse

from styra.decisions.services import plan_submit
from styra.followup.services import periods_ensure, report_open
from styra.goals.services import goal_update
from styra.plans.models import Plan, PlanStatus

from ..models import Snapshot
from ..services import (
    plan_adopt,
    plan_reopen,
    report_approve,
    subject_publish,
)

INDEX = reverse("decisions:public_index")


def public(name, *args):
    return reverse(f"decisions:{name}", args=args)


@pytest.fixture
def published(adopted, approver):
    subject_publish(subject=adopted.plan, by=approver)
    return adopted


def test_it_lists_published_plans_by_year_and_organisation_without_sign_in(
    client, published, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        page = client.get(INDEX)
    assert page.status_code == 200
    body = page.content.decode()
    assert '<h2 id="year-2026">2026</h2>' in body and "<h3>Norra nämnden</h3>" in body
    assert "Verksamhetsplan 2026 – Enhet A" in body
    assert public("public_detail", published.snapshot.pk) in body


def test_it_shows_the_published_snapshot_not_the_live_plan(client, published, approver):
    plan_reopen(plan=published.plan, by=approver, reason="Rättelse.")
    goal_update(goal=published.goal, title="Ändrat efter beslutet")
    # Reopening withdrew it; the plan adopted anew is published as version 2.
    assert client.get(public("public_detail", published.snapshot.pk)).status_code == 404

    plan_submit(plan=published.plan, by=None)
    second = plan_adopt(plan=published.plan, by=approver)
    subject_publish(subject=published.plan, by=approver)
    body = client.get(public("public_detail", second.pk)).content.decode()
    assert "Ändrat efter beslutet" in body
    assert client.get(public("public_detail", published.snapshot.pk)).status_code == 404


def test_it_shows_the_decided_text_even_if_the_database_moved_on(client, published):
    # The live plan cannot change while adopted; the page reads the stored version only.
    snapshot = published.snapshot
    page = client.get(public("public_detail", snapshot.pk))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Alla besök bokas inom tre dagar" in body and "Vi ringer upp samma dag." in body
    assert "90 %" in body and "Personalkostnader" in body and "Ny bokningsrutin" in body
    assert '<span class="chain-label">Enhetsmål:</span>' in body  # the year's own label
    assert '<th scope="col">Periodicitet</th>' in body and "<td>Tertial</td>" in body
    assert '<th scope="col">Startdatum</th>' in body and "Utfall" not in body
    pdf = client.get(public("public_download", snapshot.pk, "pdf"))
    assert pdf.status_code == 200 and pdf.content == bytes(Snapshot.objects.get().pdf)
    assert client.get(public("public_download", snapshot.pk, "json")).json()["unit"] == "Enhet A"
    assert client.get(public("public_download", snapshot.pk, "docx")).status_code == 404


def test_it_has_no_edit_controls_and_no_internal_links(client, published):
    for address in (INDEX, public("public_detail", published.snapshot.pk)):
        body = client.get(address).content.decode()
        assert "<form" not in body and "hx-" not in body and "csrf" not in body.lower()
        for href in re.findall(r'href="([^"]+)"', body):
            assert href.startswith(("/offentligt/", "/tillganglighet/", "/static/", "#", "data:"))


def test_it_gives_404_for_drafts_and_unpublished_versions_whatever_the_id(
    client, adopted, approver, org, chain, plan_b
):
    assert client.get(public("public_detail", adopted.snapshot.pk)).status_code == 404
    for snapshot_id in range(0, adopted.snapshot.pk + 5):
        assert client.get(public("public_detail", snapshot_id)).status_code == 404
        assert client.get(public("public_download", snapshot_id, "pdf")).status_code == 404
        assert client.get(public("public_download", snapshot_id, "json")).status_code == 404
    assert "Enhet A" not in client.get(INDEX).content.decode()


def test_it_gives_404_to_a_signed_in_user_too(client, city_admin, adopted):
    client.force_login(city_admin)
    assert client.get(public("public_detail", adopted.snapshot.pk)).status_code == 404


def test_it_leaves_a_withdrawn_plan_out_everywhere(client, published, approver):
    plan_reopen(plan=published.plan, by=approver, reason="Ny budget.")
    assert client.get(public("public_detail", published.snapshot.pk)).status_code == 404
    assert client.get(public("public_download", published.snapshot.pk, "pdf")).status_code == 404
    assert "Enhet A" not in client.get(INDEX).content.decode()


def test_it_never_shows_a_publication_whose_plan_went_back_to_draft(client, published):
    # Even when a path other than Styra's reopen put the plan back to draft.
    Plan.objects.filter(pk=published.plan.pk).update(status=PlanStatus.DRAFT)
    assert client.get(public("public_detail", published.snapshot.pk)).status_code == 404
    assert "Enhet A" not in client.get(INDEX).content.decode()


def test_it_lets_anonymous_visitors_reach_nothing_but_the_public_pages(
    client, published, submitted_report_elsewhere
):
    login = reverse("accounts:login")
    internal = [
        reverse("start:home"),
        reverse("plans:detail", args=[published.plan.pk]),
        reverse("documents:plan", args=[published.plan.pk, "pdf"]),
        public("plan_versions", published.plan.pk),
        public("compare", published.plan.pk),
        public("download", published.snapshot.pk, "pdf"),
        public("report_versions", submitted_report_elsewhere.pk),
    ]
    for address in internal:
        answer = client.get(address)
        assert answer.status_code == 302 and answer["Location"].startswith(login), address
    assert client.post(public("plan_publish", published.plan.pk)).status_code == 302
    assert client.post(public("plan_unpublish", published.plan.pk)).status_code == 302
    assert client.get(INDEX).status_code == 200
    assert client.get(public("public_detail", published.snapshot.pk)).status_code == 200


@pytest.fixture
def submitted_report_elsewhere(org, chain, plan_b, editor_b):
    """Unit B's report, so that it does not clash with unit A's adopted plan."""
    period = periods_ensure(year=chain.year)[0]
    return report_open(org_unit=org.unit_b, period=period)


def test_it_publishes_an_approved_report_and_shows_its_snapshot(client, submitted_report, approver):
    snapshot = report_approve(report=submitted_report, by=approver)
    assert client.get(public("public_detail", snapshot.pk)).status_code == 404
    subject_publish(subject=submitted_report, by=approver)
    body = client.get(public("public_detail", snapshot.pk)).content.decode()
    assert "Tertialrapport 1 2026 – Enhet A" in body
    assert "Alla besök bokas inom tre dagar" in body and "Bedöms uppfyllas" in body
    assert '<th scope="col" class="num">Utfall</th>' in body and "Periodicitet" not in body
    assert "Tertialrapport 1 2026 – Enhet A" in client.get(INDEX).content.decode()
