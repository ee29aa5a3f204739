"""styra export-plan --unit UNIT --year YYYY --format json|pdf|docx [-o FILE]"""

import io
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from styra.importer.services import plan_import
from styra.organisation.models import Kind, OrgUnit
from styra.plans.tests.test_interchange import small_plan


def _run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("export_plan", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def imported(org):
    """The small interchange plan, stored as Enhet A's plan for 2026."""
    data = small_plan(unit="Enhet A")
    plan_import(create_chain=True, data=data, unit=org.unit_a)
    return data


@pytest.mark.django_db
def test_it_writes_json_to_stdout(imported):
    out, _ = _run("--unit", "Enhet A", "--year", 2026, "--format", "json")
    assert json.loads(out) == imported


@pytest.mark.django_db
def test_it_writes_json_by_default(imported):
    out, _ = _run("--unit", "Enhet A", "--year", 2026)
    assert json.loads(out)["unit"] == "Enhet A"


@pytest.mark.django_db
def test_it_writes_json_to_a_file(imported, tmp_path):
    target = tmp_path / "plan.json"
    out, err = _run("--unit", "enhet a", "--year", 2026, "-o", target)
    assert out == ""
    assert f"Skrev {target}" in err
    assert json.loads(target.read_text("utf-8")) == imported


@pytest.mark.django_db
def test_it_writes_a_pdf(imported, tmp_path):
    pytest.importorskip("styra.documents.pdf")
    pypdf = pytest.importorskip("pypdf")
    target = tmp_path / "plan.pdf"
    _run("--unit", "Enhet A", "--year", 2026, "--format", "pdf", "-o", target)
    content = target.read_bytes()
    assert content.startswith(b"%PDF")
    text = " ".join(
        page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(content)).pages
    )
    assert "Alla nya ärenden får en första kontakt inom en vecka" in " ".join(text.split())


@pytest.mark.django_db
def test_it_writes_a_word_file(imported, tmp_path):
    pytest.importorskip("styra.documents.docx")
    docx = pytest.importorskip("docx")
    target = tmp_path / "plan.docx"
    _run("--unit", "Enhet A", "--year", 2026, "--format", "docx", "-o", target)
    content = target.read_bytes()
    assert content.startswith(b"PK")
    document = docx.Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Alla nya ärenden får en första kontakt inom en vecka" in text


@pytest.mark.django_db
def test_it_needs_a_file_for_pdf(imported):
    with pytest.raises(CommandError, match="Ange en fil med -o för formatet pdf"):
        _run("--unit", "Enhet A", "--year", 2026, "--format", "pdf")


@pytest.mark.django_db
def test_it_refuses_an_unknown_unit_and_lists_similar_ones(imported):
    with pytest.raises(CommandError) as exc:
        _run("--unit", "Enhet", "--year", 2026)
    message = str(exc.value)
    assert message.startswith("Ingen enhet heter 'Enhet'.")
    assert "Norra nämnden/Socialförvaltningen/Enhet A" in message
    assert "Södra nämnden/Enhet S" in message


@pytest.mark.django_db
def test_it_refuses_an_ambiguous_unit_and_lists_the_paths(org, imported):
    OrgUnit.objects.create(name="Enhet A", kind=Kind.UNIT, parent=org.south)
    with pytest.raises(CommandError) as exc:
        _run("--unit", "Enhet A", "--year", 2026)
    assert str(exc.value) == (
        "'Enhet A' är tvetydigt. Ange sökvägen till en av: "
        "Norra nämnden/Socialförvaltningen/Enhet A; Södra nämnden/Enhet A"
    )


@pytest.mark.django_db
def test_it_accepts_a_path_where_names_repeat(org, imported):
    OrgUnit.objects.create(name="Enhet A", kind=Kind.UNIT, parent=org.south)
    out, _ = _run("--unit", "Socialförvaltningen/Enhet A", "--year", 2026)
    assert json.loads(out) == imported


@pytest.mark.django_db
def test_it_refuses_a_year_without_a_plan(imported):
    with pytest.raises(CommandError, match="Enhet A har ingen verksamhetsplan för 2025"):
        _run("--unit", "Enhet A", "--year", 2025)


@pytest.mark.django_db
def test_it_refuses_an_unknown_format(imported):
    with pytest.raises(CommandError, match="invalid choice"):
        _run("--unit", "Enhet A", "--year", 2026, "--format", "odt")
