"""JSON that no plan can be is refused with a message, not a 500 (issue 9)."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from styra.importer.reading import read_plan
from styra.importer.tests.test_views_import import PLAN, upload
from styra.lib import interchange as lib_interchange
from styra.lib import uploads
from styra.plans import interchange
from styra.plans.interchange import MAX_JSON_DEPTH, parse_plan_json
from styra.plans.models import Plan

DEEP_LIST = b"[" * 100_000 + b"]" * 100_000


def _nested_goals(depth: int) -> dict:
    goal: dict = {"level": "unit", "title": "Mål"}
    for _ in range(depth):
        goal = {"level": "unit", "title": "Mål", "children": [goal]}
    return {**PLAN, "goals": [goal]}


def _messages(call) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.messages


@pytest.mark.parametrize("reader", [parse_plan_json, lambda raw: read_plan(raw, "plan.json")])
def test_json_nested_deeper_than_the_format_is_a_clear_error(reader):
    # Found: 100,000 nested brackets raised RecursionError out of the upload (a 500).
    message = (
        "Filen är nästlad djupare än formatet styra-plan/1 tillåter "
        f"(högst {MAX_JSON_DEPTH} nivåer)."
    )
    assert _messages(lambda: reader(DEEP_LIST)) == [message]
    # Valid JSON within Python's recursion limit, but deeper than any plan (and than
    # the schema check's recursion would survive).
    assert _messages(lambda: reader(json.dumps(_nested_goals(400)).encode())) == [message]


def test_every_plan_the_format_allows_is_within_the_depth():
    parse_plan_json(json.dumps(PLAN))
    assert uploads.json_shape(PLAN)[0] + 4 <= MAX_JSON_DEPTH


@pytest.mark.parametrize("reader", [parse_plan_json, lambda raw: read_plan(raw, "plan.json")])
def test_json_larger_than_a_plan_can_be_is_refused_before_it_is_parsed(monkeypatch, reader):
    monkeypatch.setattr(lib_interchange.json, "loads", lambda raw: pytest.fail("parsed"))
    raw = b'{"format": "styra-plan/1", "unit": "' + b"x" * interchange.MAX_JSON_BYTES + b'"}'
    assert _messages(lambda: reader(raw)) == [
        "Filen är större än en plan kan vara (högst 10 MB JSON)."
    ]


def test_the_upload_answers_deep_json_with_a_message_not_a_500(client, editor_a, org):
    client.force_login(editor_a)
    response = upload(client, DEEP_LIST)
    assert response.status_code == 400
    assert "nästlad djupare än formatet" in response.content.decode()
    assert not Plan.objects.exists()


@pytest.mark.parametrize("reader", [parse_plan_json, lambda raw: read_plan(raw, "plan.json")])
def test_json_of_more_parts_than_a_plan_has_is_refused_before_the_schema_check(monkeypatch, reader):
    monkeypatch.setattr(lib_interchange.jsonschema, "Draft202012Validator", None)  # never reached
    goals = [{"level": "direction", "title": f"Mål {n}"} for n in range(20_001)]
    raw = json.dumps({**PLAN, "goals": goals}).encode()
    assert _messages(lambda: reader(raw)) == [
        "Filen har fler än 20\u00a0000 mål, indikatorer, aktiviteter och andra delar; "
        "ingen plan är så stor."
    ]


def test_the_schema_check_refuses_a_deep_dict_whoever_passes_it():
    # The service (web confirm, CLI, snapshots read back) checks a dict, not a file: the
    # schema check itself recursed to a RecursionError on a plan nested 3 000 goals deep.
    assert _messages(lambda: interchange.validate_plan_dict(_nested_goals(3_000))) == [
        "Filen är nästlad djupare än formatet styra-plan/1 tillåter "
        f"(högst {MAX_JSON_DEPTH} nivåer)."
    ]


def test_the_upload_form_states_the_limits_each_reader_enforces(client, editor_a, org, settings):
    # Found: the form promised "Högst 20 MB" for every kind, but text stops at 4 MB and
    # JSON at 10 MB; and the refusal named 20 MB whatever STYRA_MAX_UPLOAD_BYTES said.
    from styra.importer.legacy.detect import MAX_TEXT_BYTES

    client.force_login(editor_a)
    page = client.get(reverse("importer:upload")).content.decode()
    assert ("Word och PDF högst 20 MB, JSON högst 10 MB och text högst 4 MB.") in page
    assert MAX_TEXT_BYTES == 4_000_000 and interchange.MAX_JSON_BYTES == 10 * 1024 * 1024
    settings.STYRA_MAX_UPLOAD_BYTES = 2 * 1024 * 1024
    page = client.get(reverse("importer:upload")).content.decode()
    assert "Word och PDF högst 2 MB, JSON högst 2 MB och text högst 2 MB." in page
    response = upload(client, b"x" * (3 * 1024 * 1024), name="plan.txt")
    assert "Filen är större än 2 MB." in response.content.decode()


def test_a_plan_too_large_for_the_confirm_request_is_refused_at_the_preview(client, editor_a, org):
    # Found: a 7 MB JSON (within the 10 MB JSON limit) was previewed, but its signed copy
    # in the preview's form was larger than a request may be (DATA_UPLOAD_MAX_MEMORY_SIZE,
    # 5 MB), so saving after the review answered a bare 400.
    import random

    rng = random.Random(9)
    text = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(7_000_000))
    plan = {**PLAN, "sections": [{"heading": "Inledning", "text": text}]}
    client.force_login(editor_a)
    response = upload(client, json.dumps(plan).encode())
    assert response.status_code == 400
    assert (
        "Planen i filen är för stor för att sparas härifrån. Kontrollera att det är rätt fil, "
        "eller be en administratör läsa in den med kommandot import-plan."
    ) in response.content.decode()
    assert not Plan.objects.exists()
