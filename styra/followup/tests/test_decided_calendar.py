"""Decided is decided for the follow-up calendar: a year's status tolerance and a period's
cut-off date are part of what a handed-in report was judged by, so they cannot move under
it; the deadline may move (late units get more time) and the report shows the one it had."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from styra.decisions.services import report_approve, report_reopen, report_submit
from styra.indicators.services import target_set

from ..rollup import rollup_for
from ..services import period_update, year_set_tolerance
from . import test_frozen
from .test_frozen import HTMX, _rollup_summary, reading

setup = test_frozen.setup  # the handed-in T1 report of Enhet A, filled in


def _with_a_partly_reached_outcome(org, s):
    """Väntetid 8 against 9 is partly reached with a tolerance of 20 %, not reached with 0 %."""
    target_set(indicator=s.shared, org_unit=org.unit_a, text="9")


def test_the_tolerance_of_a_year_with_handed_in_reports_cannot_change(
    client, reader, approver, org, chain, plan_a, setup
):
    year_set_tolerance(year=chain.year, tolerance=D(20))
    _with_a_partly_reached_outcome(org, setup)
    report_submit(report=setup.report, by=None)
    report_approve(report=setup.report, by=approver)
    client.force_login(reader)
    before = reading(client, setup.report, org)

    with pytest.raises(ValidationError) as refused:
        year_set_tolerance(year=chain.year, tolerance=D(0))

    assert "inlämnad eller godkänd" in " ".join(refused.value.messages)
    chain.year.refresh_from_db()
    assert chain.year.status_tolerance == D(20)
    assert reading(client, setup.report, org) == before


def test_the_tolerance_moves_again_once_the_reports_are_reopened(approver, org, chain, setup):
    report_submit(report=setup.report, by=None)
    report_reopen(report=setup.report, by=approver, reason="Fel mål")
    year_set_tolerance(year=chain.year, tolerance=D(5))
    chain.year.refresh_from_db()
    assert chain.year.status_tolerance == D(5)


def test_the_tolerance_page_says_why_it_refuses(client, city_admin, org, chain, setup):
    report_submit(report=setup.report, by=None)
    client.force_login(city_admin)
    response = client.post(
        reverse("followup:tolerance_edit", args=[chain.year.pk]),
        {"status_tolerance": "0"},
        **HTMX,
    )
    assert "inlämnad eller godkänd" in response.content.decode()
    chain.year.refresh_from_db()
    assert chain.year.status_tolerance == D(10)


def test_the_cutoff_of_a_period_with_handed_in_reports_cannot_change(org, chain, setup):
    period = setup.report.period
    cutoff = period.cutoff
    report_submit(report=setup.report, by=None)

    with pytest.raises(ValidationError) as refused:
        period_update(period=period, cutoff=date(2026, 3, 31), deadline=period.deadline)

    assert "inlämnad eller godkänd" in " ".join(refused.value.messages)
    period.refresh_from_db()
    assert period.cutoff == cutoff


def test_a_later_deadline_leaves_the_handed_in_reports_page_as_it_was(
    client, reader, approver, org, chain, setup
):
    period = setup.report.period
    report_submit(report=setup.report, by=None)
    report_approve(report=setup.report, by=approver)
    client.force_login(reader)
    before = client.get(reverse("followup:report_block", args=[setup.report.pk, "header"]), **HTMX)
    json_before = client.get(reverse("documents:report", args=[setup.report.pk, "json"])).content

    period_update(period=period, cutoff=period.cutoff, deadline=date(2026, 6, 30))

    after = client.get(reverse("followup:report_block", args=[setup.report.pk, "header"]), **HTMX)
    assert after.content == before.content
    assert "2026-06-30" not in after.content.decode()
    assert client.get(reverse("documents:report", args=[setup.report.pk, "json"])).content == (
        json_before
    )
    # The roll-up is about the period as it is now: its deadline moves.
    assert rollup_for(org.north, period).period.deadline == date(2026, 6, 30)


def test_a_period_with_only_drafts_moves_freely(org, chain, setup):
    period = setup.report.period
    period_update(period=period, cutoff=date(2026, 3, 31), deadline=date(2026, 4, 14))
    period.refresh_from_db()
    assert (period.cutoff, period.deadline) == (date(2026, 3, 31), date(2026, 4, 14))
    assert _rollup_summary(rollup_for(org.north, period))


def test_the_period_page_says_why_it_keeps_the_cutoff(client, city_admin, org, chain, setup):
    period = setup.report.period
    report_submit(report=setup.report, by=None)
    client.force_login(city_admin)
    response = client.post(
        reverse("followup:period_edit", args=[period.pk]),
        {"cutoff": "2026-03-31", "deadline": "2026-06-30"},
        **HTMX,
    )
    assert "Avstämningsdatumet kan inte ändras" in response.content.decode()
    period.refresh_from_db()
    assert (period.cutoff, period.deadline) == (date(2026, 4, 30), date(2026, 5, 14))
