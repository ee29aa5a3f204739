import hashlib
import io

import pypdf
import pytest
from django.core.exceptions import ValidationError

from styra.decisions.services import plan_submit
from styra.documents.tests.pdf_checks import assert_archivable_swedish_pdf
from styra.followup.models import Report, ReportEvent, ReportStatus
from styra.goals.services import goal_update
from styra.plans.interchange import validate_plan_dict
from styra.plans.models import PlanStatus

from ..models import Kind, Publication, Snapshot, SnapshotEvent
from ..services import (
    current_snapshot,
    plan_adopt,
    plan_reopen,
    report_approve,
    report_reopen,
    subject_publish,
    subject_unpublish,
)
from .conftest import adopt_as_older_styra


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(bytes(content)))
    return " ".join(page.extract_text() or "" for page in reader.pages)


def test_it_keeps_the_adopted_plan_as_json_and_pdf(adopted, approver):
    snapshot = adopted.snapshot
    adopted.plan.refresh_from_db()
    assert adopted.plan.status == PlanStatus.ADOPTED
    assert (snapshot.kind, snapshot.number, snapshot.key) == (Kind.PLAN, 1, "2026")
    assert snapshot.decided_by == approver and snapshot.decided_by_name == "approver"
    assert snapshot.decided_at is not None
    validate_plan_dict(snapshot.data)
    assert snapshot.data["format"] == "styra-plan/1"
    goal = snapshot.data["goals"][0]["children"][0]["children"][0]["children"][0]
    assert goal["title"] == "Alla besök bokas inom tre dagar"
    assert goal["indicators"][0]["target"] == "90 %"
    pdf = bytes(snapshot.pdf)
    assert pdf.startswith(b"%PDF") and snapshot.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    assert_archivable_swedish_pdf(pdf, title="Verksamhetsplan 2026 – Enhet A")
    text = pdf_text(pdf)
    assert "Alla besök bokas inom tre dagar" in text
    assert "Förslag till beslut" not in text  # the adopted document, not a draft


def test_it_adopts_nothing_when_the_plan_is_already_adopted(adopted, approver):
    with pytest.raises(ValidationError):
        plan_adopt(plan=adopted.plan, by=approver)
    assert Snapshot.objects.count() == 1


def test_it_numbers_each_adoption_and_records_the_reopening(adopted, approver):
    plan = adopted.plan
    plan_reopen(plan=plan, by=approver, reason="Nämnden ändrade budgeten.")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    reopen = SnapshotEvent.objects.get(kind=SnapshotEvent.Kind.REOPEN)
    assert reopen.snapshot == adopted.snapshot
    assert (reopen.by, reopen.reason) == (approver, "Nämnden ändrade budgeten.")
    assert current_snapshot(plan) is None

    goal_update(goal=adopted.goal, title="Alla besök bokas inom två dagar")
    plan_submit(plan=plan, by=None)
    second = plan_adopt(plan=plan, by=approver)
    assert second.number == 2
    assert list(plan.snapshots.values_list("number", flat=True)) == [1, 2]
    first = Snapshot.objects.get(number=1)
    assert "tre dagar" in str(first.data) and "två dagar" in str(second.data)


def test_it_refuses_a_reopening_without_reason_and_records_nothing(adopted, approver):
    with pytest.raises(ValidationError):
        plan_reopen(plan=adopted.plan, by=approver, reason="  ")
    adopted.plan.refresh_from_db()
    assert adopted.plan.status == PlanStatus.ADOPTED
    assert not SnapshotEvent.objects.exists()


def test_it_keeps_a_plan_adopted_without_snapshot_when_it_is_reopened(content, approver):
    plan_submit(plan=content.plan, by=None)
    adopt_as_older_styra(content.plan)
    plan_reopen(plan=content.plan, by=approver, reason="Fel årsmål.")
    snapshot = Snapshot.objects.get()
    assert snapshot.decided_by is None and snapshot.data["unit"] == "Enhet A"
    assert snapshot.events.get().kind == SnapshotEvent.Kind.REOPEN


