"""Who may read and write a plan's or report's dialog: its parties, per accounts.permissions.

The dialog is between the unit and whoever decides on it. Its parties are those who may
see the plan or report *and* either write it (the unit's editors and administrators,
on the unit or above) or decide on it (the approvers above the unit, administrators).
A reader or a controller may see the plan but is no party: 403. Anyone who may not see
the plan at all (another unit's people) gets 404, as for the plan itself.

Writing a message is not writing the plan: a submitted or adopted plan is locked, but
its dialog stays open (that is when the unit and the approver talk most).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from styra.accounts.permissions import Action, AnyUser, can
from styra.followup.access import get_report_for_user
from styra.organisation.models import OrgUnit
from styra.plans.access import get_plan_for_user

from .models import SubjectKind
from .subjects import Subject, about


def is_party(user: AnyUser, unit: OrgUnit) -> bool:
    """Whether the user takes part in the dialogs of the unit's plans and reports."""
    return can(user, Action.EDIT, unit) or can(user, Action.APPROVE, unit)


def get_subject_for_user(user: AnyUser, kind: str, subject_id: int) -> Subject:
    """The plan or report whose dialog the user is a party to; 404 if they may not see it,
    403 if they may see it but are no party."""
    subject: Subject
    if kind == SubjectKind.PLAN:
        subject = get_plan_for_user(user, subject_id)
    else:
        subject = get_report_for_user(user, subject_id)
    if not is_party(user, about(subject).unit):
        raise PermissionDenied
    return subject
