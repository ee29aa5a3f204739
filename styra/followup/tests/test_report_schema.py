"""Every styra-report/1 dict Styra writes fits followup/report.schema.json: a unit's report
and a committee's, live (a draft) and frozen (submitted, approved), and what is downloaded."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.urls import reverse

from styra.decisions.services import report_approve, report_submit
from styra.followup.interchange import (
    committee_report_data,
    committee_report_dict,
    unit_report_data,
)
from styra.followup.models import Fulfilment, Report
from styra.followup.services import assessment_set, report_open

from .test_report_documents import build_reports

SCHEMA = json.loads((Path(__file__).parents[1] / "report.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def assert_valid(data: dict) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]
    assert not errors, "\n".join(errors[:10])


@pytest.fixture
def built(org, chain, plan_a, plan_b, approver):
    return build_reports(org, chain, plan_a, plan_b, approver)


def test_the_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_it_fits_a_unit_report_live_and_frozen(built, approver):
    assert_valid(unit_report_data(built.report_b))  # a draft: read from the live plan
    assert_valid(unit_report_data(built.annual))
    assert_valid(unit_report_data(built.report))  # submitted: frozen
    report_approve(report=built.report, by=approver)
    built.report.refresh_from_db()
    approved = unit_report_data(built.report)
    assert approved["status"] == "approved"
    assert_valid(approved)
    assert_valid(built.report.content_as_submitted["report"])


def test_it_fits_a_committee_report_live_and_frozen(built, org, chain, approver):
    assert_valid(committee_report_data(org.north, "2026T1"))  # no report of its own
    own = report_open(org_unit=org.north, period=built.report.period)
    assessment_set(report=own, goal=chain.board, value=Fulfilment.PARTLY, proposed="")
    assert_valid(committee_report_dict(org.north, built.report.period))  # its own draft
    report_submit(report=own, by=approver)
    own = Report.objects.get(pk=own.pk)
    assert_valid(own.content_as_submitted["committee"])
    assert_valid(own.content_as_submitted["report"])
    frozen = committee_report_data(org.north, "2026T1")
    assert frozen["status"] == "submitted"
    assert_valid(frozen)


def test_it_fits_the_downloaded_json(client, reader, built, org):
    client.force_login(reader)
    for url in (
        reverse("documents:report", args=[built.report.pk, "json"]),
        reverse("documents:report", args=[built.report_b.pk, "json"]),
        reverse("documents:committee_report", args=[org.north.pk, "2026T1", "json"]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_valid(json.loads(response.content))
