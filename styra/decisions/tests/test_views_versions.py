"""The versions page, downloads of old versions, and publishing by role."""

import json

from django.urls import reverse

from styra.decisions.services import plan_submit
from styra.goals.services import goal_update
from styra.plans.models import PlanStatus

from ..models import Publication, Snapshot
from ..services import plan_adopt, plan_reopen, subject_publish


def url(name, *args):
    return reverse(f"decisions:{name}", args=args)


def test_it_snapshots_when_the_adopt_view_adopts(client, approver, content):
    plan_submit(plan=content.plan, by=None)
    client.force_login(approver)
    client.post(reverse("decisions:plan_adopt", args=[content.plan.pk]))
    snapshot = Snapshot.objects.get()
    assert snapshot.plan == content.plan and snapshot.decided_by == approver


def test_it_snapshots_when_the_approve_view_approves(client, approver, submitted_report):
    client.force_login(approver)
    client.post(reverse("decisions:report_approve", args=[submitted_report.pk]))
    assert Snapshot.objects.get().report == submitted_report


def test_it_records_the_reopen_view_with_who_and_why(client, approver, adopted):
    client.force_login(approver)
    client.post(reverse("decisions:plan_reopen", args=[adopted.plan.pk]), {"reason": "Ny budget."})
    event = adopted.snapshot.events.get()
    assert (event.kind, event.by, event.reason) == ("reopen", approver, "Ny budget.")
    page = client.get(url("plan_versions", adopted.plan.pk)).content.decode()
    assert "Öppnades igen" in page and "Ny budget." in page


def test_it_lists_versions_with_their_files_for_a_reader(client, reader, adopted):
    client.force_login(reader)
    page = client.get(url("plan_versions", adopted.plan.pk))
    assert page.status_code == 200
    body = page.content.decode()
    assert url("download", adopted.snapshot.pk, "pdf") in body
    assert url("download", adopted.snapshot.pk, "json") in body
    assert "Publicera" not in body  # a reader may not publish


def test_it_links_the_versions_page_from_the_plan(client, reader, adopted):
    client.force_login(reader)
    plan_page = client.get(reverse("plans:detail", args=[adopted.plan.pk])).content.decode()
    assert url("plan_versions", adopted.plan.pk) in plan_page


def test_it_links_the_versions_page_from_the_report(client, reader, submitted_report):
    client.force_login(reader)
    report_page = client.get(reverse("followup:report", args=[submitted_report.pk]))
    assert url("report_versions", submitted_report.pk) in report_page.content.decode()
    assert client.get(url("report_versions", submitted_report.pk)).status_code == 200


def test_it_downloads_the_old_version_after_the_live_plan_changed(client, approver, adopted):
    client.force_login(approver)
    client.post(reverse("decisions:plan_reopen", args=[adopted.plan.pk]), {"reason": "Nytt mål."})
    goal_update(goal=adopted.goal, title="Alla besök bokas inom en dag")

    old = client.get(url("download", adopted.snapshot.pk, "json"))
    assert old.status_code == 200 and old["Content-Type"] == "application/json"
    assert "version-1.json" in old["Content-Disposition"]
    assert "inom tre dagar" in json.dumps(json.loads(old.content), ensure_ascii=False)
    live = client.get(reverse("documents:plan", args=[adopted.plan.pk, "json"]))
    assert "inom en dag" in live.content.decode()

    pdf = client.get(url("download", adopted.snapshot.pk, "pdf"))
    assert pdf.content == bytes(Snapshot.objects.get().pdf)
    assert client.get(url("download", adopted.snapshot.pk, "docx")).status_code == 404


def test_it_hides_versions_from_those_who_may_not_see_the_unit(client, editor_b, outsider, adopted):
    for user in (editor_b, outsider):
        client.force_login(user)
        assert client.get(url("plan_versions", adopted.plan.pk)).status_code == 404
        assert client.get(url("download", adopted.snapshot.pk, "pdf")).status_code == 404
        assert client.get(url("compare", adopted.plan.pk)).status_code == 404
    client.logout()
    answer = client.get(url("download", adopted.snapshot.pk, "pdf"))
    assert answer.status_code == 302 and reverse("accounts:login") in answer["Location"]


