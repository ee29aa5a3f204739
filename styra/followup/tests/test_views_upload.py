"""Utfall från fil: upload, preview, confirm; nothing stored before confirmation."""

import io
import re

import openpyxl
import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from styra.followup.views.upload import SALT
from styra.indicators.models import Outcome, Source

from .test_bulk import build_setup, csv_file


@pytest.fixture
def setup(org, chain, plan_a, plan_b, editor_a):
    return build_setup(org, chain, editor_a)


def _upload(client, data: bytes, name: str = "utfall.csv"):
    return client.post(reverse("followup:upload"), {"file": SimpleUploadedFile(name, data)})


def _payload(response) -> str:
    return re.search(r'name="payload" value="([^"]+)"', response.content.decode()).group(1)


@pytest.mark.django_db
def test_it_shows_the_upload_page(client, setup):
    client.force_login(setup.user)
    response = client.get(reverse("followup:upload"))
    assert response.status_code == 200
    assert "Ladda upp utfall" in response.content.decode()


@pytest.mark.django_db
def test_it_refuses_someone_who_edits_nothing(client, setup, reader, outsider):
    for user in (reader, outsider):
        client.force_login(user)
        assert client.get(reverse("followup:upload")).status_code == 403


@pytest.mark.django_db
def test_it_previews_every_row_and_stores_nothing(client, setup):
    client.force_login(setup.user)
    data = csv_file("Väntetid;Enhet A;2026T1;7;Bra", "Väntetid;Enhet B;2026T1;8;")
    response = _upload(client, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "1 rad kan sparas." in page and "1 rad kan inte sparas." in page
    assert "Du har inte behörighet att rapportera för Enhet B." in page
    assert Outcome.objects.count() == 0


@pytest.mark.django_db
def test_it_stores_the_rows_on_confirmation(client, setup):
    client.force_login(setup.user)
    data = csv_file("Väntetid;Enhet A;2026T1;7;Bra", "Läget;Enhet A;2026T1;Lugnt;")
    payload = _payload(_upload(client, data))
    response = client.post(reverse("followup:upload_confirm"), {"payload": payload}, follow=True)
    assert "2 utfall sparades." in response.content.decode()
    assert Outcome.objects.filter(source=Source.UPLOAD).count() == 2


@pytest.mark.django_db
def test_a_tampered_payload_is_refused(client, setup):
    client.force_login(setup.user)
    payload = _payload(_upload(client, csv_file("Väntetid;Enhet A;2026T1;7;")))
    forged = payload[:-3] + ("aaa" if not payload.endswith("aaa") else "bbb")
    response = client.post(reverse("followup:upload_confirm"), {"payload": forged}, follow=True)
    assert "har ändrats" in response.content.decode()
    assert Outcome.objects.count() == 0


@pytest.mark.django_db
def test_a_payload_for_a_unit_the_user_may_not_edit_stores_nothing(client, setup, org):
    client.force_login(setup.user)
    rows = [
        {
            "line": 2,
            "indicator": setup.shared.pk,
            "unit": org.unit_a.pk,
            "period": "2026T1",
            "number": "7",
            "text": "",
            "comment": "",
        },
        {
            "line": 3,
            "indicator": setup.shared.pk,
            "unit": org.unit_b.pk,
            "period": "2026T1",
            "number": "8",
            "text": "",
            "comment": "",
        },
    ]
    payload = signing.dumps(rows, salt=SALT, compress=True)
    response = client.post(reverse("followup:upload_confirm"), {"payload": payload}, follow=True)
    assert "Inget sparades. Rad 3" in response.content.decode()
    assert Outcome.objects.count() == 0


@pytest.mark.django_db
def test_a_file_that_is_not_excel_gets_a_clear_message(client, setup):
    client.force_login(setup.user)
    response = _upload(client, b"%PDF-1.7 ...", "rapport.pdf")
    assert response.status_code == 400
    assert "varken en Excelfil (.xlsx) eller en CSV-fil" in response.content.decode()


@pytest.mark.django_db
def test_it_downloads_a_template(client, setup):
    client.force_login(setup.user)
    response = client.get(reverse("followup:upload_template") + "?period=2026T1")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="utfall-2026T1.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    assert [c.value for c in next(sheet.iter_rows())] == [
        "indikator",
        "enhet",
        "period",
        "värde",
        "kommentar",
    ]


def _submit_t1(org, user):
    """Enhet A's T1 report handed in (the assessment the submission needs filled in)."""
    from styra.decisions.services import report_submit
    from styra.followup.context import load_report
    from styra.followup.models import Fulfilment, ReportingPeriod
    from styra.followup.services import assessment_set, report_open

    report = report_open(org_unit=org.unit_a, period=ReportingPeriod.objects.get(code="2026T1"))
    for line in load_report(report).missing_assessments:
        assessment_set(report=report, goal=line.goal, value=Fulfilment.FULFILLED, proposed="")
    return report_submit(report=report, by=user)


@pytest.mark.django_db
def test_rows_into_a_submitted_or_approved_report_are_refused_with_the_reason(client, setup, org):
    """Reproduction: a CSV row wrote into a submitted report that the form refuses."""
    _submit_t1(org, setup.user)
    client.force_login(setup.user)
    data = csv_file(
        "Väntetid;Enhet A;2026T1;7;", "Väntetid;Enhet A;2026T2;6;", "Väntetid;Enhet A;2026VB;5;"
    )
    response = _upload(client, data)
    page = response.content.decode()
    assert "1 rad kan sparas." in page and "2 rader kan inte sparas." in page
    assert (
        "Rapporten för Tertialrapport 1 2026 är inlämnad; utfallet kan inte ändras förrän den "
        "har öppnats igen."
    ) in page
    assert "Rapporten för Tertialrapport 2 2026 är godkänd; utfallet kan inte ändras." in page
    response = client.post(
        reverse("followup:upload_confirm"), {"payload": _payload(response)}, follow=True
    )
    assert list(Outcome.objects.values_list("period", flat=True)) == ["2026VB"]


@pytest.mark.django_db
def test_a_preview_made_before_the_report_was_submitted_stores_nothing(client, setup, org):
    client.force_login(setup.user)
    payload = _payload(_upload(client, csv_file("Väntetid;Enhet A;2026T1;7;")))
    _submit_t1(org, setup.user)
    response = client.post(reverse("followup:upload_confirm"), {"payload": payload}, follow=True)
    assert "Rad 2: Rapporten för Tertialrapport 1 2026 är inlämnad" in response.content.decode()
    assert Outcome.objects.count() == 0
