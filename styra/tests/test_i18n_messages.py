"""Messages raised by the domain code follow the language the user chose.

The services, models, styra.lib, the bulk upload of outcomes and the plan importer
raise and warn through gettext, so a refused write reads in English when the user
switched to English and in Swedish (the default) otherwise. What is stored stays
Swedish whatever the language: a report's standard section headings and the
importer's fallback unit name are data, not messages.
"""

from __future__ import annotations

import html
import io
import zipfile

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from styra.budget.services import budget_row_create
from styra.followup import bulk
from styra.followup.services import report_open
from styra.followup.tests.test_bulk import build_setup, csv_file
from styra.followup.tests.test_context import build_report
from styra.goals.services import plan_adopt, plan_create, plan_submit, section_create
from styra.importer.legacy import parse_document
from styra.lib import uploads
from styra.lib.periods import Period
from styra.organisation.models import UnitLookupError, resolve_unit

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
            bulk.read_rows(csv_file("Väntetid;Enhet X;2026T1;1;"), "utfall.csv"), setup.user
        )
    assert preview.rejected[0].reason == (
        "The unit 'Enhet X' is ambiguous; give its path, for example Department/Enhet X."
    )


def test_a_file_without_a_column_is_refused_in_english():
    data = "indikator;enhet;period\nVäntetid;Enhet A;2026T1".encode()
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        bulk.read_rows(data, "utfall.csv")
    assert exc.value.messages == [
        "The column värde is missing. The first row must have the headings "
        "indikator, enhet, period, värde, kommentar."
    ]
    with pytest.raises(ValidationError, match="Kolumnerna värde saknas"):
        bulk.read_rows(data, "utfall.csv")


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
