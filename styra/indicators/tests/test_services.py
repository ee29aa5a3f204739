"""Writes to indicators and their targets, and how a target's number is read."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from styra.conftest import add_unit_goal
from styra.decisions.services import plan_adopt, plan_submit
from styra.indicators.models import Direction, Indicator, Measure, Periodicity, Target
from styra.indicators.services import (
    guess_measure,
    indicator_create,
    indicator_delete,
    indicator_move,
    indicator_update,
    target_remove,
    target_set,
)

LOCKED = "Planen är fastställd och kan inte ändras."


@pytest.fixture
def unit_goal(org, chain, plan_a):
    return add_unit_goal(chain, org.unit_a, "Mål A")


@pytest.fixture
def indicator(org, unit_goal):
    return indicator_create(
        goal=unit_goal, owner=org.unit_a, name="Andel svar inom en vecka", measure=Measure.PERCENT
    )


def test_it_creates_an_indicator(org, chain):
    indicator = indicator_create(
        goal=chain.area,
        owner=org.city,
        name=" Andel <b>nöjda</b> ",
        measure=Measure.PERCENT,
        direction=Direction.LOWER,
        periodicity=Periodicity.TERTIAL,
        decimals=1,
        code="U33400",
    )
    indicator.refresh_from_db()
    assert indicator.name == "Andel nöjda"
    assert (indicator.direction, indicator.periodicity, indicator.code) == (
        "lower",
        "tertial",
        "U33400",
    )


def test_it_refuses_an_indicator_without_a_name(org, chain):
    with pytest.raises(ValidationError):
        indicator_create(goal=chain.area, owner=org.city, name="<i></i>")
    assert not Indicator.objects.exists()


@pytest.mark.parametrize(
    "fields", [{"decimals": 5}, {"measure": "liter"}, {"periodicity": "vecka"}]
)
def test_it_refuses_invalid_indicator_fields(org, chain, fields):
    with pytest.raises(ValidationError):
        indicator_create(goal=chain.area, owner=org.city, name="Andel", **fields)


def test_it_updates_an_indicator(indicator):
    indicator_update(indicator=indicator, name="Andel <u>svar</u>", periodicity="month")
    indicator.refresh_from_db()
    assert (indicator.name, indicator.periodicity) == ("Andel svar", "month")
    with pytest.raises(TypeError):
        indicator_update(indicator=indicator, goal=None)


def test_it_moves_and_deletes_indicators(org, unit_goal, indicator):
    second = indicator_create(goal=unit_goal, owner=org.unit_a, name="Antal besök")
    indicator_move(indicator=second, offset=-1)
    assert list(Indicator.objects.order_by("position").values_list("name", flat=True)) == [
        "Antal besök",
        "Andel svar inom en vecka",
    ]
    target_set(indicator=second, org_unit=org.unit_a, text="10 st")
    indicator_delete(indicator=second)
    assert list(Indicator.objects.values_list("name", flat=True)) == ["Andel svar inom en vecka"]
    assert not Target.objects.exists()


def test_it_moves_an_indicator_only_among_its_owners(org, chain):
    """As the plan page and the chain page group them: the committee's row never jumps KF's."""
    city = indicator_create(goal=chain.board, owner=org.city, name="KF:s")
    first = indicator_create(goal=chain.board, owner=org.north, name="Nämndens första")
    second = indicator_create(goal=chain.board, owner=org.north, name="Nämndens andra")
    indicator_move(indicator=first, offset=-1)  # first of the committee's: nothing moves
    assert list(Indicator.objects.order_by("position", "pk").values_list("pk", flat=True)) == [
        city.pk,
        first.pk,
        second.pk,
    ]
    indicator_move(indicator=second, offset=-1)
    assert list(Indicator.objects.order_by("position", "pk").values_list("pk", flat=True)) == [
        city.pk,
        second.pk,
        first.pk,
    ]


def test_it_sets_and_replaces_a_target(org, indicator):
    target = target_set(indicator=indicator, org_unit=org.unit_a, text=" 65 % ")
    assert (target.text, target.value) == ("65 %", Decimal(65))
    target_set(indicator=indicator, org_unit=org.unit_a, text="öka")
    target = Target.objects.get()
    assert (target.text, target.value) == ("öka", None)


def test_it_removes_a_target(org, indicator):
    target_set(indicator=indicator, org_unit=org.unit_a, text="65 %")
    target_remove(indicator=indicator, org_unit=org.unit_a)
    assert not Target.objects.exists()


def test_it_keeps_targets_per_node(org, chain):
    kf = indicator_create(goal=chain.area, owner=org.city, name="Andel nöjda")
    target_set(indicator=kf, org_unit=org.city, text="tas fram av nämnden")
    target_set(indicator=kf, org_unit=org.north, text="80 %")
    target_set(indicator=kf, org_unit=org.unit_a, text="85 %")
    assert dict(Target.objects.values_list("org_unit__name", "value")) == {
        "Teststad": None,
        "Norra nämnden": Decimal(80),
        "Enhet A": Decimal(85),
    }
    assert Target.objects.for_units([org.unit_a.pk]).get().text == "85 %"


def test_it_refuses_a_target_longer_than_the_field(org, indicator):
    with pytest.raises(ValidationError, match="högst 200 tecken"):
        target_set(indicator=indicator, org_unit=org.unit_a, text="x" * 201)


def test_it_refuses_indicator_changes_while_the_plan_is_adopted(org, chain, plan_a, indicator):
    target_set(indicator=indicator, org_unit=org.unit_a, text="65 %")
    kf = indicator_create(goal=chain.area, owner=org.city, name="Andel nöjda")
    plan_submit(plan=plan_a, by=None)
    plan_adopt(plan=plan_a, by=None)
    for call in (
        lambda: indicator_create(goal=indicator.goal, owner=org.unit_a, name="Ny"),
        lambda: indicator_update(indicator=indicator, name="Ändrad"),
        lambda: indicator_delete(indicator=indicator),
        lambda: indicator_move(indicator=indicator, offset=1),
        lambda: target_set(indicator=indicator, org_unit=org.unit_a, text="70 %"),
        lambda: target_set(indicator=kf, org_unit=org.unit_a, text="70 %"),
        lambda: target_remove(indicator=indicator, org_unit=org.unit_a),
    ):
        with pytest.raises(ValidationError, match=LOCKED):
            call()
    assert Target.objects.get(org_unit=org.unit_a).text == "65 %"
    # The city's and other units' targets are not part of the adopted plan.
    target_set(indicator=kf, org_unit=org.city, text="80 %")


@pytest.mark.parametrize(
    "text, value",
    [
        ("65 %", Decimal("65")),
        ("65%", Decimal("65")),
        ("1 600 st", Decimal("1600")),
        ("1\u00a0600 st", Decimal("1600")),
        ("2,5 dagar", Decimal("2.5")),
        ("högst 12 st", Decimal("12")),
        ("−3 %", Decimal("-3")),
        ("öka", None),
        ("tas fram av nämnden", None),
        ("mellan 5 och 10 %", None),
        ("", None),
    ],
)
def test_it_reads_the_number_in_a_target(text, value):
    target = Target()
    target.set_text(text)
    assert target.value == value
    assert target.text == text.strip()


@pytest.mark.parametrize(
    "text, measure",
    [
        ("65 %", Measure.PERCENT),
        ("350 st", Measure.COUNT),
        ("14 dagar", Measure.DAYS),
        ("2 400 kr", Measure.KRONOR),
        ("öka", Measure.OTHER),
        ("", Measure.OTHER),
    ],
)
def test_it_guesses_the_measure_from_a_target(text, measure):
    assert guess_measure(text) == measure
