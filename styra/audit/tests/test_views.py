"""Historik pages for those who may see the object; search and export for city administrators."""

import csv
import io

import pytest
from django.urls import reverse

from styra.accounts.models import Membership, Role
from styra.audit.models import AuditEntry, SecurityEvent
from styra.followup.models import ReportingPeriod
from styra.followup.services import report_open
from styra.indicators.services import indicator_create
from styra.plans.services import plan_update_header, section_create

from .conftest import entries_for


@pytest.fixture
def history(audited, plan_a, plan_b):
    with audited():
        plan_update_header(
            plan=plan_a, officer="Kim Berg", phone="", addressee="", meeting_date=None
        )
    with audited():
        section_create(plan=plan_a, heading="Bakgrund")
    with audited():
        plan_update_header(plan=plan_b, officer="Hemlig", phone="", addressee="", meeting_date=None)
    return plan_a


def test_it_shows_a_plans_history_with_readable_field_names(client, editor_a, history):
    client.force_login(editor_a)
    response = client.get(reverse("audit:plan", args=[history.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Handläggare" in page and "Kim Berg" in page  # the verbose name, not "officer"
    assert "Avsnitt: Bakgrund" in page and "Skapades" in page
    assert "Hemlig" not in page  # plan B's entry


def test_a_reader_above_sees_it_too(client, reader, history):
    client.force_login(reader)
    assert client.get(reverse("audit:plan", args=[history.pk])).status_code == 200


@pytest.mark.parametrize("persona", ["editor_b", "outsider"])
def test_it_hides_the_history_from_those_who_may_not_see_the_plan(
    client, request, persona, history
):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("audit:plan", args=[history.pk])).status_code == 404


def test_it_sends_anonymous_users_to_sign_in(client, history):
    assert client.get(reverse("audit:plan", args=[history.pk])).status_code == 302


def test_the_history_page_does_no_writes_and_bounded_queries(
    client, editor_a, history, django_assert_max_num_queries
):
    client.force_login(editor_a)
    client.get(reverse("plans:detail", args=[history.pk]))
    before = AuditEntry.objects.count()
    with django_assert_max_num_queries(12):
        client.get(reverse("audit:plan", args=[history.pk]))
    assert AuditEntry.objects.count() == before


@pytest.fixture
def report(audited, org, chain, plan_a):
    (period,) = [
        ReportingPeriod.objects.create(
            year=chain.year, code="2026T1", cutoff="2026-04-30", deadline="2026-05-14"
        )
    ]
    with audited():
        return report_open(org_unit=org.unit_a, period=period)


def test_it_shows_a_reports_history(client, editor_a, report):
    client.force_login(editor_a)
    response = client.get(reverse("audit:report", args=[report.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Viktiga händelser" in page and "Uppföljningsrapport" in page
    assert AuditEntry.objects.filter(report_id=report.pk).count() == 4  # report + 3 sections


@pytest.mark.parametrize("persona", ["editor_b", "outsider"])
def test_it_hides_a_reports_history(client, request, persona, report):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("audit:report", args=[report.pk])).status_code == 404


def test_the_link_include_points_at_the_history(rf, plan_a, report):
    from django.template.loader import render_to_string

    html = render_to_string("audit/_history_link.html", {"history_plan": plan_a})
    assert reverse("audit:plan", args=[plan_a.pk]) in html and "Ändringshistorik" in html
    html = render_to_string("audit/_history_link.html", {"history_report": report})
    assert reverse("audit:report", args=[report.pk]) in html


def test_the_plan_and_report_pages_link_to_their_history(client, editor_a, plan_a, report):
    client.force_login(editor_a)
    page = client.get(reverse("plans:detail", args=[plan_a.pk])).content.decode()
    assert f'href="{reverse("audit:plan", args=[plan_a.pk])}"' in page
    page = client.get(reverse("followup:report", args=[report.pk])).content.decode()
    assert f'href="{reverse("audit:report", args=[report.pk])}"' in page


# --- search and export --------------------------------------------------------------------


@pytest.fixture
def trail(audited, client, org, chain, editor_a, plan_a, history):
    """Entries by editor_a through the web, one with a name a spreadsheet would run."""
    client.force_login(editor_a)
    goal = chain.board
    with audited():
        indicator_create(goal=goal, owner=org.north, name='=HYPERLINK("http://x")')
    with audited():
        client.post(
            reverse("plans:header_edit", args=[plan_a.pk]),
            {"officer": "Ulla Lind", "phone": "", "addressee": "", "meeting_date": ""},
        )
    client.logout()


def test_an_administrator_searches_by_user_type_date_and_text(client, city_admin, trail):
    client.force_login(city_admin)
    url = reverse("audit:search")
    assert client.get(url).status_code == 200
    page = client.get(url, {"user": "editor_a"}).content.decode()
    assert "Ulla Lind" in page and "Hemlig" not in page and "HYPERLINK" not in page
    page = client.get(url, {"object_type": "indicators.indicator"}).content.decode()
    assert "HYPERLINK" in page and "Ulla Lind" not in page
    page = client.get(url, {"text": "HEMLIG"}).content.decode()
    assert "Hemlig" in page and "Ulla Lind" not in page
    assert "Inga händelser" in client.get(url, {"since": "2099-01-01"}).content.decode()
    bad = client.get(url, {"since": "2026-02-01", "until": "2026-01-01"})
    assert bad.status_code == 400


def test_the_export_is_csv_with_neutralised_cells(client, city_admin, trail):
    client.force_login(city_admin)
    response = client.get(reverse("audit:export"), {"object_type": "indicators.indicator"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert table[0][0] == "tid (UTC)"
    [row] = table[1:]
    assert row[6] == '\'=HYPERLINK("http://x")'
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for r in table for cell in r)
    assert SecurityEvent.objects.filter(kind="audit_export", actor="city_admin").exists()


def test_the_export_command_writes_the_same_csv(trail, capsys):
    from django.core.management import call_command

    call_command("export_audit", "--type", "indicators.indicator")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "'=HYPERLINK" in lines[1]


@pytest.mark.parametrize(
    "persona, status",
    [("editor_a", 404), ("reader", 404), ("approver", 404), ("outsider", 404)],
)
def test_only_city_administrators_search_or_export(client, request, persona, status, trail):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("audit:search")).status_code == status
    assert client.get(reverse("audit:export")).status_code == status


def test_a_reader_of_the_whole_city_is_refused_with_403(client, org, reader, trail):
    Membership.objects.create(user=reader, org_unit=org.city, role=Role.READER)
    client.force_login(reader)
    assert client.get(reverse("audit:search")).status_code == 403
    assert client.get(reverse("audit:export")).status_code == 403


def test_entries_keep_the_object_they_name(history):
    assert len(entries_for(history)) == 1


def test_the_export_names_commands_and_kinds_as_the_history_does(
    audited, editor_a, org, chain, capsys, monkeypatch
):
    """The CSV wrote "system:root", "create" and "indicators.indicator" where the history says
    "systemet (kommandoraden)", "Skapades" and "Indikator"; the codes stay in their own columns."""
    from django.core.management import call_command

    from styra.audit import trail

    monkeypatch.setattr(trail.getpass, "getuser", lambda: "root")
    editor_a.first_name, editor_a.last_name = "Kim", "Lind"
    editor_a.save()
    with audited():  # a command on the server, without a request
        indicator_create(goal=chain.board, owner=org.north, name="Väntetid i dagar")
    with audited(), trail.acting_as(editor_a, via="import-plan"):
        indicator_create(goal=chain.board, owner=org.north, name="Andel nöjda")
    call_command("export_audit", "--type", "indicators.indicator")
    header, *rows = csv.reader(io.StringIO(capsys.readouterr().out))
    by_name = {row[header.index("objekt")]: dict(zip(header, row, strict=True)) for row in rows}
    by_system = by_name["Väntetid i dagar"]
    assert by_system["användare"] == "systemet (kommandoraden)"
    assert by_system["konto"] == "system:root"  # still machine-readable
    assert by_system["åtgärd"] == "Skapades"
    assert by_system["objekttyp"] == "Indikator"
    assert by_system["objekttypkod"] == "indicators.indicator"
    on_behalf = by_name["Andel nöjda"]
    assert (on_behalf["användare"], on_behalf["konto"]) == ("Kim Lind", "editor_a")
    assert on_behalf["sökväg"] == "via kommandot styra import-plan (serverkontot root)"
    words = [c for row in rows for name, c in zip(header, row, strict=True) if name != "konto"]
    assert not any("system:" in cell for cell in words), words
