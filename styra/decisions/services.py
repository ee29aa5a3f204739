"""Every decision on a plan, a report or an internal control plan, one service each:
submit, adopt or approve, reopen, publish and withdraw.

There is one door per decision, so no caller can take the decision without what comes
with it: adopting a plan (or approving a report) stores its snapshot in the same
transaction, either both or neither; reopening records who and why on the version and
withdraws its publication. A plan adopted or a report approved before snapshots existed
(an older version of Styra) gets its snapshot when it is first published or reopened,
so every decided version ends up kept.

Submitting, deciding and reopening also tell those concerned (notifications.decision_notify:
the approvers above the unit, or the unit's editors with the reason), in the same
transaction; the e-mails go once it commits, so a decision rolled back tells nobody.

A decision may come with a message in the plan's or report's dialog (conversations): a
note handed in with it, a word it was adopted or approved with; a reopening always
writes its reason there. The message is written in the decision's transaction, so a
refused message refuses the decision; the other party reads it in the decision's notice
(one e-mail a decision, not one for the decision and one for its message).
"""

import hashlib
from datetime import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, ngettext, override

from styra.accounts.people import person_name
from styra.audit.models import SecurityKind
from styra.audit.security import security_event
from styra.conversations.models import MessageKind
from styra.conversations.services import message_post
from styra.followup import frozen
from styra.followup.context import load_report
from styra.followup.models import Report, ReportEvent, ReportStatus
from styra.internal_control.models import ControlPlan
from styra.internal_control.services import receive_city_risks, submission_problems
from styra.lib.narrative import clean_text
from styra.notifications.models import Kind as NoticeKind
from styra.notifications.services import decision_notify
from styra.plans.models import Plan, PlanStatus

from .capture import capture_control_plan, capture_plan, capture_report
from .models import Kind, Publication, Snapshot, SnapshotEvent, SnapshotQuerySet

# What is published (plans and reports), and what is decided and kept in versions (those and
# internal control plans, which are not published).
Subject = Plan | Report
Decided = Plan | Report | ControlPlan


def kind_of(subject: Decided) -> str:
    if isinstance(subject, ControlPlan):
        return Kind.INTERNAL_CONTROL
    return Kind.PLAN if isinstance(subject, Plan) else Kind.REPORT


def is_decided(subject: Decided) -> bool:
    """Adopted (a plan) or approved (a report): the only states that have a snapshot."""
    if isinstance(subject, Plan | ControlPlan):
        return subject.status == PlanStatus.ADOPTED
    return subject.status == ReportStatus.APPROVED


def versions_of(subject: Decided) -> SnapshotQuerySet:
    """The snapshots of the plan's unit and year (the report's unit and period), oldest first."""
    if isinstance(subject, Plan):
        return Snapshot.objects.of_plan(subject)
    if isinstance(subject, ControlPlan):
        return Snapshot.objects.of_control_plan(subject)
    return Snapshot.objects.of_subject(Kind.REPORT, subject.org_unit_id, subject.period.code)


def current_snapshot(subject: Decided) -> Snapshot | None:
    """The snapshot of the decision in force, or None when it has none yet.

    Each decision ends with at most one reopening, so a latest snapshot
    that was reopened belongs to an earlier decision.
    """
    if not is_decided(subject):
        return None
    return versions_of(subject).listing().in_force()


@transaction.atomic
def snapshot_create(*, subject: Decided, by: User | None, decided_at: datetime) -> Snapshot:
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
        elif isinstance(subject, ControlPlan):
            capture = capture_control_plan(subject)
            org_unit, key = subject.org_unit, str(subject.year.year)
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
        control_plan=subject if isinstance(subject, ControlPlan) else None,
        title=capture.title[:300],
        unit_name=subject.unit_name,
        organisation=capture.organisation,
        data=capture.data,
        meta=capture.meta,
        pdf=capture.pdf,
        pdf_sha256=hashlib.sha256(capture.pdf).hexdigest(),
        decided_at=decided_at,
        decided_by=by,
        decided_by_name=person_name(by),
    )
    snapshot.full_clean()
    snapshot.save(force_insert=True)
    return snapshot


def _note(subject: Subject, *, by: User, text: str, kind: str) -> None:
    """Write the decision's message in the dialog, if one was written."""
    if text.strip():
        message_post(subject=subject, by=by, text=text, kind=kind)


