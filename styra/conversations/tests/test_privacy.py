"""A dialog is its parties' only: never in a public page, a document, a version or a history.

Every message below carries one marker; the test looks for it wherever the plan and the
report are shown or handed out after every decision has been taken with a message.
"""

import json

import pytest
from django.urls import reverse

from styra.decisions.models import Snapshot
from styra.decisions.services import (
    plan_adopt,
    plan_submit,
    report_approve,
    report_submit,
    subject_publish,
)
from styra.followup.interchange import unit_report_data
from styra.followup.models import Fulfilment
from styra.followup.services import assessment_set
from styra.plans.interchange import plan_to_dict

from ..services import message_post

MARKER = "Hemligt-7Q2"


def assert_nowhere(client, urls):
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert MARKER not in response.content.decode(), url


@pytest.fixture
def decided(report_setup, plan_a, editor_a, approver):
    """Plan and report handed in, talked about, adopted and approved with messages, published."""
    report = report_setup.report
    for goal in (report_setup.goal, report_setup.bare_goal):
        assessment_set(report=report, goal=goal, value=Fulfilment.FULFILLED, proposed="")
    plan_submit(plan=plan_a, by=editor_a, message=f"Inlämning {MARKER}")
    report_submit(report=report, by=editor_a, message=f"Inlämning {MARKER}")
    message_post(subject=plan_a, by=approver, text=f"Fråga {MARKER}")
    message_post(subject=report, by=editor_a, text=f"Svar {MARKER}")
    plan_adopt(plan=plan_a, by=approver, message=f"Beslut {MARKER}")
    report_approve(report=report, by=approver, message=f"Beslut {MARKER}")
    subject_publish(subject=plan_a, by=approver)
    subject_publish(subject=report, by=approver)
    return plan_a, report


def test_no_document_or_version_holds_a_message(decided):
    plan, report = decided
    report.refresh_from_db()
    assert MARKER not in json.dumps(plan_to_dict(plan), ensure_ascii=False)
    assert MARKER not in json.dumps(unit_report_data(report), ensure_ascii=False)
    assert MARKER not in json.dumps(report.content_as_submitted, ensure_ascii=False)
    for snapshot in Snapshot.objects.all():
        stored = json.dumps([snapshot.data, snapshot.meta], ensure_ascii=False)
        assert MARKER not in stored
    assert Snapshot.objects.count() == 2


def test_no_public_page_or_file_shows_a_message(client, decided):
    urls = [reverse("decisions:public_index")]
    for snapshot in Snapshot.objects.all():
        urls += [
            reverse("decisions:public_detail", args=[snapshot.pk]),
            reverse("decisions:public_download", args=[snapshot.pk, "json"]),
        ]
    assert_nowhere(client, urls)


def test_the_readers_pages_and_downloads_show_no_message(client, decided, reader):
    plan, report = decided
    client.force_login(reader)
    urls = [
        reverse("plans:detail", args=[plan.pk]),
        reverse("followup:report", args=[report.pk]),
        reverse("audit:plan", args=[plan.pk]),
        reverse("audit:report", args=[report.pk]),
        reverse("decisions:plan_versions", args=[plan.pk]),
        reverse("decisions:report_versions", args=[report.pk]),
        reverse("documents:plan", args=[plan.pk, "json"]),
        reverse("documents:report", args=[report.pk, "json"]),
    ]
    assert_nowhere(client, urls)


def test_the_parties_see_every_message(client, decided, editor_a):
    plan, report = decided
    client.force_login(editor_a)
    plan_page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    report_page = client.get(reverse("followup:report", args=[report.pk])).content.decode()
    assert plan_page.count(MARKER) == 3 and report_page.count(MARKER) == 3
