"""Who is told: the nearest holders of the right, per the access policy."""

from styra.accounts.models import Membership, Role
from styra.accounts.permissions import Action, can
from styra.conftest import _user

from ..recipients import WRITERS, Roster, Writers, approvers_of, editors_of, without


def test_it_tells_the_committees_approvers_not_everyone_up_to_the_city(org, approver, city_admin):
    assert approvers_of(org.unit_a) == [approver]
    assert can(approver, Action.APPROVE, org.unit_a)


def test_it_goes_up_to_the_next_node_with_an_approver(org, city_admin):
    """Södra nämnden has no approver: the city's administrator decides."""
    assert approvers_of(org.unit_s) == [city_admin]


def test_an_approver_on_the_unit_itself_is_not_its_approver(org, approver):
    own = _user("own_approver", org.unit_a, Role.APPROVER)
    assert own not in approvers_of(org.unit_a)
    assert not can(own, Action.APPROVE, org.unit_a)


def test_it_tells_the_units_own_editors_first(org, editor_a, committee_editor):
    assert editors_of(org.unit_a) == Writers([editor_a])


def test_a_unit_without_editors_tells_the_nearest_above(org, editor_a, committee_editor):
    Membership.objects.filter(user=editor_a).delete()
    assert editors_of(org.unit_a) == Writers([committee_editor])


def test_inactive_people_hold_no_right(org, editor_a, committee_editor):
    editor_a.is_active = False
    editor_a.save()
    assert editors_of(org.unit_a) == Writers([committee_editor])


def test_administrators_are_not_told_as_editors_where_there_is_one(org, editor_a, city_admin):
    assert can(city_admin, Action.EDIT, org.unit_a)
    assert editors_of(org.unit_a) == Writers([editor_a])


def test_administrators_stand_in_for_a_unit_without_any_editor(org, city_admin):
    """Södra's unit has no editor on it or above it: its administrator is told, and why."""
    assert editors_of(org.unit_s) == Writers([city_admin], stand_in=True)


def test_the_nearest_administrators_stand_in(org, city_admin, committee_admin):
    assert editors_of(org.unit_a) == Writers([committee_admin], stand_in=True)


def test_readers_and_controllers_are_never_told(org, reader, controller):
    assert editors_of(org.unit_a) == Writers([]) and approvers_of(org.unit_a) == []


def test_the_whole_tree_in_two_queries(org, editor_a, editor_b, django_assert_num_queries):
    with django_assert_num_queries(2):
        roster = Roster.for_tree(WRITERS)
        found = [roster.writers(unit.pk).users for unit in (org.unit_a, org.unit_b, org.unit_s)]
    assert found == [[editor_a], [editor_b], []]


def test_the_one_who_acted_is_left_out(editor_a, editor_b):
    assert without([editor_a, editor_b], editor_a) == [editor_b]
    assert without([editor_a], None) == [editor_a]