def _ensure_snapshot(subject: Decided) -> Snapshot:
    """The decision's snapshot, taken now for a decision made without one."""
    existing = current_snapshot(subject)
    if existing is not None:
        return existing
    if isinstance(subject, Plan | ControlPlan):
        return snapshot_create(
            subject=subject,
            by=subject.adopted_by,
            decided_at=subject.adopted_at or subject.updated_at,
        )
    return snapshot_create(
        subject=subject,
        by=subject.approved_by,
        decided_at=subject.approved_at or subject.updated_at,
    )


# --- plans -------------------------------------------------------------------------------


@transaction.atomic
def plan_submit(*, plan: Plan, by: User, message: str = "") -> Plan:
    """Hand the draft in for a decision (lämna in); it is read-only from then on."""
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(gettext("Bara ett utkast kan lämnas in."))
    plan.status = PlanStatus.SUBMITTED
    plan.submitted_at, plan.submitted_by = timezone.now(), by
    plan.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    _note(plan, by=by, text=message, kind=MessageKind.SUBMITTED)
    decision_notify(subject=plan, kind=NoticeKind.SUBMITTED, by=by, message=message)
    return plan


def _refuse_own_submission(submitted_by_id: int | None, by: User | None) -> None:
    """Four eyes: nobody decides on what they handed in themselves. Only an administrator
    can hold both rights on a unit (edit and approve); another approver or administrator
    above decides, or the one who handed in asks one to."""
    if by is not None and submitted_by_id is not None and submitted_by_id == by.pk:
        raise ValidationError(
            gettext(
                "Du lämnade in den själv och kan inte fatta beslut om den. "
                "En annan beslutsfattare eller administratör ovanför enheten beslutar."
            )
        )


@transaction.atomic
def plan_adopt(*, plan: Plan, by: User, message: str = "") -> Snapshot:
    """Adopt the submitted plan (fastställ) and keep the adopted version, its JSON and
    PDF/A, as a new snapshot; the plan stays read-only."""
    if plan.status != PlanStatus.SUBMITTED:
        if plan.status == PlanStatus.ADOPTED:
            raise ValidationError(gettext("Planen är redan fastställd."))
        raise ValidationError(gettext("Bara en inlämnad plan kan fastställas."))
    _refuse_own_submission(plan.submitted_by_id, by)
    plan.status = PlanStatus.ADOPTED
    plan.adopted_at, plan.adopted_by = timezone.now(), by
    plan.save(update_fields=["status", "adopted_at", "adopted_by", "updated_at"])
    _note(plan, by=by, text=message, kind=MessageKind.ADOPTED)
    snapshot = snapshot_create(subject=plan, by=by, decided_at=plan.adopted_at)
    decision_notify(subject=plan, kind=NoticeKind.DECIDED, by=by, message=message)
    return snapshot


def _back_to_draft(plan: Plan | ControlPlan) -> None:
    """A plan or internal control plan a draft again, with no decision on it."""
    plan.status = PlanStatus.DRAFT
    plan.submitted_at = plan.submitted_by = plan.adopted_at = plan.adopted_by = None
    plan.save(
        update_fields=[
            "status",
            "submitted_at",
            "submitted_by",
            "adopted_at",
            "adopted_by",
            "updated_at",
        ]
    )


@transaction.atomic
def plan_reopen(*, plan: Plan, by: User, reason: str) -> Plan:
    """Back to a draft from submitted or adopted (a reason is required); an adopted plan's
    version records who reopened it and why, and stops being public. The reason is also
    the message the plan is returned with in its dialog."""
    if plan.status not in (PlanStatus.SUBMITTED, PlanStatus.ADOPTED):
        raise ValidationError(gettext("Planen är varken inlämnad eller fastställd."))
    reason = reopen_reason(Kind.PLAN, reason)
    snapshot = _ensure_snapshot(plan) if is_decided(plan) else None
    _back_to_draft(plan)
    _record_reopen(snapshot, by=by, reason=reason)
    message_post(subject=plan, by=by, text=reason, kind=MessageKind.RETURNED)
    decision_notify(subject=plan, kind=NoticeKind.RETURNED, by=by, reason=clean_text(reason))
    return plan


# --- reports -----------------------------------------------------------------------------


