"""The pages of internal control: the year's plans, starting one, the plan page with its
matrix and follow-up, copying to next year and the city's risks, with their refusals by role."""

import pytest
from lxml import html as lxml_html

from styra.goals.models import Level, PlanningYear, YearState
from styra.goals.services import goal_create
from styra.internal_control import services
from styra.internal_control.models import CityRisk, ControlPlan, Risk
from styra.plans.models import PlanStatus

from .world import add_control, add_risk, adopt, grow, report_deviation, set_status, url

pytestmark = pytest.mark.django_db


def soup(response):
    return lxml_html.fromstring(response.content.decode())


def text(node):
    return " ".join(node.text_content().split())


def one(node, xpath):
    (found,) = node.xpath(xpath)
    return found


def has_class(name):
    return f"contains(concat(' ', @class, ' '), ' {name} ')"


def cells(tr):
    return [text(c) for c in tr.xpath("./th|./td")]


# ---------------------------------------------------------------- the year's plans


@pytest.fixture
def plans(org, chain, control_plan):
    """Norra nämnden's plan (one risk, selected, with a control), unit A's and Södra nämnden's."""
    risk = add_risk(control_plan.processes.get(), "Fel attest", 3, 3, selected=True)
    add_control(risk)
    add_risk(control_plan.processes.get(), "Jäv", 1, 2)
    unit = services.control_plan_create(org_unit=org.unit_a, year=chain.year)
    south = services.control_plan_create(org_unit=org.south, year=chain.year)
    return control_plan, unit, south


def test_the_year_lists_committees_first_and_their_units_under_them(client, city_admin, plans):
    client.force_login(city_admin)
    page = soup(client.get(url("year", 2026)))
    sections = page.xpath("//main//section[starts-with(@aria-labelledby, 'committee')]")
    assert [text(one(s, ".//h2")) for s in sections] == ["Norra nämnden", "Södra nämnden"]
    rows = [cells(tr) for tr in sections[0].xpath(".//tbody/tr")]
    assert rows == [
        ["Norra nämnden", "✎ Utkast", "2", "1", "1"],
        ["Enhet A", "✎ Utkast", "0", "0", "0"],
    ]
    assert page.xpath("//a[@aria-current='page'][@href='/internkontroll/']")


def test_the_year_shows_only_the_plans_the_person_may_see(client, editor_a, reader, plans):
    client.force_login(editor_a)
    html = client.get(url("year", 2026)).content.decode()
    assert "Enhet A" in html and "Södra nämnden" not in html
    assert "Starta internkontrollplan" not in html  # a unit's plan is started by its committee
    client.force_login(reader)
    html = client.get(url("year", 2026)).content.decode()
    assert "Enhet A" in html and "Södra" not in html and "Starta internkontrollplan" not in html


def test_the_start_form_offers_the_nodes_the_person_may_start_a_plan_for(
    client, committee_editor, plans
):
    client.force_login(committee_editor)
    page = soup(client.get(url("year", 2026)))
    form = one(page, "//form[@action='/internkontroll/ny/']")
    options = [text(o) for o in form.xpath(".//select[@name='node']/option")]
    # Norra nämnden and unit A have plans already; the city and Södra nämnden are not theirs.
    assert options == ["Socialförvaltningen", "Enhet B"]
    assert one(form, ".//input[@name='year']").get("value") == "2026"


def test_a_draft_year_is_hidden_from_all_but_those_who_prepare_it(
    client, org, chain, editor_a, committee_editor, city_admin, committee_admin
):
    PlanningYear.objects.create(year=2027, state=YearState.DRAFT)
    for user in (editor_a, committee_editor):
        client.force_login(user)
        assert client.get(url("year", 2027)).status_code == 404
        assert client.get(url("city_risks", 2027)).status_code == 404
    for user in (city_admin, committee_admin):
        client.force_login(user)
        response = client.get(url("year", 2027))
        assert response.status_code == 200
        assert "utkast" in response.content.decode()
        assert "Starta internkontrollplan" not in response.content.decode()


