"""Targets as written read into comparator, value and unit, and the status they give."""

import time
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styra.indicators.models import Direction
from styra.indicators.status import Status, target_status
from styra.indicators.targets import Comparator, parse_target
from styra.lib.numbers import format_number

AT_LEAST, AT_MOST, PLAIN = Comparator.AT_LEAST, Comparator.AT_MOST, Comparator.PLAIN
INCREASE, DECREASE, NONE = Comparator.INCREASE, Comparator.DECREASE, Comparator.NONE

# Target shapes from the seed plans (their golden structures) and from plans of other units.
CORPUS = [
    # (text, comparator, value, unit, strict)
    ("80 %", PLAIN, "80", "%", False),
    ("69%", PLAIN, "69", "%", False),
    ("0,13 %", PLAIN, "0.13", "%", False),
    ("4,5 %", PLAIN, "4.5", "%", False),
    ("9 000 st", PLAIN, "9000", "st", False),
    ("1600 st", PLAIN, "1600", "st", False),
    ("65 kwh/kvm", PLAIN, "65", "kwh/kvm", False),
    ("76 kWh", PLAIN, "76", "kwh", False),
    ("24", PLAIN, "24", "", False),
    ("0", PLAIN, "0", "", False),
    ("högst 3 minuter", AT_MOST, "3", "minuter", False),
    ("Högst 14 dagar", AT_MOST, "14", "dagar", False),
    ("max 5", AT_MOST, "5", "", False),
    ("max. 5 st", AT_MOST, "5", "st", False),
    ("maximalt 2 veckor", AT_MOST, "2", "veckor", False),
    ("≤ 3", AT_MOST, "3", "", False),
    ("<= 3", AT_MOST, "3", "", False),
    ("inte mer än 4 dagar", AT_MOST, "4", "dagar", False),
    ("5 eller färre", AT_MOST, "5", "", False),
    ("under 2 %", AT_MOST, "2", "%", True),
    ("<5 %", AT_MOST, "5", "%", True),
    ("lägre än 6 %", AT_MOST, "6", "%", True),
    ("mindre än 10", AT_MOST, "10", "", True),
    ("minst 90 %", AT_LEAST, "90", "%", False),
    ("Minst 90%", AT_LEAST, "90", "%", False),
    ("lägst 65 %", AT_LEAST, "65", "%", False),
    ("≥ 75", AT_LEAST, "75", "", False),
    (">=75 %", AT_LEAST, "75", "%", False),
    ("inte under 80 %", AT_LEAST, "80", "%", False),
    ("inte mindre än 5", AT_LEAST, "5", "", False),
    ("5 eller fler", AT_LEAST, "5", "", False),
    ("över 80 %", AT_LEAST, "80", "%", True),
    ("mer än 100 st", AT_LEAST, "100", "st", True),
    ("högre än 80 %", AT_LEAST, "80", "%", True),
    ("> 3", AT_LEAST, "3", "", True),
    ("öka till 90 %", AT_LEAST, "90", "%", False),
    ("minska till 3", AT_MOST, "3", "", False),
    ("−2,5", PLAIN, "-2.5", "", False),
]

WORDS_ONLY = [
    "tas fram av nämnden",
    "tas fram av nämnd",
    "tas fram av nämnderna",
    "fastställs 2012",
    "Fastställs under 2014",
    "3 av 4",
    "80–90 %",
    "",
    "   ",
    "Ej aktuellt",
]


@pytest.mark.parametrize(("text", "comparator", "value", "unit", "strict"), CORPUS)
def test_it_reads_the_corpus_of_real_target_shapes(text, comparator, value, unit, strict):
    spec = parse_target(text)
    assert (spec.comparator, spec.value, spec.unit, spec.strict) == (
        comparator,
        D(value),
        unit,
        strict,
    )


@pytest.mark.parametrize("text", WORDS_ONLY)
def test_words_only_and_several_numbers_give_nothing_to_compare_with(text):
    spec = parse_target(text)
    assert (spec.comparator, spec.value) == (NONE, None)


@pytest.mark.parametrize(
    ("text", "comparator", "year"),
    [
        ("öka", INCREASE, None),
        ("Öka", INCREASE, None),
        ("ska öka", INCREASE, None),
        ("ökning", INCREASE, None),
        ("minska", DECREASE, None),
        ("Minskat antal sjukskrivningar", DECREASE, None),
        ("högre än föregående år", INCREASE, None),
        ("lägre än fjolåret", DECREASE, None),
        ("högre än 2018", INCREASE, 2018),
        ("lägre än 2019", DECREASE, 2019),
    ],
)
def test_change_targets_are_relative_to_a_year(text, comparator, year):
    spec = parse_target(text)
    assert (spec.comparator, spec.reference_year, spec.value) == (comparator, year, None)
    assert spec.relative
    assert spec.compared_year(2026) == (year or 2025)


def test_a_year_with_a_unit_is_a_bound_not_a_year():
    assert parse_target("högre än 2018 st").comparator == AT_LEAST
    assert parse_target("högre än 2018 st").value == D(2018)


BOUND_WORDS = {
    "högst": (AT_MOST, False),
    "max": (AT_MOST, False),
    "≤": (AT_MOST, False),
    "under": (AT_MOST, True),
    "<": (AT_MOST, True),
    "minst": (AT_LEAST, False),
    "lägst": (AT_LEAST, False),
    "≥": (AT_LEAST, False),
    "över": (AT_LEAST, True),
    ">": (AT_LEAST, True),
    "": (PLAIN, False),
}
values = st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False)
units = st.sampled_from(["", "%", "st", "minuter", "dagar", "kr", "tkr"])


