"""Persona fixtures shared by every app's tests.

The tree: Teststad (city) → Norra nämnden (committee) → Socialförvaltningen
(department) → Enhet A and Enhet B (sibling units); Södra nämnden is a second
committee nobody below works in. Personas hold one role each.
"""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

from styra.accounts.models import Membership, Role
from styra.goals.models import Goal, Level, PlanningYear, UnitGoalLabel
from styra.goals.services import goal_create
from styra.indicators.models import Indicator
from styra.indicators.services import indicator_create, target_set
from styra.organisation.models import Kind, OrgUnit
from styra.plans.services import plan_create

PASSWORD = "test-lösenord-123"  # noqa: S105 - test personas only


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Production's PBKDF2 takes about half a second a hash; tests create many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def swedish_again():
    """A request in English leaves English active in the thread (LocaleMiddleware activates
    the request's language and nothing deactivates it): the next test starts in Swedish."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def org(db):
    city = OrgUnit.objects.create(name="Teststad", kind=Kind.CITY)
    north = OrgUnit.objects.create(name="Norra nämnden", kind=Kind.COMMITTEE, parent=city)
    south = OrgUnit.objects.create(name="Södra nämnden", kind=Kind.COMMITTEE, parent=city)
    dept = OrgUnit.objects.create(name="Socialförvaltningen", kind=Kind.DEPARTMENT, parent=north)
    unit_a = OrgUnit.objects.create(name="Enhet A", kind=Kind.UNIT, parent=dept)
    unit_b = OrgUnit.objects.create(name="Enhet B", kind=Kind.UNIT, parent=dept)
    unit_s = OrgUnit.objects.create(name="Enhet S", kind=Kind.UNIT, parent=south)
    return type(
        "Org",
        (),
        dict(
            city=city,
            north=north,
            south=south,
            dept=dept,
            unit_a=unit_a,
            unit_b=unit_b,
            unit_s=unit_s,
        ),
    )


def _user(username: str, node: OrgUnit | None, role: str | None, **extra):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    if node is not None:
        Membership.objects.create(user=user, org_unit=node, role=role)
    return user


def _persona(username: str, node: str | None, role: str | None):
    """The fixture `username`: a user with `role` on the node `org.<node>`, or no role at all."""

    @pytest.fixture(name=username)
    def persona(org):
        return _user(username, getattr(org, node) if node else None, role)

    return persona


editor_a = _persona("editor_a", "unit_a", Role.EDITOR)
editor_b = _persona("editor_b", "unit_b", Role.EDITOR)
approver = _persona("approver", "north", Role.APPROVER)
controller = _persona("controller", "north", Role.CONTROLLER)
reader = _persona("reader", "north", Role.READER)
committee_editor = _persona("committee_editor", "north", Role.EDITOR)
city_admin = _persona("city_admin", "city", Role.ADMIN)
outsider = _persona("outsider", None, None)


def kf_goals(year: PlanningYear, org) -> tuple[Goal, Goal]:
    """KF's direction goal 1 and its area goal 1.1 in `year`, as `chain` has them."""
    direction = goal_create(
        year=year, level=Level.DIRECTION, owner=org.city, number="1", title="En stad för alla"
    )
    area = goal_create(
        year=year,
        level=Level.AREA,
        owner=org.city,
        parent=direction,
        number="1.1",
        title="Invånarna får stöd i tid",
    )
    return direction, area


@pytest.fixture
def chain(org):
    """A year's goal chain: one KF direction goal, an area goal, a board goal of Norra nämnden."""
    year = PlanningYear.objects.create(year=2026, unit_goal_label=UnitGoalLabel.ENHETSMAL)
    direction, area = kf_goals(year, org)
    board = goal_create(
        year=year,
        level=Level.BOARD,
        owner=org.north,
        parent=area,
        title="Ingen ska vänta längre än nödvändigt",
    )
    return type("Chain", (), dict(year=year, direction=direction, area=area, board=board))


def add_unit_goal(chain, owner: OrgUnit, title: str, **fields) -> Goal:
    """A unit goal of `owner` under `chain`'s board goal, written through goal_create."""
    return goal_create(
        year=chain.year, level=Level.UNIT, owner=owner, parent=chain.board, title=title, **fields
    )


def add_indicator(goal: Goal, owner: OrgUnit, name: str, *, target: str, **fields) -> Indicator:
    """An indicator of `owner` on `goal` with the owner's own target, through the services."""
    indicator = indicator_create(goal=goal, owner=owner, name=name, **fields)
    target_set(indicator=indicator, org_unit=owner, text=target)
    return indicator


@pytest.fixture
def plan_a(org, chain):
    return plan_create(unit=org.unit_a, year=chain.year)


@pytest.fixture
def plan_b(org, chain):
    return plan_create(unit=org.unit_b, year=chain.year)


@pytest.fixture
def committee_admin(org):
    """Administrator of Norra nämnden: its subtree and the people there, nothing above or beside."""
    return _user("committee_admin", org.north, Role.ADMIN)