def test_it_keeps_the_approved_report(submitted_report, approver):
    snapshot = report_approve(report=submitted_report, by=approver)
    assert submitted_report.status == ReportStatus.APPROVED
    assert (snapshot.kind, snapshot.key, snapshot.number) == (Kind.REPORT, "2026T1", 1)
    assert snapshot.data["format"] == "styra-report/1"
    assert snapshot.data["status"] == "approved"
    assert snapshot.decided_at == submitted_report.approved_at
    assert bytes(snapshot.pdf).startswith(b"%PDF")
    assert "Alla besök bokas inom tre dagar" in pdf_text(snapshot.pdf)


def test_it_dates_a_report_approved_without_a_time_by_its_last_change(submitted_report, approver):
    # An old database may hold an approval without its time; its version still gets kept.
    Report.objects.filter(pk=submitted_report.pk).update(
        status=ReportStatus.APPROVED, approved_at=None
    )
    submitted_report.refresh_from_db()
    subject_publish(subject=submitted_report, by=approver)
    assert Snapshot.objects.get().decided_at == submitted_report.updated_at


def test_it_records_a_report_reopening_and_keeps_the_workflow_history(submitted_report, approver):
    snapshot = report_approve(report=submitted_report, by=approver)
    subject_publish(subject=submitted_report, by=approver)
    report_reopen(report=submitted_report, by=approver, reason="Fel utfall.")
    assert submitted_report.status == ReportStatus.DRAFT
    assert not Publication.objects.exists()
    kinds = list(snapshot.events.values_list("kind", flat=True))
    assert kinds == ["publish", "unpublish", "reopen"]
    assert ReportEvent.objects.filter(kind=ReportEvent.Kind.REOPEN, reason="Fel utfall.").exists()


def test_it_refuses_to_publish_a_draft_plan(content, approver):
    with pytest.raises(ValidationError):
        subject_publish(subject=content.plan, by=approver)
    assert not Publication.objects.exists() and not Snapshot.objects.exists()


def test_it_refuses_to_publish_a_submitted_report(submitted_report, approver):
    with pytest.raises(ValidationError):
        subject_publish(subject=submitted_report, by=approver)
    assert not Publication.objects.exists() and not Snapshot.objects.exists()


def test_it_publishes_once_and_unpublishes(adopted, approver):
    publication = subject_publish(subject=adopted.plan, by=approver)
    assert publication.snapshot == adopted.snapshot
    with pytest.raises(ValidationError):
        subject_publish(subject=adopted.plan, by=approver)
    subject_unpublish(subject=adopted.plan, by=approver)
    assert not Publication.objects.exists()
    with pytest.raises(ValidationError):
        subject_unpublish(subject=adopted.plan, by=approver)


def test_it_withdraws_publication_when_the_plan_is_reopened(adopted, approver):
    subject_publish(subject=adopted.plan, by=approver)
    plan_reopen(plan=adopted.plan, by=approver, reason="Ny budget.")
    assert not Publication.objects.exists()
    withdrawn = SnapshotEvent.objects.get(kind=SnapshotEvent.Kind.UNPUBLISH)
    assert withdrawn.reason == "Ny budget." and withdrawn.by == approver


def test_it_takes_the_snapshot_when_publishing_a_plan_adopted_without_one(
    org, chain, plan_a, approver
):
    plan_submit(plan=plan_a, by=None)
    plan_adopt(plan=plan_a, by=None)
    publication = subject_publish(subject=plan_a, by=approver)
    assert publication.snapshot.number == 1 and publication.snapshot.decided_by is None


def test_it_takes_the_snapshot_of_an_approved_report_when_publishing_it(submitted_report, approver):
    report_approve(report=submitted_report, by=approver)
    publication = subject_publish(subject=submitted_report, by=approver)
    assert publication.snapshot.decided_by == approver
    assert publication.snapshot.decided_at == submitted_report.approved_at