def test_the_navigation_leads_to_this_years_plans(client, reader, chain):
    client.force_login(reader)
    response = client.get(url("home"))
    assert response.status_code == 302 and response["Location"] == url("year", 2026)
    assert client.get(url("year", 1999)).status_code == 404


def test_the_year_list_runs_a_bounded_number_of_queries(
    client, org, chain, city_admin, plans, django_assert_max_num_queries
):
    client.force_login(city_admin)
    with django_assert_max_num_queries(13):
        assert client.get(url("year", 2026)).status_code == 200
    for node in (org.unit_b, org.dept, org.unit_s):
        plan = services.control_plan_create(org_unit=node, year=chain.year)
        grow(services.process_create(plan=plan, title="Ekonomi"), 5)
    with django_assert_max_num_queries(13):
        response = client.get(url("year", 2026))
    assert "Enhet S" in response.content.decode()


# ---------------------------------------------------------------- starting a plan


def test_a_committee_editor_starts_a_units_plan(client, org, chain, committee_editor):
    client.force_login(committee_editor)
    response = client.post(url("create"), {"node": org.unit_a.pk, "year": 2026})
    plan = ControlPlan.objects.get(org_unit=org.unit_a)
    assert response.status_code == 302 and response["Location"] == url("detail", plan.pk)


@pytest.mark.parametrize(
    ("persona", "node", "status"),
    [
        ("editor_a", "unit_a", 403),  # sees the unit, but its plan is the committee's to start
        ("reader", "north", 403),
        ("editor_a", "unit_s", 404),  # another committee's unit
        ("outsider", "north", 404),
    ],
)
def test_who_may_not_start_a_plan_is_refused(request, client, org, chain, persona, node, status):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(url("create"), {"node": getattr(org, node).pk, "year": 2026})
    assert response.status_code == status
    assert not ControlPlan.objects.exists()


def test_a_refused_start_says_why_in_swedish_and_makes_nothing(
    client, org, chain, committee_editor, control_plan
):
    client.force_login(committee_editor)
    response = client.post(url("create"), {"node": org.north.pk, "year": 2026})
    assert response.status_code == 400
    assert "Norra nämnden har redan en internkontrollplan för 2026." in response.content.decode()
    response = client.post(url("create"), {"node": "", "year": 2026})
    assert response.status_code == 400 and "Välj nämnd eller enhet." in response.content.decode()
    assert ControlPlan.objects.count() == 1
    assert client.post(url("create"), {"node": org.north.pk, "year": 1999}).status_code == 404
    assert client.get(url("create")).status_code == 405


# ---------------------------------------------------------------- the plan page


@pytest.fixture
def analysed(org, chain, control_plan):
    """Norra nämnden's plan: three assessed risks (two in one cell), one unassessed, one city
    risk, one high risk left out with its reason, one without."""
    process = control_plan.processes.get()
    services.city_risk_create(year=chain.year, process="Informationssäkerhet", title="Dataläcka")
    attest = add_risk(process, "Fel attest", 3, 3, selected=True, goal=chain.board)
    add_control(attest, what="Stickprov på attester", method="Granskning", report_t2=True)
    add_risk(process, "Dubbelbetalning", 3, 3, reason="Ekonomisystemet stoppar dem.")
    add_risk(process, "Jäv", 4, 2)
    add_risk(process, "Okänd", None, None)
    return control_plan


def test_the_plan_page_by_role(client, request, analysed, org):
    for persona, status in (
        ("reader", 200),
        ("approver", 200),
        ("committee_editor", 200),
        ("city_admin", 200),
        ("editor_a", 404),  # a unit sees its own plan, not its committee's
        ("outsider", 404),
    ):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(url("detail", analysed.pk)).status_code == status, persona
    assert client.post(url("detail", analysed.pk)).status_code == 405


def test_only_the_editors_of_a_draft_see_the_edit_buttons(
    client, reader, committee_editor, analysed
):
    client.force_login(reader)
    assert "Ny process eller rutin" not in client.get(url("detail", analysed.pk)).content.decode()
    client.force_login(committee_editor)
    html = client.get(url("detail", analysed.pk)).content.decode()
    assert "Ny process eller rutin" in html and "Nytt kontrollmoment" in html
    set_status(analysed, PlanStatus.SUBMITTED)
    html = client.get(url("detail", analysed.pk)).content.decode()
    assert "Ny process eller rutin" not in html and "Nytt kontrollmoment" not in html
    assert "Planen är inlämnad" in html


