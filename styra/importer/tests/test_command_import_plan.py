"""styra import-plan FILE [--save [--user NAME] [--create-chain] [--dry-run]] [--unit UNIT]
[--replace]"""

import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from styra.audit.models import AuditEntry
from styra.audit.trail import current_acting, system_actor
from styra.goals.models import Goal, Level
from styra.importer.tests.forged import LEFT_OUT, above_the_unit, add_kf_indicator, forged_plan
from styra.indicators.models import Indicator
from styra.organisation.models import OrgUnit
from styra.plans.interchange import plan_to_dict
from styra.plans.models import Plan
from styra.plans.tests.test_interchange import small_plan


@pytest.fixture
def admin(db):
    """The system administrator the saving tests import as (a superuser holds every right)."""
    return get_user_model().objects.create_superuser(username="admin", password="x")


# Store the plan as the superuser admin, creating the chain the file names.
SAVE_AS_ADMIN = ("--save", "--user", "admin", "--create-chain")


def _run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_plan", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _write(tmp_path, data, name="plan.json"):
    path = tmp_path / name
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_it_prints_the_plan_without_storing_it(tmp_path):
    data = small_plan()
    out, _ = _run(_write(tmp_path, data))
    assert json.loads(out) == data
    assert Plan.objects.count() == 0
    assert OrgUnit.objects.count() == 0


@pytest.mark.django_db
def test_it_saves_the_plan_as_a_draft(tmp_path, admin):
    data = small_plan()
    out, _ = _run(_write(tmp_path, data), *SAVE_AS_ADMIN)
    plan = Plan.objects.get()
    assert f"Sparade planen (id {plan.pk}) som utkast." in out
    assert "Skapade: enhet Testenheten" in out
    assert "Skapade: nämnd Testnämnden" in out
    assert plan_to_dict(plan) == data


@pytest.mark.django_db
def test_it_accepts_a_byte_order_mark(tmp_path, admin):
    path = tmp_path / "bom.json"
    data = small_plan()
    path.write_bytes(json.dumps(data).encode("utf-8-sig"))
    _run(path, *SAVE_AS_ADMIN)
    assert plan_to_dict(Plan.objects.get()) == data


@pytest.mark.django_db
def test_it_saves_into_the_unit_named_by_path(tmp_path, org, admin):
    _run(
        _write(tmp_path, small_plan()),
        *SAVE_AS_ADMIN,
        "--unit",
        "Socialförvaltningen/Enhet B",
    )
    assert Plan.objects.get().unit == org.unit_b


@pytest.mark.django_db
def test_it_refuses_an_unknown_unit_and_stores_nothing(tmp_path, org, admin):
    with pytest.raises(CommandError, match="Ingen enhet heter 'Enhet Q'"):
        _run(
            _write(tmp_path, small_plan()),
            *SAVE_AS_ADMIN,
            "--unit",
            "Enhet Q",
        )
    assert Plan.objects.count() == 0


@pytest.mark.django_db
def test_it_refuses_malformed_json(tmp_path, admin):
    path = _write(tmp_path, '{"format": "styra-plan/1", "unit": ')
    with pytest.raises(CommandError, match="Filen ser ut som JSON men kan inte läsas"):
        _run(path, *SAVE_AS_ADMIN)
    assert Plan.objects.count() == 0


@pytest.mark.django_db
def test_it_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="kan inte läsas"):
        _run(tmp_path / "finns-inte.json")


@pytest.mark.django_db
def test_it_refuses_a_date_that_is_not_a_date(tmp_path, admin):
    data = small_plan()
    board = data["goals"][0]["children"][0]["children"][0]
    board["activities"][0]["start"] = "våren 2026"
    with pytest.raises(CommandError) as exc:
        _run(_write(tmp_path, data), *SAVE_AS_ADMIN)
    message = str(exc.value)
    assert message.startswith("Filen följer inte formatet styra-plan/1.")
    assert "'våren 2026' är inget datum (ÅÅÅÅ-MM-DD)" in message
    assert "goals/0/children/0/children/0/activities/0/start" in message
    assert Plan.objects.count() == 0
    assert Goal.objects.count() == 0


