"""Writes to the goal chain and to a plan's own parts."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from styra.decisions.services import plan_adopt, plan_reopen, plan_submit
from styra.goals.models import Activity, Goal, Level
from styra.goals.services import (
    activity_create,
    activity_delete,
    activity_move,
    activity_update,
    board_goals_for_unit,
    goal_create,
    goal_delete,
    goal_move,
    goal_update,
    year_get_or_create,
)
from styra.plans.models import Plan, PlanStatus, Section, SectionPart
from styra.plans.services import (
    plan_create,
    plan_update_header,
    section_create,
    section_delete,
    section_move,
    section_update,
)

LOCKED = "Planen är fastställd och kan inte ändras."


@pytest.fixture
def unit_goal(org, chain, plan_a):
    return goal_create(
        year=chain.year, level=Level.UNIT, owner=org.unit_a, parent=chain.board, title="Mål A"
    )


def _titles(**filters) -> list[str]:
    return list(Goal.objects.filter(**filters).order_by("position").values_list("title", flat=True))


# ---------------------------------------------------------------- goals


def test_it_creates_a_goal_with_narrative(org, chain):
    goal = goal_create(
        year=chain.year,
        level=Level.UNIT,
        owner=org.unit_a,
        parent=chain.board,
        number=" 3. ",
        title="<b>Alla</b> får svar",
        method="Vi ringer<script>alert(1)</script> upp.",
        follow_up="Varje månad.\r\n\r\n\r\nOch vid T2.",
    )
    goal.refresh_from_db()
    assert goal.number == "3"
    assert goal.title == "Alla får svar"
    assert goal.method == "Vi ringer upp."
    assert goal.follow_up == "Varje månad.\n\nOch vid T2."


def test_it_positions_new_goals_after_their_siblings(org, chain):
    first = goal_create(
        year=chain.year, level=Level.BOARD, owner=org.north, parent=chain.area, title="Andra"
    )
    assert first.position == chain.board.position + 1


def test_it_refuses_unknown_narrative_fields(org, chain):
    with pytest.raises(TypeError):
        goal_create(
            year=chain.year,
            level=Level.BOARD,
            owner=org.north,
            parent=chain.area,
            title="Mål",
            owner_name="x",
        )


def test_it_refuses_a_goal_in_the_wrong_place(org, chain):
    with pytest.raises(ValidationError, match="Nämndmål"):
        goal_create(
            year=chain.year, level=Level.UNIT, owner=org.unit_a, parent=chain.area, title="Mål"
        )
    assert not Goal.objects.filter(level=Level.UNIT).exists()


def test_it_updates_a_goal(unit_goal):
    goal_update(goal=unit_goal, title=" Nytt <i>mål</i> ", number="2.", development="Mer.")
    unit_goal.refresh_from_db()
    assert (unit_goal.title, unit_goal.number, unit_goal.development) == ("Nytt mål", "2", "Mer.")


def test_it_refuses_to_update_fields_outside_the_text(unit_goal, org):
    with pytest.raises(TypeError):
        goal_update(goal=unit_goal, owner=org.unit_b)


def test_it_refuses_to_empty_a_goal(unit_goal):
    with pytest.raises(ValidationError):
        goal_update(goal=unit_goal, title="<p> </p>")


def test_it_deletes_a_goal_without_children(unit_goal):
    goal_delete(goal=unit_goal)
    assert not Goal.objects.filter(pk=unit_goal.pk).exists()


def test_it_refuses_to_delete_a_goal_with_children(chain, unit_goal):
    with pytest.raises(ValidationError, match="har mål under sig"):
        goal_delete(goal=chain.board)
    assert Goal.objects.filter(pk=chain.board.pk).exists()


def test_it_moves_a_goal_among_its_siblings(org, chain, unit_goal):
    second = goal_create(
        year=chain.year, level=Level.UNIT, owner=org.unit_a, parent=chain.board, title="Mål B"
    )
    third = goal_create(
        year=chain.year, level=Level.UNIT, owner=org.unit_a, parent=chain.board, title="Mål C"
    )
    goal_move(goal=third, offset=-1)
    assert _titles(level=Level.UNIT) == ["Mål A", "Mål C", "Mål B"]
    goal_move(goal=unit_goal, offset=-1)  # already first: nothing happens
    goal_move(goal=second, offset=1)  # already last
    assert _titles(level=Level.UNIT) == ["Mål A", "Mål C", "Mål B"]


def test_it_moves_only_among_the_same_owners_goals(org, chain, unit_goal, plan_b):
    other = goal_create(
        year=chain.year, level=Level.UNIT, owner=org.unit_b, parent=chain.board, title="B:s mål"
    )
    goal_move(goal=other, offset=-1)
    assert Goal.objects.get(pk=unit_goal.pk).position == unit_goal.position


def test_it_refuses_goal_changes_while_the_plan_is_adopted(org, chain, plan_a, unit_goal):
    plan_submit(plan=plan_a, by=None)
    plan_adopt(plan=plan_a, by=None)
    with pytest.raises(ValidationError, match=LOCKED):
        goal_create(
            year=chain.year, level=Level.UNIT, owner=org.unit_a, parent=chain.board, title="Nytt"
        )
    for call in (
        lambda: goal_update(goal=unit_goal, title="Ändrat"),
        lambda: goal_delete(goal=unit_goal),
        lambda: goal_move(goal=unit_goal, offset=1),
    ):
        with pytest.raises(ValidationError, match=LOCKED):
            call()
    assert Goal.objects.get(pk=unit_goal.pk).title == "Mål A"


def test_it_lets_other_units_change_while_one_plan_is_adopted(org, chain, plan_a, plan_b):
    plan_submit(plan=plan_a, by=None)
    plan_adopt(plan=plan_a, by=None)
    goal_create(
        year=chain.year, level=Level.UNIT, owner=org.unit_b, parent=chain.board, title="B:s mål"
    )


# ---------------------------------------------------------------- activities


def test_it_creates_updates_and_deletes_an_activity(org, unit_goal):
    activity = activity_create(
        goal=unit_goal,
        owner=org.unit_a,
        name=" Ny <em>rutin</em> ",
        start=date(2026, 1, 1),
        end=date(2026, 3, 31),
    )
    assert activity.name == "Ny rutin" and activity.position == 1
    activity_update(activity=activity, name="Ny rutin för mottagning", start=None, end=None)
    activity.refresh_from_db()
    assert (activity.name, activity.start, activity.end) == ("Ny rutin för mottagning", None, None)
    activity_delete(activity=activity)
    assert not Activity.objects.exists()


def test_it_refuses_an_activity_that_ends_before_it_starts(org, unit_goal):
    with pytest.raises(ValidationError, match="Slutdatum kan inte ligga före startdatum"):
        activity_create(
            goal=unit_goal,
            owner=org.unit_a,
            name="Ett",
            start=date(2026, 6, 1),
            end=date(2026, 1, 1),
        )
    assert not Activity.objects.exists()


def test_it_moves_an_activity(org, unit_goal):
    first, second = (
        activity_create(goal=unit_goal, owner=org.unit_a, name=n) for n in ("Ett", "Två")
    )
    activity_move(activity=second, offset=-1)
    assert list(Activity.objects.order_by("position").values_list("name", flat=True)) == [
        "Två",
        "Ett",
    ]


def test_it_refuses_activity_changes_while_the_plan_is_adopted(org, plan_a, unit_goal):
    activity = activity_create(goal=unit_goal, owner=org.unit_a, name="Ett")
    plan_submit(plan=plan_a, by=None)
    plan_adopt(plan=plan_a, by=None)
    for call in (
        lambda: activity_create(goal=unit_goal, owner=org.unit_a, name="Två"),
        lambda: activity_update(activity=activity, name="Ändrad", start=None, end=None),
        lambda: activity_delete(activity=activity),
        lambda: activity_move(activity=activity, offset=1),
    ):
        with pytest.raises(ValidationError, match=LOCKED):
            call()
    assert list(Activity.objects.values_list("name", flat=True)) == ["Ett"]


# ---------------------------------------------------------------- plans and sections


def test_it_creates_a_plan_showing_its_committees_goals(org, chain):
    plan = plan_create(unit=org.unit_a, year=chain.year)
    assert plan.unit_name == "Enhet A"
    assert plan.status == PlanStatus.DRAFT
    assert list(plan.chain_goals.all()) == [chain.board]
    assert list(board_goals_for_unit(unit=org.unit_s, year=chain.year)) == []


def test_it_refuses_a_second_plan_for_the_same_year(org, chain, plan_a):
    with pytest.raises(ValidationError, match="Enhet A har redan en verksamhetsplan för 2026"):
        plan_create(unit=org.unit_a, year=chain.year)
    assert Plan.objects.count() == 1


def test_it_refuses_an_unlikely_year(db):
    with pytest.raises(ValidationError, match="inte ett giltigt planeringsår"):
        year_get_or_create(year=26)
    assert year_get_or_create(year=2026) == year_get_or_create(year=2026)


def test_it_updates_the_header(plan_a):
    plan_update_header(
        plan=plan_a,
        officer="Anna <b>Andersson</b>",
        phone="08-123 45",
        addressee="Norra nämnden",
        meeting_date=date(2025, 12, 16),
    )
    plan_a.refresh_from_db()
    assert plan_a.officer == "Anna Andersson"
    assert plan_a.meeting_date == date(2025, 12, 16)


def test_it_adopts_and_reopens_a_plan(plan_a):
    plan_submit(plan=plan_a, by=None)
    plan_adopt(plan=plan_a, by=None)
    assert Plan.objects.get(pk=plan_a.pk).is_locked
    with pytest.raises(ValidationError, match="redan fastställd"):
        plan_adopt(plan=plan_a, by=None)
    with pytest.raises(ValidationError, match="Ange varför"):
        plan_reopen(plan=plan_a, by=None, reason="<p></p>")
    plan_reopen(plan=plan_a, by=None, reason="Nämnden ändrade budgeten")
    assert Plan.objects.get(pk=plan_a.pk).status == PlanStatus.DRAFT
    with pytest.raises(ValidationError, match="varken inlämnad eller fastställd"):
        plan_reopen(plan=plan_a, by=None, reason="igen")


def test_it_submits_then_adopts_and_records_who_and_when(plan_a, editor_a, approver):
    with pytest.raises(ValidationError, match="Bara en inlämnad plan"):
        plan_adopt(plan=plan_a, by=approver)
    plan_a.refresh_from_db()
    assert plan_a.status == PlanStatus.DRAFT and plan_a.adopted_at is None

    plan_submit(plan=plan_a, by=editor_a)
    plan_a.refresh_from_db()
    assert plan_a.status == PlanStatus.SUBMITTED and plan_a.is_locked
    assert plan_a.submitted_by == editor_a and plan_a.submitted_at is not None
    with pytest.raises(ValidationError, match="Bara ett utkast"):
        plan_submit(plan=plan_a, by=editor_a)

    plan_adopt(plan=plan_a, by=approver)
    plan_a.refresh_from_db()
    assert plan_a.status == PlanStatus.ADOPTED and plan_a.is_locked
    assert plan_a.adopted_by == approver and plan_a.adopted_at >= plan_a.submitted_at
    assert plan_a.submitted_by == editor_a
    with pytest.raises(ValidationError, match="Bara ett utkast"):
        plan_submit(plan=plan_a, by=editor_a)


def test_a_submitted_plan_refuses_edits_until_it_is_reopened(org, chain, plan_a, editor_a):
    section = section_create(plan=plan_a, heading="Inledning")
    plan_submit(plan=plan_a, by=editor_a)
    with pytest.raises(ValidationError, match="inlämnad"):
        section_update(section=section, heading="Ny", text="")
    with pytest.raises(ValidationError, match="inlämnad"):
        goal_create(
            year=chain.year, level=Level.UNIT, owner=org.unit_a, parent=chain.board, title="Nytt"
        )
    plan_reopen(plan=plan_a, by=None, reason="Fel i inledningen")
    plan_a.refresh_from_db()
    assert plan_a.status == PlanStatus.DRAFT
    assert plan_a.submitted_at is None and plan_a.submitted_by is None
    section_update(section=section, heading="Ny", text="")


def test_it_creates_updates_moves_and_deletes_sections(plan_a):
    intro = section_create(plan=plan_a, heading="Inledning", text="<p>Text</p>")
    other = section_create(
        plan=plan_a, heading="Övrigt", text="- ett\n- två", part=SectionPart.CLOSING
    )
    assert (intro.text, intro.position, other.position) == ("Text", 1, 2)
    section_update(section=other, heading="Övriga frågor", text="Inga.")
    # A section moves within its part: the first closing one never jumps into the intro.
    section_move(section=other, offset=-1)
    assert list(Section.objects.order_by("position").values_list("heading", flat=True)) == [
        "Inledning",
        "Övriga frågor",
    ]
    second = section_create(plan=plan_a, heading="Bakgrund")
    section_move(section=second, offset=-1)
    intro_order = Section.objects.filter(part=SectionPart.INTRO).order_by("position", "pk")
    assert list(intro_order.values_list("heading", flat=True)) == ["Bakgrund", "Inledning"]
    section_delete(section=intro)
    section_delete(section=second)
    assert list(Section.objects.values_list("heading", "part")) == [
        ("Övriga frågor", SectionPart.CLOSING)
    ]


def test_it_refuses_a_section_without_heading(plan_a):
    with pytest.raises(ValidationError, match="måste ha en rubrik"):
        section_create(plan=plan_a, heading="<b></b>", text="Text")
    section = section_create(plan=plan_a, heading="Inledning")
    with pytest.raises(ValidationError, match="måste ha en rubrik"):
        section_update(section=section, heading=" ", text="")


def test_it_refuses_plan_changes_while_adopted(plan_a):
    section = section_create(plan=plan_a, heading="Inledning")
    plan_submit(plan=plan_a, by=None)
    plan_adopt(plan=plan_a, by=None)
    for call in (
        lambda: section_create(plan=plan_a, heading="Ny"),
        lambda: section_update(section=section, heading="Ändrad", text=""),
        lambda: section_delete(section=section),
        lambda: section_move(section=section, offset=1),
        lambda: plan_update_header(
            plan=plan_a, officer="X", phone="", addressee="", meeting_date=None
        ),
    ):
        with pytest.raises(ValidationError, match=LOCKED):
            call()
    assert list(Section.objects.values_list("heading", flat=True)) == ["Inledning"]
