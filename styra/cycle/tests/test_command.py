"""styra year-open YEAR --from YEAR [--committee NAME]... [--all-committees] [--user NAME]"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from styra.goals.models import Goal, PlanningYear


def _run(*args) -> str:
    out = StringIO()
    call_command("year_open", *map(str, args), stdout=out)
    return out.getvalue()


def test_it_opens_the_year_with_the_named_committees(org, full_year):
    out = _run(2027, "--from", 2026, "--committee", "Norra nämnden", "--committee", "Södra nämnden")
    assert "2027 är skapat som utkast från 2026: 4 mål" in out
    assert "Nämnder vars mål kopierades: Norra nämnden, Södra nämnden." in out
    year = PlanningYear.objects.get(year=2027)
    assert year.is_draft
    assert Goal.objects.filter(year=year, owner=org.south).count() == 1


def test_it_opens_the_year_with_every_committee(org, full_year):
    out = _run(2027, "--from", 2026, "--all-committees")
    assert "Nämnder vars mål kopierades: Norra nämnden, Södra nämnden." in out


def test_it_records_the_year_as_the_named_administrators(
    org, full_year, city_admin, django_capture_on_commit_callbacks
):
    from styra.audit.models import AuditEntry

    with django_capture_on_commit_callbacks(execute=True):
        _run(2027, "--from", 2026, "--user", "city_admin")
    year = PlanningYear.objects.get(year=2027)
    entry = AuditEntry.objects.get(object_type="goals.planningyear", object_id=str(year.pk))
    assert (entry.actor_id, entry.actor) == (city_admin.pk, "city_admin")
    assert entry.path.startswith("via styra year-open")
    # Every copy is audited too, as the administrator's.
    assert AuditEntry.objects.filter(object_type="goals.goal").count() == 2  # KF's two
    assert not AuditEntry.objects.exclude(actor="city_admin").exists()


@pytest.mark.parametrize(
    "args,message",
    [
        ((2025, "--from", 2026), "Det nya året måste komma efter 2026."),
        ((2027, "--from", 2025), "Planeringsåret 2025 finns inte."),
        ((2027, "--from", 2026, "--committee", "Enhet A"), "Enhet A är ingen nämnd."),
        ((2027, "--from", 2026, "--committee", "Ingen sådan"), "Ingen sådan"),
        (
            (2027, "--from", 2026, "--committee", "Norra nämnden", "--all-committees"),
            "inte båda",
        ),
        ((2027, "--from", 2026, "--user", "editor_a"), "Bara stadens administratör"),
        ((2027, "--from", 2026, "--user", "nobody"), "ingen användare som heter 'nobody'"),
    ],
)
def test_it_refuses_with_a_message_and_creates_nothing(org, full_year, editor_a, args, message):
    with pytest.raises(CommandError, match=message):
        _run(*args)
    assert not PlanningYear.objects.filter(year=2027).exists()


def test_it_refuses_a_year_that_exists(org, full_year):
    _run(2027, "--from", 2026)
    with pytest.raises(CommandError, match="Planeringsåret 2027 finns redan."):
        _run(2027, "--from", 2026)
