"""Next year's plan from this one, into a year `styra year-open` copied: linked by where the
chain came from, last year's targets kept to review, texts naming last year flagged."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from styra.budget.services import budget_row_create
from styra.cycle.services import year_open, year_release
from styra.goals.models import Activity, Goal, Level
from styra.goals.services import activity_create, goal_create, goal_update
from styra.indicators.models import Indicator, Target
from styra.indicators.services import indicator_create, target_set
from styra.plans.models import Plan, Section
from styra.plans.services import (
    plan_copy_to_year,
    plan_update_header,
    section_create,
    section_update,
)


@pytest.fixture
def last_year(org, chain, plan_a):
    """Enhet A's 2026 plan: its own goal with an indicator, targets, an activity, a section
    and a budget row; its target for KF's indicator."""
    kf = indicator_create(goal=chain.area, owner=org.city, name="Nöjda invånare")
    target_set(indicator=kf, org_unit=org.city, text="80 %")
    target_set(indicator=kf, org_unit=org.unit_a, text="85 %")
    goal = goal_create(
        year=chain.year,
        level=Level.UNIT,
        owner=org.unit_a,
        parent=chain.board,
        title="Alla besök bokas inom tre dagar",
        expected_result="Senast 31 december 2026 bokas alla besök digitalt.",
        method="Under vt 2026 prövas kvällstider.",
    )
    own = indicator_create(goal=goal, owner=org.unit_a, name="Andel bokade inom tre dagar")
    target_set(indicator=own, org_unit=org.unit_a, text="90 %")
    activity_create(
        goal=goal,
        owner=org.unit_a,
        name="Ny bokning",
        start=date(2026, 2, 1),
        end=date(2026, 6, 30),
    )
    section_create(plan=plan_a, heading="Inledning", text="Året 2026 präglas av flytten.")
    section_create(plan=plan_a, heading="Uppdrag", text="Enheten ger stöd.")
    budget_row_create(plan=plan_a, name="Personal", costs=Decimal(1000))
    return type("Last", (), dict(kf=kf, goal=goal, own=own))


@pytest.fixture
def next_year(org, chain, last_year, city_admin):
    year = year_open(year=2027, from_year=2026, committees=[org.north], by=city_admin).year
    return year_release(year=year, by=city_admin)


def test_it_links_the_units_goals_by_where_the_chain_came_from(
    org, chain, plan_a, last_year, next_year
):
    # The city rewords the board goal in the draft: a match by title would lose the unit goal.
    board = Goal.objects.get(year=next_year, copied_from=chain.board)
    goal_update(goal=board, title="Alla får stöd utan onödig väntan")
    report = plan_copy_to_year(plan=plan_a, year=2027)

    assert report.unlinked == []
    copy = Goal.objects.get(year=next_year, owner=org.unit_a)
    assert (copy.parent, copy.copied_from) == (board, last_year.goal)
    assert board in report.plan.chain_goals.all()
    assert report.copied == ["Enhetsmål: Alla besök bokas inom tre dagar"]
    own = Indicator.objects.get(goal=copy)
    assert own.copied_from == last_year.own
    kf = Indicator.objects.get(goal__year=next_year, copied_from=last_year.kf)
    assert dict(
        Target.objects.filter(org_unit=org.unit_a, indicator__goal__year=next_year).values_list(
            "indicator", "to_review"
        )
    ) == {kf.pk: True, own.pk: True}
    assert Target.objects.get(indicator=kf, org_unit=org.unit_a).text == "85 %"
    activity = Activity.objects.get(goal=copy)
    assert (activity.start, activity.end) == (date(2027, 2, 1), date(2027, 6, 30))
    assert list(report.plan.budget.rows.values_list("name", flat=True)) == ["Personal"]


def test_it_flags_texts_that_name_last_year(org, plan_a, last_year, next_year):
    report = plan_copy_to_year(plan=plan_a, year=2027)
    copy = Goal.objects.get(year=next_year, owner=org.unit_a)
    assert copy.review_note == "31 december 2026, vt 2026"
    sections = dict(Section.objects.filter(plan=report.plan).values_list("heading", "review_note"))
    assert sections == {"Inledning": "2026", "Uppdrag": ""}
    assert report.to_review == [
        "Årsmål för Nöjda invånare: 85 % (förra årets)",
        "Enhetsmål: Alla besök bokas inom tre dagar – nämner 31 december 2026, vt 2026",
        "Årsmål för Andel bokade inom tre dagar: 90 % (förra årets)",
        "Avsnitt: Inledning – nämner 2026",
    ]


