"""The history in Swedish words: names for every kind of object and field, related objects
by name, commands as "systemet", numbers and times as elsewhere, addresses for admins only."""

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import camel_case_to_spaces

from styra.audit.models import Action, AuditEntry
from styra.audit.trail import REGISTRY
from styra.budget.services import budget_row_create, budget_row_update
from styra.conftest import add_unit_goal
from styra.goals.services import goal_delete
from styra.plans.services import section_create
from styra.tests.test_i18n import parse_po

PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _names_of(model):
    yield (
        f"{model._meta.label} (model)",
        model._meta.verbose_name,
        camel_case_to_spaces(model.__name__),
    )
    yield f"{model._meta.label} (plural)", model._meta.verbose_name_plural, ""
    for f in [*REGISTRY[model].fields, *model._meta.local_many_to_many]:
        yield f"{model._meta.label}.{f.name}", f.verbose_name, f.name.replace("_", " ")


def test_every_audited_model_and_field_has_a_swedish_name_with_english():
    """A new audited model or field without a translated Swedish name fails here."""
    catalogue = {e.msgid: e.msgstr.get(0, "") for e in parse_po(PO.read_text(encoding="utf-8"))}
    missing = []
    for model in REGISTRY:
        for where, name, default in _names_of(model):
            with translation.override("sv"):
                swedish = str(name)
            with translation.override("en"):
                english = str(name)
            ours = bool(catalogue.get(swedish))
            # Django's own models (auth.User) are translated by Django's catalogues.
            theirs = model._meta.app_label == "auth" and swedish != english
            if not (ours or theirs) or (swedish == default and not ours):
                missing.append(f"{where}: {swedish!r}")
    assert not missing, missing


@pytest.fixture
def history_of(client):
    def get(user, plan):
        client.force_login(user)
        response = client.get(reverse("audit:plan", args=[plan.pk]))
        assert response.status_code == 200
        return response.content.decode()

    return get


def test_it_names_related_objects_and_commands_in_swedish(
    audited, history_of, editor_a, plan_a, chain, org
):
    with audited():  # no request: a command on the server
        goal = add_unit_goal(chain, org.unit_a, "Alla besök bokas inom tre dagar")
    assert AuditEntry.objects.get(object_id=str(goal.pk)).plan_id == plan_a.pk
    page = history_of(editor_a, plan_a)
    assert "Överordnat mål" in page and "Ansvarig enhet" in page
    assert "→ Ingen ska vänta längre än nödvändigt" in page  # the parent by its title
    assert "→ Enhet A" in page
    assert "systemet (kommandoraden)" in page
    for internal in ("Parent", "Owner", "id ", "system:"):
        assert internal not in page, internal


def test_it_names_a_deleted_object_from_its_last_entry(
    audited, history_of, editor_a, plan_a, chain, org
):
    with audited():
        goal = add_unit_goal(chain, org.unit_a, "Äldre mål")
    with audited():
        section_create(plan=plan_a, heading="Bakgrund")
    entry = AuditEntry.objects.create(
        actor="editor_a",
        action=Action.UPDATE,
        object_type="goals.goal",
        object_id="999",
        object_name="Ett mål",
        changes={"parent": [goal.pk, None]},
        plan_id=plan_a.pk,
    )
    with audited():
        goal_delete(goal=goal)
    page = history_of(editor_a, plan_a)
    assert entry.pk and "Äldre mål (borttagen) → –" in page


def test_the_audit_filter_names_every_kind_of_object_in_swedish(client, city_admin):
    client.force_login(city_admin)
    page = client.get(reverse("audit:search")).content.decode()
    options = re.findall(r'<option value="[\w.]+">([^<]+)</option>', page)
    assert "Uppföljning av aktivitet" in options and "Budgetuppföljning" in options
    for english in ("Activity follow up", "Budget follow up", "Report event", "Goal assessment"):
        assert english not in page


def test_it_shows_numbers_and_times_as_the_rest_of_styra(audited, history_of, editor_a, plan_a):
    with audited():
        row = budget_row_create(plan=plan_a, name="Personal", costs=Decimal("1234567.5"))
    with audited():
        budget_row_update(row=row, costs=Decimal("-2500"))
    page = history_of(editor_a, plan_a)
    assert "1\u00a0234\u00a0567,5 → −2\u00a0500" in page
    assert "1234567.5" not in page
    times = re.findall(r"<time datetime=\"[^\"]+\">([^<]+)</time>", page)
    assert times and all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", t) for t in times)


def _officer_changed(plan, officer: str, **fields) -> AuditEntry:
    """editor_a's change of the plan's officer, with the request's id and address."""
    return AuditEntry.objects.create(
        actor="editor_a",
        action=Action.UPDATE,
        object_type="goals.plan",
        object_id=str(plan.pk),
        object_name=str(plan),
        changes={"officer": ["", officer]},
        request_id="abc123def456",
        ip="203.0.113.7",
        path="/planer/1/",
        plan_id=plan.pk,
        **fields,
    )


@pytest.fixture
def addressed(plan_a):
    return _officer_changed(plan_a, "Kim Berg")


