"""Messages raised by the domain code follow the language the user chose.

The services, models, styra.lib, the bulk upload of outcomes and the plan importer
raise and warn through gettext, so a refused write reads in English when the user
switched to English and in Swedish (the default) otherwise. So do the error pages,
the styra-plan/1 import's validation errors and the version comparison. What is
stored stays Swedish whatever the language: a report's standard section headings,
the importer's fallback unit name and the periodicity in a plan's styra-plan/1 dict
(downloaded, kept in snapshots and read back by the importer) are data, not messages.
"""

from __future__ import annotations

import copy
import html
import io
import json
import zipfile

import pytest
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from styra import errors
from styra.budget.services import budget_row_create
from styra.conftest import add_indicator, add_unit_goal
from styra.decisions.compare import CHANGED, SAME, compare_plans
from styra.decisions.services import plan_adopt, plan_reopen, plan_submit
from styra.followup import bulk, bulk_file
from styra.followup.services import report_open
from styra.followup.tests.test_bulk import build_setup, csv_file
from styra.followup.tests.test_context import build_report
from styra.followup.views.upload import SALT as UPLOAD_SALT
from styra.importer.legacy import parse_document
from styra.importer.services import plan_import
from styra.indicators.models import Outcome
from styra.lib import uploads
from styra.lib.periods import Period
from styra.organisation.models import UnitLookupError, resolve_unit
from styra.plans.interchange import plan_to_dict
from styra.plans.services import plan_create, plan_update_header, section_create
from styra.plans.tests.test_interchange import small_plan

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def back_to_the_default_language():
    """LocaleMiddleware leaves the request's language active in the thread; later tests
    expect Swedish."""
    yield
    translation.deactivate()


def speak(client, language: str) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language


def page(response) -> str:
    return html.unescape(response.content.decode())


# ---------------------------------------------------------------- a locked plan


@pytest.mark.parametrize(
    "language, refused, not_shown",
    [
        ("sv", "Planen är fastställd och kan inte ändras.", "The plan has been adopted"),
        ("en", "The plan has been adopted and cannot be changed.", "Planen är fastställd"),
    ],
)
def test_an_adopted_committee_plan_refuses_an_edit_of_its_goal(
    client, committee_editor, approver, org, chain, language, refused, not_shown
):
    """The committee's plan is adopted, so its board goals are frozen: the chain page's
    edit form comes back with the refusal in the user's language."""
    plan = plan_create(unit=org.north, year=chain.year)
    plan_submit(plan=plan, by=committee_editor)
    plan_adopt(plan=plan, by=approver)
    client.force_login(committee_editor)
    speak(client, language)
    response = client.post(
        reverse("goals:goal_edit", args=[chain.board.pk]),
        {"title": "Ändrat nämndmål"},
        **HTMX,
    )
    text = page(response)
    assert refused in text
    assert not_shown not in text
    chain.board.refresh_from_db()
    assert chain.board.title == "Ingen ska vänta längre än nödvändigt"


@pytest.mark.parametrize(
    "submit_only, part, sv, en",
    [
        (
            True,
            "plan",
            "Planen är inlämnad och kan inte ändras förrän den har öppnats igen.",
            "The plan has been submitted and cannot be changed until it has been reopened.",
        ),
        (
            False,
            "plan",
            "Planen är fastställd och kan inte ändras.",
            "The plan has been adopted and cannot be changed.",
        ),
        (
            True,
            "budget",
            "Planen är inlämnad och budgeten kan inte ändras förrän den har öppnats igen.",
            "The plan has been submitted and its budget cannot be changed until the plan "
            "has been reopened.",
        ),
        (
            False,
            "budget",
            "Planen är fastställd och budgeten kan inte ändras.",
            "The plan has been adopted and its budget cannot be changed.",
        ),
    ],
)
def test_a_locked_plan_refuses_changes_in_either_language(
    plan_a, editor_a, approver, submit_only, part, sv, en
):
    plan_submit(plan=plan_a, by=editor_a)
    if not submit_only:
        plan_adopt(plan=plan_a, by=approver)

    def write():
        if part == "budget":
            budget_row_create(plan=plan_a, name="Personal")
        else:
            section_create(plan=plan_a, heading="Bakgrund")

    with pytest.raises(ValidationError) as swedish:
        write()
    assert swedish.value.messages == [sv]
    with translation.override("en"), pytest.raises(ValidationError) as english:
        write()
    assert english.value.messages == [en]