@pytest.mark.django_db
def test_it_refuses_a_unit_goal_under_a_direction_goal(tmp_path, admin):
    data = small_plan()
    unit_goal = data["goals"][0]["children"][0]["children"][0]["children"][0]
    data["goals"][0]["children"].append(unit_goal)
    with pytest.raises(CommandError, match="kan inte ligga under ett mål på nivån KF:s inriktn"):
        _run(_write(tmp_path, data), *SAVE_AS_ADMIN)
    assert Goal.objects.count() == 0
    assert OrgUnit.objects.count() == 0


@pytest.mark.django_db
def test_it_refuses_an_indicator_in_place_of_a_goal(tmp_path, admin):
    data = small_plan()
    data["goals"][0]["children"][0]["children"].append({"name": "Andel", "target": "5 %"})
    with pytest.raises(CommandError, match="Filen följer inte formatet styra-plan/1"):
        _run(_write(tmp_path, data), *SAVE_AS_ADMIN)
    assert Indicator.objects.count() == 0


@pytest.mark.django_db
def test_it_refuses_an_existing_plan_without_replace(tmp_path, admin):
    path = _write(tmp_path, small_plan())
    _run(path, *SAVE_AS_ADMIN)
    goals = Goal.objects.count()
    with pytest.raises(CommandError, match="Använd --replace för att ersätta den"):
        _run(path, *SAVE_AS_ADMIN)
    assert Plan.objects.count() == 1
    assert Goal.objects.count() == goals


@pytest.mark.django_db
def test_it_replaces_an_existing_plan(tmp_path, admin):
    _run(_write(tmp_path, small_plan()), *SAVE_AS_ADMIN)
    data = small_plan()
    data["goals"][0]["children"][0]["children"][0]["children"][0]["title"] = "Ett nytt enhetsmål"
    out, _ = _run(
        _write(tmp_path, data, "ny.json"),
        *SAVE_AS_ADMIN,
        "--replace",
    )
    assert "Varning: Den tidigare planen ersattes." in out
    assert list(Goal.objects.filter(level=Level.UNIT).values_list("title", flat=True)) == [
        "Ett nytt enhetsmål"
    ]


# ---------------------------------------------------------------- writes go through the policy


def _counts() -> tuple[int, int, int]:
    return Plan.objects.count(), Goal.objects.count(), OrgUnit.objects.count()


@pytest.mark.django_db
def test_saving_without_a_user_is_the_operators_write(
    tmp_path, org, django_capture_on_commit_callbacks
):
    """The server operator already holds the database; the audit trail names the system user."""
    with django_capture_on_commit_callbacks(execute=True):
        _run(_write(tmp_path, small_plan()), "--save", "--create-chain")
    assert Plan.objects.count() == 1
    entry = AuditEntry.objects.get(object_type="plans.plan")
    assert (entry.actor_id, entry.actor, entry.path) == (None, system_actor(), "")
    assert entry.actor.startswith("system")


@pytest.mark.django_db
def test_saving_as_a_user_is_audited_as_that_user_through_the_command(
    tmp_path, org, city_admin, django_capture_on_commit_callbacks
):
    """The archive shows who made the change, and that an operator ran it from the console."""
    with django_capture_on_commit_callbacks(execute=True):
        _run(_write(tmp_path, small_plan()), "--save", "--user", "city_admin", "--create-chain")
    plan = Plan.objects.get()
    entry = AuditEntry.objects.get(object_type="plans.plan", object_id=str(plan.pk))
    assert (entry.actor_id, entry.actor) == (city_admin.pk, "city_admin")
    assert entry.path == f"via styra import-plan ({system_actor()})"
    assert not AuditEntry.objects.exclude(actor="city_admin").exists()
    assert current_acting.get() is None


