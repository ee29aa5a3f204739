"""The quality guarantees page: who sees and writes what, the htmx edits, the follow-up entry,
and the refusals by role, by the plan's state and by the period's report."""

import pytest
from django.urls import reverse

from styra.followup.models import Report, ReportStatus
from styra.followup.services import report_open
from styra.internal_control.models import GuaranteeOutcome, QualityGuarantee
from styra.plans.models import Plan, PlanStatus

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
NEW = {"promise": "Du får svar", "term": "inom 2 arbetsdagar", "target_percent": "95", "remedy": ""}


def page_url(org, chain):
    return reverse("internal_control:guarantees", args=[org.unit_a.pk, chain.year.year])


def create_url(org, chain):
    return reverse("internal_control:guarantee_create", args=[org.unit_a.pk, chain.year.year])


def url(name, guarantee, *args):
    return reverse(f"internal_control:{name}", args=[guarantee.pk, *args])


def _plan_status(plan, status):
    Plan.objects.filter(pk=plan.pk).update(status=status)


def test_the_page_lists_the_guarantees_with_their_follow_up_for_a_reader(
    client, reader, org, chain, guarantee, periods
):
    from styra.internal_control.guarantee_services import guarantee_outcome_record

    guarantee_outcome_record(guarantee=guarantee, period=periods["T1"], cases=12, kept=9)
    client.force_login(reader)
    body = client.get(page_url(org, chain)).content.decode()
    assert "Du får ett första samtal" in body and "inom 7 dagar från ansökan" in body
    assert "90 % av ärendena" in body and "Vi ringer upp dig" in body
    # 9 of 12 is 75 %: not met, with symbol and words, not colour alone.
    assert "75 %" in body and "status--not_reached" in body and "Inte uppfylld" in body
    assert "Ej rapporterad" in body  # T2 and VB
    # A reader sees, and is offered nothing to change.
    assert url("guarantee_edit", guarantee) not in body
    assert create_url(org, chain) not in body
    assert url("guarantee_outcome", guarantee, "2026T1") not in body


def test_an_editor_is_offered_the_edits_and_the_follow_up(
    client, editor_a, org, chain, guarantee, periods
):
    client.force_login(editor_a)
    body = client.get(page_url(org, chain)).content.decode()
    assert url("guarantee_edit", guarantee) in body and create_url(org, chain) in body
    assert url("guarantee_outcome", guarantee, "2026T1") in body


@pytest.mark.parametrize("who", ["editor_b", "outsider"])
def test_who_may_not_see_the_unit_gets_404_everywhere(
    client, request, org, chain, guarantee, periods, who
):
    client.force_login(request.getfixturevalue(who))
    assert client.get(page_url(org, chain)).status_code == 404
    assert client.get(create_url(org, chain)).status_code == 404
    assert client.post(url("guarantee_edit", guarantee), NEW).status_code == 404
    assert client.post(url("guarantee_delete", guarantee), {"confirm": "1"}).status_code == 404
    assert client.post(url("guarantee_outcome", guarantee, "2026T1"), {}).status_code == 404
    assert QualityGuarantee.objects.get().promise == "Du får ett första samtal"


@pytest.mark.parametrize("who", ["reader", "approver", "controller"])
def test_who_may_only_read_gets_403_on_every_write(
    client, request, org, chain, guarantee, periods, who
):
    client.force_login(request.getfixturevalue(who))
    assert client.get(page_url(org, chain)).status_code == 200
    assert client.post(create_url(org, chain), NEW).status_code == 403
    assert client.post(url("guarantee_edit", guarantee), NEW).status_code == 403
    assert client.post(url("guarantee_delete", guarantee), {"confirm": "1"}).status_code == 403
    assert client.post(url("guarantee_move", guarantee, "ned")).status_code == 403
    body = {"cases": "3", "kept": "3"}
    assert client.post(url("guarantee_outcome", guarantee, "2026T1"), body).status_code == 403
    assert QualityGuarantee.objects.count() == 1 and not GuaranteeOutcome.objects.exists()