def test_the_risk_analysis_table(client, reader, analysed):
    client.force_login(reader)
    page = soup(client.get(url("detail", analysed.pk)))
    rows = {
        text(tr.find("th")): [text(td) for td in tr.findall("td")]
        for tr in page.xpath("//*[@id='risk-analysis']//tbody/tr")
    }
    assert rows["Fel attest"] == [
        "–",
        "Ingen ska vänta längre än nödvändigt",
        "3 – Möjlig",
        "3 – Kännbar",
        "9",
        "Hög",
        "Ja",
        "–",
    ]
    assert rows["Dubbelbetalning"][-1] == "Ekonomisystemet stoppar dem."
    assert rows["Jäv"][4:7] == ["8", "Hög", "Nej"] and rows["Jäv"][-1] == "! Skäl saknas"
    assert rows["Okänd"][2:6] == ["–", "–", "–", "Inte bedömd"]
    assert "Dataläcka Stadens risk" in rows  # the city's risk, marked
    level = page.xpath(f"//*[@id='risk-analysis']//tbody//*[{has_class('risk-level--high')}]")[0]
    assert text(level) == "Hög"  # the colour comes with its word


def test_the_matrix_counts_its_cells_and_is_also_a_table(client, reader, analysed):
    client.force_login(reader)
    page = soup(client.get(url("detail", analysed.pk)))
    drawing = one(page, f"//*[@id='risk-matrix']//*[{has_class('risk-matrix')}]")
    assert drawing.get("aria-hidden") == "true"
    cells = [text(c) for c in drawing.xpath(f".//*[{has_class('risk-matrix__cell')}]")]
    # Consequence 4 → 1 down, probability 1 → 4 across: (3, 3) twice, (4, 2) once.
    assert len(cells) == 16
    assert cells[4 + 2] == "2 Hög"  # consequence 3, probability 3
    assert cells[8 + 3] == "1 Hög"  # consequence 2, probability 4
    assert cells[0] == "0 Medel" and cells[12] == "0 Låg" and cells[3] == "0 Mycket hög"
    assert sum(int(c.split()[0]) for c in cells) == 3

    table = one(page, "//*[@id='risk-matrix']//table")
    assert "antal risker per konsekvens och sannolikhet" in text(table.find("caption"))
    headers = [(th.get("scope"), text(th)) for th in table.xpath(".//thead//th")]
    assert headers == [
        ("col", "Konsekvens"),
        ("col", "Sannolikhet 1 – Osannolik"),
        ("col", "Sannolikhet 2 – Mindre sannolik"),
        ("col", "Sannolikhet 3 – Möjlig"),
        ("col", "Sannolikhet 4 – Sannolik"),
    ]
    body = table.xpath(".//tbody/tr")
    grid = {text(tr.find("th")): [text(td) for td in tr.findall("td")] for tr in body}
    assert [tr.find("th").get("scope") for tr in body] == ["row"] * 4
    assert list(grid) == ["4 – Allvarlig", "3 – Kännbar", "2 – Lindrig", "1 – Försumbar"]
    assert grid["3 – Kännbar"] == ["0 (Låg)", "0 (Medel)", "2 (Hög)", "0 (Mycket hög)"]
    assert grid["2 – Lindrig"][3] == "1 (Hög)"
    assert "2 risker är inte bedömda och finns inte i matrisen." in text(
        one(page, "//*[@id='risk-matrix']")
    )