@transaction.atomic
def report_submit(*, report: Report, by: User, message: str = "") -> Report:
    """Hand the report in; from now on it holds what it reported (followup.frozen)."""
    if report.status != ReportStatus.DRAFT:
        raise ValidationError(gettext("Bara ett utkast kan lämnas in."))
    ctx = load_report(report)
    missing = ctx.missing_assessments
    if missing:
        titles = "; ".join(line.goal.title[:60] for line in missing)
        raise ValidationError(
            ngettext(
                "%(n)d mål saknar bedömning: %(goals)s",
                "%(n)d mål saknar bedömning: %(goals)s",
                len(missing),
            )
            % {"n": len(missing), "goals": titles}
        )
    report.status, report.submitted_at, report.submitted_by = (
        ReportStatus.SUBMITTED,
        timezone.now(),
        by,
    )
    # The report holds what it reported from now on; later plan edits no longer reach it.
    report.hold(*frozen.capture(report, ctx))
    report.save()
    ReportEvent.objects.create(report=report, kind=ReportEvent.Kind.SUBMIT, by=by)
    _note(report, by=by, text=message, kind=MessageKind.SUBMITTED)
    decision_notify(subject=report, kind=NoticeKind.SUBMITTED, by=by, message=message)
    return report


@transaction.atomic
def report_approve(*, report: Report, by: User, message: str = "") -> Snapshot:
    """Approve the submitted report and keep the approved version as a new snapshot."""
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(gettext("Bara en inlämnad rapport kan godkännas."))
    _refuse_own_submission(report.submitted_by_id, by)
    report.status, report.approved_at, report.approved_by = (
        ReportStatus.APPROVED,
        timezone.now(),
        by,
    )
    report.save()
    ReportEvent.objects.create(report=report, kind=ReportEvent.Kind.APPROVE, by=by)
    _note(report, by=by, text=message, kind=MessageKind.APPROVED)
    snapshot = snapshot_create(subject=report, by=by, decided_at=report.approved_at)
    decision_notify(subject=report, kind=NoticeKind.DECIDED, by=by, message=message)
    return snapshot


@transaction.atomic
def report_reopen(*, report: Report, by: User, reason: str) -> Report:
    """Back to draft; the reason is kept in the report's history and written in its dialog,
    and an approved report's version records it and stops being public."""
    if report.status == ReportStatus.DRAFT:
        raise ValidationError(gettext("Rapporten är redan ett utkast."))
    reason = reopen_reason(Kind.REPORT, reason)
    snapshot = _ensure_snapshot(report) if is_decided(report) else None
    report.status = ReportStatus.DRAFT
    report.approved_at = report.approved_by = None
    # A draft is read from the live plan again; the next submission freezes anew.
    report.hold(None, None)
    report.save()
    ReportEvent.objects.create(report=report, kind=ReportEvent.Kind.REOPEN, by=by, reason=reason)
    _record_reopen(snapshot, by=by, reason=reason)
    message_post(subject=report, by=by, text=reason, kind=MessageKind.RETURNED)
    decision_notify(subject=report, kind=NoticeKind.RETURNED, by=by, reason=reason)
    return report


# What reopening without a reason is told, on the reason's field (decisions.forms.ReopenForm).
REASON_MISSING = {
    Kind.PLAN: gettext_lazy("Ange varför planen öppnas igen."),
    Kind.REPORT: gettext_lazy("Ange varför rapporten öppnas igen."),
    Kind.INTERNAL_CONTROL: gettext_lazy("Ange varför internkontrollplanen öppnas igen."),
}


def reopen_reason(kind: Kind, reason: str) -> str:
    """The reason a plan or report is reopened for, cleaned as the history keeps it.

    A reason says something: an empty one, a dot or an invisible character is none, and is
    refused on the form's reason field, the same way for a plan and a report.
    """
    reason = clean_text(reason)
    if not any(ch.isalnum() for ch in reason):
        raise ValidationError({"reason": str(REASON_MISSING[kind])}, code="reason")
    return reason


def _record_reopen(snapshot: Snapshot | None, *, by: User, reason: str) -> None:
    if snapshot is None:
        return
    _withdraw(snapshot, by=by, reason=reason)
    SnapshotEvent.objects.create(
        snapshot=snapshot,
        kind=SnapshotEvent.Kind.REOPEN,
        at=timezone.now(),
        by=by,
        by_name=person_name(by),
        reason=clean_text(reason),
    )


