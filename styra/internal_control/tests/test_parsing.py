"""Reading styra-internal-control/1 from outside: bad files are refused with a Swedish
message that says what and where, nothing is written, and the reading is linear."""

import json
import time

import pytest
from django.core.exceptions import ValidationError

from styra.internal_control.interchange import parsing
from styra.internal_control.interchange.parsing import (
    MAX_JSON_DEPTH,
    parse_control_plan_json,
    validate_control_plan_dict,
)
from styra.lib import interchange as lib_interchange
from styra.lib import uploads

from .test_import import _control, _risk, attest_file, plan_file


def _messages(raw) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        parse_control_plan_json(raw)
    return refused.value.messages


def test_a_file_downloaded_from_styra_is_read():
    data = parse_control_plan_json(json.dumps(attest_file()).encode())
    assert data["processes"][0]["risks"][0]["title"] == "Fel attest"


def test_numbers_json_writes_as_floats_are_read_as_integers():
    data = attest_file(year=2026.0)
    data["processes"][0]["risks"][0]["probability"] = 3.0
    read = parse_control_plan_json(json.dumps(data))
    assert (read["year"], read["processes"][0]["risks"][0]["probability"]) == (2026, 3)
    assert isinstance(read["processes"][0]["risks"][0]["probability"], int)


def test_no_json_is_said_so():
    assert _messages(b'{"format": "styra-internal-control/1",')[0].startswith(
        "Filen är inte giltig JSON: "
    )
    assert _messages(b"\xff\xfe")[0].startswith("Filen är inte giltig JSON: ")


def test_another_format_is_refused_with_where():
    messages = _messages(json.dumps(attest_file(format="styra-plan/1")))
    assert messages == [
        "Filen följer inte formatet styra-internal-control/1.",
        "format: ogiltigt värde 'styra-plan/1'.",
    ]


def test_each_error_says_where_it_is():
    data = attest_file()
    risk = data["processes"][0]["risks"][1]
    risk["probability"] = 5
    del risk["title"]
    risk["owner"] = "x"
    data["processes"][0]["risks"][0]["controls"][0]["reported_in"] = ["T3"]
    assert _messages(json.dumps(data)) == [
        "Filen följer inte formatet styra-internal-control/1.",
        "processes/0/risks/0/controls/0/reported_in/0: ogiltigt värde 'T3'.",
        "processes/0/risks/1: uppgift saknas (title).",
        "processes/0/risks/1: okänd uppgift (owner).",
        "processes/0/risks/1/probability: ogiltigt värde 5.",
    ]


def test_a_measures_date_is_checked_as_a_date():
    data = attest_file()
    data["processes"][0]["risks"][0]["controls"][0]["results"] = [
        {
            "period": "2026T1",
            "done": True,
            "result": "deviation",
            "status": "deviation",
            "status_label": "Avvikelser",
            "findings": "x",
            "measures": [
                {
                    "name": "Åtgärd",
                    "responsible": "",
                    "start": "30/6",
                    "end": None,
                    "status": "started",
                    "status_label": "Pågår",
                }
            ],
        }
    ]
    assert _messages(json.dumps(data))[1:] == [
        "processes/0/risks/0/controls/0/results/0/measures/0/start: '30/6' är inget datum "
        "(ÅÅÅÅ-MM-DD)."
    ]


def test_a_file_larger_than_any_plan_is_refused_before_it_is_parsed(monkeypatch):
    monkeypatch.setattr(lib_interchange.json, "loads", lambda raw: pytest.fail("parsed"))
    raw = b'{"unit": "' + b"x" * parsing.MAX_JSON_BYTES + b'"}'
    assert _messages(raw) == [
        "Filen är större än en internkontrollplan kan vara (högst 4 MB JSON)."
    ]


DEEP = (
    "Filen är nästlad djupare än formatet styra-internal-control/1 tillåter "
    f"(högst {MAX_JSON_DEPTH} nivåer)."
)


def test_json_nested_deeper_than_the_format_is_refused():
    assert _messages(b"[" * 100_000 + b"]" * 100_000) == [DEEP]
    data = attest_file()
    data["processes"][0]["description"] = json.loads("[" * 50 + "]" * 50)
    assert _messages(json.dumps(data)) == [DEEP]


def test_the_schema_check_refuses_a_deep_dict_whoever_passes_it():
    nested: list = []
    for _ in range(5_000):
        nested = [nested]
    with pytest.raises(ValidationError) as refused:
        validate_control_plan_dict(attest_file(summary=nested))
    assert refused.value.messages == [DEEP]


def test_every_plan_the_format_allows_is_within_the_depth():
    assert uploads.json_shape(attest_file())[0] + 4 <= MAX_JSON_DEPTH


def test_more_parts_than_any_plan_has_are_refused_before_the_schema_check(monkeypatch):
    monkeypatch.setattr(lib_interchange.jsonschema, "Draft202012Validator", None)
    raw = json.dumps(plan_file([], matrix=[{} for _ in range(parsing.MAX_JSON_OBJECTS + 1)]))
    assert _messages(raw) == [
        "Filen har fler än 20\u00a0000 processer, risker, kontrollmoment och andra delar; "
        "ingen internkontrollplan är så stor."
    ]


def _file_of(n: int) -> bytes:
    risks = [
        _risk(f"Risk {i}", probability=2, consequence=4, selected=True, controls=[_control("K")])
        for i in range(n)
    ]
    return json.dumps(plan_file([{"title": "P", "description": "", "risks": risks}])).encode()


def _best_of(raw: bytes, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        parse_control_plan_json(raw)
        times.append(time.perf_counter() - start)
    return min(times)


def test_reading_is_linear_in_the_files_size():
    small, large = _file_of(500), _file_of(2_000)
    assert len(large) > 3.9 * len(small)
    _best_of(small, 1)  # the schema is read and compiled once
    assert _best_of(large) <= 6 * _best_of(small)