def test_it_lets_only_approvers_publish_and_unpublish(
    client, editor_a, reader, controller, approver, adopted
):
    for user in (editor_a, reader, controller):
        client.force_login(user)
        assert client.post(url("plan_publish", adopted.plan.pk)).status_code == 403
    assert not Publication.objects.exists()

    client.force_login(approver)
    client.post(url("plan_publish", adopted.plan.pk))
    assert Publication.objects.get().snapshot == adopted.snapshot
    page = client.get(url("plan_versions", adopted.plan.pk)).content.decode()
    assert "Avpublicera" in page and url("public_detail", adopted.snapshot.pk) in page

    client.force_login(editor_a)
    assert client.post(url("plan_unpublish", adopted.plan.pk)).status_code == 403
    client.force_login(approver)
    client.post(url("plan_unpublish", adopted.plan.pk))
    assert not Publication.objects.exists()


def test_it_refuses_to_publish_a_draft_from_the_page(client, approver, content):
    client.force_login(approver)
    answer = client.post(url("plan_publish", content.plan.pk), follow=True)
    assert "Bara en fastställd plan" in answer.content.decode()
    assert not Publication.objects.exists()
    assert client.get(url("plan_publish", content.plan.pk)).status_code == 405


def test_it_publishes_an_approved_report(client, approver, editor_a, submitted_report):
    client.force_login(approver)
    client.post(reverse("decisions:report_approve", args=[submitted_report.pk]))
    client.force_login(editor_a)
    assert client.post(url("report_publish", submitted_report.pk)).status_code == 403
    client.force_login(approver)
    client.post(url("report_publish", submitted_report.pk))
    assert Publication.objects.get().snapshot.report == submitted_report


def test_it_withdraws_publication_when_the_reopen_view_reopens(client, approver, adopted):
    client.force_login(approver)
    client.post(url("plan_publish", adopted.plan.pk))
    client.post(reverse("decisions:plan_reopen", args=[adopted.plan.pk]), {"reason": "Ny budget."})
    adopted.plan.refresh_from_db()
    assert adopted.plan.status == PlanStatus.DRAFT
    assert not Publication.objects.exists()


def test_it_reads_the_versions_page_in_a_fixed_number_of_queries(
    client, approver, adopted, django_assert_max_num_queries
):
    for reason in ("Första rättelsen.", "Andra rättelsen."):
        plan_reopen(plan=adopted.plan, by=approver, reason=reason)
        plan_submit(plan=adopted.plan, by=None)
        plan_adopt(plan=adopted.plan, by=approver)
    subject_publish(subject=adopted.plan, by=approver)
    client.force_login(approver)
    with django_assert_max_num_queries(12):
        page = client.get(url("plan_versions", adopted.plan.pk))
    body = page.content.decode()
    assert body.count("Öppnades igen") == 2 and "Andra rättelsen." in body
    assert "Version 3 är publicerad" in body


def test_publishing_and_withdrawing_are_in_the_security_log(client, approver, adopted):
    from styra.audit.middleware import HEADER
    from styra.audit.models import SecurityEvent

    client.force_login(approver)
    published = client.post(url("plan_publish", adopted.plan.pk), REMOTE_ADDR="192.0.2.7")
    withdrawn = client.post(url("plan_unpublish", adopted.plan.pk), REMOTE_ADDR="192.0.2.8")
    events = {
        e.kind: e for e in SecurityEvent.objects.filter(kind__in=["published", "unpublished"])
    }
    assert set(events) == {"published", "unpublished"}
    for event, response, ip in (
        (events["published"], published, "192.0.2.7"),
        (events["unpublished"], withdrawn, "192.0.2.8"),
    ):
        assert (event.actor, event.actor_id, event.ip) == ("approver", approver.pk, ip)
        assert event.request_id == response[HEADER]
        assert f"snapshot={adopted.snapshot.pk}" in event.detail


def test_a_refused_publication_leaves_no_security_event(client, reader, adopted):
    from styra.audit.models import SecurityEvent

    client.force_login(reader)
    assert client.post(url("plan_publish", adopted.plan.pk)).status_code in (403, 404)
    assert not SecurityEvent.objects.filter(kind="published").exists()
    assert not Publication.objects.exists()
