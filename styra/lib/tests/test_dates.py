"""Swedish dates: moving a day by whole years, and finding what dates a text to a year."""

from datetime import date

import pytest

from styra.lib.dates import shift_years, year_mentions


def test_it_moves_a_day_by_whole_years():
    assert shift_years(date(2026, 3, 31), 1) == date(2027, 3, 31)
    assert shift_years(date(2028, 2, 29), 1) == date(2029, 2, 28)
    assert shift_years(None, 1) is None


@pytest.mark.parametrize(
    "text,found",
    [
        ("Senast 31 december 2026 har alla en plan.", ["31 december 2026"]),
        ("Under vt 2026 och ht-26 prövas chatt.", ["vt 2026", "ht-26"]),
        ("Våren 2026, 2026-05-31 och 2026T1.", ["Våren 2026", "2026-05-31", "2026T1"]),
        ("Mars 2026, och igen i mars  2026; år 2026.", ["Mars 2026", "2026"]),
        ("2026:s resultat följs upp.", ["2026"]),
    ],
)
def test_it_finds_what_dates_a_text_to_the_year(text, found):
    assert year_mentions(text, 2026) == found


@pytest.mark.parametrize(
    "text",
    ["Se 2025 och 2027.", "Budgeten är 120263 kr.", "ht-27", "", None],
)
def test_other_years_and_numbers_are_not_mentions(text):
    assert year_mentions(text, 2026) == []