@pytest.mark.django_db
def test_a_refused_import_leaves_no_entry_and_no_acting_user(
    tmp_path, org, editor_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(CommandError):
        _run(_write(tmp_path, small_plan()), "--save", "--user", "editor_a")
    assert not AuditEntry.objects.exists()
    assert current_acting.get() is None


@pytest.mark.django_db
def test_saving_refuses_an_unknown_user(tmp_path, org):
    with pytest.raises(CommandError, match="ingen användare som heter 'spöke'"):
        _run(_write(tmp_path, small_plan()), "--save", "--user", "spöke")
    assert Plan.objects.count() == 0


@pytest.mark.django_db
def test_saving_refuses_an_inactive_user(tmp_path, org, city_admin):
    city_admin.is_active = False
    city_admin.save()
    with pytest.raises(CommandError, match="city_admin är inaktiverad"):
        _run(_write(tmp_path, small_plan()), "--save", "--user", "city_admin")
    assert Plan.objects.count() == 0


@pytest.mark.django_db
def test_saving_refuses_a_reader_and_an_editor_of_another_unit(tmp_path, org, reader, editor_b):
    path = _write(tmp_path, small_plan())
    before = _counts()
    for username in ("reader", "editor_b"):
        with pytest.raises(CommandError, match="får inte ändra planer för Enhet A"):
            _run(path, "--save", "--user", username, "--unit", "Socialförvaltningen/Enhet A")
    assert _counts() == before


@pytest.mark.django_db
def test_an_editor_may_not_create_units_years_or_chain_goals(tmp_path, org, editor_a):
    path = _write(tmp_path, small_plan())
    before = _counts()
    # Into their own unit, but the plan's planning year and goal chain do not exist yet.
    with pytest.raises(CommandError, match="Planeringsåret 2026 finns inte"):
        _run(path, "--save", "--user", "editor_a", "--unit", "Socialförvaltningen/Enhet A")
    # Without --unit the importer would need to create "Testenheten" and its committee.
    with pytest.raises(CommandError, match="Enheten Testenheten finns inte i organisationen"):
        _run(path, "--save", "--user", "editor_a")
    # Nor may they ask for it.
    with pytest.raises(CommandError, match="Bara stadens administratör kan låta en import"):
        _run(path, "--save", "--user", "editor_a", "--create-chain")
    assert _counts() == before


@pytest.mark.django_db
def test_an_editor_may_import_into_their_unit_when_the_chain_exists(
    tmp_path, org, city_admin, editor_a
):
    path = _write(tmp_path, small_plan())
    _run(
        path,
        "--save",
        "--user",
        "city_admin",
        "--create-chain",
        "--unit",
        "Socialförvaltningen/Enhet B",
    )
    units, chain = OrgUnit.objects.count(), Goal.objects.exclude(level=Level.UNIT).count()
    out, _ = _run(path, "--save", "--user", "editor_a", "--unit", "Socialförvaltningen/Enhet A")
    assert "Sparade planen" in out and "Varning" not in out
    assert Plan.objects.get(unit=org.unit_a)
    assert (OrgUnit.objects.count(), Goal.objects.exclude(level=Level.UNIT).count()) == (
        units,
        chain,
    )


@pytest.mark.django_db
def test_a_city_administrator_may_create_the_structure(tmp_path, org, city_admin):
    out, _ = _run(
        _write(tmp_path, small_plan()), "--save", "--user", "city_admin", "--create-chain"
    )
    assert "Skapade: enhet Testenheten" in out
    assert "Skapade: planeringsår 2026" in out
    assert Plan.objects.get().unit.parent.parent == org.city


@pytest.mark.django_db
def test_a_city_administrator_without_create_chain_only_links(tmp_path, org, chain, city_admin):
    before = above_the_unit(org.unit_a)
    out, _ = _run(
        _write(tmp_path, forged_plan()),
        "--save",
        "--user",
        "city_admin",
        "--unit",
        "Socialförvaltningen/Enhet A",
    )
    assert above_the_unit(org.unit_a) == before
    assert "Sparade planen" in out
    assert out.count("Varning: ") == len(LEFT_OUT)


# ---------------------------------------------------------------- nothing above the unit


@pytest.mark.django_db
def test_an_editors_forged_chain_writes_are_left_out(tmp_path, org, chain, editor_a):
    """Found: the command guarded only new units, years and goals, not indicators, KF:s
    årsmål, activities or texts on existing chain goals."""
    add_kf_indicator(chain, org)
    before = above_the_unit(org.unit_a)
    path = _write(tmp_path, forged_plan())
    args = ("--save", "--user", "editor_a", "--unit", "Socialförvaltningen/Enhet A")
    dry, _ = _run(path, *args, "--dry-run")
    assert "Provkörning: ingenting sparades." in dry and not Plan.objects.exists()
    out, _ = _run(path, *args)
    assert above_the_unit(org.unit_a) == before
    warnings = [line for line in out.splitlines() if line.startswith("Varning: ")]
    assert len(warnings) == len(LEFT_OUT)
    for line, start in zip(warnings, LEFT_OUT, strict=True):
        assert line.startswith(f"Varning: {start}"), line
    assert warnings == [line for line in dry.splitlines() if line.startswith("Varning: ")]
    assert Goal.objects.filter(owner=org.unit_a, title="Enhetens eget mål").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("year", [1990, 2099])
def test_an_editor_cannot_create_a_planning_year(tmp_path, org, chain, editor_a, year):
    before = above_the_unit(org.unit_a)
    with pytest.raises(CommandError, match=f"Planeringsåret {year} finns inte"):
        _run(
            _write(tmp_path, forged_plan(year=year)),
            "--save",
            "--user",
            "editor_a",
            "--unit",
            "Socialförvaltningen/Enhet A",
        )
    assert above_the_unit(org.unit_a) == before and not Plan.objects.exists()


@pytest.mark.django_db
def test_a_year_the_import_creates_has_its_periods_and_exports_its_reports(tmp_path, admin):
    """Found: --create-chain made 2031 without periods, and export-report for it failed."""
    from styra.followup.models import ReportingPeriod
    from styra.followup.services import report_open

    _run(_write(tmp_path, small_plan(year=2031)), "--save", "--user", "admin", "--create-chain")
    periods = ReportingPeriod.objects.filter(year__year=2031).order_by("code")
    assert [p.code for p in periods] == ["2031T1", "2031T2", "2031VB"]

    out = StringIO()
    call_command(
        "export_report", "--unit", "Testnämnden", "--year", "2031", "--period", "T1", stdout=out
    )
    assert json.loads(out.getvalue())["period"] == "2031T1"
    report_open(org_unit=OrgUnit.objects.get(name="Testenheten"), period=periods[1])
    out = StringIO()
    call_command(
        "export_report", "--unit", "Testenheten", "--year", "2031", "--period", "T2", stdout=out
    )
    data = json.loads(out.getvalue())
    assert (data["kind"], data["unit"], data["period"]) == ("unit", "Testenheten", "2031T2")


NO_YEAR = "Dnr 2025/0412\n\nTestenheten\n\nInledning\n\nVi ger stöd.\n\nSammanträde 2025-12-16\n"


@pytest.mark.django_db
def test_a_plan_that_names_no_year_is_saved_only_with_the_year_given(tmp_path, admin):
    path = _write(tmp_path, NO_YEAR, name="plan.txt")
    with pytest.raises(CommandError, match="Ange det med --year"):
        _run(path, *SAVE_AS_ADMIN)
    assert not Plan.objects.exists()
    out, err = _run(path, *SAVE_AS_ADMIN, "--year", "2026")
    assert "Planens år står inte i dokumentet" in err
    assert Plan.objects.get().year.year == 2026
