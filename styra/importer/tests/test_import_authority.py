"""plan_import writes only what its user may write: the one authority check of every import."""

import pytest
from django.core.exceptions import ValidationError

from styra.goals.models import Activity, Goal, Level, PlanningYear
from styra.importer.results import PreviewOutdated
from styra.importer.services import plan_import
from styra.indicators.models import Indicator, Target
from styra.plans.context import shown_goals
from styra.plans.models import Plan

from .forged import LEFT_OUT, above_the_unit, add_kf_indicator, forged_plan


@pytest.fixture
def kf_indicator(chain, org):
    return add_kf_indicator(chain, org)


def _left_out_in_order(report) -> None:
    assert len(report.left_out) == len(LEFT_OUT), report.left_out
    for message, start in zip(report.left_out, LEFT_OUT, strict=True):
        assert message.startswith(start), (message, start)


def test_an_editors_import_writes_the_unit_and_leaves_out_the_chain(
    org, chain, kf_indicator, editor_a
):
    before = above_the_unit(org.unit_a)
    report = plan_import(data=forged_plan(), user=editor_a, unit=org.unit_a)
    assert above_the_unit(org.unit_a) == before
    _left_out_in_order(report)
    assert report.above_unit == []
    assert (
        "KF:s årsmål för indikatorn Nöjda invånare ändras inte av en import: ”1 %” i filen, "
        "”öka” i målkedjan."
    ) in report.left_out
    # The unit's own part is saved, under the linked chain.
    own = Goal.objects.get(owner=org.unit_a, level=Level.UNIT)
    assert own.parent == chain.board and own.description == "Enheten skriver om sitt eget mål."
    assert Indicator.objects.get(goal=own).name == "Egen indikator"
    assert Activity.objects.get(goal=own).name == "Egen aktivitet"
    assert Target.objects.get(indicator=kf_indicator, org_unit=org.unit_a).text == "öka"
    # The plan lists the board goal, as the page does; KF's goals above it frame it.
    assert set(report.plan.chain_goals.all()) == {chain.board}
    assert {chain.direction, chain.area, chain.board} <= set(shown_goals(report.plan).values())
    assert not Goal.objects.filter(title="Mål under det påhittade nämndmålet").exists()
    lines = report.lines()
    assert any(line.startswith("Varning: KF:s inriktningsmål 9 Ett KF-mål") for line in lines)


@pytest.mark.parametrize("year", [1990, 2099])
def test_an_editor_may_not_create_a_planning_year(org, chain, editor_a, year):
    before = above_the_unit(org.unit_a)
    with pytest.raises(ValidationError, match=f"Planeringsåret {year} finns inte"):
        plan_import(data=forged_plan(year=year), user=editor_a, unit=org.unit_a)
    assert above_the_unit(org.unit_a) == before
    assert not Plan.objects.exists()


def test_an_editor_may_not_opt_in_to_creating_the_chain(org, chain, editor_a, committee_editor):
    before = above_the_unit(org.unit_a)
    for user in (editor_a, committee_editor):
        with pytest.raises(ValidationError, match="Bara stadens administratör kan låta"):
            plan_import(data=forged_plan(), user=user, unit=org.unit_a, create_chain=True)
    assert above_the_unit(org.unit_a) == before
    assert not Plan.objects.exists()


