"""cycle.services: year_open copies KF's chain and the chosen committees' goals as a draft;
year_release opens it for the units."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from styra.cycle.services import year_open, year_release
from styra.followup.models import ReportingPeriod
from styra.goals.models import Activity, Goal, Level, PlanningYear, UnitGoalLabel, YearState
from styra.indicators.models import Indicator, Target


def _counts() -> tuple[int, int, int, int, int]:
    return (
        PlanningYear.objects.count(),
        Goal.objects.count(),
        Indicator.objects.count(),
        Target.objects.count(),
        ReportingPeriod.objects.count(),
    )


def test_it_copies_kfs_chain_and_the_chosen_committees_goals(org, full_year, city_admin):
    chain = full_year.chain
    chain.year.unit_goal_label = UnitGoalLabel.ATAGANDE
    chain.year.save()
    opened = year_open(year=2027, from_year=2026, committees=[org.north], by=city_admin)

    year = opened.year
    assert (year.year, year.state, year.unit_goal_label) == (
        2027,
        YearState.DRAFT,
        UnitGoalLabel.ATAGANDE,
    )
    goals = {g.copied_from_id: g for g in Goal.objects.filter(year=year)}
    # KF's two goals and Norra's board goal; not Södra's, and no unit's goal.
    assert set(goals) == {chain.direction.pk, chain.area.pk, chain.board.pk}
    board = goals[chain.board.pk]
    assert (board.title, board.owner, board.parent) == (
        chain.board.title,
        org.north,
        goals[chain.area.pk],
    )
    assert goals[chain.area.pk].parent == goals[chain.direction.pk]
    assert goals[chain.direction.pk].number == "1"

    kf = Indicator.objects.get(goal__year=year, copied_from=full_year.kf)
    assert (kf.goal, kf.owner, kf.measure) == (goals[chain.area.pk], org.city, "%")
    # KF's and Norra's targets; not Södra's, nor the unit's (the unit copies its own plan).
    assert dict(Target.objects.filter(indicator=kf).values_list("org_unit__name", "text")) == {
        "Teststad": "80 %",
        "Norra nämnden": "82 %",
    }
    waits = Indicator.objects.get(goal__year=year, copied_from=full_year.board_indicator)
    assert list(waits.targets.values_list("text", "to_review")) == [("högst 14 dagar", False)]
    dialogue = Activity.objects.get(goal=goals[chain.area.pk])
    assert (dialogue.start, dialogue.end) == (date(2027, 3, 1), date(2027, 11, 30))
    assert Activity.objects.filter(goal=board, name="Ny mottagning").exists()
    assert (opened.goals, opened.indicators, opened.targets, opened.activities) == (3, 2, 3, 2)
    assert "2027 är skapat som utkast från 2026: 3 mål, 2 indikatorer" in opened.summary()


def test_the_new_year_has_the_citys_periods_with_last_years_deadlines(org, full_year, city_admin):
    year = year_open(year=2027, from_year=2026, by=city_admin).year
    periods = {p.code: (p.cutoff, p.deadline) for p in year.periods.all()}
    assert periods == {
        "2027T1": (date(2027, 4, 30), date(2027, 5, 20)),  # the city's own T1 deadline
        "2027T2": (date(2027, 8, 31), date(2027, 9, 14)),
        "2027VB": (date(2027, 12, 31), date(2028, 1, 14)),
    }


def test_without_committees_only_kfs_chain_is_copied(org, full_year, city_admin):
    year = year_open(year=2027, from_year=2026, by=city_admin).year
    assert set(Goal.objects.filter(year=year).values_list("level", flat=True)) == {
        Level.DIRECTION,
        Level.AREA,
    }
    assert list(Target.objects.filter(indicator__goal__year=year).values_list("text")) == [
        ("80 %",)
    ]


def test_the_operator_may_open_a_year(org, full_year):
    assert year_open(year=2027, from_year=2026, committees=[org.south], by=None).year.is_draft


@pytest.mark.parametrize(
    "year,from_year,message",
    [
        (2026, 2025, "Planeringsåret 2026 finns redan."),
        (2027, 2025, "Planeringsåret 2025 finns inte."),
        (2025, 2026, "Det nya året måste komma efter 2026."),
    ],
)
def test_it_refuses_a_missing_source_or_an_earlier_year(org, full_year, year, from_year, message):
    before = _counts()
    with pytest.raises(ValidationError, match=message):
        year_open(year=year, from_year=from_year, by=None)
    assert _counts() == before


def test_it_refuses_a_year_that_exists(org, full_year, city_admin):
    year_open(year=2027, from_year=2026, by=city_admin)
    before = _counts()
    with pytest.raises(ValidationError, match="Planeringsåret 2027 finns redan."):
        year_open(year=2027, from_year=2026, by=city_admin)
    assert _counts() == before


def test_it_refuses_a_node_that_is_no_committee(org, full_year, city_admin):
    before = _counts()
    with pytest.raises(ValidationError, match="Enhet A är ingen nämnd under Teststad."):
        year_open(year=2027, from_year=2026, committees=[org.unit_a], by=city_admin)
    assert _counts() == before


@pytest.mark.parametrize(
    "persona", ["committee_admin", "committee_editor", "editor_a", "approver", "outsider"]
)
def test_it_refuses_everyone_but_the_city_administrator(request, org, full_year, persona):
    before = _counts()
    with pytest.raises(PermissionDenied):
        year_open(year=2027, from_year=2026, by=request.getfixturevalue(persona))
    assert _counts() == before


def test_it_opens_a_draft_year_for_the_units(org, full_year, city_admin, committee_admin):
    year = year_open(year=2027, from_year=2026, by=city_admin).year
    with pytest.raises(PermissionDenied):
        year_release(year=year, by=committee_admin)
    assert PlanningYear.objects.get(pk=year.pk).is_draft
    assert year_release(year=year, by=city_admin).state == YearState.OPEN
    with pytest.raises(ValidationError, match="Planeringsåret 2027 är redan öppet"):
        year_release(year=year, by=city_admin)
