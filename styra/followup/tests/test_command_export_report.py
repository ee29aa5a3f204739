"""styra export-report --unit UNIT --year YYYY --period T1|T2|VB --format pdf|docx|json [-o FILE]"""

import io
import json
from io import StringIO

import docx
import pypdf
import pytest
from django.core.management import CommandError, call_command

from .test_report_documents import build_reports


def _run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("export_report", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def built(org, chain, plan_a, plan_b, approver):
    return build_reports(org, chain, plan_a, plan_b, approver)


@pytest.mark.django_db
def test_it_writes_json_to_stdout(built):
    out, _ = _run("--unit", "Enhet A", "--year", 2026, "--period", "T1", "--format", "json")
    data = json.loads(out)
    assert (data["kind"], data["unit"], data["period"]) == ("unit", "Enhet A", "2026T1")


@pytest.mark.django_db
def test_it_writes_a_pdf_and_a_word_file(built, tmp_path):
    pdf, word = tmp_path / "r.pdf", tmp_path / "r.docx"
    _, err = _run(
        "--unit", "enhet a", "--year", 2026, "--period", "vb", "--format", "pdf", "-o", pdf
    )
    assert f"Skrev {pdf}" in err
    reader = pypdf.PdfReader(io.BytesIO(pdf.read_bytes()))
    assert "Verksamhetsberättelse 2026" in reader.pages[0].extract_text()
    _run("--unit", "Enhet A", "--year", 2026, "--period", "VB", "--format", "docx", "-o", word)
    text = "\n".join(p.text for p in docx.Document(str(word)).paragraphs)
    assert "Verksamhetsberättelse 2026" in text


@pytest.mark.django_db
def test_a_committee_gets_the_committee_report(built):
    out, _ = _run("--unit", "Norra nämnden", "--year", 2026, "--period", "T1")
    data = json.loads(out)
    assert data["kind"] == "committee"
    assert [u["unit"] for u in data["units"]] == ["Enhet A", "Enhet B"]


@pytest.mark.django_db
def test_it_refuses_an_unknown_unit(built):
    with pytest.raises(CommandError, match="Ingen enhet heter 'Enhet Q'"):
        _run("--unit", "Enhet Q", "--year", 2026, "--period", "T1")


@pytest.mark.django_db
def test_it_refuses_a_unit_without_a_report(built):
    with pytest.raises(CommandError, match="Enhet B har ingen rapport för Tertialrapport 2 2026"):
        _run("--unit", "Enhet B", "--year", 2026, "--period", "T2")


@pytest.mark.django_db
def test_it_refuses_a_period_that_is_not_set_up(built):
    with pytest.raises(CommandError, match="Perioden 2030T1 finns inte"):
        _run("--unit", "Enhet A", "--year", 2030, "--period", "T1")


@pytest.mark.django_db
def test_it_needs_a_file_for_pdf(built):
    with pytest.raises(CommandError, match="Ange en fil med -o"):
        _run("--unit", "Enhet A", "--year", 2026, "--period", "T1", "--format", "pdf")
