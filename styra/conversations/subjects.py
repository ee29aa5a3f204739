"""What a thread is about: a unit's plan of a year or its report of a period, and their pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext

from styra.followup.models import Report
from styra.organisation.models import OrgUnit
from styra.plans.models import Plan

from .models import SubjectKind

Subject = Plan | Report


@dataclass(frozen=True)
class About:
    """A plan's or report's identity as its thread knows it, with its title and addresses."""

    kind: str
    unit: OrgUnit
    key: str
    title: str
    page_url: str
    dialog_url: str


def about(subject: Subject) -> About:
    if isinstance(subject, Plan):
        return About(
            kind=SubjectKind.PLAN,
            unit=subject.unit,
            key=str(subject.year.year),
            title=gettext("Verksamhetsplan %(year)s – %(unit)s")
            % {"year": subject.year.year, "unit": subject.unit_name},
            page_url=reverse("plans:detail", args=[subject.pk]),
            dialog_url=reverse("conversations:plan", args=[subject.pk]),
        )
    return About(
        kind=SubjectKind.REPORT,
        unit=subject.org_unit,
        key=subject.period.code,
        title=f"{subject.period.period.display_label} – {subject.unit_name}",
        page_url=reverse("followup:report", args=[subject.pk]),
        dialog_url=reverse("conversations:report", args=[subject.pk]),
    )
