"""The unit report page: reading, in-place editing, the workflow and its refusals by role."""

import re
from decimal import Decimal as D

import pytest
from django.urls import reverse

from styra.conftest import add_indicator, add_unit_goal
from styra.decisions.services import report_approve, report_submit
from styra.goals.services import activity_create
from styra.indicators.models import Outcome
from styra.indicators.services import indicator_create

from ..models import (
    ActivityFollowUp,
    BudgetFollowUp,
    Fulfilment,
    GoalAssessment,
    Report,
    ReportEvent,
    ReportStatus,
)
from ..services import (
    DEFICIT_NEEDS_COMMENT,
    activity_status_set,
    assessment_set,
    budget_follow_up_set,
    outcome_record,
    report_open,
)
from .test_context import build_report

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def setup(org, chain, plan_a):
    return build_report(org, chain, plan_a)


def url(name, *args):
    return reverse(f"followup:{name}", args=args)


def decision(name, *args):
    """The decisions are the decisions room's URLs, beside the page's own."""
    return reverse(f"decisions:{name}", args=args)


def _assess_all(setup):
    for goal in (setup.goal, setup.bare_goal):
        assessment_set(report=setup.report, goal=goal, value=Fulfilment.FULFILLED, proposed="")


def _submitted(setup, editor):
    _assess_all(setup)
    return report_submit(report=setup.report, by=editor)


# ---------------------------------------------------------------- reading


def test_it_shows_the_report_to_a_reader_without_edit_controls(client, reader, setup, org):
    outcome_record(
        indicator=setup.visits, org_unit=org.unit_a, period="2026T1", value="95", comment="Bra."
    )
    client.force_login(reader)
    response = client.get(url("report", setup.report.pk))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Tertialrapport 1 2026 – Enhet A",
        "Utkast",
        "30 april 2026",
        "14 maj 2026",
        "Andel besök inom tre dagar",
        "90 %",
        "95\xa0%",  # the outcome with its unit, kept on one line
        "✓</span> Uppnått",
        "status status--reached",
        "Kan inte bedömas",  # the KF indicator's target is "öka"
        "Viktiga händelser",
        "Personalkostnader",
        "Budget (tkr)",
    ):
        assert text in html, text
    assert "Antal klagomål" not in html  # annual: due only in VB
    for control in ("Ange utfall", "Bedöm målet", "Lämna in rapporten", "Godkänn rapporten"):
        assert control not in html
    # "Styras förslag: Förslag: Bedöms uppfyllas" said it twice.
    assert re.search(r"<dt>Styras förslag</dt>\s*<dd>Bedöms uppfyllas</dd>", html)
    assert "Förslag: " not in html
    # The budget's lines are "Budgetpost" as in the report's PDF and Word, not "Rad" ("Row").
    budget = html[html.index('id="budget-h"') :]
    assert re.search(r'<th scope="col">([^<]+)</th>', budget).group(1) == "Budgetpost"


def test_it_words_assessments_as_results_in_the_annual_report(client, editor_a, setup, org):
    annual = report_open(org_unit=org.unit_a, period=setup.periods["VB"])
    activity_status_set(report=annual, activity=setup.activity, status="finished")
    assessment_set(report=annual, goal=setup.goal, value=Fulfilment.PARTLY, proposed="", reason="")
    client.force_login(editor_a)
    html = client.get(url("report", annual.pk)).content.decode()
    assert re.search(r"<dt>Styras förslag</dt>\s*<dd>Uppfyllt</dd>", html)
    assert "Delvis uppfyllt" in html
    assert "Bedöms" not in html
    assert "Antal klagomål" in html


@pytest.mark.parametrize("persona", ["editor_b", "outsider"])
def test_it_hides_the_report_from_those_outside_its_subtree(client, request, persona, setup):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url("report", setup.report.pk)).status_code == 404
    assert client.get(url("report_outcome", setup.report.pk, setup.visits.pk)).status_code == 404
    assert client.post(decision("report_submit", setup.report.pk)).status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(client, setup):
    response = client.get(url("report", setup.report.pk))
    assert response.status_code == 302 and "/konto/" in response["Location"]


# ---------------------------------------------------------------- editing in place