@pytest.mark.parametrize("persona", ["reader", "editor_a", "approver", "controller"])
def test_readers_see_who_and_when_but_no_address(request, history_of, plan_a, addressed, persona):
    page = history_of(request.getfixturevalue(persona), plan_a)
    assert "editor_a" in page and "Kim Berg" in page
    assert timezone.localtime(addressed.at).strftime("%Y-%m-%d %H:%M") in page
    assert "203.0.113.7" not in page


def test_administrators_see_the_address(history_of, city_admin, plan_a, addressed):
    page = history_of(city_admin, plan_a)
    assert "203.0.113.7" in page and "Anrop abc123de…" in page


def test_people_are_named_as_on_the_plan_page_and_the_request_id_is_for_administrators(
    request, history_of, client, city_admin, editor_a, plan_a
):
    """The history said "editor_a" where the plan page says "av Kim Lind", and showed every
    reader "Anrop abc123de…", an id that only finds the request in the server's log."""
    editor_a.first_name, editor_a.last_name = "Kim", "Lind"
    editor_a.save()
    _officer_changed(plan_a, "Kim Lind", actor_id=editor_a.pk)
    for persona in ("reader", "editor_a"):
        page = history_of(request.getfixturevalue(persona), plan_a)
        assert "<td>Kim Lind</td>" in page and "<td>editor_a</td>" not in page
        assert "Anrop" not in page and "abc123" not in page
    assert "Anrop abc123de…" in history_of(city_admin, plan_a)
    # The administrator's search finds people by the name it shows, as well as by username.
    url = reverse("audit:search")
    for who in ("kim lind", "Lind", "editor_a"):
        assert "<td>Kim Lind</td>" in client.get(url, {"user": who}).content.decode(), who
    assert "Inga händelser" in client.get(url, {"user": "Berg"}).content.decode()


def test_the_report_history_hides_addresses_from_readers_too(
    client, reader, city_admin, plan_a, org, chain
):
    from styra.followup.models import ReportingPeriod
    from styra.followup.services import report_open

    period = ReportingPeriod.objects.create(
        year=chain.year, code="2026T1", cutoff=date(2026, 4, 30), deadline=date(2026, 5, 14)
    )
    report = report_open(org_unit=org.unit_a, period=period)
    AuditEntry.objects.create(
        actor="editor_a",
        action=Action.UPDATE,
        object_type="followup.report",
        object_id=str(report.pk),
        object_name=str(report),
        changes={},
        request_id="abc",
        ip="198.51.100.9",
        report_id=report.pk,
    )
    url = reverse("audit:report", args=[report.pk])
    client.force_login(reader)
    assert "198.51.100.9" not in client.get(url).content.decode()
    client.force_login(city_admin)
    assert "198.51.100.9" in client.get(url).content.decode()


def test_it_names_periods_in_words_and_report_times_in_swedish_time(
    audited, client, history_of, editor_a, plan_a, org, chain
):
    """The report's history showed "Period – → 2026T1", "Summa 2026M03", an outcome as
    "82.5000" and a submission at "… 08:00" (UTC) in a list whose times are Swedish (10:00)."""
    from datetime import UTC, datetime

    from styra.decisions.services import report_submit
    from styra.followup.models import ReportingPeriod
    from styra.followup.services import budget_follow_up_set, outcome_record, report_open
    from styra.indicators.services import indicator_create

    period = ReportingPeriod.objects.create(
        year=chain.year, code="2026T1", cutoff=date(2026, 4, 30), deadline=date(2026, 5, 14)
    )
    report = report_open(org_unit=org.unit_a, period=period)
    indicator = indicator_create(goal=chain.board, owner=org.unit_a, name="Andel nöjda")
    row = budget_row_create(plan=plan_a, name="Personal", costs=Decimal("100"))
    with audited():
        outcome_record(indicator=indicator, org_unit=org.unit_a, period="2026T1", value="82,5")
    with audited():  # a second write reads the stored value back: "82.5000"
        outcome_record(indicator=indicator, org_unit=org.unit_a, period="2026T1", value="83,25")
    with audited():
        budget_follow_up_set(row=row, period="2026M03", outcome=Decimal("30"), forecast=None)
        budget_follow_up_set(row=row, period="2026T1", outcome=Decimal("40"), forecast=None)
    summer_morning = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
    with audited(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: summer_morning)
        report_submit(report=report, by=editor_a)
    client.force_login(editor_a)
    page = client.get(reverse("audit:report", args=[report.pk])).content.decode()
    assert "Andel nöjda, Tertialrapport 1 2026: 83,25" in page
    assert "Personal, Tertialrapport 1 2026" in page and "→ Tertialrapport 1 2026" in page
    assert "Lämnades in 2026-05-04 10:00" in page
    monthly = history_of(editor_a, plan_a)  # a month's follow-up belongs to the plan
    assert "Personal, mars 2026" in monthly and "→ mars 2026" in monthly
    for code in ("2026T1", "2026M03", "82.5", "83.25"):
        assert code not in page and code not in monthly, code
