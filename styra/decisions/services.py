"""Decisions with their snapshot, reopening with its record, publishing and withdrawing.

The workflow views call these instead of the bare workflow services, so that
adopting a plan (or approving a report) and storing its snapshot happen in
one transaction: either both or neither. A plan adopted or a report approved
by another path (the demo, an older version of Styra) gets its snapshot when
it is first published or reopened, so every decided version ends up kept.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext, override

from styra.audit.models import SecurityKind
from styra.audit.security import security_event
from styra.followup import services as followup_services
from styra.followup.models import Report, ReportStatus
from styra.lib.narrative import clean_text
from styra.plans import services as plan_services
from styra.plans.models import Plan, PlanStatus

from .capture import capture_plan, capture_report
from .models import Kind, Publication, Snapshot, SnapshotEvent

Subject = Plan | Report


def person(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def kind_of(subject: Subject) -> str:
    return Kind.PLAN if isinstance(subject, Plan) else Kind.REPORT


def is_decided(subject: Subject) -> bool:
    """Adopted (a plan) or approved (a report): the only states that have a snapshot."""
    if isinstance(subject, Plan):
        return subject.status == PlanStatus.ADOPTED
    return subject.status == ReportStatus.APPROVED


def versions_of(subject: Subject):
    """The snapshots of the plan's unit and year (the report's unit and period), oldest first."""
    if isinstance(subject, Plan):
        return Snapshot.objects.of_plan(subject)
    return Snapshot.objects.of_subject(Kind.REPORT, subject.org_unit_id, subject.period.code)


def current_snapshot(subject: Subject) -> Snapshot | None:
    """The snapshot of the decision in force, or None when it has none yet.

    Each decision ends with at most one reopening, so a latest snapshot
    that was reopened belongs to an earlier decision.
    """
    if not is_decided(subject):
        return None
    return versions_of(subject).listing().in_force()


@transaction.atomic
def snapshot_create(*, subject: Subject, by, decided_at) -> Snapshot:
    """Store the decided plan or report as it is now; refused unless it is decided."""
    if not is_decided(subject):
        raise ValidationError(
            gettext("Bara en fastställd plan eller en godkänd rapport kan sparas som version.")
        )
    # The record is kept in Swedish whatever language the one deciding uses the interface in.
    with override("sv"):
        if isinstance(subject, Plan):
            capture = capture_plan(subject)
            org_unit, key = subject.unit, str(subject.year.year)
        else:
            capture = capture_report(subject)
            org_unit, key = subject.org_unit, subject.period.code
    latest = Snapshot.objects.filter(kind=kind_of(subject), org_unit=org_unit, key=key).aggregate(
        n=Max("number")
    )["n"]
    snapshot = Snapshot(
        kind=kind_of(subject),
        org_unit=org_unit,
        key=key,
        year=capture.year,
        number=(latest or 0) + 1,
        plan=subject if isinstance(subject, Plan) else None,
        report=subject if isinstance(subject, Report) else None,
        title=capture.title[:300],
        unit_name=subject.unit_name,
        organisation=capture.organisation,
        data=capture.data,
        meta=capture.meta,
        pdf=capture.pdf,
        pdf_sha256=hashlib.sha256(capture.pdf).hexdigest(),
        decided_at=decided_at,
        decided_by=by,
        decided_by_name=person(by),
    )
    snapshot.full_clean()
    snapshot.save(force_insert=True)
    return snapshot


def _ensure_snapshot(subject: Subject) -> Snapshot:
    """The decision's snapshot, taken now for a decision made without one."""
    existing = current_snapshot(subject)
    if existing is not None:
        return existing
    if isinstance(subject, Plan):
        return snapshot_create(
            subject=subject,
            by=subject.adopted_by,
            decided_at=subject.adopted_at or subject.updated_at,
        )
    return snapshot_create(subject=subject, by=subject.approved_by, decided_at=subject.approved_at)


