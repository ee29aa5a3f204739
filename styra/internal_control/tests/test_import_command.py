"""styra import-internal-control FILE --unit UNIT --year YYYY [--replace] [--save] [--user]"""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from styra.audit.models import AuditEntry
from styra.internal_control.models import ControlPlan, Risk

from .test_import import attest_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def attest(tmp_path):
    path = tmp_path / "ik.json"
    path.write_text(json.dumps(attest_file(), ensure_ascii=False), encoding="utf-8")
    return path


def _run(*args) -> str:
    out = StringIO()
    call_command("import_internal_control", *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


def test_without_save_it_prints_what_it_would_store_and_stores_nothing(chain, attest):
    out = _run(attest, "--unit", "Norra nämnden", "--year", 2026)
    assert out.splitlines() == [
        "Internkontrollplan 2026 för Norra nämnden (utkast)",
        "Process: Inköp",
        "  Risk: Fel attest (sannolikhet 3, konsekvens 4, riskvärde 12; med i kontrollplanen)",
        "    Kontrollmoment: Stickprov på fakturor (T1, VB)",
        "  Risk: Sen betalning (sannolikhet 1, konsekvens 2, riskvärde 2; inte med)",
        "Provkörning: ingenting sparades. Spara med --save.",
    ]
    assert not ControlPlan.objects.exists()


def test_with_save_it_stores_the_draft_and_replaces_only_when_asked(chain, attest):
    out = _run(attest, "--unit", "Norra nämnden", "--year", 2026, "--save")
    plan = ControlPlan.objects.get()
    assert out.splitlines()[-1] == f"Sparade internkontrollplanen (id {plan.pk}) som utkast."
    with pytest.raises(CommandError) as refused:
        _run(attest, "--unit", "Norra nämnden", "--year", 2026, "--save")
    assert str(refused.value) == (
        "Norra nämnden har redan en internkontrollplan för 2026. Använd --replace för att "
        "ersätta det."
    )
    out = _run(attest, "--unit", "Norra nämnden", "--year", 2026, "--save", "--replace")
    assert "Varning: Den tidigare planen ersätts." in out
    assert Risk.objects.count() == 2


def test_the_warnings_are_printed(chain, tmp_path):
    data = attest_file(unit="Socialnämnden")
    path = tmp_path / "ik.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = _run(path, "--unit", "Norra nämnden", "--year", 2026)
    assert (
        "Varning: Filen gäller Socialnämnden. Planen sparas för Norra nämnden och med det namnet."
        in out.splitlines()
    )


def test_as_a_user_it_writes_through_the_policy(
    chain, attest, editor_a, committee_editor, django_capture_on_commit_callbacks
):
    with pytest.raises(CommandError, match="editor_a får inte importera internkontrollplanen"):
        _run(attest, "--unit", "Enhet A", "--year", 2026, "--save", "--user", "editor_a")
    with pytest.raises(CommandError, match="committee_editor får inte importera"):
        _run(attest, "--unit", "Enhet S", "--year", 2026, "--save", "--user", "committee_editor")
    assert not ControlPlan.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        _run(attest, "--unit", "Enhet A", "--year", 2026, "--save", "--user", "committee_editor")
    plan = ControlPlan.objects.get()
    entry = AuditEntry.objects.get(object_type="internal_control.controlplan")
    assert (entry.object_id, entry.actor) == (str(plan.pk), "committee_editor")
    assert entry.path.startswith("via styra import-internal-control")
    assert not AuditEntry.objects.exclude(actor="committee_editor").exists()


def test_bad_files_are_refused_with_their_message_and_store_nothing(chain, tmp_path):
    cases = {
        "trasig.json": (b"{", "Filen är inte giltig JSON"),
        "fel.json": (json.dumps({"format": "styra-plan/1"}).encode(), "följer inte formatet"),
        "djup.json": (b"[" * 50_000 + b"]" * 50_000, "nästlad djupare"),
        "stor.json": (b" " * (4 * 1024 * 1024 + 1), "större än en internkontrollplan"),
    }
    for name, (content, message) in cases.items():
        (tmp_path / name).write_bytes(content)
        with pytest.raises(CommandError, match=message):
            _run(tmp_path / name, "--unit", "Norra nämnden", "--year", 2026, "--save")
    with pytest.raises(CommandError, match="kan inte läsas"):
        _run(tmp_path / "saknas.json", "--unit", "Norra nämnden", "--year", 2026)
    assert not ControlPlan.objects.exists()


def test_an_unknown_unit_or_year_is_refused(chain, attest):
    with pytest.raises(CommandError, match="Ingen enhet heter 'Enhet Q'"):
        _run(attest, "--unit", "Enhet Q", "--year", 2026)
    with pytest.raises(CommandError, match="Planeringsåret 2031 finns inte"):
        _run(attest, "--unit", "Norra nämnden", "--year", 2031)
