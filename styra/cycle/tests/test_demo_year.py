"""The issue's acceptance test: `styra year-open` on the demo city, then "Skapa nästa års plan"
for every demo unit, leaves no unit goal unlinked."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from styra.cycle.services import year_release
from styra.goals.models import Goal, Level, PlanningYear
from styra.plans.models import Plan
from styra.plans.services import plan_copy_to_year

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo_city(django_db_setup, django_db_blocker):
    """Exempelby kommun loaded once for this module, rolled back at its end (as the demo's
    own tests do: each test runs in a savepoint inside this transaction)."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        call_command("demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_city, db):
    return None


def test_next_years_plans_of_every_demo_unit_link_every_goal(demo):
    out = StringIO()
    call_command("year_open", "2027", "--from", "2026", "--all-committees", stdout=out)
    assert "2027 är skapat som utkast från 2026" in out.getvalue()
    year = year_release(year=PlanningYear.objects.get(year=2027), by=None)

    plans = list(Plan.objects.filter(year__year=2026).select_related("unit", "year"))
    assert len(plans) >= 4  # every demo unit that has a plan for 2026
    for plan in plans:
        report = plan_copy_to_year(plan=plan, year=2027)
        assert report.unlinked == [], (plan.unit_name, report.unlinked)
        assert report.copied, plan.unit_name

    old = Goal.objects.filter(year__year=2026, level=Level.UNIT, owner__plans__year__year=2026)
    new = Goal.objects.filter(year=year, level=Level.UNIT).select_related("parent", "copied_from")
    assert new.count() == old.distinct().count()
    for goal in new:
        # Under the copy of the goal it stood under last year, found by origin.
        assert goal.parent.copied_from_id == goal.copied_from.parent_id