def test_the_sign_in_comes_first(client, org, chain, guarantee):
    response = client.get(page_url(org, chain))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_editor_adds_one_in_place_with_htmx(client, editor_a, org, chain, plan_a):
    client.force_login(editor_a)
    form = client.get(create_url(org, chain), **HTMX).content.decode()
    assert 'name="promise"' in form and "<html" not in form
    response = client.post(create_url(org, chain), NEW, **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="guarantees"' in body and "Du får svar" in body and "<html" not in body
    made = QualityGuarantee.objects.get()
    assert (made.unit, made.target_percent) == (org.unit_a, 95)


def test_without_javascript_an_edit_redirects_back_to_the_page(
    client, editor_a, org, chain, guarantee
):
    client.force_login(editor_a)
    response = client.post(url("guarantee_edit", guarantee), {**NEW, "promise": "Ändrat"})
    assert response.status_code == 302
    assert response["Location"] == page_url(org, chain) + "#guarantees"
    guarantee.refresh_from_db()
    assert guarantee.promise == "Ändrat"


@pytest.mark.parametrize("target", ["101", "-5", "tio"])
def test_a_bad_target_is_refused_on_the_form_and_changes_nothing(
    client, editor_a, org, chain, guarantee, target
):
    client.force_login(editor_a)
    response = client.post(url("guarantee_edit", guarantee), {**NEW, "target_percent": target})
    assert response.status_code == 400
    assert "mellan 0 och 100" in response.content.decode()
    guarantee.refresh_from_db()
    assert guarantee.target_percent == 90


def test_a_refused_htmx_form_goes_back_into_its_slot(client, editor_a, org, chain, guarantee):
    client.force_login(editor_a)
    response = client.post(url("guarantee_edit", guarantee), {**NEW, "term": ""}, **HTMX)
    assert response["HX-Retarget"] == f"#slot-guarantee-{guarantee.pk}"


def test_a_delete_asks_first_and_names_the_outcomes_that_go(
    client, editor_a, org, chain, guarantee, periods
):
    from styra.internal_control.guarantee_services import guarantee_outcome_record

    guarantee_outcome_record(guarantee=guarantee, period=periods["T1"], cases=2, kept=2)
    client.force_login(editor_a)
    asked = client.post(url("guarantee_delete", guarantee)).content.decode()
    assert "tas bort med sina utfall för" in asked and 'name="confirm"' in asked
    assert QualityGuarantee.objects.exists()
    client.post(url("guarantee_delete", guarantee), {"confirm": "1"})
    assert not QualityGuarantee.objects.exists()


def test_guarantees_move_up_and_down(client, editor_a, org, chain, guarantee):
    from styra.internal_control.guarantee_services import guarantee_create

    second = guarantee_create(unit=org.unit_a, year=chain.year, promise="Andra", term="snart")
    client.force_login(editor_a)
    client.post(url("guarantee_move", second, "upp"), **HTMX)
    assert list(QualityGuarantee.objects.order_by("position")) == [second, guarantee]
    assert client.post(url("guarantee_move", second, "sidled")).status_code == 404


@pytest.mark.parametrize("status", [PlanStatus.SUBMITTED, PlanStatus.ADOPTED])
def test_a_locked_plans_guarantees_refuse_every_edit_but_take_their_follow_up(
    client, editor_a, org, chain, plan_a, guarantee, periods, status
):
    _plan_status(plan_a, status)
    client.force_login(editor_a)
    body = client.get(page_url(org, chain)).content.decode()
    assert url("guarantee_edit", guarantee) not in body and create_url(org, chain) not in body
    assert client.post(create_url(org, chain), NEW).status_code == 403
    assert client.post(url("guarantee_edit", guarantee), NEW).status_code == 403
    assert client.post(url("guarantee_delete", guarantee), {"confirm": "1"}).status_code == 403
    response = client.post(
        url("guarantee_outcome", guarantee, "2026T1"),
        {"cases": "10", "kept": "10", "comment": "Alla i tid"},
    )
    assert response.status_code == 302
    assert GuaranteeOutcome.objects.get().comment == "Alla i tid"


def test_no_plan_no_guarantees_but_the_page_says_why(client, editor_a, org, chain):
    client.force_login(editor_a)
    body = client.get(page_url(org, chain)).content.decode()
    assert "ingen verksamhetsplan" in body and create_url(org, chain) not in body
    assert client.post(create_url(org, chain), NEW).status_code == 400
    assert not QualityGuarantee.objects.exists()


def test_the_page_is_404_for_a_committee_a_missing_year_and_a_draft_year(
    client, city_admin, org, chain
):
    from styra.goals.models import PlanningYear, YearState

    PlanningYear.objects.create(year=2027, state=YearState.DRAFT)
    client.force_login(city_admin)
    for unit, year in ((org.north, 2026), (org.unit_a, 2031), (org.unit_a, 2027)):
        target = reverse("internal_control:guarantees", args=[unit.pk, year])
        assert client.get(target).status_code == 404


def test_the_follow_up_entry_records_and_shows_the_share(
    client, editor_a, org, chain, guarantee, periods
):
    client.force_login(editor_a)
    form = client.get(url("guarantee_outcome", guarantee, "2026T1"), **HTMX).content.decode()
    assert 'name="cases"' in form and 'name="kept"' in form
    response = client.post(
        url("guarantee_outcome", guarantee, "2026T1"),
        {"cases": "20", "kept": "19", "comment": "Ett ärende sent"},
        **HTMX,
    )
    body = response.content.decode()
    assert "95 %" in body and "Uppfylld" in body and "Ett ärende sent" in body
    outcome = GuaranteeOutcome.objects.get()
    assert (outcome.cases, outcome.kept, outcome.updated_by) == (20, 19, editor_a)


def test_kept_above_cases_is_refused_on_the_form(client, editor_a, guarantee, periods):
    client.force_login(editor_a)
    response = client.post(
        url("guarantee_outcome", guarantee, "2026T1"), {"cases": "2", "kept": "3"}
    )
    assert response.status_code == 400
    assert "fler ärenden än det fanns" in response.content.decode()
    assert not GuaranteeOutcome.objects.exists()


def test_a_handed_in_report_locks_the_periods_follow_up(client, editor_a, org, guarantee, periods):
    report = report_open(org_unit=org.unit_a, period=periods["T1"])
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.SUBMITTED)
    client.force_login(editor_a)
    page = client.get(
        reverse("internal_control:guarantees", args=[org.unit_a.pk, 2026])
    ).content.decode()
    assert "Inlämnad med rapporten" in page
    assert url("guarantee_outcome", guarantee, "2026T1") not in page
    assert url("guarantee_outcome", guarantee, "2026T2") in page
    response = client.post(
        url("guarantee_outcome", guarantee, "2026T1"), {"cases": "1", "kept": "1"}
    )
    assert response.status_code == 400 and "är inlämnad" in response.content.decode()
    assert not GuaranteeOutcome.objects.exists()


def test_an_unknown_period_is_404(client, editor_a, guarantee, periods):
    client.force_login(editor_a)
    assert client.get(url("guarantee_outcome", guarantee, "2025T1")).status_code == 404
    assert client.get(url("guarantee_outcome", guarantee, "nonsens")).status_code == 404


def test_the_page_runs_a_bounded_number_of_queries(
    client, editor_a, org, chain, guarantee, periods, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from styra.internal_control.guarantee_services import guarantee_create, guarantee_outcome_record

    client.force_login(editor_a)

    def count() -> int:
        with CaptureQueriesContext(connection) as seen:
            assert client.get(page_url(org, chain)).status_code == 200
        return len(seen)

    few = count()
    for i in range(15):
        more = guarantee_create(
            unit=org.unit_a, year=chain.year, promise=f"Löfte {i}", term="snart"
        )
        for period in periods.values():
            guarantee_outcome_record(guarantee=more, period=period, cases=4, kept=3)
    assert count() == few
    with django_assert_max_num_queries(15):
        client.get(page_url(org, chain))