# ---------------------------------------------------------------- an outcome form


@pytest.mark.parametrize(
    "language, refused",
    [("sv", "Värdet är för stort."), ("en", "The value is too large.")],
)
def test_the_outcome_form_refuses_a_number_too_large_in_the_users_language(
    client, editor_a, org, chain, plan_a, language, refused
):
    setup = build_report(org, chain, plan_a)
    client.force_login(editor_a)
    speak(client, language)
    response = client.post(
        reverse("followup:report_outcome", args=[setup.report.pk, setup.visits.pk]),
        {"value": "12 345 678 901 234"},
    )
    assert response.status_code == 400
    text = page(response)
    assert refused in text
    assert ("Värdet är för stort." in text) == (language == "sv")


# ---------------------------------------------------------------- bulk upload


@pytest.mark.parametrize(
    "language, reasons",
    [
        (
            "sv",
            [
                "Du har inte behörighet att rapportera för Enhet B.",
                "Ogiltig period '2026T4'; skriv till exempel 2026T1, 2026T2 eller 2026VB.",
                "Okänd enhet: 'Enhet Q'.",
                "Rapporten för Tertialrapport 2 2026 är godkänd; utfallet kan inte ändras.",
                "Värdet 'många' är inte ett tal.",
            ],
        ),
        (
            "en",
            [
                "You are not allowed to report for Enhet B.",
                "Invalid period '2026T4'; write for example 2026T1, 2026T2 or 2026VB.",
                "Unknown unit: 'Enhet Q'.",
                "The report for Four-month report 2 2026 has been approved; the outcome "
                "cannot be changed.",
                "The value 'många' is not a number.",
            ],
        ),
    ],
)
def test_the_upload_preview_gives_each_rejected_rows_reason_in_the_users_language(
    client, org, chain, plan_a, plan_b, editor_a, language, reasons
):
    setup = build_setup(org, chain, editor_a)
    data = csv_file(
        "Väntetid;Enhet B;2026T1;8;",
        "Väntetid;Enhet A;2026T4;1;",
        "Väntetid;Enhet Q;2026T1;1;",
        "Väntetid;Enhet A;2026T2;5;",
        "Andel besök inom tre dagar;Enhet A;2026T1;många;",
    )
    client.force_login(setup.user)
    speak(client, language)
    response = client.post(
        reverse("followup:upload"), {"file": SimpleUploadedFile("utfall.csv", data)}
    )
    assert response.status_code == 200
    text = page(response)
    for reason in reasons:
        assert reason in text


def test_the_bulk_reasons_name_an_ambiguous_unit_in_english(org, chain, plan_a, plan_b, editor_a):
    setup = build_setup(org, chain, editor_a)
    with translation.override("en"):
        preview = bulk.check_rows(
            bulk_file.read_rows(csv_file("Väntetid;Enhet X;2026T1;1;"), "utfall.csv"), setup.user
        )
    assert preview.rejected[0].reason == (
        "The unit 'Enhet X' is ambiguous; give its path, for example Department/Enhet X."
    )


def test_a_file_without_a_column_is_refused_in_english():
    data = "indikator;enhet;period\nVäntetid;Enhet A;2026T1".encode()
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        bulk_file.read_rows(data, "utfall.csv")
    assert exc.value.messages == [
        "The column värde is missing. The first row must have the headings "
        "indikator, enhet, period, värde, kommentar."
    ]
    with pytest.raises(ValidationError, match="Kolumnerna värde saknas"):
        bulk_file.read_rows(data, "utfall.csv")


def test_an_upload_refusal_names_the_file_in_either_language():
    limits = uploads.ZipLimits(max_unpacked=10, subject=uploads.WORD)
    data = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"x" * 100})
    with pytest.raises(uploads.UploadRefused) as exc:
        uploads.check_zip(data, limits)
    assert exc.value.code == "unpacked"
    assert exc.value.messages == [
        "Word-dokumentet packas upp till mer än 10 byte och kan inte läsas."
    ]
    with translation.override("en"):
        assert exc.value.messages == [
            "The Word document unpacks to more than 10 byte and cannot be read."
        ]