def test_editing_clears_the_marks(org, plan_a, last_year, next_year):
    report = plan_copy_to_year(plan=plan_a, year=2027)
    copy = Goal.objects.get(year=next_year, owner=org.unit_a)
    goal_update(goal=copy, method="Kvällstider införs.")
    section = Section.objects.get(plan=report.plan, heading="Inledning")
    section_update(section=section, heading="Inledning", text=section.text)
    indicator = Indicator.objects.get(goal=copy)
    target_set(indicator=indicator, org_unit=org.unit_a, text="90 %")  # the same words
    copy.refresh_from_db()
    section.refresh_from_db()
    assert (copy.review_note, section.review_note) == ("", "")
    assert not Target.objects.get(indicator=indicator).to_review
    assert Target.objects.filter(org_unit=org.unit_a, to_review=True).count() == 1  # KF's


def test_a_goal_the_city_removed_from_the_draft_is_not_found_by_its_title(
    org, chain, plan_a, last_year, city_admin
):
    """A copy links by its origin only: another copied goal given the removed goal's title
    is another goal, and the unit's goal is reported, not put under it."""
    other = goal_create(
        year=chain.year, level=Level.BOARD, owner=org.north, parent=chain.area, title="Trygg vård"
    )
    year = year_open(year=2027, from_year=2026, committees=[org.north], by=city_admin).year
    Goal.objects.get(year=year, copied_from=chain.board).delete()
    goal_update(goal=Goal.objects.get(year=year, copied_from=other), title=chain.board.title)
    year_release(year=year, by=city_admin)
    report = plan_copy_to_year(plan=plan_a, year=2027)
    assert not Goal.objects.filter(year=year, owner=org.unit_a).exists()
    assert any("finns inte 2027" in line for line in report.unlinked)


def test_a_goal_made_by_hand_in_the_new_year_is_found_by_its_title(
    org, chain, plan_a, last_year, city_admin
):
    """A goal without an origin (made by hand, imported) is matched as before, by title."""
    year = year_open(year=2027, from_year=2026, committees=[org.north], by=city_admin).year
    board = Goal.objects.get(year=year, copied_from=chain.board)
    area = board.parent
    board.delete()
    made = goal_create(
        year=year, level=Level.BOARD, owner=org.north, parent=area, title=chain.board.title
    )
    year_release(year=year, by=city_admin)
    report = plan_copy_to_year(plan=plan_a, year=2027)
    assert Goal.objects.get(year=year, owner=org.unit_a).parent == made
    assert report.unlinked == []


def test_the_page_lists_what_to_review_and_marks_it_in_the_forms(
    client, editor_a, org, plan_a, last_year, next_year
):
    report = plan_copy_to_year(plan=plan_a, year=2027)
    client.force_login(editor_a)
    html = client.get(reverse("plans:detail", args=[report.plan.pk])).content.decode()
    assert '<h2 id="review-h">Att granska</h2>' in html
    copy = Goal.objects.get(year=next_year, owner=org.unit_a)
    assert f'<a href="#goal-{copy.pk}">Enhetsmål: Alla besök bokas inom tre dagar</a>' in html
    assert "nämner 31 december 2026, vt 2026" in html
    assert "förra årets årsmål – granska" in html
    indicator = Indicator.objects.get(goal=copy)
    form = client.get(reverse("plans:indicator_edit", args=[report.plan.pk, indicator.pk]))
    assert "Förra årets årsmål, att granska." in form.content.decode()
    kf = Indicator.objects.get(goal__year=next_year, copied_from=last_year.kf)
    form = client.get(reverse("plans:target_edit", args=[report.plan.pk, kf.pk]))
    assert "Förra årets årsmål, att granska." in form.content.decode()
    client.post(reverse("plans:target_edit", args=[report.plan.pk, kf.pk]), {"target": "86 %"})
    html = client.get(reverse("plans:detail", args=[report.plan.pk])).content.decode()
    assert "Årsmål för Nöjda invånare" not in html


def test_the_copied_page_names_what_to_review(client, editor_a, plan_a, last_year, next_year):
    client.force_login(editor_a)
    html = client.post(reverse("plans:copy", args=[plan_a.pk]), {"year": 2027}).content.decode()
    assert "<h2>Att granska</h2>" in html
    assert "Avsnitt: Inledning – nämner 2026" in html
    assert "Allt kunde kopplas." in html


@pytest.fixture
def with_meeting(plan_a, last_year):
    """Last year's plan went to the committee's meeting in December the year before."""
    return plan_update_header(
        plan=plan_a,
        officer="Kim Berg",
        phone="08-123",
        addressee="Norra nämnden, sammanträde 2025-12-16",
        meeting_date=date(2025, 12, 16),
    )


