"""Status reads the target's own word everywhere: the report, its page, the roll-up, proposals.

Reproduction: an outcome of 5 minutes against the target "högst 3 minuter" was
shown as "Uppnått" (the indicator was higher-is-better by default), and "öka"
could never be judged.
"""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from styra.conftest import add_indicator
from styra.followup.rollup import rollup_for
from styra.goals.models import Level, PlanningYear, UnitGoalLabel
from styra.goals.services import goal_create
from styra.indicators.services import indicator_create, target_set

from ..context import load_report
from ..models import Fulfilment
from ..services import outcome_record
from .test_context import build_report


@pytest.fixture
def setup(org, chain, plan_a):
    return build_report(org, chain, plan_a)


def _minutes(setup, org, direction):
    indicator = add_indicator(
        setup.goal,
        org.unit_a,
        f"Väntetid i telefon ({direction})",
        target="högst 3 minuter",
        direction=direction,
        periodicity="tertial",
    )
    outcome_record(indicator=indicator, org_unit=org.unit_a, period="2026T1", value="5")
    return indicator


def _lines(report):
    return {line.indicator.pk: line for line in load_report(report).indicators}


def test_an_outcome_above_an_upper_bound_is_not_reached(setup, org):
    minutes = _minutes(setup, org, "lower")
    line = _lines(setup.report)[minutes.pk]
    assert (line.status.label, line.unit) == ("Ej uppnått", "minuter")
    # The proposal for the goal weighs it as not reached.
    goal = next(g for g in load_report(setup.report).goals if g.goal.pk == setup.goal.pk)
    assert goal.proposed == Fulfilment.NOT_FULFILLED


def test_a_target_word_against_the_indicators_direction_is_shown_on_the_page(
    client, editor_a, setup, org
):
    minutes = _minutes(setup, org, "higher")
    line = _lines(setup.report)[minutes.pk]
    assert line.status.label == "Kan inte bedömas"
    assert "”högst”" in line.status.note and "Högre är bättre" in line.status.note
    client.force_login(editor_a)
    html = client.get(reverse("followup:report", args=[setup.report.pk])).content.decode()
    assert "Årsmålet säger ”högst” men indikatorn har riktningen ”Högre är bättre”" in html


def _last_year(org, setup):
    earlier = PlanningYear.objects.create(year=2025, unit_goal_label=UnitGoalLabel.ENHETSMAL)
    area = goal_create(year=earlier, level=Level.DIRECTION, owner=org.city, title="Förr")
    return indicator_create(goal=area, owner=org.city, name=setup.kf.name, periodicity="tertial")


def test_increase_compares_with_the_same_period_last_year(setup, org):
    last = _last_year(org, setup)
    outcome_record(indicator=last, org_unit=org.unit_a, period="2025T1", value="60")
    outcome_record(indicator=last, org_unit=org.unit_a, period="2025VB", value="90")
    outcome_record(indicator=setup.kf, org_unit=org.unit_a, period="2026T1", value="70")
    assert _lines(setup.report)[setup.kf.pk].status.label == "Uppnått"  # 70 > 60 (T1 2025)
    outcome_record(indicator=setup.kf, org_unit=org.unit_a, period="2026T1", value="40")
    assert _lines(setup.report)[setup.kf.pk].status.label == "Ej uppnått"


def test_increase_without_last_years_outcome_cannot_be_judged_and_says_why(setup, org):
    last = _last_year(org, setup)
    outcome_record(indicator=last, org_unit=org.unit_b, period="2025T1", value="60")
    outcome_record(indicator=setup.kf, org_unit=org.unit_a, period="2026T1", value="70")
    line = _lines(setup.report)[setup.kf.pk]
    assert line.status.label == "Kan inte bedömas"
    assert line.status.note == "Föregående års utfall saknas, så förändringen kan inte bedömas."


def test_the_roll_up_reads_the_target_word_and_last_year_per_unit(org, chain, setup, plan_b):
    board = chain.board
    minutes = indicator_create(
        goal=board, owner=org.north, name="Väntetid", direction="lower", periodicity="tertial"
    )
    rising = indicator_create(goal=board, owner=org.north, name="Nöjdhet", periodicity="tertial")
    earlier = PlanningYear.objects.create(year=2025, unit_goal_label=UnitGoalLabel.ENHETSMAL)
    old_board = goal_create(year=earlier, level=Level.DIRECTION, owner=org.city, title="Förr")
    old = indicator_create(goal=old_board, owner=org.north, name="Nöjdhet", periodicity="tertial")
    for unit in (org.unit_a, org.unit_b):
        target_set(indicator=minutes, org_unit=unit, text="högst 3 minuter")
        target_set(indicator=rising, org_unit=unit, text="öka")
    target_set(indicator=rising, org_unit=org.north, text="öka")
    outcome_record(indicator=minutes, org_unit=org.unit_a, period="2026T1", value="5")
    outcome_record(indicator=minutes, org_unit=org.unit_b, period="2026T1", value="2")
    outcome_record(indicator=old, org_unit=org.unit_a, period="2025T1", value="50")
    outcome_record(indicator=rising, org_unit=org.unit_a, period="2026T1", value="55")
    outcome_record(indicator=rising, org_unit=org.unit_b, period="2026T1", value="55")
    rows = {r.indicator.pk: r for r in rollup_for(org.north, setup.periods["T1"]).indicator_rows}
    a, b = rows[minutes.pk].cells
    assert (a.status.label, b.status.label) == ("Ej uppnått", "Uppnått")
    a, b = rows[rising.pk].cells
    assert (a.status.label, b.status.label) == ("Uppnått", "Kan inte bedömas")
    total = rows[rising.pk].total
    assert total.status.label == "Kan inte bedömas" and "varje enhet" in total.status.note


def test_the_indicator_history_measures_increase_from_the_year_before(client, editor_a, setup, org):
    last = _last_year(org, setup)
    outcome_record(indicator=last, org_unit=org.unit_a, period="2025T1", value="60")
    outcome_record(indicator=setup.kf, org_unit=org.unit_a, period="2026T1", value="70")
    from styra.followup.views.indicators import load_history, same_indicator_over_years

    rows, _targets = load_history(same_indicator_over_years(setup.kf), {org.unit_a.pk})
    assert [(r.period.code, r.status.status.label) for r in rows][-1] == ("2026T1", "Uppnått")


def test_a_target_to_be_set_stores_no_number(setup, org):
    target = target_set(indicator=setup.visits, org_unit=org.unit_a, text="fastställs 2012")
    assert target.value is None
    assert target_set(indicator=setup.visits, org_unit=org.unit_a, text="högst 3 %").value == D(3)