# ---------------------------------------------------------------- the importer


def test_the_import_preview_warns_in_the_users_language(client, editor_a, org):
    document = b"Verksamhetsplan 2026\n\nEnhet: Enhet A\n\nVi arbetar vidare.\n"
    client.force_login(editor_a)
    speak(client, "en")
    response = client.post(
        reverse("importer:upload"), {"file": SimpleUploadedFile("plan.txt", document)}
    )
    assert response.status_code == 200
    text = page(response)
    assert "No goal chain (direction goals, committee goals, commitments) was found" in text
    assert "Ingen målkedja" not in text


def test_the_importer_warns_in_english_but_stores_its_fallback_unit_in_swedish():
    with translation.override("en"):
        result = parse_document(b"Inledning\n\nVi arbetar vidare 2026.\n", "plan.txt")
    assert result.plan["unit"] == "Okänd enhet"
    assert "The unit's name was not found; “Okänd enhet” is used." in result.warnings
    result = parse_document(b"Inledning\n\nVi arbetar vidare 2026.\n", "plan.txt")
    assert "Enhetens namn hittades inte; ”Okänd enhet” används." in result.warnings


@pytest.mark.parametrize(
    "language, shown, not_shown",
    [
        (
            "sv",
            [
                "Filen följer inte formatet styra-plan/1.",
                "goals/0/children/0/children/0/activities/0/start: 'våren 2026' är inget datum "
                "(ÅÅÅÅ-MM-DD).",
                "dokumentet: okänd uppgift (owner).",
            ],
            "does not follow",
        ),
        (
            "en",
            [
                "The file does not follow the styra-plan/1 format.",
                "goals/0/children/0/children/0/activities/0/start: 'våren 2026' is not a date "
                "(YYYY-MM-DD).",
                "the document: unknown field (owner).",
            ],
            "följer inte",
        ),
    ],
)
def test_the_import_form_refuses_an_invalid_plan_file_in_the_users_language(
    client, editor_a, org, language, shown, not_shown
):
    data = small_plan()
    data["goals"][0]["children"][0]["children"][0]["activities"][0]["start"] = "våren 2026"
    data["owner"] = "KF"
    client.force_login(editor_a)
    speak(client, language)
    upload = SimpleUploadedFile("plan.json", json.dumps(data, ensure_ascii=False).encode())
    response = client.post(reverse("importer:upload"), {"file": upload})
    assert response.status_code == 400
    text = page(response)
    for message in shown:
        assert message in text
    assert not_shown not in text


def test_a_plan_that_cannot_replace_an_adopted_one_is_refused_in_english(org, approver):
    plan = plan_import(create_chain=True, data=small_plan()).plan
    plan_submit(plan=plan, by=None)
    plan_adopt(plan=plan, by=approver)
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        plan_import(create_chain=True, data=small_plan(), replace=True)
    assert exc.value.messages == [
        "The operational plan 2026 for Testenheten has been adopted and cannot be replaced. "
        "Reopen it first."
    ]


def test_a_plans_interchange_dict_names_periodicity_in_swedish_whatever_the_language(db):
    """The dict is downloaded, kept in snapshots and read back by the importer."""
    report = plan_import(create_chain=True, data=small_plan())
    with translation.override("en"):
        data = plan_to_dict(report.plan)
    assert data == small_plan()
    with translation.override("en"):
        replaced = plan_import(create_chain=True, data=data, replace=True)
        assert replaced.replaces and replaced.warnings == []
        assert "Varning: The previous plan was replaced." in replaced.lines()


# ---------------------------------------------------------------- error pages


@pytest.mark.parametrize(
    "language, title, text",
    [
        ("sv", "Sidan finns inte", "Sidan finns inte, eller så har du inte behörighet att se den."),
        ("en", "Page not found", "The page does not exist, or you are not allowed to see it."),
    ],
)
def test_an_unknown_page_answers_in_the_users_language(client, editor_a, language, title, text):
    client.force_login(editor_a)
    speak(client, language)
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    body = page(response)
    assert f'<html lang="{language}">' in body
    assert f"<h1>{title}</h1>" in body and text in body
    assert "Traceback" not in body and "urlpatterns" not in body