@transaction.atomic
def plan_adopt_with_snapshot(*, plan: Plan, by) -> Snapshot:
    """Adopt the submitted plan and keep the adopted version, its JSON and PDF/A, as a new
    snapshot."""
    plan_services.plan_adopt(plan=plan, by=by)
    return snapshot_create(subject=plan, by=by, decided_at=plan.adopted_at)


@transaction.atomic
def report_approve_with_snapshot(*, report: Report, by) -> Snapshot:
    """Approve the report and keep the approved version as a new snapshot."""
    followup_services.report_approve(report=report, by=by)
    return snapshot_create(subject=report, by=by, decided_at=report.approved_at)


def _record_reopen(snapshot: Snapshot | None, *, by, reason: str) -> None:
    if snapshot is None:
        return
    _withdraw(snapshot, by=by, reason=reason)
    SnapshotEvent.objects.create(
        snapshot=snapshot,
        kind=SnapshotEvent.Kind.REOPEN,
        at=timezone.now(),
        by=by,
        by_name=person(by),
        reason=clean_text(reason),
    )


@transaction.atomic
def plan_reopen_with_record(*, plan: Plan, by, reason: str) -> Plan:
    """Reopen the plan (a reason is required), record it on the version and withdraw it."""
    snapshot = _ensure_snapshot(plan) if is_decided(plan) else None
    plan_services.plan_reopen(plan=plan, reason=reason)
    _record_reopen(snapshot, by=by, reason=reason)
    return plan


@transaction.atomic
def report_reopen_with_record(*, report: Report, by, reason: str) -> Report:
    """Reopen the report; an approved one's version records why and stops being public."""
    snapshot = _ensure_snapshot(report) if is_decided(report) else None
    followup_services.report_reopen(report=report, by=by, reason=reason)
    _record_reopen(snapshot, by=by, reason=reason)
    return report


@transaction.atomic
def subject_publish(*, subject: Subject, by) -> Publication:
    """Make the decided version public; a draft or a submitted report never is."""
    if not is_decided(subject):
        raise ValidationError(
            gettext("Bara en fastställd plan eller en godkänd rapport kan publiceras.")
        )
    snapshot = _ensure_snapshot(subject)
    if Publication.objects.filter(snapshot=snapshot).exists():
        raise ValidationError(gettext("Versionen är redan publicerad."))
    now = timezone.now()
    publication = Publication.objects.create(snapshot=snapshot, published_at=now, published_by=by)
    SnapshotEvent.objects.create(
        snapshot=snapshot, kind=SnapshotEvent.Kind.PUBLISH, at=now, by=by, by_name=person(by)
    )
    # What the public sees is a security matter too: who, from where, in which request.
    security_event(SecurityKind.PUBLISHED, user=by, detail=_published_detail(snapshot))
    return publication


def _published_detail(snapshot: Snapshot) -> str:
    return f"{snapshot.kind} unit={snapshot.org_unit_id} key={snapshot.key} snapshot={snapshot.pk}"


def _withdraw(snapshot: Snapshot, *, by, reason: str = "") -> bool:
    """End the publication of any version of the snapshot's plan or report."""
    publications = list(
        Publication.objects.filter(snapshot__in=versions_of_snapshot(snapshot).values("pk"))
    )
    for publication in publications:
        publication.delete()
        SnapshotEvent.objects.create(
            snapshot_id=publication.snapshot_id,
            kind=SnapshotEvent.Kind.UNPUBLISH,
            at=timezone.now(),
            by=by,
            by_name=person(by),
            reason=clean_text(reason),
        )
        security_event(
            SecurityKind.UNPUBLISHED, user=by, detail=_published_detail(publication.snapshot)
        )
    return bool(publications)


def versions_of_snapshot(snapshot: Snapshot):
    return Snapshot.objects.of_subject(snapshot.kind, snapshot.org_unit_id, snapshot.key)


@transaction.atomic
def subject_unpublish(*, subject: Subject, by) -> None:
    """Withdraw whatever version of the plan or report is public."""
    latest = versions_of(subject).listing().order_by("-number").first()
    if latest is None or not _withdraw(latest, by=by):
        raise ValidationError(gettext("Det finns ingen publicerad version att avpublicera."))
