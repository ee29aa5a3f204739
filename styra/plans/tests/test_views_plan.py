"""The plan page and its in-place editing, through the views, for every persona."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from styra.budget.models import BudgetRow
from styra.conftest import add_indicator, add_unit_goal
from styra.goals.models import Activity, Goal, Level, PlanningYear
from styra.goals.services import activity_create, goal_create
from styra.indicators.models import Indicator, Target
from styra.indicators.services import target_set
from styra.plans.models import Plan, PlanStatus, Section
from styra.plans.services import section_create

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def unit_goal(plan_a, chain, org):
    return add_unit_goal(
        chain, org.unit_a, "Alla besök bokas inom tre dagar", expected_result="Kortare väntan."
    )


@pytest.fixture
def kf_indicator(chain, org):
    indicator = add_indicator(
        chain.area, org.city, "Andel nöjda invånare", target="öka", periodicity="year"
    )
    return indicator


def url(name, *args):
    return reverse(f"plans:{name}", args=args)


def decision(name, *args):
    """The decisions are the decisions room's URLs, beside the page's own."""
    return reverse(f"decisions:{name}", args=args)


def test_it_shows_the_whole_chain_to_a_reader(client, reader, plan_a, unit_goal, kf_indicator, org):
    target_set(indicator=kf_indicator, org_unit=org.unit_a, text="80 %")
    client.force_login(reader)
    response = client.get(url("detail", plan_a.pk))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Verksamhetsplan 2026",
        "Enhet A",
        "En stad för alla",
        "Invånarna får stöd i tid",
        "Ingen ska vänta längre än nödvändigt",
        "Alla besök bokas inom tre dagar",
        "Kortare väntan.",
        "Andel nöjda invånare",
        "80 %",
        "öka",
        "Enhetsmål:",
        "KF:s inriktningsmål:",
        "Nämndmål:",
        "Förslag till beslut",
    ):
        assert text in html, text
    assert html.index("En stad för alla") < html.index("Alla besök bokas")
    assert "Ändra uppgifter" not in html  # a reader gets no edit controls


@pytest.mark.parametrize("persona", ["editor_b", "outsider"])
def test_it_hides_the_plan_from_those_outside_its_subtree(client, request, persona, plan_a):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url("detail", plan_a.pk)).status_code == 404
    assert client.get(reverse("documents:plan", args=[plan_a.pk, "json"])).status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(client, plan_a):
    response = client.get(url("detail", plan_a.pk))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_it_lists_only_visible_plans_on_the_start_page(client, editor_a, plan_a, plan_b):
    client.force_login(editor_a)
    html = client.get(reverse("start:home")).content.decode()
    assert "Enhet A" in html and "Enhet B" not in html


def test_it_runs_a_bounded_number_of_queries_whatever_the_plan_size(
    client, editor_a, plan_a, chain, org, django_assert_max_num_queries
):
    client.force_login(editor_a)

    def grow(n):
        for i in range(n):
            goal = add_unit_goal(chain, org.unit_a, f"Mål {i}", method="Så här.")
            for j in range(3):
                add_indicator(goal, org.unit_a, f"Indikator {i}.{j}", target=f"{j} st")
                activity_create(goal=goal, owner=org.unit_a, name=f"Aktivitet {i}.{j}")
            section_create(plan=plan_a, heading=f"Avsnitt {i}", text="Text.")

    grow(2)
    with django_assert_max_num_queries(25):
        assert client.get(url("detail", plan_a.pk)).status_code == 200
    grow(30)
    with django_assert_max_num_queries(25):
        response = client.get(url("detail", plan_a.pk))
    assert "Aktivitet 29.2" in response.content.decode()


def test_it_edits_the_header_in_place(client, editor_a, plan_a):
    client.force_login(editor_a)
    form = client.get(url("header_edit", plan_a.pk), **HTMX)
    assert form.status_code == 200 and 'name="officer"' in form.content.decode()
    response = client.post(
        url("header_edit", plan_a.pk),
        {
            "officer": "Kim Berg",
            "phone": "08-123",
            "addressee": "Norra nämnden",
            "meeting_date": "2026-01-20",
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert 'id="header"' in response.content.decode()
    plan_a.refresh_from_db()
    assert plan_a.officer == "Kim Berg" and str(plan_a.meeting_date) == "2026-01-20"


def test_it_rejects_a_date_that_is_not_a_date_in_swedish(client, editor_a, plan_a):
    client.force_login(editor_a)
    response = client.post(
        url("header_edit", plan_a.pk), {"officer": "X", "meeting_date": "01/02/2026"}
    )
    assert response.status_code == 400
    assert "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-31." in response.content.decode()
    plan_a.refresh_from_db()
    assert plan_a.officer == "" and plan_a.meeting_date is None


def test_it_returns_a_refused_htmx_form_to_its_slot(client, editor_a, plan_a):
    client.force_login(editor_a)
    response = client.post(url("section_create", plan_a.pk, "intro"), {"heading": ""}, **HTMX)
    assert response["HX-Retarget"] == "#slot-intro"
    assert "Rätta följande" in response.content.decode()
    assert not Section.objects.exists()


def test_a_section_too_long_is_refused_in_styras_words_and_changes_nothing(
    client, editor_a, plan_a
):
    section = section_create(plan=plan_a, heading="Inledning", text="Kort.")
    client.force_login(editor_a)
    response = client.post(
        url("section_edit", plan_a.pk, section.pk),
        {"heading": "R" * 301, "text": "x" * 50_001},
        **HTMX,
    )
    html = response.content.decode()
    assert "Rubriken får vara högst 300 tecken." in html
    assert (
        "Texten får vara högst 50\u00a0000 tecken lång. Den är nu 50\u00a0001 tecken; "
        "korta den och spara igen."
    ) in html
    assert "som mest" not in html
    section.refresh_from_db()
    assert (section.heading, section.text) == ("Inledning", "Kort.")


@pytest.mark.parametrize(
    "persona,status",
    [("reader", 403), ("approver", 403), ("controller", 403), ("editor_b", 404), ("outsider", 404)],
)
def test_it_refuses_edits_from_others(client, request, persona, status, plan_a, unit_goal):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(url("header_edit", plan_a.pk), {"officer": "Hacker"}).status_code == status
    assert (
        client.post(url("goal_edit", plan_a.pk, unit_goal.pk), {"title": "Ändrat"}).status_code
        == status
    )
    assert client.post(url("goal_delete", plan_a.pk, unit_goal.pk)).status_code == status
    plan_a.refresh_from_db()
    unit_goal.refresh_from_db()
    assert plan_a.officer == "" and unit_goal.title == "Alla besök bokas inom tre dagar"


def test_it_refuses_objects_of_another_unit_by_id(client, editor_a, plan_a, plan_b, chain, org):
    other = add_unit_goal(chain, org.unit_b, "Enhet B:s mål")
    client.force_login(editor_a)
    assert client.post(url("goal_edit", plan_a.pk, other.pk), {"title": "Kapat"}).status_code == 404
    assert client.post(url("goal_delete", plan_a.pk, other.pk)).status_code == 404
    assert Goal.objects.get(pk=other.pk).title == "Enhet B:s mål"


def test_it_creates_a_unit_goal_with_indicator_and_activity(client, editor_a, plan_a, chain):
    client.force_login(editor_a)
    response = client.post(
        url("goal_create", plan_a.pk),
        {"parent": chain.board.pk, "title": "Nytt enhetsmål", "method": "- Ett\n- Två"},
        **HTMX,
    )
    assert response.status_code == 200 and 'id="chain"' in response.content.decode()
    goal = Goal.objects.get(title="Nytt enhetsmål")
    assert goal.owner == plan_a.unit and goal.parent == chain.board
    assert "<li>Två</li>" in response.content.decode()

    client.post(
        url("indicator_create", plan_a.pk, goal.pk),
        {
            "name": "Andel i tid",
            "measure": "%",
            "direction": "higher",
            "periodicity": "tertial",
            "decimals": "1",
            "target": "90 %",
        },
        **HTMX,
    )
    indicator = Indicator.objects.get(name="Andel i tid")
    assert Target.objects.get(indicator=indicator, org_unit=plan_a.unit).value == Decimal(90)

    bad = client.post(
        url("activity_create", plan_a.pk, goal.pk),
        {"name": "Utbildning", "start": "2026-05-01", "end": "2026-02-01"},
        **HTMX,
    )
    assert "Slutdatum kan inte ligga före startdatum." in bad.content.decode()
    client.post(
        url("activity_create", plan_a.pk, goal.pk),
        {"name": "Utbildning", "start": "2026-02-01", "end": "2026-05-01"},
        **HTMX,
    )
    assert Activity.objects.filter(goal=goal).count() == 1


def test_it_only_offers_board_goals_of_the_units_committee(client, editor_a, plan_a, chain, org):
    foreign = goal_create(
        year=chain.year, level=Level.BOARD, owner=org.south, parent=chain.area, title="Södras mål"
    )
    client.force_login(editor_a)
    response = client.post(url("goal_create", plan_a.pk), {"parent": foreign.pk, "title": "X"})
    assert response.status_code == 400
    assert "Välj ett nämndmål i listan." in response.content.decode()
    response = client.post(url("chain_add", plan_a.pk), {"goal": foreign.pk})
    assert response.status_code == 400
    assert not Goal.objects.filter(title="X").exists()


def test_it_sets_the_units_target_for_an_inherited_indicator(
    client, editor_a, plan_a, kf_indicator
):
    client.force_login(editor_a)
    response = client.post(
        url("target_edit", plan_a.pk, kf_indicator.pk), {"target": "75 %"}, **HTMX
    )
    assert response.status_code == 200
    assert Target.objects.get(indicator=kf_indicator, org_unit=plan_a.unit).text == "75 %"
    assert Target.objects.get(indicator=kf_indicator, org_unit__kind="city").text == "öka"


def test_it_offers_row_controls_only_where_the_unit_may_use_them(
    client, editor_a, reader, plan_a, unit_goal, kf_indicator, org
):
    target_set(indicator=kf_indicator, org_unit=org.unit_a, text="80 %")
    activity_create(goal=unit_goal, owner=org.unit_a, name="Ny rutin", start=date(2026, 2, 1))
    client.force_login(editor_a)
    html = client.get(url("detail", plan_a.pk)).content.decode()
    assert 'Andel nöjda invånare <span class="tag">KF</span></th>' in html
    assert "Ändra årsmål" in html  # KF's indicator: the unit sets only its own target
    assert '<time datetime="2026-02-01">2026-02-01</time>' in html
    # KF's indicators on the area goal, the unit's activities on its own goal
    assert html.count('<th scope="col">Åtgärder</th>') == 2
    client.force_login(reader)
    html = client.get(url("detail", plan_a.pk)).content.decode()
    assert 'Andel nöjda invånare <span class="tag">KF</span></th>' in html
    assert "Åtgärder" not in html and "Ändra årsmål" not in html


def test_it_reorders_sections(client, editor_a, plan_a):
    first = section_create(plan=plan_a, heading="Först")
    second = section_create(plan=plan_a, heading="Sedan")
    client.force_login(editor_a)
    client.post(url("section_move", plan_a.pk, second.pk, "upp"), **HTMX)
    assert list(plan_a.sections.values_list("heading", flat=True)) == ["Sedan", "Först"]
    assert first.pk


def test_it_edits_the_budget_with_swedish_numbers(client, controller, editor_a, plan_a):
    client.force_login(controller)
    response = client.post(
        url("budget_row_create", plan_a.pk),
        {"name": "Personal", "costs": "1 234,5", "revenues": "34,5", "row_kind": "line"},
        **HTMX,
    )
    assert response.status_code == 200
    assert "1\xa0234,5" in response.content.decode()
    row = BudgetRow.objects.get()
    assert row.costs == Decimal("1234.5") and row.revenues == Decimal("34.5") and row.net is None
    wrong = {"name": "Fel", "costs": "10", "net": "-12", "row_kind": "line"}
    refused = client.post(url("budget_row_create", plan_a.pk), wrong)
    assert refused.status_code == 400
    assert "Netto är kostnader minus intäkter, 10" in refused.content.decode()
    assert BudgetRow.objects.count() == 1
    bad = client.post(
        url("budget_row_create", plan_a.pk), {"name": "Fel", "costs": "mycket", "row_kind": "line"}
    )
    assert bad.status_code == 400 and "Ange ett tal" in bad.content.decode()
    # A controller keeps the budget but not the goals.
    assert client.post(url("goal_create", plan_a.pk), {"title": "X"}).status_code == 403


def test_it_adopts_locks_and_reopens_a_plan(client, approver, editor_a, plan_a):
    client.force_login(editor_a)
    assert client.post(decision("plan_adopt", plan_a.pk)).status_code == 403
    client.force_login(approver)
    # A draft is not adopted: it must be submitted first.
    client.post(decision("plan_adopt", plan_a.pk))
    plan_a.refresh_from_db()
    assert plan_a.status == PlanStatus.DRAFT and plan_a.adopted_at is None
    assert "Fastställ planen" not in client.get(url("detail", plan_a.pk)).content.decode()

    client.force_login(editor_a)
    client.post(decision("plan_submit", plan_a.pk))
    client.force_login(approver)
    assert "Fastställ planen" in client.get(url("detail", plan_a.pk)).content.decode()
    client.post(decision("plan_adopt", plan_a.pk))
    plan_a.refresh_from_db()
    assert plan_a.status == PlanStatus.ADOPTED
    assert plan_a.adopted_by == approver and plan_a.adopted_at is not None

    client.force_login(editor_a)
    assert client.post(url("header_edit", plan_a.pk), {"officer": "Sent"}).status_code == 403
    html = client.get(url("detail", plan_a.pk)).content.decode()
    assert "Förslag till beslut" not in html and "Lämna in planen" not in html
    assert f"av {approver.username}" in html and f"av {editor_a.username}" in html

    client.force_login(approver)
    refused = client.post(decision("plan_reopen", plan_a.pk), {"reason": ""})
    assert refused.status_code == 400
    assert (
        'id="id_reason_error"><span class="field-error__line">Ange varför planen öppnas igen.'
        in refused.content.decode()
    )
    client.post(decision("plan_reopen", plan_a.pk), {"reason": "Nämnden ändrade budgeten."})
    plan_a.refresh_from_db()
    assert plan_a.status == PlanStatus.DRAFT


def test_the_units_editor_submits_the_plan_and_it_is_read_only(client, editor_a, approver, plan_a):
    client.force_login(editor_a)
    html = client.get(url("detail", plan_a.pk)).content.decode()
    assert "Lämna in planen" in html and "Fastställ planen" not in html
    response = client.post(decision("plan_submit", plan_a.pk))
    assert response.status_code == 302
    plan_a.refresh_from_db()
    assert plan_a.status == PlanStatus.SUBMITTED
    assert plan_a.submitted_by == editor_a and plan_a.submitted_at is not None

    html = client.get(url("detail", plan_a.pk)).content.decode()
    assert "➔ Inlämnad" in html and "Lämna in planen" not in html
    assert f"av {editor_a.username}" in html
    # Submitted is read-only, for the editor as for anyone, and cannot be submitted twice.
    assert client.post(url("header_edit", plan_a.pk), {"officer": "Sent"}).status_code == 403
    assert client.post(url("section_create", plan_a.pk, "intro"), {"heading": "X"}).status_code == (
        403
    )
    assert client.post(decision("plan_submit", plan_a.pk)).status_code == 403

    # The approver may reopen a submitted plan, with a reason.
    client.force_login(approver)
    assert "Öppna planen igen" in client.get(url("detail", plan_a.pk)).content.decode()
    client.post(decision("plan_reopen", plan_a.pk), {"reason": "Komplettera budgeten."})
    plan_a.refresh_from_db()
    assert plan_a.status == PlanStatus.DRAFT and plan_a.submitted_by is None


@pytest.mark.parametrize(
    ("who", "status"),
    [("editor_b", 404), ("reader", 403), ("approver", 403), ("controller", 403), ("outsider", 404)],
)
def test_only_the_units_editor_submits(client, request, plan_a, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.post(decision("plan_submit", plan_a.pk)).status_code == status
    assert client.get(decision("plan_submit", plan_a.pk)).status_code == 405
    plan_a.refresh_from_db()
    assert plan_a.status == PlanStatus.DRAFT and plan_a.submitted_at is None


def test_it_creates_next_years_plan_and_reports_what_could_not_be_linked(
    client, editor_a, plan_a, unit_goal, chain, org
):
    add_indicator(unit_goal, org.unit_a, "Väntetid", target="3 dagar", measure="dagar")
    activity_create(goal=unit_goal, owner=org.unit_a, name="Ny rutin", start=date(2026, 2, 1))
    PlanningYear.objects.create(year=2027)  # the city administrator's new, still empty year
    client.force_login(editor_a)
    response = client.post(url("copy", plan_a.pk), {"year": 2027})
    html = response.content.decode()
    assert response.status_code == 200
    # There is no 2027 chain yet, so the unit goal cannot be placed.
    assert "Alla besök bokas inom tre dagar" in html and "finns inte 2027" in html
    # Found: "Inga egna mål fanns att kopiera" above the list of the goals it could not link.
    assert "Inga egna mål fanns att kopiera" not in html
    assert "Inget av enhetens egna mål kunde kopieras" in html
    new = Plan.objects.get(unit=org.unit_a, year__year=2027)
    assert new.status == PlanStatus.DRAFT
    again = client.post(url("copy", plan_a.pk), {"year": 2027})
    assert again.status_code == 400 and "har redan en verksamhetsplan" in again.content.decode()


def _plan_counts() -> tuple[int, int, int]:
    return PlanningYear.objects.count(), Plan.objects.count(), Goal.objects.count()


@pytest.mark.parametrize("year", ["2077", "2027", "2025", "2026", "1990", "abc"])
def test_copying_never_creates_a_planning_year(client, editor_a, plan_a, unit_goal, year):
    """Found: an editor's copy created 2077, and a copy to 2027 made the empty 2027 the year
    everyone's Målkedjan opened on. Only existing later years are accepted (here there is
    none, and the page says so)."""
    client.force_login(editor_a)
    before = _plan_counts()
    response = client.post(url("copy", plan_a.pk), {"year": year})
    assert response.status_code == 400
    assert "Det finns inget senare planeringsår ännu." in response.content.decode()
    assert _plan_counts() == before
    assert client.get(reverse("goals:chain")).context["year"].year == 2026


def test_copying_offers_only_the_existing_later_years(client, editor_a, plan_a):
    client.force_login(editor_a)
    html = client.get(url("copy", plan_a.pk)).content.decode()
    assert "Det finns inget senare planeringsår ännu." in html
    for year in (2025, 2027, 2028):
        PlanningYear.objects.create(year=year)
    html = client.get(url("copy", plan_a.pk)).content.decode()
    assert '<option value="2027" selected>2027</option>' in html
    assert '<option value="2028">2028</option>' in html
    assert 'value="2025"' not in html and 'value="2026"' not in html
    assert "Det finns inget senare planeringsår ännu." not in html


def test_the_copy_service_refuses_a_missing_or_earlier_year(plan_a, unit_goal):
    """The service holds the rule too, for any caller that skips the form."""
    from django.core.exceptions import ValidationError

    from styra.plans.services import plan_copy_to_year

    PlanningYear.objects.create(year=2025)
    before = _plan_counts()
    with pytest.raises(ValidationError, match="Planeringsåret 2077 finns inte"):
        plan_copy_to_year(plan=plan_a, year=2077)
    with pytest.raises(ValidationError, match="bara kopieras till ett senare år än 2026"):
        plan_copy_to_year(plan=plan_a, year=2025)
    assert _plan_counts() == before


def test_it_downloads_the_plan_in_every_format(client, reader, plan_a, unit_goal):
    client.force_login(reader)
    data = client.get(reverse("documents:plan", args=[plan_a.pk, "json"]))
    assert (
        json.loads(data.content)["goals"][0]["children"][0]["children"][0]["children"][0]["title"]
        == "Alla besök bokas inom tre dagar"
    )
    pdf = client.get(reverse("documents:plan", args=[plan_a.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    docx = client.get(reverse("documents:plan", args=[plan_a.pk, "docx"]))
    assert docx.content.startswith(b"PK")
    assert client.get(reverse("documents:plan", args=[plan_a.pk, "exe"])).status_code == 404


def test_it_accepts_pdf_appendices_and_refuses_other_files(
    client, editor_a, plan_a, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor_a)
    bad = SimpleUploadedFile("virus.exe", b"MZ\x90\x00rest", content_type="application/pdf")
    response = client.post(url("appendix_create", plan_a.pk), {"name": "Bilaga", "file": bad})
    assert response.status_code == 400
    assert "Bilagor tas emot som PDF, Word eller Excel." in response.content.decode()
    good = SimpleUploadedFile("plan.pdf", b"%PDF-1.7 test", content_type="application/pdf")
    client.post(url("appendix_create", plan_a.pk), {"name": "Kvalitetsgarantier", "file": good})
    appendix = plan_a.appendices.get()
    download = client.get(url("appendix_download", plan_a.pk, appendix.pk))
    assert b"".join(download.streaming_content) == b"%PDF-1.7 test"


def test_each_step_is_in_the_audit_trail_with_who_and_when(
    client, editor_a, approver, plan_a, django_capture_on_commit_callbacks
):
    from styra.audit.models import AuditEntry

    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(editor_a)
        client.post(decision("plan_submit", plan_a.pk))
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(approver)
        client.post(decision("plan_reopen", plan_a.pk), {"reason": "Komplettera budgeten."})
    steps = AuditEntry.objects.filter(object_type="plans.plan", object_id=str(plan_a.pk))
    submitted, reopened = steps.order_by("pk")
    assert submitted.actor_id == editor_a.pk and submitted.changes["status"][1] == "submitted"
    assert reopened.actor_id == approver.pk and reopened.changes["status"][1] == "draft"
    assert reopened.at >= submitted.at


def test_it_shows_lists_written_under_their_introduction_as_lists(
    client, reader, plan_a, chain, org
):
    add_unit_goal(
        chain,
        org.unit_a,
        "Alla besök bokas inom tre dagar",
        method="Vi ska:\n- ringa upp\n- boka tid\n\nSedan:\na) följa upp\nb) rapportera",
    )
    client.force_login(reader)
    html = client.get(url("detail", plan_a.pk)).content.decode()
    assert "<p>Vi ska:</p><ul><li>ringa upp</li><li>boka tid</li></ul>" in html
    lettered = '<ol type="a" class="paren-lower-alpha"><li>följa upp</li><li>rapportera</li></ol>'
    assert lettered in html
