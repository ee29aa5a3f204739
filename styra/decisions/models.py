"""Decided versions of plans and reports, their history, and which of them are public.

A Snapshot is taken when a plan or an internal control plan is adopted (fastställd) or a
report approved: the document's data (styra-plan/1, styra-report/1 or
styra-internal-control/1) and its
PDF/A as rendered at that moment, with who decided and when. Snapshots are
never changed: the services only create them, the admin may only look, and
the database refuses an UPDATE of their content (migration 0001). A
snapshot is identified by its subject — kind, organisation node and key
("2026" for a plan, "2026T1" for a report) — rather than only by the live
row, so the versions survive a plan being replaced by an import.

Publication is separate state (a row that exists while the version is
public), so that publishing never touches a snapshot. SnapshotEvent is the
history told on the versions page: publishing, withdrawal and reopening.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from styra.followup.models import Report
from styra.internal_control.models import ControlPlan
from styra.organisation.models import OrgUnit
from styra.plans.models import Plan, PlanStatus


class Kind(models.TextChoices):
    PLAN = "plan", _("Verksamhetsplan")
    REPORT = "report", _("Uppföljningsrapport")
    INTERNAL_CONTROL = "internal_control", _("Internkontrollplan")


class SnapshotQuerySet(models.QuerySet["Snapshot"]):
    def update(self, **kwargs: object) -> int:
        raise TypeError("A snapshot is never changed; a change is a new version.")

    def listing(self) -> "SnapshotQuerySet":
        """Without the stored files, for lists and headers."""
        return self.select_related("org_unit").defer("data", "meta", "pdf")

    def of_subject(self, kind: str, org_unit_id: int, key: str) -> "SnapshotQuerySet":
        return self.filter(kind=kind, org_unit_id=org_unit_id, key=key).order_by("number")

    def published(self) -> "SnapshotQuerySet":
        return self.filter(publication__isnull=False)

    def of_plan(self, plan: Plan) -> "SnapshotQuerySet":
        return self.of_subject(Kind.PLAN, plan.unit_id, str(plan.year.year))

    def of_control_plan(self, plan: ControlPlan) -> "SnapshotQuerySet":
        return self.of_subject(Kind.INTERNAL_CONTROL, plan.org_unit_id, str(plan.year.year))

    def in_force(self) -> "Snapshot | None":
        """The latest of these versions, unless it was reopened and so belongs to an earlier
        decision (each decision ends with at most one reopening)."""
        latest = self.order_by("-number").first()
        if latest is None or latest.events.filter(kind=SnapshotEvent.Kind.REOPEN).exists():
            return None
        return latest

    def adopted_version(self, plan: Plan) -> "Snapshot | None":
        """The adopted plan as it was adopted, with its data but without its PDF.

        None for a plan that is not adopted, or that was adopted without a snapshot (by an
        older Styra); it is then shown as it stands, and gets its snapshot when published.
        """
        if plan.status != PlanStatus.ADOPTED:
            return None
        snapshot = self.of_plan(plan).defer("pdf").in_force()
        # A version of an earlier plan of the unit and year (one an import replaced) is not
        # this plan's adoption.
        return snapshot if snapshot is not None and snapshot.plan_id == plan.pk else None

    def adopted_control_plan(self, plan: ControlPlan) -> "Snapshot | None":
        """The adopted internal control plan as it was adopted, without its PDF; None unless
        it is adopted (each adoption stores its snapshot in the same transaction)."""
        if plan.status != PlanStatus.ADOPTED:
            return None
        snapshot = self.of_control_plan(plan).defer("pdf").in_force()
        return snapshot if snapshot is not None and snapshot.control_plan_id == plan.pk else None


class Snapshot(models.Model):
    kind = models.CharField(_("slag"), max_length=20, choices=Kind)
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    key = models.CharField(_("år eller period"), max_length=8)  # "2026" or "2026T1"
    year = models.PositiveSmallIntegerField(_("år"))
    number = models.PositiveIntegerField(_("version"))
    # The live object while it exists; an import that replaces a plan leaves the versions.
    plan = models.ForeignKey(
        Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="snapshots"
    )
    report = models.ForeignKey(
        Report, on_delete=models.SET_NULL, null=True, blank=True, related_name="snapshots"
    )
    control_plan = models.ForeignKey(
        ControlPlan, on_delete=models.SET_NULL, null=True, blank=True, related_name="snapshots"
    )
    title = models.CharField(_("titel"), max_length=300)
    unit_name = models.CharField(_("enhet"), max_length=200)
    organisation = models.CharField(_("nämnd"), max_length=200, blank=True)
    data = models.JSONField(_("data"))
    # What the document showed beyond the interchange format (a plan's phone, meeting date …).
    meta = models.JSONField(_("uppgifter"), default=dict)
    pdf = models.BinaryField(_("PDF"))
    pdf_sha256 = models.CharField(max_length=64)
    decided_at = models.DateTimeField(_("beslutad"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The name at the time, kept when the account is later removed.
    decided_by_name = models.CharField(_("beslutad av"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "key", "org_unit_id", "number"]
        verbose_name = _("sparad version")
        verbose_name_plural = _("sparade versioner")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "org_unit", "key", "number"], name="snapshot_number_per_subject"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="plan", report__isnull=True, control_plan__isnull=True)
                    | models.Q(kind="report", plan__isnull=True, control_plan__isnull=True)
                    | models.Q(kind="internal_control", plan__isnull=True, report__isnull=True)
                ),
                name="snapshot_kind_matches_link",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}, version {self.number}"

    @property
    def is_plan(self) -> bool:
        return self.kind == Kind.PLAN


class Publication(models.Model):
    """The version of a plan or report that is public while this row exists."""

    snapshot = models.OneToOneField(Snapshot, on_delete=models.PROTECT, related_name="publication")
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("publicering")
        verbose_name_plural = _("publiceringar")

    def __str__(self) -> str:
        return str(self.snapshot)


class SnapshotEvent(models.Model):
    """What happened to a decided version afterwards: published, withdrawn, reopened."""

    class Kind(models.TextChoices):
        PUBLISH = "publish", _("Publicerades")
        UNPUBLISH = "unpublish", _("Avpublicerades")
        REOPEN = "reopen", _("Öppnades igen")

    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind)
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    by_name = models.CharField(max_length=300, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("händelse")
        verbose_name_plural = _("händelser")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"
