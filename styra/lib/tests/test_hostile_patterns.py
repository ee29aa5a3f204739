"""Patterns read on text from outside run in linear time (issue 9, "Hostile input costs
little"): each case took seconds before, and finds what it found before."""

from __future__ import annotations

import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from styra.importer.legacy import tables
from styra.lib import numbers

# The patterns as they were, to show the linear ones match the same.
_OLD_UNIT = re.compile(
    r"\d(?:[ \u00a0\u202f]?\d)*(?:[.,]\d+)?[ \u00a0\u202f]*(%|[^\W\d_]+\.?)", re.UNICODE
)
_OLD_ACTIVITY = re.compile(
    rf"^(.*?)\s+({tables._DATE_PATTERN})(?:\s+({tables._DATE_PATTERN}))?\s*$"
)


def _cpu(call) -> float:
    started = time.process_time()
    call()
    return time.process_time() - started


def test_a_target_of_a_long_run_of_digits_is_read_in_linear_time():
    # Found: figure_unit searched from every digit of a run; 8 000 digits cost 5 s on
    # every page showing the target (a plan document's target may be as long as a line).
    for text in ("1" * 20_000 + "!", "1 " * 10_000 + "!", "1 000 000,5" * 2_000):
        assert _cpu(lambda text=text: numbers.figure_unit("", text)) < 0.5


def test_an_activity_row_of_a_long_run_of_blanks_is_read_in_linear_time():
    # Found: 8 000 blanks before the end of a row cost 4 s in the activity table's pattern.
    for text in ("x" + " " * 20_000 + "!", "x" + "\t" * 20_000 + "\x00"):
        assert _cpu(lambda text=text: tables._ACTIVITY_RE.match(text)) < 0.5


_TARGET = st.text(alphabet="12 ,.%\u00a0minuterdag-", max_size=30)


@settings(max_examples=400, deadline=None)
@given(_TARGET)
def test_the_unit_pattern_finds_what_it_found_before(text):
    old, new = _OLD_UNIT.search(text), numbers._UNIT_AFTER_NUMBER.search(text)
    assert (old and old.group(1)) == (new and new.group(1))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab \t2026-01.", max_size=30))
def test_the_activity_pattern_finds_what_it_found_before(text):
    old, new = _OLD_ACTIVITY.match(text), tables._ACTIVITY_RE.match(text)
    old_groups = old.groups() if old and old.group(1).strip() else None
    new_groups = new.groups() if new and new.group(1).strip() else None
    assert old_groups == new_groups
