"""The formula neutraliser: text a spreadsheet would run gets a leading quote."""

import pytest

from styra.lib.spreadsheets import neutralise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+46 8 508 000 00", "'+46 8 508 000 00"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Enhet A", "Enhet A"),
        ("1 = 1", "1 = 1"),
        ("", ""),
    ],
)
def test_it_neutralises_text_that_starts_like_a_formula(text, expected):
    assert neutralise(text) == expected
