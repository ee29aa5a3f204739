"""Editing on the plan page: the structure of a draft (processes, risks, controls) and the
follow-up of an adopted plan (results and measures), with htmx and without, and the
refusals: by role, on a locked plan, before adoption and after the period's report."""

import pytest

from styra.internal_control import services
from styra.internal_control.models import Control, ControlResult, Measure, Process, Risk
from styra.plans.models import PlanStatus

from .world import (
    HTMX,
    add_control,
    add_risk,
    adopt,
    hand_in_report,
    report_deviation,
    set_status,
    url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def selected(control_plan):
    """A selected risk in Norra nämnden's plan, with a control reported in T1."""
    risk = add_risk(control_plan.processes.get(), "Fel attest", 3, 3, selected=True)
    add_control(risk)
    return risk


def snapshot():
    """Everything the structure edits could change, to see that a refusal changed nothing."""
    return (
        list(Process.objects.values_list("pk", "title", "description")),
        list(
            Risk.objects.values_list(
                "pk", "title", "probability", "consequence", "selected", "omission_reason"
            )
        ),
        list(Control.objects.values_list("pk", "what", "report_t1", "report_t2", "report_vb")),
    )


# ---------------------------------------------------------------- processes


def test_a_process_is_added_in_place_with_htmx(client, committee_editor, control_plan):
    client.force_login(committee_editor)
    form = client.get(url("process_create", control_plan.pk), **HTMX)
    assert form.status_code == 200 and 'name="title"' in form.content.decode()
    assert "<html" not in form.content.decode()
    response = client.post(
        url("process_create", control_plan.pk), {"title": "Lön", "description": ""}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith('<div id="analysis">')
    assert "Lön" in html
    assert control_plan.processes.filter(title="Lön").exists()


def test_without_javascript_a_form_is_a_page_and_a_post_redirects(
    client, committee_editor, control_plan
):
    client.force_login(committee_editor)
    page = client.get(url("process_create", control_plan.pk))
    assert page.status_code == 200 and "<html" in page.content.decode()
    response = client.post(url("process_create", control_plan.pk), {"title": "Lön"})
    assert response.status_code == 302
    assert response["Location"] == url("detail", control_plan.pk) + "#analysis"


def test_a_bad_post_says_why_in_swedish_and_changes_nothing(client, committee_editor, control_plan):
    client.force_login(committee_editor)
    before = snapshot()
    response = client.post(url("process_create", control_plan.pk), {"title": ""})
    assert response.status_code == 400
    assert "Ange processens eller rutinens namn." in response.content.decode()
    refused = client.post(url("process_create", control_plan.pk), {"title": ""}, **HTMX)
    assert refused.status_code == 200 and refused["HX-Retarget"] == "#slot-processes"
    assert snapshot() == before


def test_a_process_is_edited_and_deleted_after_the_question(
    client, committee_editor, control_plan, selected
):
    process = control_plan.processes.get()
    client.force_login(committee_editor)
    client.post(url("process_edit", process.pk), {"title": "Inköp", "description": "Alla köp"})
    process.refresh_from_db()
    assert (process.title, process.description) == ("Inköp", "Alla köp")
    question = client.post(url("process_delete", process.pk), **HTMX)
    assert "tas bort med sina risker" in question.content.decode()
    assert question["HX-Retarget"] == f"#slot-process-{process.pk}"
    assert Process.objects.filter(pk=process.pk).exists()
    client.post(url("process_delete", process.pk), {"confirm": "1"}, **HTMX)
    assert not Process.objects.filter(pk=process.pk).exists()
    assert not Risk.objects.exists()


# ---------------------------------------------------------------- risks


def test_the_risk_form_offers_the_scale_in_words_and_the_goals_above_the_node(
    client, org, chain, committee_editor, control_plan
):
    from styra.goals.models import Level
    from styra.goals.services import goal_create

    goal_create(
        year=chain.year, level=Level.BOARD, owner=org.south, parent=chain.area, title="Södras mål"
    )
    client.force_login(committee_editor)
    html = client.get(url("risk_create", control_plan.processes.get().pk)).content.decode()
    assert '<option value="3">3 – Möjlig</option>' in html
    assert '<option value="4">4 – Allvarlig</option>' in html
    assert "Inte bedömd ännu" in html
    assert "KF: 1 En stad för alla" in html and "KF: 1.1 Invånarna får stöd i tid" in html
    assert "Nämndmål: Ingen ska vänta längre än nödvändigt" in html
    assert "Södras mål" not in html
    assert "behöver ett skäl" in html  # the form says that a high risk left out needs a reason


def test_a_risk_is_added_assessed_and_selected(client, chain, committee_editor, control_plan):
    client.force_login(committee_editor)
    process = control_plan.processes.get()
    response = client.post(
        url("risk_create", process.pk),
        {
            "title": "Fel attest",
            "description": "Fakturor utan attest",
            "probability": "3",
            "consequence": "4",
            "goal": chain.board.pk,
            "selected": "on",
        },
    )
    assert response.status_code == 302
    risk = Risk.objects.get()
    assert (risk.value, risk.selected, risk.goal) == (12, True, chain.board)


def test_a_high_risk_left_out_needs_its_reason(client, committee_editor, control_plan):
    client.force_login(committee_editor)
    process = control_plan.processes.get()
    data = {"title": "Jäv", "probability": "4", "consequence": "2"}
    response = client.post(url("risk_create", process.pk), data)
    assert response.status_code == 400
    assert "Risken har riskvärde 8. Ta med den i kontrollplanen" in response.content.decode()
    assert not Risk.objects.exists()
    response = client.post(
        url("risk_create", process.pk), data | {"omission_reason": "Låg sannolikhet i praktiken"}
    )
    assert response.status_code == 302
    assert Risk.objects.get().omission_reason == "Låg sannolikhet i praktiken"


def test_a_risk_refused_its_selection_is_not_kept_half_made(client, committee_editor, control_plan):
    client.force_login(committee_editor)
    response = client.post(
        url("risk_create", control_plan.processes.get().pk), {"title": "Okänd", "selected": "on"}
    )
    assert response.status_code == 400
    assert "Bedöm sannolikhet och konsekvens" in response.content.decode()
    assert not Risk.objects.exists()


def test_a_risk_with_controls_stays_in_the_plan_until_they_are_removed(
    client, committee_editor, selected
):
    client.force_login(committee_editor)
    before = snapshot()
    response = client.post(
        url("risk_edit", selected.pk),
        {"title": "Fel attest", "probability": "1", "consequence": "1"},
    )
    assert response.status_code == 400
    assert "Ta bort dem innan risken tas ur kontrollplanen." in response.content.decode()
    assert snapshot() == before


def test_the_citys_risk_keeps_its_words_and_its_place(
    client, chain, committee_editor, control_plan
):
    services.city_risk_create(year=chain.year, process="Ekonomi", title="Underskott")
    risk = control_plan.risks.get(city_risk__isnull=False)
    client.force_login(committee_editor)
    form = client.get(url("risk_edit", risk.pk)).content.decode()
    assert 'name="title"' not in form and 'name="probability"' in form
    response = client.post(
        url("risk_edit", risk.pk),
        {"title": "Annat", "probability": "2", "consequence": "2", "omission_reason": ""},
    )
    assert response.status_code == 302
    risk.refresh_from_db()
    assert (risk.title, risk.value) == ("Underskott", 4)
    page = client.get(url("detail", control_plan.pk)).content.decode()
    assert url("risk_delete", risk.pk) not in page  # the city's risk is not offered to delete
    response = client.post(url("risk_delete", risk.pk), {"confirm": "1"}, follow=True)
    assert "Risken är stadens och kan inte tas bort" in response.content.decode()
    assert Risk.objects.filter(pk=risk.pk).exists()


def test_a_risk_is_deleted_after_the_question(client, committee_editor, selected):
    client.force_login(committee_editor)
    question = client.post(url("risk_delete", selected.pk))
    assert question.status_code == 200 and "tas bort med sina kontrollmoment" in (
        question.content.decode()
    )
    assert Risk.objects.filter(pk=selected.pk).exists()
    response = client.post(url("risk_delete", selected.pk), {"confirm": "1"})
    assert response.status_code == 302 and not Risk.objects.exists()


# ---------------------------------------------------------------- controls


def test_a_control_is_added_with_its_periods(client, committee_editor, selected):
    client.force_login(committee_editor)
    response = client.post(
        url("control_create", selected.pk),
        {"what": "Attestlistor", "method": "Granskning", "report_t2": "on", "report_vb": "on"},
        **HTMX,
    )
    assert response.status_code == 200 and "Attestlistor" in response.content.decode()
    control = selected.controls.get(what="Attestlistor")
    assert control.reported_in == ("T2", "VB")


def test_a_control_reported_in_no_period_is_refused(client, committee_editor, selected):
    client.force_login(committee_editor)
    before = snapshot()
    response = client.post(url("control_create", selected.pk), {"what": "Attestlistor"})
    assert response.status_code == 400
    assert "Ange när kontrollen rapporteras (T1, T2 eller VB)." in response.content.decode()
    control = selected.controls.get()
    response = client.post(url("control_edit", control.pk), {"what": ""})
    assert "Ange vad som kontrolleras." in response.content.decode()
    assert snapshot() == before


def test_a_risk_left_out_takes_no_controls(client, committee_editor, control_plan):
    risk = add_risk(control_plan.processes.get(), "Jäv", 1, 1)
    client.force_login(committee_editor)
    response = client.post(url("control_create", risk.pk), {"what": "X", "report_vb": "on"})
    assert response.status_code == 400
    assert "Ta med risken i kontrollplanen" in response.content.decode()
    assert not Control.objects.exists()


def test_a_control_is_edited_and_deleted(client, committee_editor, selected):
    control = selected.controls.get()
    client.force_login(committee_editor)
    client.post(url("control_edit", control.pk), {"what": "Nytt", "report_vb": "on"})
    control.refresh_from_db()
    assert (control.what, control.reported_in) == ("Nytt", ("VB",))
    client.post(url("control_delete", control.pk), {"confirm": "1"})
    assert not Control.objects.exists()


# ---------------------------------------------------------------- refusals of the structure


def structure_writes(plan, risk):
    process, control = risk.process, risk.controls.get()
    return [
        ("process_create", plan.pk, {"title": "Ny"}),
        ("process_edit", process.pk, {"title": "Ny"}),
        ("process_delete", process.pk, {"confirm": "1"}),
        ("risk_create", process.pk, {"title": "Ny"}),
        ("risk_edit", risk.pk, {"title": "Ny", "selected": "on", "probability": "1"}),
        ("risk_delete", risk.pk, {"confirm": "1"}),
        ("control_create", risk.pk, {"what": "Ny", "report_vb": "on"}),
        ("control_edit", control.pk, {"what": "Ny", "report_vb": "on"}),
        ("control_delete", control.pk, {"confirm": "1"}),
    ]


@pytest.mark.parametrize("status", [PlanStatus.SUBMITTED, PlanStatus.ADOPTED])
def test_a_locked_plan_refuses_every_structure_write(
    client, committee_editor, city_admin, control_plan, selected, status
):
    set_status(control_plan, status)
    before = snapshot()
    for user in (committee_editor, city_admin):
        client.force_login(user)
        for name, pk, data in structure_writes(control_plan, selected):
            assert client.post(url(name, pk), data).status_code == 403, name
            if not name.endswith("_delete"):
                assert client.get(url(name, pk)).status_code == 403, name
    assert snapshot() == before


@pytest.mark.parametrize(
    ("persona", "status"),
    [("reader", 403), ("approver", 403), ("controller", 403), ("editor_a", 404), ("outsider", 404)],
)
def test_who_may_not_edit_the_structure_is_refused(
    request, client, control_plan, selected, persona, status
):
    client.force_login(request.getfixturevalue(persona))
    before = snapshot()
    for name, pk, data in structure_writes(control_plan, selected):
        assert client.post(url(name, pk), data).status_code == status, name
    assert snapshot() == before


def test_the_edit_pages_ask_for_a_sign_in(client, control_plan):
    response = client.get(url("process_create", control_plan.pk))
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]


# ---------------------------------------------------------------- follow-up


def results():
    return list(ControlResult.objects.values_list("pk", "done", "result", "findings"))


def measures():
    return list(Measure.objects.values_list("pk", "name", "status", "start", "end"))


def test_followup_is_refused_before_adoption(client, committee_editor, selected, periods):
    control = selected.controls.get()
    client.force_login(committee_editor)
    response = client.get(url("result_report", control.pk, "2026T1"), follow=True)
    assert response.status_code == 403
    assert "följs upp först när den är fastställd" in response.content.decode()
    assert (
        client.post(url("result_report", control.pk, "2026T1"), {"done": "yes"}).status_code == 403
    )
    assert not ControlResult.objects.exists()


def test_a_control_is_reported_and_its_deviation_gets_a_measure(
    client, committee_editor, control_plan, selected, periods
):
    control = selected.controls.get()
    adopt(control_plan)
    client.force_login(committee_editor)
    form = client.get(url("result_report", control.pk, "2026T1"), **HTMX)
    assert form.status_code == 200 and "Är kontrollen gjord?" in form.content.decode()
    response = client.post(
        url("result_report", control.pk, "2026T1"),
        {"done": "yes", "result": "deviation", "findings": "Två fakturor utan attest"},
        **HTMX,
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="followup">') and "◐ Avvikelser" in html
    result = ControlResult.objects.get()
    assert (result.done, result.result, result.reported_by) == (True, "deviation", committee_editor)
    response = client.post(
        url("measure_create", result.pk),
        {"name": "Påminnelse", "start": "2026-05-01", "end": "2026-06-30", "status": "started"},
    )
    assert response.status_code == 302
    measure = Measure.objects.get()
    client.post(
        url("measure_edit", measure.pk),
        {"name": "Påminnelse", "status": "finished", "start": "", "end": ""},
    )
    measure.refresh_from_db()
    assert measure.status == "finished"
    client.post(url("measure_delete", measure.pk), {"confirm": "1"})
    assert not Measure.objects.exists()


def test_a_bad_followup_post_says_why_and_changes_nothing(
    client, committee_editor, control_plan, selected, periods
):
    control = selected.controls.get()
    adopt(control_plan)
    client.force_login(committee_editor)
    report = url("result_report", control.pk, "2026T1")
    for data, message in (
        ({"done": ""}, "Ange om kontrollen är gjord."),
        ({"done": "yes"}, "Ange om kontrollen visade avvikelser."),
        ({"done": "yes", "result": "deviation"}, "Beskriv avvikelserna."),
        ({"done": "no", "result": "no_deviation"}, "En kontroll som inte är gjord har inget"),
    ):
        response = client.post(report, data)
        assert response.status_code == 400 and message in response.content.decode(), data
    assert not ControlResult.objects.exists()
    client.post(report, {"done": "yes", "result": "no_deviation"})
    result = ControlResult.objects.get()
    response = client.post(url("measure_create", result.pk), {"name": "X", "status": "started"})
    assert "Åtgärder hör till en kontroll som visade avvikelser." in response.content.decode()
    response = client.post(report, {"done": "yes", "result": "deviation", "findings": "Fel"})
    measure = services.measure_create(result=ControlResult.objects.get(), name="Åtgärd")
    before = measures()
    response = client.post(
        url("measure_edit", measure.pk),
        {"name": "Åtgärd", "status": "started", "start": "2026-06-01", "end": "2026-05-01"},
    )
    assert response.status_code == 400
    assert "Slutdatum kan inte ligga före startdatum." in response.content.decode()
    assert measures() == before


def test_followup_is_refused_once_the_periods_report_is_handed_in(
    client, org, committee_editor, control_plan, selected, periods
):
    control = selected.controls.get()
    adopt(control_plan)
    result, measure = report_deviation(control, periods["T1"], committee_editor)
    hand_in_report(org.north, periods["T1"])
    client.force_login(committee_editor)
    before = (results(), measures())
    for method, name, pk, data in (
        ("get", "result_report", (control.pk, "2026T1"), {}),
        ("post", "result_report", (control.pk, "2026T1"), {"done": "no"}),
        ("post", "measure_create", (result.pk,), {"name": "Ny", "status": "started"}),
        ("get", "measure_edit", (measure.pk,), {}),
        ("post", "measure_edit", (measure.pk,), {"name": "Ny", "status": "finished"}),
        ("post", "measure_delete", (measure.pk,), {"confirm": "1"}),
    ):
        response = getattr(client, method)(url(name, *pk), data, follow=True)
        assert response.status_code == 403, name
        assert "Rapporten för Tertialrapport 1 2026 är inlämnad" in response.content.decode()
    assert (results(), measures()) == before
    page = client.get(url("detail", control_plan.pk)).content.decode()
    assert url("result_report", control.pk, "2026T1") not in page
    assert "Rapporten för perioden är inlämnad" in page


@pytest.mark.parametrize(
    ("persona", "status"),
    [("reader", 403), ("approver", 403), ("controller", 403), ("editor_a", 404), ("outsider", 404)],
)
def test_who_may_not_follow_up_is_refused(
    request, client, committee_editor, control_plan, selected, periods, persona, status
):
    control = selected.controls.get()
    adopt(control_plan)
    result, measure = report_deviation(control, periods["T1"], committee_editor)
    client.force_login(request.getfixturevalue(persona))
    before = (results(), measures())
    for name, args, data in (
        ("result_report", (control.pk, "2026T1"), {"done": "no"}),
        ("measure_create", (result.pk,), {"name": "Ny", "status": "started"}),
        ("measure_edit", (measure.pk,), {"name": "Ny", "status": "finished"}),
        ("measure_delete", (measure.pk,), {"confirm": "1"}),
    ):
        assert client.post(url(name, *args), data).status_code == status, name
    assert (results(), measures()) == before


def test_a_period_the_control_is_not_reported_in_is_no_page(
    client, committee_editor, control_plan, selected, periods
):
    control = selected.controls.get()  # reported in T1 and VB
    adopt(control_plan)
    client.force_login(committee_editor)
    assert client.get(url("result_report", control.pk, "2026T2")).status_code == 404
    assert client.get(url("result_report", control.pk, "2027T1")).status_code == 404
    assert client.get(url("result_report", control.pk, "nonsens")).status_code == 404
    assert client.get(url("result_report", control.pk, "2026VB")).status_code == 200