def test_the_control_plan_and_what_stands_in_the_way_of_handing_in(client, reader, analysed):
    client.force_login(reader)
    page = soup(client.get(url("detail", analysed.pk)))
    row = one(page, "//*[@id='control-plan']//tbody/tr")
    assert cells(row) == [
        "Stickprov på attester",
        "Granskning",
        "–",
        "–",
        "–",
        "T1, T2, VB",
    ]
    problems = one(page, "//*[@id='control-plan-decisions']//*[@id='submission-problems']")
    assert text(one(problems, ".//h3")) == "Innan planen kan lämnas in"
    items = [text(li) for li in problems.xpath(".//li")]
    assert "Risken ”Okänd” är inte bedömd." in items
    assert any("”Jäv” har riskvärde 8" in item for item in items)
    assert "✎ Utkast" in text(one(page, "//*[@id='control-plan-decisions']"))


def test_the_followup_shows_each_periods_results_like_goal_status(
    client, committee_editor, analysed, periods
):
    attest = Risk.objects.get(title="Fel attest")
    control = attest.controls.get()
    adopt(analysed)
    report_deviation(
        control,
        periods["T1"],
        committee_editor,
        findings="Två fakturor utan attest",
        responsible="Ekonomichefen",
    )
    client.force_login(committee_editor)
    page = soup(client.get(url("detail", analysed.pk)))
    t1 = one(page, "//*[@id='period-2026T1']")
    assert text(one(t1, ".//h3")) == "Tertialrapport 1 2026"
    row = one(t1, ".//tbody/tr")
    mark = one(row, f".//*[{has_class('status')}]")
    assert "status--partly" in mark.get("class") and text(mark) == "◐ Avvikelser"
    assert "Två fakturor utan attest" in text(row) and "Åtgärd" in text(row)
    assert "Ansvarig: Ekonomichefen" in text(row) and "Ej påbörjad" in text(row)
    assert row.xpath(".//a[contains(@href, '/2026T1/')]")  # report again
    t2 = one(page, "//*[@id='period-2026T2']")
    assert text(one(t2, f".//*[{has_class('status')}]")) == "– Ej rapporterad"
    # VB too: the control is reported in every part of the year.
    assert page.xpath("//*[@id='period-2026VB']//tbody/tr")


def test_the_plan_page_runs_a_bounded_number_of_queries_whatever_its_size(
    client, committee_editor, analysed, periods, django_assert_max_num_queries
):
    client.force_login(committee_editor)
    process = analysed.processes.first()
    grow(process, 2)
    with django_assert_max_num_queries(16):
        assert client.get(url("detail", analysed.pk)).status_code == 200
    adopt(analysed)
    for control in [r.controls.first() for r in analysed.risks.filter(selected=True)]:
        report_deviation(control, periods["T1"], committee_editor)
    set_status(analysed, PlanStatus.DRAFT)
    grow(process, 30, start=2)
    adopt(analysed)
    with django_assert_max_num_queries(16):
        response = client.get(url("detail", analysed.pk))
    assert "Kontroll 31" in response.content.decode()