@pytest.mark.parametrize("persona", ["editor_b", "reader", "approver", "controller"])
def test_only_an_editor_of_the_unit_imports_into_it(request, org, chain, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(ValidationError, match="får inte ändra planer för Enhet A"):
        plan_import(data=forged_plan(), user=user, unit=org.unit_a)
    assert not Plan.objects.exists()


def test_an_editor_may_not_create_a_unit(org, chain, editor_a):
    before = above_the_unit(org.unit_a)
    with pytest.raises(ValidationError, match="Enheten Ny enhet finns inte i organisationen"):
        plan_import(data=forged_plan(unit="Ny enhet"), user=editor_a)
    assert above_the_unit(org.unit_a) == before


def test_an_administrator_who_does_not_opt_in_only_links(org, chain, kf_indicator, city_admin):
    before = above_the_unit(org.unit_a)
    report = plan_import(data=forged_plan(), user=city_admin, unit=org.unit_a)
    assert above_the_unit(org.unit_a) == before
    _left_out_in_order(report)
    with pytest.raises(ValidationError, match="Planeringsåret 2099 finns inte"):
        plan_import(data=forged_plan(year=2099), user=city_admin, unit=org.unit_b)


def test_an_administrator_who_opts_in_creates_the_chain_and_the_year(
    org, chain, kf_indicator, city_admin
):
    report = plan_import(data=forged_plan(), user=city_admin, unit=org.unit_a, create_chain=True)
    assert report.left_out == []
    chain.direction.refresh_from_db()
    assert chain.direction.description == "KF:s text, ifylld av en enhet."
    assert Target.objects.get(indicator=kf_indicator, org_unit=org.city).text == "1 %"
    assert Goal.objects.get(title="Ett KF-mål som enheten hittat på").owner == org.city
    assert Goal.objects.get(title="Ett nämndmål som enheten hittat på").owner == org.north
    assert Activity.objects.filter(goal=chain.board, name="Ny nämndaktivitet från enheten").exists()
    assert "planeringsår 2099" not in report.above_unit
    report = plan_import(
        data=forged_plan(year=2099), user=city_admin, unit=org.unit_a, create_chain=True
    )
    assert PlanningYear.objects.filter(year=2099).exists()
    assert report.above_unit[0] == "planeringsår 2099"
    assert report.plan.year.year == 2099


def test_a_dry_run_reports_what_the_write_does_and_writes_nothing(
    org, chain, kf_indicator, editor_a, city_admin
):
    before = above_the_unit(org.unit_a)
    dry = plan_import(data=forged_plan(), user=editor_a, unit=org.unit_a, dry_run=True)
    assert (
        dry.plan is None
        and not Plan.objects.exists()
        and not Goal.objects.filter(level=Level.UNIT).exists()
    )
    assert above_the_unit(org.unit_a) == before
    wet = plan_import(data=forged_plan(), user=editor_a, unit=org.unit_a, expect=dry.digest())
    assert wet.left_out == dry.left_out and wet.created == dry.created
    # The administrator's dry run with the opt-in lists what it would create above the unit.
    opted = plan_import(
        data=forged_plan(year=2099),
        user=city_admin,
        unit=org.unit_b,
        create_chain=True,
        dry_run=True,
    )
    assert opted.above_unit[0] == "planeringsår 2099"
    assert not PlanningYear.objects.filter(year=2099).exists()


def test_a_write_that_differs_from_its_preview_is_refused(org, chain, kf_indicator, editor_a):
    dry = plan_import(data=forged_plan(), user=editor_a, unit=org.unit_a, dry_run=True)
    # Meanwhile the chain changes: KF now has the goal the file names.
    Goal.objects.create(
        year=chain.year,
        level=Level.DIRECTION,
        owner=org.city,
        number="9",
        title="Ett KF-mål som enheten hittat på",
        position=2,
    )
    with pytest.raises(PreviewOutdated) as exc:
        plan_import(data=forged_plan(), user=editor_a, unit=org.unit_a, expect=dry.digest())
    assert len(exc.value.report.left_out) == len(dry.left_out) - 1
    assert not Plan.objects.exists()


def test_the_operator_without_a_user_still_needs_the_opt_in(org, chain, kf_indicator):
    """`styra import-plan --save` without --user: every right, but above the unit only on ask."""
    before = above_the_unit(org.unit_a)
    report = plan_import(data=forged_plan(), unit=org.unit_a)
    assert above_the_unit(org.unit_a) == before and len(report.left_out) == len(LEFT_OUT)
    report = plan_import(data=forged_plan(), unit=org.unit_a, replace=True, create_chain=True)
    assert report.left_out == [] and Goal.objects.filter(number="9").exists()


def test_a_board_goal_of_another_committee_is_not_linked(org, chain, editor_a):
    """A unit's plan links only to its own committees' board goals."""
    from styra.goals.services import goal_create

    chain.board.delete()
    goal_create(
        year=chain.year,
        level=Level.BOARD,
        owner=org.south,
        parent=chain.area,
        title="Ingen ska vänta längre än nödvändigt",
    )
    report = plan_import(data=forged_plan(), user=editor_a, unit=org.unit_a)
    assert any(m.startswith("Nämndmål Ingen ska vänta") for m in report.left_out)
    assert not Goal.objects.filter(owner=org.unit_a).exists()


def test_a_replace_that_decided_records_hold_on_to_is_a_message(org, chain, editor_a, monkeypatch):
    """When protected records keep the old plan's parts, the import (and its preview) says so."""
    from django.db.models import ProtectedError

    plan_import(data=forged_plan(), user=editor_a, unit=org.unit_a)

    def protected(self, *args, **kwargs):
        raise ProtectedError("protected", set())

    monkeypatch.setattr(Plan, "delete", protected)
    for dry_run in (True, False):
        with pytest.raises(ValidationError, match="kan inte ersättas: inlämnade eller godkända"):
            plan_import(
                data=forged_plan(), user=editor_a, unit=org.unit_a, replace=True, dry_run=dry_run
            )
    assert Plan.objects.count() == 1
