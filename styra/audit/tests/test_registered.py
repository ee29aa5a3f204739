"""Every tracked model is registered by the room that knows its place, none is forgotten."""

from styra.audit import scope
from styra.audit.trail import REGISTRY

PLACED = {
    "organisation.orgunit",
    "accounts.membership",
    "accounts.grouprole",
    "goals.goal",
    "goals.activity",
    "plans.plan",
    "plans.section",
    "plans.appendix",
    "indicators.indicator",
    "indicators.target",
    "indicators.outcome",
    "budget.budget",
    "budget.budgetrow",
    "followup.report",
    "followup.reportevent",
    "followup.reportsection",
    "followup.goalassessment",
    "followup.activityfollowup",
    "followup.budgetfollowup",
    "conversations.thread",
    "conversations.message",
    "internal_control.controlplan",
    "internal_control.process",
    "internal_control.risk",
    "internal_control.control",
    "internal_control.controlresult",
    "internal_control.measure",
    "internal_control.qualityguarantee",
    "internal_control.guaranteeoutcome",
}
UNPLACED = {
    "auth.user",
    "goals.planningyear",
    "followup.reportingperiod",
    "notifications.noticesetting",  # a person's own choice, no node's
    "cycle.yeardate",  # the year's calendar, as its periods: in the audit search, no history page
    "internal_control.cityrisk",  # the city's risks of a year, as its periods
    "cycle.calendarfeed",  # a person's own feed link (only that it changed, never the token)
}


def test_it_tracks_the_domain_models_and_knows_where_each_belongs():
    assert {m._meta.label_lower for m in REGISTRY} == PLACED | UNPLACED
    assert set(scope.PLACES) == PLACED


def test_it_masks_the_password_and_leaves_the_last_login_out():
    user = next(m for m in REGISTRY if m._meta.label_lower == "auth.user")
    assert REGISTRY[user].masked == {"password"}
    assert "last_login" not in {f.name for f in REGISTRY[user].fields}
