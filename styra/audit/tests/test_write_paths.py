"""Every way into Styra leaves one entry per changed object, naming who and which request."""

import io
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from styra.audit.models import Action, AuditEntry
from styra.audit.trail import system_actor
from styra.followup.tests.test_bulk import build_setup, csv_file
from styra.indicators.models import Outcome
from styra.plans.models import Plan, Section
from styra.plans.services import section_create
from styra.plans.tests.test_interchange import small_plan

from .conftest import assert_one_entry_per_object, entries_for

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_a_web_edit_names_the_user_and_the_request(audited, client, editor_a, plan_a):
    section = section_create(plan=plan_a, heading="Bakgrund")
    client.force_login(editor_a)
    url = reverse("plans:section_edit", args=[plan_a.pk, section.pk])
    with audited():
        response = client.post(url, {"heading": "Bakgrund och syfte", "text": "Ny text"})
    assert response.status_code in (200, 302)
    [entry] = AuditEntry.objects.all()
    assert entry.action == Action.UPDATE and entry.object_id == str(section.pk)
    assert entry.changes == {
        "heading": ["Bakgrund", "Bakgrund och syfte"],
        "text": ["", "Ny text"],
    }
    assert (entry.actor_id, entry.actor) == (editor_a.pk, "editor_a")
    assert entry.request_id == response["X-Request-ID"]
    assert entry.ip == "127.0.0.1" and entry.path == url


def test_an_htmx_edit_is_logged_once(audited, client, editor_a, plan_a):
    client.force_login(editor_a)
    with audited():
        response = client.post(
            reverse("plans:header_edit", args=[plan_a.pk]),
            {"officer": "Kim Berg", "phone": "08-123", "addressee": "", "meeting_date": ""},
            **HTMX,
        )
    assert response.status_code == 200
    [entry] = AuditEntry.objects.all()
    assert entry.object_type == "plans.plan" and entry.changes == {
        "officer": ["", "Kim Berg"],
        "phone": ["", "08-123"],
    }
    assert entry.actor == "editor_a" and entry.request_id == response["X-Request-ID"]


def test_a_refused_web_edit_leaves_nothing(audited, client, editor_b, plan_a):
    client.force_login(editor_b)
    with audited():
        response = client.post(reverse("plans:header_edit", args=[plan_a.pk]), {"officer": "X"})
    assert response.status_code == 404
    assert not AuditEntry.objects.exists()


def _import_small_plan(tmp_path, *flags: str) -> None:
    """`styra import-plan` of the small plan, saved as the user admin with its chain."""
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(small_plan(), ensure_ascii=False), encoding="utf-8")
    args = ("--save", "--user", "admin", "--create-chain", *flags)
    call_command("import_plan", str(path), *args, stdout=io.StringIO())


@pytest.mark.django_db
def test_a_dry_run_import_leaves_nothing_in_the_trail(audited, tmp_path):
    """The preview runs the import and rolls it back; the trail must not record it."""
    get_user_model().objects.create_superuser("admin", password="x-lösen-123")
    with audited():
        _import_small_plan(tmp_path, "--dry-run")
    assert not Plan.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_the_import_command_logs_every_created_object_once(audited, tmp_path):
    admin = get_user_model().objects.create_superuser("admin", password="x-lösen-123")
    with audited():
        _import_small_plan(tmp_path)
    assert_one_entry_per_object()
    plan = Plan.objects.get()
    [entry] = entries_for(plan)
    assert entry.action == Action.CREATE
    # Every write is the named user's, made through the command by the OS user.
    origin = f"via styra import-plan ({system_actor()})"
    assert set(AuditEntry.objects.values_list("actor", "actor_id", "path")) == {
        ("admin", admin.pk, origin)
    }
    assert entry.changes["chain_goals"]["added"] == sorted(
        plan.chain_goals.values_list("pk", flat=True)
    )
    assert entry.changes["chain_activities"]["added"]
    for section in Section.objects.filter(plan=plan):
        assert len(entries_for(section)) == 1
    rows = AuditEntry.objects.filter(object_type="budget.budgetrow", plan_id=plan.pk)
    assert rows.count() == len(small_plan()["budget"]["rows"])
    assert not AuditEntry.objects.exclude(action=Action.CREATE).exists()


@pytest.fixture
def upload_setup(org, chain, plan_a, plan_b, editor_a):
    return build_setup(org, chain, editor_a)


def test_the_bulk_upload_logs_each_stored_outcome(audited, client, upload_setup):
    client.force_login(upload_setup.user)
    data = csv_file("Väntetid;Enhet A;2026T1;7;Bra", "Läget;Enhet A;2026T1;Lugnt;")
    preview = client.post(reverse("followup:upload"), {"file": SimpleUploadedFile("u.csv", data)})
    assert not AuditEntry.objects.exists()
    payload = re.search(r'name="payload" value="([^"]+)"', preview.content.decode()).group(1)
    with audited():
        response = client.post(reverse("followup:upload_confirm"), {"payload": payload})
    assert response.status_code == 302
    outcomes = Outcome.objects.all()
    assert outcomes.count() == 2
    assert AuditEntry.objects.count() == 2
    for outcome in outcomes:
        [entry] = entries_for(outcome)
        assert entry.action == Action.CREATE and entry.actor == "editor_a"
        assert entry.changes["source"] == [None, "upload"]
        assert entry.request_id == response["X-Request-ID"]


def test_the_admin_logs_a_user_change(audited, client, editor_a, db):
    joined = timezone.localtime(editor_a.date_joined).replace(microsecond=0)
    get_user_model().objects.filter(pk=editor_a.pk).update(date_joined=joined)
    admin = get_user_model().objects.create_superuser("root", password="x-lösen-123")
    client.force_login(admin)
    url = reverse("admin:auth_user_change", args=[editor_a.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("password", "groups", "user_permissions")
    }
    data.update(
        is_active="",
        last_login_0="",
        last_login_1="",
        date_joined_0=joined.strftime("%Y-%m-%d"),
        date_joined_1=joined.strftime("%H:%M:%S"),
    )
    data = {k: v for k, v in data.items() if v is not False}
    with audited():
        response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    [entry] = AuditEntry.objects.all()
    assert entry.object_type == "auth.user" and entry.actor == "root"
    assert entry.changes == {"is_active": [True, False]}
