"""The personas with names and e-mail addresses, unit A's plan and its T1 report."""

import pytest

from styra.followup.tests.test_context import build_report


@pytest.fixture
def named(editor_a, editor_b, approver, reader, controller, city_admin):
    """Every persona gets a name and an address, so that each could be mailed."""
    people = (editor_a, editor_b, approver, reader, controller, city_admin)
    for user in people:
        user.first_name, user.last_name = user.username.replace("_", " ").title(), "Testsson"
        user.email = f"{user.username}@teststad.se"
        user.save()
    return people


@pytest.fixture
def report_setup(org, chain, plan_a):
    return build_report(org, chain, plan_a)


@pytest.fixture
def report_a(report_setup):
    return report_setup.report