@given(st.sampled_from(sorted(BOUND_WORDS)), values, units, st.sampled_from(["", " ", "\u00a0"]))
def test_any_bound_word_number_and_unit_read_back(word, value, unit, space):
    text = f"{word}{space}{format_number(value)}{' ' + unit if unit else ''}"
    spec = parse_target(text)
    comparator, strict = BOUND_WORDS[word]
    assert (spec.comparator, spec.strict, spec.value, spec.unit) == (
        comparator,
        strict,
        value,
        unit,
    )


@given(st.text(max_size=300))
def test_any_text_parses_without_error_to_at_most_one_number(text):
    spec = parse_target(text)
    assert spec.comparator in {AT_LEAST, AT_MOST, PLAIN, INCREASE, DECREASE, NONE}
    assert (spec.value is None) == (spec.comparator in {INCREASE, DECREASE, NONE})


def test_it_reads_a_bounded_prefix_so_long_input_costs_nothing():
    started = time.process_time()
    for text in ("högst " + "9" * 1_000_000, "öka " * 250_000, "< " * 500_000):
        parse_target(text)
    assert time.process_time() - started < 1


@given(values, values)
def test_an_upper_bound_is_reached_exactly_when_the_outcome_is_at_most_it(bound, outcome):
    text = f"högst {format_number(bound)} minuter"
    status = target_status(outcome, text, Direction.LOWER, 10).status
    assert (status == Status.REACHED) == (outcome <= bound)


@given(values, values)
def test_a_strict_lower_bound_needs_more_than_the_bound(bound, outcome):
    status = target_status(outcome, f"över {format_number(bound)}", Direction.HIGHER, 0).status
    assert (status == Status.REACHED) == (outcome > bound)


def test_the_target_word_decides_against_the_reproduction():
    # 5 minutes against "högst 3 minuter" was shown as reached (5 ≥ 3, higher is better).
    assert target_status(D(5), "högst 3 minuter", Direction.LOWER).status == Status.NOT_REACHED
    assert target_status(D("3.2"), "högst 3 minuter", Direction.LOWER).status == Status.PARTLY
    assert target_status(D(3), "högst 3 minuter", Direction.LOWER).status == Status.REACHED
    assert target_status(D(2), "under 2 %", Direction.LOWER).status == Status.PARTLY
    assert target_status(D("1.9"), "<2 %", Direction.LOWER).status == Status.REACHED


def test_a_word_against_the_indicators_direction_is_shown_not_judged():
    mark = target_status(D(5), "högst 3 minuter", Direction.HIGHER)
    assert mark.status == Status.UNKNOWN
    assert "högst" in mark.note and "Högre är bättre" in mark.note
    mark = target_status(D(95), "minst 90 %", Direction.LOWER)
    assert mark.status == Status.UNKNOWN and "minst" in mark.note
    assert target_status(D(1), "minska", Direction.HIGHER, previous=D(2)).status == Status.UNKNOWN


def test_a_bare_number_goes_by_the_indicators_direction():
    assert target_status(D(5), "3", Direction.HIGHER).status == Status.REACHED
    assert target_status(D(5), "3", Direction.LOWER).status == Status.NOT_REACHED


def test_change_targets_compare_with_the_previous_outcome():
    assert target_status(D(71), "öka", Direction.HIGHER, previous=D(70)).status == Status.REACHED
    assert target_status(D(70), "öka", Direction.HIGHER, previous=D(70)).status == Status.PARTLY
    assert target_status(D(50), "öka", Direction.HIGHER, previous=D(70)).status == (
        Status.NOT_REACHED
    )
    assert target_status(D(4), "minska", Direction.LOWER, previous=D(5)).status == Status.REACHED
    mark = target_status(D(71), "öka", Direction.HIGHER)
    assert mark.status == Status.UNKNOWN and "Föregående års utfall saknas" in mark.note
    mark = target_status(D(71), "högre än 2018", Direction.HIGHER)
    assert mark.status == Status.UNKNOWN and "2018" in mark.note


def test_words_only_cannot_be_judged_even_with_a_year_in_them():
    # "fastställs 2012" was read as the target 2012.
    assert target_status(D(58), "fastställs 2012", Direction.HIGHER).status == Status.UNKNOWN
    assert target_status(D(58), "tas fram av nämnden", Direction.HIGHER).note == ""


@pytest.mark.django_db
def test_the_migration_rereads_stored_target_numbers(org, chain):
    from importlib import import_module

    from django.apps import apps

    from styra.indicators.models import Target
    from styra.indicators.services import indicator_create

    indicator = indicator_create(goal=chain.area, owner=org.city, name="Andel")
    old = Target.objects.create(indicator=indicator, org_unit=org.city, text="fastställs 2012")
    Target.objects.filter(pk=old.pk).update(value=D(2012))  # as the old parser stored it
    kept = Target.objects.create(indicator=indicator, org_unit=org.unit_a, text="högst 3 %")
    Target.objects.filter(pk=kept.pk).update(value=D(3))
    import_module("styra.indicators.migrations.0005_target_values_from_their_words").reread(
        apps, None
    )
    assert Target.objects.get(pk=old.pk).value is None
    assert Target.objects.get(pk=kept.pk).value == D(3)