def test_the_meeting_date_is_cleared_and_the_addressee_naming_it_flagged(with_meeting, next_year):
    report = plan_copy_to_year(plan=with_meeting, year=2027)
    new = report.plan
    assert new.meeting_date is None
    assert (new.officer, new.phone) == ("Kim Berg", "08-123")
    assert new.addressee == "Norra nämnden, sammanträde 2025-12-16"
    assert new.addressee_review_note == "2025-12-16"
    assert report.to_review[0] == "Till: Norra nämnden, sammanträde 2025-12-16 – nämner 2025-12-16"
    assert report.not_copied == [
        "Sammanträdesdatum: förra årets, 16 december 2025, är inte kopierat. Ange den nya "
        "planens datum med Ändra uppgifter."
    ]


@pytest.mark.parametrize(
    "addressee,meeting,note",
    [
        ("Norra nämnden", date(2025, 12, 16), ""),
        ("Norra nämnden, sammanträde 16 december 2025", None, "16 december 2025"),
        ("Norra nämnden 2026, sammanträde 2025-12-16", None, "2025-12-16, 2026"),
        ("Norra nämnden, sammanträde 2024-01-10", date(2024, 1, 10), "2024-01-10"),
        ("Norra nämnden, sammanträde 2020-01-10", None, ""),
    ],
)
def test_the_addressee_is_flagged_for_the_dates_of_last_years_decision(
    plan_a, last_year, next_year, addressee, meeting, note
):
    """The year before the plan's (its autumn meeting), the plan's own and its meeting's."""
    plan_update_header(plan=plan_a, officer="", phone="", addressee=addressee, meeting_date=meeting)
    report = plan_copy_to_year(plan=plan_a, year=2027)
    assert report.plan.addressee_review_note == note
    assert any(line.startswith("Till: ") for line in report.to_review) == bool(note)
    assert bool(report.not_copied) == bool(meeting)


def test_saving_the_header_clears_the_mark(with_meeting, next_year):
    new = plan_copy_to_year(plan=with_meeting, year=2027).plan
    plan_update_header(
        plan=new, officer="Kim Berg", phone="", addressee=new.addressee, meeting_date=None
    )
    new.refresh_from_db()
    assert new.addressee_review_note == ""


def test_the_pages_name_the_cleared_date_and_the_addressee_to_review(
    client, editor_a, with_meeting, next_year
):
    client.force_login(editor_a)
    html = client.post(reverse("plans:copy", args=[with_meeting.pk]), {"year": 2027})
    html = html.content.decode()
    assert "<h2>Inte kopierat</h2>" in html
    assert "Sammanträdesdatum: förra årets, 16 december 2025, är inte kopierat." in html
    assert "Till: Norra nämnden, sammanträde 2025-12-16 – nämner 2025-12-16" in html
    new = Plan.objects.get(unit=with_meeting.unit, year=next_year)

    page = client.get(reverse("plans:detail", args=[new.pk])).content.decode()
    assert '<a href="#header">Planens uppgifter: Till</a> – nämner 2025-12-16' in page
    assert "Kopierat från förra årets plan och nämner 2025-12-16." in page
    assert "<dt>Sammanträde</dt><dd>–</dd>" in page
    form = client.get(reverse("plans:header_edit", args=[new.pk])).content.decode()
    assert "Kopierat från förra årets plan och nämner 2025-12-16, att granska." in form

    fields = {"officer": "Kim Berg", "phone": "", "addressee": new.addressee}
    client.post(reverse("plans:header_edit", args=[new.pk]), fields | {"meeting_date": ""})
    page = client.get(reverse("plans:detail", args=[new.pk])).content.decode()
    assert "Planens uppgifter: Till" not in page
    assert "Kopierat från förra årets plan" not in page


@pytest.mark.parametrize("persona", ["reader", "approver", "editor_b"])
def test_only_an_editor_of_the_unit_clears_the_mark(
    client, request, persona, with_meeting, next_year
):
    new = plan_copy_to_year(plan=with_meeting, year=2027).plan
    client.force_login(request.getfixturevalue(persona))
    response = client.post(reverse("plans:header_edit", args=[new.pk]), {"officer": "X"})
    assert response.status_code in (403, 404)
    new.refresh_from_db()
    assert (new.officer, new.addressee_review_note) == ("Kim Berg", "2025-12-16")
    page = client.get(reverse("plans:detail", args=[new.pk])).content.decode()
    # The mark is for whoever edits the plan; a reader sees the plan as it reads.
    assert "Kopierat från förra årets plan" not in page