@pytest.mark.parametrize(
    "language, title",
    [("sv", "Formuläret kunde inte tas emot"), ("en", "The form was not accepted")],
)
def test_a_refused_csrf_token_answers_with_styras_page(editor_a, plan_a, language, title):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor_a)
    speak(client, language)
    response = client.post(reverse("plans:header_edit", args=[plan_a.pk]), {"officer": "X"})
    assert response.status_code == 403
    body = page(response)
    assert f'<html lang="{language}">' in body and f"<h1>{title}</h1>" in body
    assert "CSRF verification failed" not in body and "Referer" not in body  # no reasons
    plan_a.refresh_from_db()
    assert plan_a.officer != "X"


def test_a_refusal_answers_in_english(client, reader, plan_a):
    client.force_login(reader)
    speak(client, "en")
    response = client.post(reverse("plans:header_edit", args=[plan_a.pk]), {"officer": "X"})
    assert response.status_code == 403
    assert "You are not allowed to do this." in page(response)


def test_the_server_error_page_follows_the_language(rf):
    with translation.override("en"):
        body = page(errors.server_error(rf.get("/")))
    assert '<html lang="en">' in body
    assert "Something went wrong" in body and "Go to the start page" in body
    body = page(errors.server_error(rf.get("/")))
    assert '<html lang="sv">' in body and "Något gick fel" in body


def test_the_server_error_page_renders_in_swedish_when_translation_fails(rf, monkeypatch):
    class Broken:
        def __str__(self):
            raise RuntimeError("no catalogue")

    monkeypatch.setitem(errors.MESSAGES, 500, (Broken(), Broken()))
    with translation.override("en"):
        response = errors.server_error(rf.get("/"))
    assert response.status_code == 500
    body = page(response)
    assert '<html lang="sv">' in body and "Något gick fel" in body and "Till startsidan" in body
    assert "no catalogue" not in body


# ---------------------------------------------------------------- bulk upload: nothing saved


@pytest.mark.parametrize(
    "language, refused",
    [
        ("sv", "Inget sparades. Rad 3: du har inte behörighet att rapportera för Enhet B."),
        ("en", "Nothing was saved. Row 3: you are not allowed to report for Enhet B."),
    ],
)
def test_a_refused_upload_says_nothing_was_saved_in_one_sentence(
    client, org, chain, plan_a, plan_b, editor_a, language, refused
):
    setup = build_setup(org, chain, editor_a)
    row = {"indicator": setup.shared.pk, "period": "2026T1", "text": "", "comment": ""}
    rows = [
        {**row, "line": 2, "unit": org.unit_a.pk, "number": "7"},
        {**row, "line": 3, "unit": org.unit_b.pk, "number": "8"},
    ]
    client.force_login(setup.user)
    speak(client, language)
    response = client.post(
        reverse("followup:upload_confirm"),
        {"payload": signing.dumps(rows, salt=UPLOAD_SALT, compress=True)},
        follow=True,
    )
    assert refused in page(response)
    assert Outcome.objects.count() == 0


# ---------------------------------------------------------------- comparing versions


def _compared(plan) -> tuple:
    data = plan_to_dict(plan)
    newer = copy.deepcopy(data)
    newer["officer"] = "Kim Berg"
    meta = {"status": "adopted", "unit_goal_label": "Åtagande"}
    return data, meta, newer, {**meta, "status": "draft"}


