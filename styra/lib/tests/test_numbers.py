"""Swedish number formatting and lenient parsing."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styra.lib.numbers import (
    figure_unit,
    format_figure,
    format_number,
    parse_decimal,
    parse_target_number,
)

NBSP = "\u00a0"


@pytest.mark.parametrize(
    "text, value",
    [
        ("1 234,5", Decimal("1234.5")),
        ("1234,5", Decimal("1234.5")),
        ("1234.5", Decimal("1234.5")),
        (f"1{NBSP}234{NBSP}567", Decimal("1234567")),
        ("1\u202f300", Decimal("1300")),
        ("-12", Decimal("-12")),
        ("−12,25", Decimal("-12.25")),
        ("+7", Decimal("7")),
        ("0", Decimal("0")),
    ],
)
def test_it_parses_numbers_as_people_write_them(text, value):
    assert parse_decimal(text) == value


@pytest.mark.parametrize("text", [None, "", "   "])
def test_it_parses_nothing_as_none(text):
    assert parse_decimal(text) is None


@pytest.mark.parametrize("text", ["12 %", "abc", "1,234.5", "1.2.3", "1,2,3", "--1", "1e5"])
def test_it_refuses_what_is_not_a_number(text):
    with pytest.raises(ValueError, match="not a number"):
        parse_decimal(text)


@pytest.mark.parametrize(
    "text, value",
    [
        ("65 %", Decimal("65")),
        ("minst 1 600 st", Decimal("1600")),
        ("2,5 dagar", Decimal("2.5")),
        ("högst 950 kr", Decimal("950")),
        ("öka", None),
        ("5–10 %", None),
        (None, None),
        ("", None),
    ],
)
def test_it_reads_the_one_number_in_a_target(text, value):
    assert parse_target_number(text) == value


@pytest.mark.parametrize(
    "value, decimals, text",
    [
        (1234567.5, None, f"1{NBSP}234{NBSP}567,5"),
        (Decimal("1300"), None, f"1{NBSP}300"),
        (Decimal("1300.00"), None, f"1{NBSP}300"),
        (Decimal("2.5"), 2, "2,50"),
        (-1234, 0, f"−1{NBSP}234"),
        (0, None, "0"),
        (None, None, ""),
        ("", None, ""),
    ],
)
def test_it_formats_numbers_the_swedish_way(value, decimals, text):
    assert format_number(value, decimals) == text


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False))
def test_it_reads_back_what_it_formats(value):
    assert parse_decimal(format_number(value)) == value


@pytest.mark.parametrize(
    "measure,target,unit",
    [
        ("", "högst 3 minuter", "minuter"),
        ("", "minst 90 %", "%"),
        ("", "90%", "%"),
        ("", "1 200 besök", "besök"),
        ("", "3 av 4 enheter", ""),
        ("", "Öka", ""),
        ("", None, ""),
        ("%", "högst 3 minuter", "%"),
        ("dagar", "", "dagar"),
        ("index", "minst 75", ""),
    ],
)
def test_a_figure_takes_its_unit_from_the_measure_else_the_target(measure, target, unit):
    assert figure_unit(measure, target) == unit


def test_a_figure_is_written_with_its_unit():
    assert format_figure(Decimal("91.2"), "%") == "91,2\xa0%"
    assert format_figure(Decimal(3), "minuter") == "3\xa0minuter"
    assert format_figure(Decimal(1200), "", 0) == "1\xa0200"
    assert format_figure(None, "%") == ""
