"""styra import-plan FILE [--save] [--unit UNIT] [--replace]"""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from styra.goals.models import Goal, Level, Plan
from styra.indicators.models import Indicator
from styra.organisation.models import OrgUnit
from styra.plans.interchange import plan_to_dict
from styra.plans.tests.test_interchange import small_plan


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
def test_it_saves_the_plan_as_a_draft(tmp_path):
    data = small_plan()
    out, _ = _run(_write(tmp_path, data), "--save")
    plan = Plan.objects.get()
    assert f"Sparade planen (id {plan.pk}) som utkast." in out
    assert "Skapade: enhet Testenheten" in out
    assert "Skapade: nämnd Testnämnden" in out
    assert plan_to_dict(plan) == data


@pytest.mark.django_db
def test_it_accepts_a_byte_order_mark(tmp_path):
    path = tmp_path / "bom.json"
    data = small_plan()
    path.write_bytes(json.dumps(data).encode("utf-8-sig"))
    _run(path, "--save")
    assert plan_to_dict(Plan.objects.get()) == data


@pytest.mark.django_db
def test_it_saves_into_the_unit_named_by_path(tmp_path, org):
    _run(_write(tmp_path, small_plan()), "--save", "--unit", "Socialförvaltningen/Enhet B")
    assert Plan.objects.get().unit == org.unit_b


@pytest.mark.django_db
def test_it_refuses_an_unknown_unit_and_stores_nothing(tmp_path, org):
    with pytest.raises(CommandError, match="Ingen enhet heter 'Enhet Q'"):
        _run(_write(tmp_path, small_plan()), "--save", "--unit", "Enhet Q")
    assert Plan.objects.count() == 0


@pytest.mark.django_db
def test_it_refuses_malformed_json(tmp_path):
    path = _write(tmp_path, '{"format": "styra-plan/1", "unit": ')
    with pytest.raises(CommandError, match="Filen ser ut som JSON men kan inte läsas"):
        _run(path, "--save")
    assert Plan.objects.count() == 0


@pytest.mark.django_db
def test_it_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="kan inte läsas"):
        _run(tmp_path / "finns-inte.json")


@pytest.mark.django_db
def test_it_refuses_a_date_that_is_not_a_date(tmp_path):
    data = small_plan()
    board = data["goals"][0]["children"][0]["children"][0]
    board["activities"][0]["start"] = "våren 2026"
    with pytest.raises(CommandError) as exc:
        _run(_write(tmp_path, data), "--save")
    message = str(exc.value)
    assert message.startswith("Filen följer inte formatet styra-plan/1.")
    assert "'våren 2026' är inget datum (ÅÅÅÅ-MM-DD)" in message
    assert "goals/0/children/0/children/0/activities/0/start" in message
    assert Plan.objects.count() == 0
    assert Goal.objects.count() == 0


@pytest.mark.django_db
def test_it_refuses_a_unit_goal_under_a_direction_goal(tmp_path):
    data = small_plan()
    unit_goal = data["goals"][0]["children"][0]["children"][0]["children"][0]
    data["goals"][0]["children"].append(unit_goal)
    with pytest.raises(CommandError, match="kan inte ligga under ett mål på nivån direction"):
        _run(_write(tmp_path, data), "--save")
    assert Goal.objects.count() == 0
    assert OrgUnit.objects.count() == 0


@pytest.mark.django_db
def test_it_refuses_an_indicator_in_place_of_a_goal(tmp_path):
    data = small_plan()
    data["goals"][0]["children"][0]["children"].append({"name": "Andel", "target": "5 %"})
    with pytest.raises(CommandError, match="Filen följer inte formatet styra-plan/1"):
        _run(_write(tmp_path, data), "--save")
    assert Indicator.objects.count() == 0


@pytest.mark.django_db
def test_it_refuses_an_existing_plan_without_replace(tmp_path):
    path = _write(tmp_path, small_plan())
    _run(path, "--save")
    goals = Goal.objects.count()
    with pytest.raises(CommandError, match="Använd --replace för att ersätta den"):
        _run(path, "--save")
    assert Plan.objects.count() == 1
    assert Goal.objects.count() == goals


@pytest.mark.django_db
def test_it_replaces_an_existing_plan(tmp_path):
    _run(_write(tmp_path, small_plan()), "--save")
    data = small_plan()
    data["goals"][0]["children"][0]["children"][0]["children"][0]["title"] = "Ett nytt enhetsmål"
    out, _ = _run(_write(tmp_path, data, "ny.json"), "--save", "--replace")
    assert "Varning: den tidigare planen ersattes" in out
    assert list(Goal.objects.filter(level=Level.UNIT).values_list("title", flat=True)) == [
        "Ett nytt enhetsmål"
    ]