def test_it_records_an_outcome_in_place_with_swedish_numbers(client, editor_a, setup, org):
    client.force_login(editor_a)
    form = client.get(url("report_outcome", setup.report.pk, setup.visits.pk), **HTMX)
    assert form.status_code == 200 and 'name="value"' in form.content.decode()
    response = client.post(
        url("report_outcome", setup.report.pk, setup.visits.pk),
        {"value": "82,5 %", "comment": "Sjukfrånvaro i mars."},
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="indicators"' in html and "82,5\xa0%" in html and "Delvis uppnått" in html
    outcome = Outcome.objects.get(indicator=setup.visits, org_unit=org.unit_a, period="2026T1")
    assert outcome.value == D("82.5") and outcome.updated_by == editor_a
    # The form offers the stored value back in Swedish.
    form = client.get(url("report_outcome", setup.report.pk, setup.visits.pk), **HTMX)
    assert 'value="82,5"' in form.content.decode()


def test_it_records_a_text_outcome_without_javascript(client, editor_a, setup, org):
    client.force_login(editor_a)
    response = client.post(
        url("report_outcome", setup.report.pk, setup.visits.pk), {"value": "ej mätbart"}
    )
    assert response.status_code == 302 and response["Location"].endswith("#indicators")
    outcome = Outcome.objects.get(indicator=setup.visits, org_unit=org.unit_a)
    assert (outcome.value, outcome.text) == (None, "ej mätbart")


def test_it_refuses_indicators_not_due_or_not_the_units(client, editor_a, setup, chain, org):
    other = indicator_create(goal=chain.board, owner=org.north, name="Nämndens egen")
    client.force_login(editor_a)
    for indicator in (setup.complaints, other):  # annual in T1; no target for the unit
        response = client.get(url("report_outcome", setup.report.pk, indicator.pk))
        assert response.status_code == 404


def test_it_requires_a_reason_to_differ_from_the_proposal(client, editor_a, setup, org):
    outcome_record(indicator=setup.visits, org_unit=org.unit_a, period="2026T1", value="95")
    client.force_login(editor_a)
    target = url("report_assessment", setup.report.pk, setup.goal.pk)
    form = client.get(target, **HTMX).content.decode()
    assert "Förslag: Bedöms uppfyllas" in form and "Bedöms delvis uppfyllas" in form
    refused = client.post(target, {"value": "partly", "analysis": "Svårt år."}, **HTMX)
    assert refused["HX-Retarget"] == f"#slot-goal-{setup.goal.pk}"
    assert "Ange varför bedömningen skiljer sig från förslaget." in refused.content.decode()
    assert not GoalAssessment.objects.exists()
    response = client.post(
        target, {"value": "partly", "reason": "Ny personal skolas in.", "analysis": "Svårt år."}
    )
    assert response.status_code == 302
    assessment = GoalAssessment.objects.get()
    assert (assessment.value, assessment.proposed) == ("partly", "fulfilled")
    html = client.get(url("report", setup.report.pk)).content.decode()
    assert "Ny personal skolas in." in html and "Bedöms delvis uppfyllas" in html


def test_it_sets_an_activitys_status(client, editor_a, setup):
    client.force_login(editor_a)
    response = client.post(
        url("report_activity", setup.report.pk, setup.activity.pk),
        {"status": "cancelled", "comment": "Ersatt av ny rutin."},
        **HTMX,
    )
    assert response.status_code == 200 and "Avbruten" in response.content.decode()
    assert ActivityFollowUp.objects.get().comment == "Ersatt av ny rutin."


def test_it_requires_a_comment_on_a_budget_deficit(client, controller, setup):
    client.force_login(controller)  # controllers own the budget figures
    target = url("report_budget", setup.report.pk, setup.staff.pk)
    refused = client.post(target, {"outcome": "400", "forecast": "1 100"})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert 'class="field-error"' in html and DEFICIT_NEEDS_COMMENT in html
    refused = client.post(target, {"outcome": "400", "forecast": "1 100"}, **HTMX)
    assert refused["HX-Retarget"] == "#slot-budget"
    response = client.post(
        target, {"outcome": "400", "forecast": "1 100", "comment": "Vikarier."}, **HTMX
    )
    html = response.content.decode()
    assert "1\u00a0100" in html and "−100" in html and "underskott" in html
    assert BudgetFollowUp.objects.get().forecast == D("1100")


def test_it_edits_a_free_text_section(client, editor_a, setup):
    section = setup.report.sections.get(heading="Viktiga händelser")
    client.force_login(editor_a)
    response = client.post(
        url("report_section", setup.report.pk, section.pk),
        {"text": "Ny lokal.\n\n- Flytt i mars"},
        **HTMX,
    )
    assert "<li>Flytt i mars</li>" in response.content.decode()


def test_a_section_text_too_long_is_refused_in_styras_words_and_changes_nothing(
    client, editor_a, setup
):
    section = setup.report.sections.get(heading="Viktiga händelser")
    before = section.text
    client.force_login(editor_a)
    response = client.post(
        url("report_section", setup.report.pk, section.pk), {"text": "x" * 20_001}, **HTMX
    )
    html = response.content.decode()
    assert (
        "Texten får vara högst 20\u00a0000 tecken lång. Den är nu 20\u00a0001 tecken; "
        "korta den och spara igen."
    ) in html
    assert "som mest" not in html
    section.refresh_from_db()
    assert section.text == before


@pytest.mark.parametrize("persona", ["reader", "approver", "controller"])
def test_it_refuses_edits_from_those_who_may_only_read(client, request, persona, setup):
    client.force_login(request.getfixturevalue(persona))
    report = setup.report
    section = report.sections.first()
    targets = [
        url("report_outcome", report.pk, setup.visits.pk),
        url("report_assessment", report.pk, setup.goal.pk),
        url("report_activity", report.pk, setup.activity.pk),
        url("report_section", report.pk, section.pk),
    ]
    for target in targets:
        assert client.post(target, {"value": "1", "text": "x"}).status_code == 403, target


# ---------------------------------------------------------------- workflow


@pytest.mark.parametrize(
    ("persona", "status"),
    [("editor_b", 404), ("outsider", 404), ("reader", 403), ("controller", 403), ("approver", 403)],
)
def test_it_refuses_submission_by_others_than_the_units_editors(
    client, request, persona, status, setup
):
    _assess_all(setup)
    client.force_login(request.getfixturevalue(persona))
    assert client.post(decision("report_submit", setup.report.pk)).status_code == status
    setup.report.refresh_from_db()
    assert setup.report.status == ReportStatus.DRAFT


def test_it_refuses_submission_listing_goals_without_assessment(client, editor_a, setup):
    client.force_login(editor_a)
    response = client.post(decision("report_submit", setup.report.pk), **HTMX)
    html = response.content.decode()
    assert "2 mål saknar bedömning" in html
    assert f'href="#goal-{setup.bare_goal.pk}"' in html and "Personalen trivs" in html
    response = client.post(decision("report_submit", setup.report.pk), follow=True)
    assert "Personalen trivs" in response.content.decode()
    setup.report.refresh_from_db()
    assert setup.report.status == ReportStatus.DRAFT


def test_it_submits_approves_and_reopens_with_a_reason(client, editor_a, approver, setup):
    _assess_all(setup)
    client.force_login(editor_a)
    response = client.post(decision("report_submit", setup.report.pk), **HTMX)
    # A new status changes every block's controls, so htmx reloads the page.
    assert response["HX-Redirect"] == url("report", setup.report.pk)
    assert "Rapporten är inlämnad." in client.get(url("report", setup.report.pk)).content.decode()
    assert client.post(decision("report_approve", setup.report.pk)).status_code == 403  # own unit
    # Submitted: read-only until reopened.
    section = setup.report.sections.first()
    assert client.post(url("report_section", setup.report.pk, section.pk), {}).status_code == 403

    client.force_login(approver)
    html = client.get(url("report", setup.report.pk)).content.decode()
    assert "Godkänn rapporten" in html and "Lämna in rapporten" not in html
    response = client.post(decision("report_approve", setup.report.pk), follow=True)
    assert "Rapporten är godkänd." in response.content.decode()
    report = Report.objects.get()
    assert report.status == ReportStatus.APPROVED and report.approved_by == approver

    refused = client.post(decision("report_reopen", report.pk), {"reason": ""})
    assert refused.status_code == 400
    assert "Ange varför rapporten öppnas igen." in refused.content.decode()
    response = client.post(decision("report_reopen", report.pk), {"reason": "Budgeten var fel."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert report.events.last().kind == ReportEvent.Kind.REOPEN
    html = client.get(url("report", report.pk)).content.decode()
    assert "Öppnades igen av approver. Skäl: Budgeten var fel." in html


def test_it_refuses_every_write_to_an_approved_report(
    client, editor_a, controller, approver, city_admin, setup
):
    _submitted(setup, editor_a)
    report_approve(report=setup.report, by=approver)
    report = setup.report
    section = report.sections.first()
    writes = [
        (url("report_outcome", report.pk, setup.visits.pk), {"value": "1"}),
        (url("report_assessment", report.pk, setup.goal.pk), {"value": "partly"}),
        (url("report_activity", report.pk, setup.activity.pk), {"status": "finished"}),
        (url("report_budget", report.pk, setup.staff.pk), {"forecast": "1"}),
        (url("report_section", report.pk, section.pk), {"text": "x"}),
    ]
    for persona in (editor_a, controller, city_admin):
        client.force_login(persona)
        for target, data in writes:
            assert client.get(target).status_code == 403, target
            assert client.post(target, data).status_code == 403, target
    client.force_login(editor_a)
    html = client.get(url("report", report.pk)).content.decode()
    assert "Godkänd" in html and "Ange utfall" not in html and "låst" in html
    assert not Outcome.objects.exists() and not BudgetFollowUp.objects.exists()


def test_it_lets_only_approvers_reopen(client, editor_a, approver, setup):
    _submitted(setup, editor_a)
    client.force_login(editor_a)
    assert client.get(decision("report_reopen", setup.report.pk)).status_code == 403
    client.force_login(approver)
    form = client.get(decision("report_reopen", setup.report.pk), **HTMX)
    assert form.status_code == 200 and 'name="reason"' in form.content.decode()
    refused = client.post(decision("report_reopen", setup.report.pk), {"reason": " "}, **HTMX)
    assert refused["HX-Retarget"] == "#slot-header"
    response = client.post(
        decision("report_reopen", setup.report.pk), {"reason": "Komplettera."}, **HTMX
    )
    assert response["HX-Redirect"] == url("report", setup.report.pk)
    setup.report.refresh_from_db()
    assert setup.report.status == ReportStatus.DRAFT


def test_it_swaps_a_block_back_for_htmx_and_redirects_without(client, reader, setup):
    client.force_login(reader)
    response = client.get(url("report_block", setup.report.pk, "budget"), **HTMX)
    assert response.content.decode().lstrip().startswith('<section id="budget"')
    response = client.get(url("report_block", setup.report.pk, "budget"))
    assert response.status_code == 302 and response["Location"].endswith("#budget")
    assert client.get(url("report_block", setup.report.pk, "nope"), **HTMX).status_code == 404


# ---------------------------------------------------------------- opening and the start page


def test_it_opens_a_report_for_a_unit_the_user_may_edit(client, editor_a, setup, org):
    period = setup.periods["T2"]
    client.force_login(editor_a)
    response = client.post(url("report_open"), {"unit": org.unit_a.pk, "period": period.pk})
    report = Report.objects.get(period=period)
    assert response.status_code == 302 and response["Location"] == url("report", report.pk)
    client.post(url("report_open"), {"unit": org.unit_a.pk, "period": period.pk})
    assert Report.objects.filter(period=period).count() == 1


@pytest.mark.parametrize(("persona", "status"), [("editor_b", 404), ("reader", 403)])
def test_it_refuses_to_open_a_report_for_others(client, request, persona, status, setup, org):
    client.force_login(request.getfixturevalue(persona))
    data = {"unit": org.unit_a.pk, "period": setup.periods["T2"].pk}
    assert client.post(url("report_open"), data).status_code == status
    assert not Report.objects.filter(period=setup.periods["T2"]).exists()


def test_it_lists_visible_reports_and_offers_to_open_the_others(
    client, editor_a, editor_b, setup, plan_b, org
):
    report_open(org_unit=org.unit_b, period=setup.periods["T1"])
    client.force_login(editor_a)
    html = client.get(url("home")).content.decode()
    assert "Tertialrapport 1 2026" in html and url("report", setup.report.pk) in html
    assert "Enhet B" not in html
    assert html.count("Öppna rapporten för Enhet A") == 2  # T2 and VB
    client.force_login(editor_b)
    html = client.get(url("home")).content.decode()
    assert url("report", setup.report.pk) not in html and "Enhet B" in html


# ---------------------------------------------------------------- query bounds


def test_it_runs_a_bounded_number_of_queries_whatever_the_report_size(
    client, approver, setup, chain, org, plan_a, django_assert_max_num_queries
):
    from styra.budget.services import budget_row_create

    client.force_login(approver)
    target = url("report", setup.report.pk)
    # 25, and two for the outcomes the "öka" target is measured from (last year's indicator);
    # with one for the header's unread notices and one for the report's dialog (at most 28).
    with django_assert_max_num_queries(28):
        assert client.get(target).status_code == 200
    for i in range(25):
        goal = add_unit_goal(chain, org.unit_a, f"Mål {i}")
        for j in range(3):
            indicator = add_indicator(
                goal, org.unit_a, f"Indikator {i}.{j}", target=f"{j + 1}0 %", periodicity="tertial"
            )
            outcome_record(indicator=indicator, org_unit=org.unit_a, period="2026T1", value="15")
        for j in range(2):
            activity = activity_create(goal=goal, owner=org.unit_a, name=f"Aktivitet {i}.{j}")
            activity_status_set(report=setup.report, activity=activity, status="started")
        assessment_set(report=setup.report, goal=goal, value="partly", proposed="", reason="")
        row = budget_row_create(plan=plan_a, name=f"Rad {i}", costs=D("100"))
        budget_follow_up_set(row=row, period="2026T1", outcome=D("30"), forecast=D("90"))
    with django_assert_max_num_queries(28):
        response = client.get(target)
    html = response.content.decode()
    assert "Indikator 24.2" in html and "Aktivitet 24.1" in html and "Rad 24" in html
    # The fill-in count is counted over the loaded lines, within the same bound.
    assert "75 av 77 utfall ifyllda" in html
    assert "25 av 27 målbedömningar gjorda" in html
    assert "50 av 51 aktiviteter följda upp" in html


def test_it_counts_what_is_filled_in(client, editor_a, setup, org):
    client.force_login(editor_a)
    html = client.get(url("report", setup.report.pk)).content.decode()
    assert "0 av 2 utfall ifyllda" in html
    assert "0 av 2 målbedömningar gjorda" in html
    assert "0 av 1 aktiviteter följda upp" in html
    outcome_record(indicator=setup.visits, org_unit=org.unit_a, period="2026T1", value="95")
    outcome_record(indicator=setup.kf, org_unit=org.unit_a, period="2026T1", value="40")
    assessment_set(report=setup.report, goal=setup.goal, value=Fulfilment.FULFILLED, proposed="")
    activity_status_set(report=setup.report, activity=setup.activity, status="started")
    html = client.get(url("report", setup.report.pk)).content.decode()
    assert "2 av 2 utfall ifyllda" in html
    assert "1 av 2 målbedömningar gjorda" in html
    assert "1 av 1 aktiviteter följda upp" in html


def test_it_offers_the_report_as_pdf_and_word_to_whoever_sees_it(client, reader, setup):
    client.force_login(reader)
    html = client.get(url("report", setup.report.pk)).content.decode()
    for fmt in ("pdf", "docx"):
        link = reverse("documents:report", args=[setup.report.pk, fmt])
        assert f'href="{link}"' in html
        assert client.get(link).status_code == 200
    assert "Ladda ner PDF (PDF-fil, för utskrift och arkiv)" in html
    assert "Ladda ner Word (Word-fil, .docx, kan redigeras)" in html


def test_it_keeps_an_uploaded_base_and_asks_for_it_when_weighted(client, editor_a, setup, org):
    from styra.indicators.models import Indicator

    outcome_record(
        indicator=setup.visits, org_unit=org.unit_a, period="2026T1", value="80", base=D("40")
    )
    client.force_login(editor_a)
    target = url("report_outcome", setup.report.pk, setup.visits.pk)
    assert 'name="base"' not in client.get(target).content.decode()
    client.post(target, {"value": "85"})
    assert Outcome.objects.get().base == D("40")
    # Not yet settable through indicator_update; the roll-up work decides where it is set.
    Indicator.objects.filter(pk=setup.visits.pk).update(aggregation="weighted")
    assert 'name="base"' in client.get(target).content.decode()
    client.post(target, {"value": "85", "base": "1 250"})
    assert Outcome.objects.get().base == D("1250")


def test_it_lets_a_committee_assess_its_own_goals(client, committee_editor, approver, org, chain):
    from ..services import periods_ensure

    t1 = periods_ensure(year=chain.year)[0]
    report = report_open(org_unit=org.north, period=t1)
    client.force_login(committee_editor)
    html = client.get(url("report", report.pk)).content.decode()
    assert chain.board.title in html
    response = client.post(
        url("report_assessment", report.pk, chain.board.pk),
        {"value": "fulfilled", "reason": "Enheternas arbete ger resultat.", "analysis": "Bra."},
    )
    assert response.status_code == 302
    assert GoalAssessment.objects.get(report=report).value == "fulfilled"
    client.post(decision("report_submit", report.pk))
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    # An approver on the committee itself is not above it.
    client.force_login(approver)
    assert client.post(decision("report_approve", report.pk)).status_code == 403
