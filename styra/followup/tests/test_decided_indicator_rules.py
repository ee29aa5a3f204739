"""Decided is decided for an indicator's rules: the roll-ups judge and sum a handed-in
report's frozen outcomes by the indicator's direction, periodicity and summing, so these
cannot change while a submitted or approved report holds an outcome of it; its name and
labels may (the handed-in reports keep the ones they had)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from styra.decisions.services import report_approve, report_reopen, report_submit
from styra.indicators.models import Aggregation
from styra.indicators.services import indicator_update, target_set

from . import test_frozen
from .test_frozen import HTMX, reading

setup = test_frozen.setup  # the T1 report of Enhet A with Norra nämnden's shared "Väntetid"


@pytest.mark.parametrize(
    "change",
    [{"direction": "lower"}, {"periodicity": "year"}, {"aggregation": Aggregation.SUM}],
)
def test_an_indicators_rules_stay_while_an_approved_report_holds_its_outcomes(
    client, reader, approver, org, setup, change
):
    report_submit(report=setup.report, by=None)
    report_approve(report=setup.report, by=approver)
    client.force_login(reader)
    before = reading(client, setup.report, org)

    with pytest.raises(ValidationError) as refused:
        indicator_update(indicator=setup.shared, **change)

    assert "Tertialrapport 1 2026 (godkänd)" in " ".join(refused.value.messages)
    assert reading(client, setup.report, org) == before


def test_labels_may_change_and_the_rules_again_once_reopened(approver, org, setup):
    report_submit(report=setup.report, by=None)
    # The form sends every field: unchanged rules are no change.
    indicator_update(
        indicator=setup.shared,
        name="Väntetid i dagar",
        decimals=1,
        direction=setup.shared.direction,
        periodicity=setup.shared.periodicity,
        aggregation=setup.shared.aggregation,
    )
    report_reopen(report=setup.report, by=approver, reason="Fel riktning")
    indicator_update(indicator=setup.shared, direction="lower")
    setup.shared.refresh_from_db()
    assert (setup.shared.name, setup.shared.direction) == ("Väntetid i dagar", "lower")


def test_the_chain_page_says_why_it_keeps_the_rules(client, committee_editor, org, setup):
    report_submit(report=setup.report, by=None)
    client.force_login(committee_editor)
    indicator = setup.shared
    response = client.post(
        reverse("goals:indicator_edit", args=[indicator.pk]),
        {
            "name": indicator.name,
            "description": "",
            "measure": indicator.measure,
            "direction": "lower",
            "periodicity": indicator.periodicity,
            "decimals": "0",
            "code": "",
            "aggregation": indicator.aggregation,
            "target": "",
        },
        **HTMX,
    )
    assert "kan inte ändras förrän rapporten har öppnats igen" in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.direction == "higher"


def _history_row(client, indicator) -> str:
    """The indicator page's table row of Enhet A's T1 2026 outcome."""
    page = client.get(reverse("indicators:detail", args=[indicator.pk])).content.decode()
    rows = [r.split("</tr>")[0] for r in page.split("<tr>")[1:] if "2026T1" in r and "Enhet A" in r]
    assert len(rows) == 1
    return rows[0]


def test_the_indicator_page_judges_a_decided_period_by_the_target_it_was_handed_in_with(
    client, reader, approver, org, setup
):
    report_submit(report=setup.report, by=None)
    report_approve(report=setup.report, by=approver)
    # After approval the unit's plan (a draft) gets a new target for the same indicator.
    target_set(indicator=setup.shared, org_unit=org.unit_a, text="minst 50")
    client.force_login(reader)
    row = _history_row(client, setup.shared)
    assert "högst 10" in row and "minst 50" not in row
    # Reopened, the report is read live again, and so is its period here.
    report_reopen(report=setup.report, by=approver, reason="Nytt årsmål")
    assert "minst 50" in _history_row(client, setup.shared)