# --- internal control plans -------------------------------------------------------------
# The same workflow as a verksamhetsplan (draft → submitted → adopted, reopened with a
# reason), with the same people deciding; an internal control plan has no dialog, so its
# decisions come with no message.


@transaction.atomic
def control_plan_submit(*, plan: ControlPlan, by: User) -> ControlPlan:
    """Hand the draft in for its decision; refused with every problem that stands in the way
    (a risk not assessed, a high risk left out without its reason, a risk without control)."""
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(gettext("Bara ett utkast kan lämnas in."))
    problems = submission_problems(plan)
    if problems:
        raise ValidationError(problems, code="problems")
    plan.status = PlanStatus.SUBMITTED
    plan.submitted_at, plan.submitted_by = timezone.now(), by
    plan.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    decision_notify(subject=plan, kind=NoticeKind.SUBMITTED, by=by)
    return plan


@transaction.atomic
def control_plan_adopt(*, plan: ControlPlan, by: User) -> Snapshot:
    """Adopt the submitted plan and keep what was adopted, its JSON and PDF/A, as a new
    snapshot in the same transaction; the plan stays read-only until reopened."""
    if plan.status != PlanStatus.SUBMITTED:
        if plan.status == PlanStatus.ADOPTED:
            raise ValidationError(gettext("Internkontrollplanen är redan fastställd."))
        raise ValidationError(gettext("Bara en inlämnad internkontrollplan kan fastställas."))
    _refuse_own_submission(plan.submitted_by_id, by)
    plan.status = PlanStatus.ADOPTED
    plan.adopted_at, plan.adopted_by = timezone.now(), by
    plan.save(update_fields=["status", "adopted_at", "adopted_by", "updated_at"])
    snapshot = snapshot_create(subject=plan, by=by, decided_at=plan.adopted_at)
    decision_notify(subject=plan, kind=NoticeKind.DECIDED, by=by)
    return snapshot


@transaction.atomic
def control_plan_reopen(*, plan: ControlPlan, by: User, reason: str) -> ControlPlan:
    """Back to a draft from submitted or adopted (a reason is required); an adopted plan's
    version records who reopened it and why. A committee's plan then gets the city's risks
    added since it was handed in."""
    if plan.status not in (PlanStatus.SUBMITTED, PlanStatus.ADOPTED):
        raise ValidationError(gettext("Internkontrollplanen är varken inlämnad eller fastställd."))
    reason = reopen_reason(Kind.INTERNAL_CONTROL, reason)
    snapshot = _ensure_snapshot(plan) if is_decided(plan) else None
    _back_to_draft(plan)
    _record_reopen(snapshot, by=by, reason=reason)
    receive_city_risks(plan)
    decision_notify(subject=plan, kind=NoticeKind.RETURNED, by=by, reason=reason)
    return plan


# --- publishing --------------------------------------------------------------------------


@transaction.atomic
def subject_publish(*, subject: Subject, by: User) -> Publication:
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
        snapshot=snapshot, kind=SnapshotEvent.Kind.PUBLISH, at=now, by=by, by_name=person_name(by)
    )
    # What the public sees is a security matter too: who, from where, in which request.
    security_event(SecurityKind.PUBLISHED, user=by, detail=_published_detail(snapshot))
    return publication


def _published_detail(snapshot: Snapshot) -> str:
    return f"{snapshot.kind} unit={snapshot.org_unit_id} key={snapshot.key} snapshot={snapshot.pk}"


def _withdraw(snapshot: Snapshot, *, by: User, reason: str = "") -> bool:
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
            by_name=person_name(by),
            reason=clean_text(reason),
        )
        security_event(
            SecurityKind.UNPUBLISHED, user=by, detail=_published_detail(publication.snapshot)
        )
    return bool(publications)


def versions_of_snapshot(snapshot: Snapshot) -> SnapshotQuerySet:
    return Snapshot.objects.of_subject(snapshot.kind, snapshot.org_unit_id, snapshot.key)


@transaction.atomic
def subject_unpublish(*, subject: Subject, by: User) -> None:
    """Withdraw whatever version of the plan or report is public."""
    latest = versions_of(subject).listing().order_by("-number").first()
    if latest is None or not _withdraw(latest, by=by):
        raise ValidationError(gettext("Det finns ingen publicerad version att avpublicera."))
