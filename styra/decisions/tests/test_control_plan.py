"""The decisions on an internal control plan: its doors, its snapshot, versions, comparison,
its stored files, and the views with their refusals by role."""

import io
import json

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse

from styra.documents.tests.pdf_checks import assert_archivable_swedish_pdf
from styra.internal_control import services as ic
from styra.internal_control.interchange import control_plan_dict
from styra.internal_control.models import ControlPlan
from styra.notifications.models import Notice
from styra.plans.models import PlanStatus

from ..compare import compare_control_plans
from ..files import adopted_control_plan_file
from ..models import Kind, Snapshot, SnapshotEvent
from ..services import (
    control_plan_adopt,
    control_plan_reopen,
    control_plan_submit,
    versions_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def control_plan(org, chain):
    """Unit A's internal control plan: a process with a risk taken into the plan and its
    control, and a low risk left out (no reason needed)."""
    plan = ic.control_plan_create(org_unit=org.unit_a, year=chain.year)
    process = ic.process_create(plan=plan, title="Inköp")
    risk = ic.risk_create(process=process, title="Fel attest", probability=3, consequence=4)
    ic.risk_update(risk=risk, selected=True)
    ic.control_create(risk=risk, what="Stickprov på fakturor", method="Granskning", report_t1=True)
    ic.risk_create(process=process, title="Sen betalning", probability=1, consequence=2)
    return plan


@pytest.fixture
def adopted(control_plan, editor_a, approver):
    control_plan_submit(plan=control_plan, by=editor_a)
    snapshot = control_plan_adopt(plan=control_plan, by=approver)
    control_plan.refresh_from_db()
    return snapshot


def fresh(plan: ControlPlan) -> ControlPlan:
    return ControlPlan.objects.get(pk=plan.pk)


# ---------------------------------------------------------------- submit


def test_submitting_locks_the_draft_and_tells_the_approvers(control_plan, editor_a, approver):
    control_plan_submit(plan=control_plan, by=editor_a)
    plan = fresh(control_plan)
    assert (plan.status, plan.submitted_by) == (PlanStatus.SUBMITTED, editor_a)
    assert plan.submitted_at is not None
    notice = Notice.objects.get(recipient=approver)
    assert notice.title == "Enhet A har lämnat in internkontrollplanen 2026"
    assert notice.link == reverse("internal_control:detail", args=[plan.pk])
    assert (notice.unit, notice.key) == (plan.org_unit, "2026")
    assert notice.plan is None and notice.report is None
    with pytest.raises(ValidationError, match="är inlämnad"):
        ic.process_create(plan=plan, title="Ny")


def test_only_a_draft_is_submitted(control_plan, editor_a):
    control_plan_submit(plan=control_plan, by=editor_a)
    with pytest.raises(ValidationError, match="Bara ett utkast"):
        control_plan_submit(plan=fresh(control_plan), by=editor_a)


def test_submitting_is_refused_with_every_problem(control_plan, editor_a):
    process = control_plan.processes.get()
    ic.risk_create(process=process, title="Ej bedömd")
    ic.risk_create(process=process, title="Hög utan skäl", probability=4, consequence=4)
    with pytest.raises(ValidationError) as refused:
        control_plan_submit(plan=control_plan, by=editor_a)
    assert refused.value.messages == ic.submission_problems(control_plan)
    assert len(refused.value.messages) == 2
    assert "”Ej bedömd” är inte bedömd" in refused.value.messages[0]
    assert fresh(control_plan).status == PlanStatus.DRAFT
    assert not Notice.objects.exists()


def test_an_empty_plan_is_not_handed_in(org, chain, editor_b):
    plan = ic.control_plan_create(org_unit=org.unit_b, year=chain.year)
    with pytest.raises(ValidationError, match="inga risker"):
        control_plan_submit(plan=plan, by=editor_b)


# ---------------------------------------------------------------- adopt


def test_adopting_stores_the_snapshot_of_the_plan_as_adopted(adopted, control_plan, approver):
    plan = fresh(control_plan)
    assert (plan.status, plan.adopted_by) == (PlanStatus.ADOPTED, approver)
    assert adopted.kind == Kind.INTERNAL_CONTROL
    assert (adopted.org_unit_id, adopted.key, adopted.number) == (plan.org_unit_id, "2026", 1)
    assert (adopted.control_plan, adopted.plan, adopted.report) == (plan, None, None)
    assert adopted.title == "Internkontrollplan 2026 – Enhet A"
    assert adopted.data == control_plan_dict(plan)
    assert adopted.data["status"] == "adopted"
    assert adopted.decided_by == approver
    assert_archivable_swedish_pdf(bytes(adopted.pdf), title="Internkontrollplan 2026 – Enhet A")
    # The editors hear of it; the one who adopted is not told.
    assert Notice.objects.filter(recipient__username="editor_a", kind="decided").exists()
    assert not Notice.objects.filter(recipient=approver, kind="decided").exists()


def test_only_a_submitted_plan_is_adopted(control_plan, editor_a, approver):
    with pytest.raises(ValidationError, match="Bara en inlämnad"):
        control_plan_adopt(plan=control_plan, by=approver)
    control_plan_submit(plan=control_plan, by=editor_a)
    control_plan_adopt(plan=fresh(control_plan), by=approver)
    with pytest.raises(ValidationError, match="redan fastställd"):
        control_plan_adopt(plan=fresh(control_plan), by=approver)
    assert Snapshot.objects.count() == 1


def test_nobody_adopts_what_they_handed_in(control_plan, city_admin):
    control_plan_submit(plan=control_plan, by=city_admin)
    with pytest.raises(ValidationError, match="lämnade in den själv"):
        control_plan_adopt(plan=fresh(control_plan), by=city_admin)
    assert fresh(control_plan).status == PlanStatus.SUBMITTED
    assert not Snapshot.objects.exists()


def test_a_failed_snapshot_leaves_the_plan_submitted(control_plan, editor_a, approver, monkeypatch):
    control_plan_submit(plan=control_plan, by=editor_a)

    def broken(*args, **kwargs):
        raise RuntimeError("Typst failed")

    monkeypatch.setattr("styra.decisions.capture.render", broken)
    with pytest.raises(RuntimeError):
        control_plan_adopt(plan=fresh(control_plan), by=approver)
    assert fresh(control_plan).status == PlanStatus.SUBMITTED
    assert not Snapshot.objects.exists()


# ---------------------------------------------------------------- reopen


def test_reopening_needs_a_reason_and_records_it_on_the_version(adopted, control_plan, approver):
    for reason in ("", " . ", "\u200b"):
        with pytest.raises(ValidationError) as refused:
            control_plan_reopen(plan=fresh(control_plan), by=approver, reason=reason)
        assert refused.value.message_dict == {
            "reason": ["Ange varför internkontrollplanen öppnas igen."]
        }
    assert fresh(control_plan).status == PlanStatus.ADOPTED
    control_plan_reopen(plan=fresh(control_plan), by=approver, reason="Ny risk i upphandlingen")
    plan = fresh(control_plan)
    assert (plan.status, plan.submitted_at, plan.adopted_by) == (PlanStatus.DRAFT, None, None)
    event = SnapshotEvent.objects.get(snapshot=adopted)
    assert (event.kind, event.by, event.reason) == (
        SnapshotEvent.Kind.REOPEN,
        approver,
        "Ny risk i upphandlingen",
    )
    notice = Notice.objects.get(recipient__username="editor_a", kind="returned")
    assert "Motivering: Ny risk i upphandlingen" in notice.text


def test_a_submitted_plan_reopens_without_a_version(control_plan, editor_a, approver):
    control_plan_submit(plan=control_plan, by=editor_a)
    control_plan_reopen(plan=fresh(control_plan), by=approver, reason="Komplettera")
    assert fresh(control_plan).status == PlanStatus.DRAFT
    assert not Snapshot.objects.exists() and not SnapshotEvent.objects.exists()
    with pytest.raises(ValidationError, match="varken inlämnad eller fastställd"):
        control_plan_reopen(plan=fresh(control_plan), by=approver, reason="Igen")


def test_later_edits_never_change_the_snapshot(adopted, control_plan, approver, editor_a):
    stored, pdf = adopted.data, bytes(adopted.pdf)
    control_plan_reopen(plan=fresh(control_plan), by=approver, reason="Ändra")
    risk = fresh(control_plan).risks.get(title="Fel attest")
    ic.risk_update(risk=risk, title="Felaktig attest av fakturor", probability=4)
    snapshot = Snapshot.objects.get(pk=adopted.pk)
    assert (snapshot.data, bytes(snapshot.pdf)) == (stored, pdf)
    # Adopted again: a second version beside the first, the first still as it was.
    control_plan_submit(plan=fresh(control_plan), by=editor_a)
    second = control_plan_adopt(plan=fresh(control_plan), by=approver)
    assert second.number == 2
    assert second.data["processes"][0]["risks"][0]["title"] == "Felaktig attest av fakturor"
    assert Snapshot.objects.get(pk=adopted.pk).data == stored


def test_the_database_refuses_to_change_a_control_plan_snapshot(adopted):
    snapshot = Snapshot.objects.get(pk=adopted.pk)
    snapshot.data = {**snapshot.data, "unit": "Ändrad"}
    with pytest.raises(DatabaseError), transaction.atomic():
        snapshot.save()
    with pytest.raises(TypeError):
        Snapshot.objects.filter(pk=adopted.pk).update(title="Ändrad")
    assert Snapshot.objects.get(pk=adopted.pk).data["unit"] == "Enhet A"


def test_a_reopened_committee_plan_gets_the_citys_risks_added_meanwhile(
    org, chain, committee_editor, approver, city_admin
):
    plan = ic.control_plan_create(org_unit=org.north, year=chain.year)
    process = ic.process_create(plan=plan, title="Ekonomi")
    ic.risk_create(process=process, title="Underskott", probability=1, consequence=1)
    control_plan_submit(plan=plan, by=committee_editor)
    control_plan_adopt(plan=fresh(plan), by=city_admin)
    ic.city_risk_create(year=chain.year, process="Upphandling", title="Jäv")
    assert not fresh(plan).risks.filter(title="Jäv").exists()  # a decided plan is not changed
    control_plan_reopen(plan=fresh(plan), by=city_admin, reason="Stadens nya risk")
    assert fresh(plan).risks.filter(title="Jäv", city_risk__isnull=False).exists()


# ---------------------------------------------------------------- versions, files, comparison


def test_the_adopted_files_are_the_snapshots(adopted, control_plan, approver):
    plan = fresh(control_plan)
    assert adopted_control_plan_file(plan, "pdf") == bytes(adopted.pdf)
    assert json.loads(adopted_control_plan_file(plan, "json")) == adopted.data
    assert adopted_control_plan_file(plan, "docx").startswith(b"PK")
    control_plan_reopen(plan=plan, by=approver, reason="Ändra")
    # A draft has no adopted version: its files are the live plan's (io's downloads).
    assert adopted_control_plan_file(fresh(plan), "pdf") is None


def test_no_file_before_adoption(control_plan):
    assert adopted_control_plan_file(control_plan, "pdf") is None


def test_the_pdf_is_tagged_and_holds_the_plan(adopted):
    with pikepdf.open(io.BytesIO(bytes(adopted.pdf))) as pdf:
        assert "/StructTreeRoot" in pdf.Root
    assert versions_of(fresh(adopted.control_plan)).count() == 1


def test_the_comparison_names_what_changed(adopted, control_plan, approver):
    control_plan_reopen(plan=fresh(control_plan), by=approver, reason="Ändra")
    plan = fresh(control_plan)
    risk = plan.risks.get(title="Fel attest")
    ic.risk_update(risk=risk, probability=4)
    control = risk.controls.get()
    ic.control_update(control=control, scope="20 fakturor")
    ic.risk_create(process=plan.processes.get(), title="Jäv", probability=2, consequence=2)
    ic.risk_delete(risk=plan.risks.get(title="Sen betalning"))
    comparison = compare_control_plans(adopted.data, control_plan_dict(fresh(plan)))
    states = {group.title: group.state for group in comparison.groups}
    assert states["Risk: Fel attest"] == "changed"
    assert states["Risk: Jäv"] == "added"
    assert states["Risk: Sen betalning"] == "removed"
    changed = {line.label: (line.old, line.new) for line in comparison.risks[0].changed_lines}
    assert changed["Sannolikhet"] == ("3", "4")
    assert changed["Riskvärde"] == ("12", "16")
    assert "Omfattning: 20 fakturor" in changed["Kontrollmoment: Stickprov på fakturor"][1]
    assert not comparison.is_same
    assert compare_control_plans(adopted.data, adopted.data).is_same


# ---------------------------------------------------------------- the views


def _post(client, name, plan, **data):
    return client.post(reverse(f"decisions:{name}", args=[plan.pk]), data)


def test_the_editor_hands_in_and_is_sent_back(client, control_plan, editor_a):
    client.force_login(editor_a)
    back = "/internkontroll/planer/1/"
    response = _post(client, "control_plan_submit", control_plan, next=back)
    assert response.status_code == 302 and response.url == back
    assert fresh(control_plan).status == PlanStatus.SUBMITTED


def test_a_foreign_next_is_not_followed(client, control_plan, editor_a):
    client.force_login(editor_a)
    response = _post(client, "control_plan_submit", control_plan, next="https://evil.example/")
    assert response.url == reverse("internal_control:detail", args=[control_plan.pk])


def test_the_problems_are_each_told(client, control_plan, editor_a):
    ic.risk_create(process=control_plan.processes.get(), title="Ej bedömd")
    client.force_login(editor_a)
    response = _post(client, "control_plan_submit", control_plan)
    page = client.get(response.url)
    assert "Risken ”Ej bedömd” är inte bedömd." in page.content.decode()
    assert fresh(control_plan).status == PlanStatus.DRAFT


@pytest.mark.parametrize(
    ("who", "door", "status"),
    [
        ("reader", "control_plan_submit", 403),
        ("approver", "control_plan_submit", 403),
        ("controller", "control_plan_submit", 403),
        ("editor_b", "control_plan_submit", 404),
        ("outsider", "control_plan_submit", 404),
        ("editor_a", "control_plan_adopt", 403),
        ("reader", "control_plan_adopt", 403),
        ("editor_b", "control_plan_adopt", 404),
        ("editor_a", "control_plan_reopen", 403),
        ("controller", "control_plan_reopen", 403),
    ],
)
def test_the_doors_refuse_by_role(client, request, control_plan, who, door, status):
    control_plan_submit(plan=control_plan, by=request.getfixturevalue("editor_a"))
    before = fresh(control_plan).status
    client.force_login(request.getfixturevalue(who))
    assert _post(client, door, control_plan, reason="Skäl").status_code == status
    assert fresh(control_plan).status == before


def test_an_approver_of_the_unit_itself_does_not_adopt(client, org, control_plan, editor_a):
    from styra.accounts.models import Role
    from styra.conftest import _user

    own = _user("unit_a_approver", org.unit_a, Role.APPROVER)
    control_plan_submit(plan=control_plan, by=editor_a)
    client.force_login(own)
    assert _post(client, "control_plan_adopt", control_plan).status_code == 403


def test_the_approver_adopts_then_reopens_with_a_reason(client, control_plan, editor_a, approver):
    control_plan_submit(plan=control_plan, by=editor_a)
    client.force_login(approver)
    assert _post(client, "control_plan_adopt", control_plan).status_code == 302
    assert Snapshot.objects.filter(control_plan=control_plan).count() == 1
    page = client.get(reverse("decisions:control_plan_reopen", args=[control_plan.pk]))
    assert page.status_code == 200
    empty = _post(client, "control_plan_reopen", control_plan, reason="")
    assert empty.status_code == 400
    assert "Ange varför internkontrollplanen öppnas igen." in empty.content.decode()
    assert fresh(control_plan).status == PlanStatus.ADOPTED
    done = _post(client, "control_plan_reopen", control_plan, reason="Ny risk")
    assert done.status_code == 302
    assert fresh(control_plan).status == PlanStatus.DRAFT


def test_the_versions_page_lists_the_versions_without_publishing(
    client, adopted, reader, django_assert_max_num_queries
):
    client.force_login(reader)
    url = reverse("decisions:control_plan_versions", args=[adopted.control_plan_id])
    with django_assert_max_num_queries(12):
        response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert reverse("decisions:download", args=[adopted.pk, "pdf"]) in body
    assert "Publicera" not in body
    assert reverse("decisions:control_plan_compare", args=[adopted.control_plan_id]) in body
    assert client.get(reverse("decisions:download", args=[adopted.pk, "pdf"])).content == bytes(
        adopted.pdf
    )


def test_the_comparison_page(client, adopted, control_plan, approver):
    control_plan_reopen(plan=fresh(control_plan), by=approver, reason="Ändra")
    risk = fresh(control_plan).risks.get(title="Fel attest")
    ic.risk_update(risk=risk, probability=4)
    client.force_login(approver)
    url = reverse("decisions:control_plan_compare", args=[control_plan.pk])
    body = client.get(url).content.decode()
    assert "Risk: Fel attest" in body and "Sannolikhet" in body
    assert client.get(url, {"fran": "9", "till": "aktuell"}).status_code == 400


def test_the_comparison_without_versions(client, control_plan, reader, editor_b):
    client.force_login(reader)
    url = reverse("decisions:control_plan_compare", args=[control_plan.pk])
    assert "inga sparade versioner" in client.get(url).content.decode()
    client.force_login(editor_b)
    assert client.get(url).status_code == 404


def test_the_partial_shows_each_role_its_decisions(rf, control_plan, editor_a):
    from django.template.loader import render_to_string

    request = rf.get("/internkontroll/planer/1/")
    request.user = editor_a

    def drawn(**flags):
        context = {"plan": fresh(control_plan), "request": request, **flags}
        return render_to_string("internal_control/_decisions.html", context, request=request)

    submit = reverse("decisions:control_plan_submit", args=[control_plan.pk])
    adopt = reverse("decisions:control_plan_adopt", args=[control_plan.pk])
    reopen = reverse("decisions:control_plan_reopen", args=[control_plan.pk])
    assert submit in drawn(can_edit=True) and adopt not in drawn(can_edit=True)
    assert submit not in drawn(can_approve=True)
    control_plan_submit(plan=control_plan, by=editor_a)
    html = drawn(can_approve=True)
    assert adopt in html and reopen in html and 'name="next"' in html
    assert adopt not in drawn(can_edit=True)