def test_a_block_is_rendered_alone_for_htmx(client, reader, analysed):
    client.force_login(reader)
    response = client.get(url("detail", analysed.pk) + "?block=analysis", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="analysis">') and "<html" not in html
    nothing = client.get(url("detail", analysed.pk) + "?block=nej", HTTP_HX_REQUEST="true")
    assert nothing.status_code == 404


# ---------------------------------------------------------------- next year


@pytest.fixture
def next_year(org):
    year = PlanningYear.objects.create(year=2027)
    goal_create(year=year, level=Level.DIRECTION, owner=org.city, title="En stad för alla")
    return year


def test_copying_to_next_year(client, committee_editor, analysed, next_year):
    adopt(analysed)  # copying reads the plan: an adopted one is the usual source
    client.force_login(committee_editor)
    page = client.get(url("copy", analysed.pk))
    assert page.status_code == 200 and '<option value="2027" selected>' in page.content.decode()
    response = client.post(url("copy", analysed.pk), {"year": 2027})
    copy = ControlPlan.objects.get(year=next_year)
    assert response.status_code == 302 and response["Location"] == url("detail", copy.pk)
    assert copy.copied_from == analysed and copy.status == PlanStatus.DRAFT
    assert sorted(copy.risks.values_list("title", flat=True)) == sorted(
        analysed.risks.values_list("title", flat=True)
    )
    # The node has its 2027 plan now: no year is left to copy into.
    page = client.get(url("copy", analysed.pk))
    assert "Det finns inget senare planeringsår" in page.content.decode()
    assert client.post(url("copy", analysed.pk), {"year": 2027}).status_code == 400
    assert ControlPlan.objects.filter(year=next_year).count() == 1


def test_copying_is_refused_to_those_who_may_not_start_the_plan(
    client, org, chain, reader, editor_a, outsider, next_year, analysed
):
    unit = services.control_plan_create(org_unit=org.unit_a, year=chain.year)
    for user, plan, status in (
        (reader, analysed, 403),
        (editor_a, unit, 403),  # the unit's plan is its committee's to start, next year too
        (outsider, analysed, 404),
    ):
        client.force_login(user)
        assert client.post(url("copy", plan.pk), {"year": 2027}).status_code == status
    assert not ControlPlan.objects.filter(year=next_year).exists()


def test_a_bad_copy_year_is_told_and_makes_nothing(client, committee_editor, analysed, next_year):
    client.force_login(committee_editor)
    for year in ("2025", "2030", "tjugo"):
        response = client.post(url("copy", analysed.pk), {"year": year})
        assert response.status_code == 400
        assert "Välj ett av de planeringsår som erbjuds." in response.content.decode()
    assert not ControlPlan.objects.filter(year=next_year).exists()


# ---------------------------------------------------------------- the city's risks


def test_everyone_who_sees_the_year_sees_the_citys_risks(client, chain, editor_a, city_admin):
    services.city_risk_create(year=chain.year, process="Ekonomi", title="Underskott")
    client.force_login(editor_a)
    html = client.get(url("city_risks", 2026)).content.decode()
    assert "Underskott" in html and "Ny risk för alla nämnder" not in html
    assert 'name="confirm"' not in html and "ta-bort" not in html


def test_only_the_citys_administrators_add_and_remove_the_citys_risks(
    client, chain, committee_editor, reader, control_plan
):
    city_risk = services.city_risk_create(year=chain.year, process="Ekonomi", title="Underskott")
    for user in (committee_editor, reader):
        client.force_login(user)
        response = client.post(url("city_risks", 2026), {"process": "Ekonomi", "title": "Mutor"})
        assert response.status_code == 403
        assert (
            client.post(url("city_risk_delete", city_risk.pk), {"confirm": "1"}).status_code == 403
        )
    assert list(CityRisk.objects.values_list("title", flat=True)) == ["Underskott"]


def test_the_city_adds_a_risk_every_draft_committee_plan_receives(
    client, chain, city_admin, control_plan
):
    client.force_login(city_admin)
    response = client.post(
        url("city_risks", 2026), {"process": "Upphandling", "title": "Mutor", "description": ""}
    )
    assert response.status_code == 302
    assert control_plan.risks.get(title="Mutor").city_risk is not None
    response = client.post(url("city_risks", 2026), {"process": "", "title": ""})
    assert response.status_code == 400
    assert "Beskriv risken." in response.content.decode()
    assert CityRisk.objects.count() == 1


def test_removing_a_city_risk_asks_first_and_is_refused_behind_a_decision(
    client, chain, city_admin, control_plan
):
    city_risk = services.city_risk_create(year=chain.year, process="Ekonomi", title="Underskott")
    client.force_login(city_admin)
    question = client.post(url("city_risk_delete", city_risk.pk))
    assert question.status_code == 200
    assert "Stadens risk ”Underskott” tas bort" in question.content.decode()
    assert CityRisk.objects.exists()
    adopt(control_plan)
    response = client.post(url("city_risk_delete", city_risk.pk), {"confirm": "1"}, follow=True)
    assert "inte dras tillbaka" in response.content.decode()
    assert CityRisk.objects.exists()
    set_status(control_plan, PlanStatus.DRAFT)
    client.post(url("city_risk_delete", city_risk.pk), {"confirm": "1"})
    assert not CityRisk.objects.exists() and not control_plan.risks.exists()
    assert client.get(url("city_risk_delete", 1)).status_code == 405
