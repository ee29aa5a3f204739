"""Status of an outcome against its target: both directions, the tolerance edges, no target."""

from decimal import Decimal as D

import pytest

from styra.indicators.models import Direction
from styra.indicators.status import Status, StatusMark, derive_status
from styra.lib.numbers import parse_target_number


@pytest.mark.parametrize(
    ("outcome", "status"),
    [
        ("95", Status.REACHED),
        ("90", Status.REACHED),  # exactly the target
        ("81", Status.PARTLY),
        ("81.0", Status.PARTLY),  # exactly at the margin (10 % of 90 = 9)
        ("80.99", Status.NOT_REACHED),  # just beyond it
        ("0", Status.NOT_REACHED),
    ],
)
def test_it_derives_higher_is_better(outcome, status):
    assert derive_status(D(outcome), D("90"), Direction.HIGHER, 10) == status


@pytest.mark.parametrize(
    ("outcome", "status"),
    [
        ("3", Status.REACHED),
        ("5", Status.REACHED),  # exactly the target
        ("5.5", Status.PARTLY),  # exactly at the margin (10 % of 5)
        ("5.51", Status.NOT_REACHED),
        ("12", Status.NOT_REACHED),
    ],
)
def test_it_derives_lower_is_better(outcome, status):
    assert derive_status(D(outcome), D("5"), Direction.LOWER, 10) == status


def test_it_uses_the_tolerance_the_city_sets():
    assert derive_status(D("70"), D("90"), Direction.HIGHER, 25) == Status.PARTLY
    assert derive_status(D("70"), D("90"), Direction.HIGHER, D("20")) == Status.NOT_REACHED
    assert derive_status(D("89.99"), D("90"), Direction.HIGHER, 0) == Status.NOT_REACHED


def test_it_judges_a_zero_target_without_a_margin():
    assert derive_status(D("0"), D("0"), Direction.LOWER) == Status.REACHED
    assert derive_status(D("1"), D("0"), Direction.LOWER) == Status.NOT_REACHED
    assert derive_status(D("0"), D("0"), Direction.HIGHER) == Status.REACHED
    assert derive_status(D("-1"), D("0"), Direction.HIGHER) == Status.NOT_REACHED


def test_it_measures_the_margin_of_a_negative_target_by_its_size():
    assert derive_status(D("-11"), D("-10"), Direction.HIGHER, 10) == Status.PARTLY
    assert derive_status(D("-9"), D("-10"), Direction.LOWER, 10) == Status.PARTLY


@pytest.mark.parametrize("target", ["öka", "tas fram av nämnden", "minst 5 av 7", ""])
def test_it_cannot_judge_a_target_written_as_text(target):
    number = parse_target_number(target)
    assert number is None
    assert derive_status(D("80"), number, Direction.HIGHER) == Status.UNKNOWN


def test_it_cannot_judge_a_missing_outcome():
    assert derive_status(None, D("90"), Direction.HIGHER) == Status.UNKNOWN


def test_it_reads_the_number_in_a_target_as_written():
    assert parse_target_number("90 %") == D("90")
    assert parse_target_number("1 600 st") == D("1600")


@pytest.mark.parametrize(
    ("status", "symbol", "label"),
    [
        (Status.REACHED, "✓", "Uppnått"),
        (Status.PARTLY, "◐", "Delvis uppnått"),
        (Status.NOT_REACHED, "✗", "Ej uppnått"),
        (Status.UNKNOWN, "–", "Kan inte bedömas"),
    ],
)
def test_it_marks_a_status_with_symbol_text_and_colour_class(status, symbol, label):
    mark = StatusMark(status)
    assert (mark.symbol, mark.label, str(mark)) == (symbol, label, f"{symbol} {label}")
    assert mark.css == f"status status--{status.value}"