def test_the_comparison_labels_follow_the_language_and_the_values_do_not(org, chain, plan_a):
    goal = add_unit_goal(chain, org.unit_a, "Snabbt")
    add_indicator(
        goal, org.unit_a, "Väntetid", target="7 dagar", measure="dagar", periodicity="tertial"
    )
    old, old_meta, new, new_meta = _compared(plan_a)
    with translation.override("en"):
        english = compare_plans(old, old_meta, new, new_meta)
    swedish = compare_plans(old, old_meta, new, new_meta)

    assert english.header.title == "Plan details"
    assert swedish.header.title == "Planens uppgifter"
    header = {line.label: line for line in english.header.lines}
    assert header["Case officer"].state == CHANGED
    with translation.override("en"):  # state labels are lazy: the template renders them
        assert str(header["Case officer"].state_label) == "Changed"
    assert (header["Status"].old, header["Status"].new) == ("Adopted", "Draft")
    assert {line.label: line.state for line in swedish.header.lines}["Handläggare"] == CHANGED

    [en_goal] = [g for g in english.goals if "Snabbt" in g.title]
    [sv_goal] = [g for g in swedish.goals if "Snabbt" in g.title]
    assert en_goal.title == "Commitment: Snabbt" and sv_goal.title == "Åtagande: Snabbt"
    en_lines = {line.label: line for line in en_goal.lines}
    sv_lines = {line.label: line for line in sv_goal.lines}
    assert (
        en_lines["Indicator: Väntetid"].new
        == "Annual target: 7 dagar; Frequency: Four-month period"
    )
    assert sv_lines["Indikator: Väntetid"].new == "Årsmål: 7 dagar; Redovisas: Tertial"
    assert en_lines["Goal"].state == SAME
    with translation.override("en"):
        assert str(en_lines["Goal"].state_label) == "Unchanged"
    assert str(sv_lines["Mål"].state_label) == "Oförändrad"


@pytest.mark.parametrize(
    "language, shown, not_shown",
    [
        ("sv", ["Planens uppgifter", "Handläggare", "Ändrad", "Oförändrad"], "Plan details"),
        ("en", ["Plan details", "Case officer", "Changed", "Unchanged"], "Planens uppgifter"),
    ],
)
def test_the_compare_page_speaks_the_users_language(
    client, org, chain, plan_a, approver, language, shown, not_shown
):
    plan_submit(plan=plan_a, by=None)
    plan_adopt(plan=plan_a, by=approver)
    plan_reopen(plan=plan_a, by=approver, reason="Ny handläggare.")
    plan_update_header(plan=plan_a, officer="Kim Berg", phone="", addressee="", meeting_date=None)
    client.force_login(approver)
    speak(client, language)
    url = reverse("decisions:compare", args=[plan_a.pk])
    response = client.get(url, {"fran": 1, "till": "aktuell", "alla": "on"})
    assert response.status_code == 200
    text = page(response)
    for label in shown:
        assert label in text
    assert not_shown not in text


# ---------------------------------------------------------------- lib and models


def test_a_period_label_stays_swedish_and_its_display_label_follows_the_language():
    t1, month = Period(2026, "T1"), Period.parse("2026M04")
    with translation.override("en"):
        assert (t1.label, month.label) == ("Tertialrapport 1 2026", "april 2026")
        assert (t1.display_label, month.display_label) == ("Four-month report 1 2026", "April 2026")
        with pytest.raises(ValueError, match="'2026X1' is not a period"):
            Period.parse("2026X1")
    assert (t1.display_label, month.display_label) == ("Tertialrapport 1 2026", "april 2026")
    with pytest.raises(ValueError, match="'2026X1' är ingen period"):
        Period.parse("2026X1")


def test_resolve_unit_flags_an_ambiguous_name_whatever_the_language(org):
    org.unit_a.__class__.objects.create(name="Enhet A", kind=org.unit_a.kind, parent=org.south)
    with translation.override("en"), pytest.raises(UnitLookupError) as exc:
        resolve_unit("Enhet A")
    assert exc.value.ambiguous
    assert str(exc.value).startswith("'Enhet A' is ambiguous. Give the path to one of: ")
    with pytest.raises(UnitLookupError) as exc:
        resolve_unit("Enhet Q")
    assert not exc.value.ambiguous and str(exc.value) == "Ingen enhet heter 'Enhet Q'."


def test_a_new_reports_standard_sections_are_stored_in_swedish(org, chain, plan_a):
    """Section headings are data: an English-speaking user opens the same report as a
    Swedish one."""
    setup = build_report(org, chain, plan_a, part="T2")
    with translation.override("en"):
        report = report_open(org_unit=org.unit_a, period=setup.periods["VB"])
    headings = list(report.sections.values_list("heading", flat=True))
    assert headings == ["Viktiga händelser", "Analys", "Framtid"]


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()
