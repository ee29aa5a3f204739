"""styra remind and the plan submission date (Årshjulet): 7 days, 1 day and 1 day late."""

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from styra.cycle.models import DateKind
from styra.cycle.services import year_date_create
from styra.decisions.services import plan_submit
from styra.plans.services import plan_create

from ..models import Notice

STOCKHOLM = ZoneInfo("Europe/Stockholm")
SUBMISSION = date(2026, 2, 13)  # a Friday
EDITORS = ["editor_a@teststad.se", "editor_b@teststad.se"]


@pytest.fixture
def submission(chain, plan_a, plan_b, editor_a, editor_b, mailed):
    """Units A and B have draft plans for 2026; the city's plans are due 13 February."""
    return year_date_create(
        year=chain.year, kind=DateKind.PLAN_SUBMISSION, date=SUBMISSION, by=None
    )


@pytest.fixture
def remind(committed):
    def run(day: date) -> tuple[str, list]:
        before = len(mail.outbox)
        out = io.StringIO()
        at = datetime(day.year, day.month, day.day, 8, 5, tzinfo=STOCKHOLM)
        with time_machine.travel(at, tick=False), committed():
            call_command("remind", stdout=out)
        return out.getvalue(), mail.outbox[before:]

    return run


def days(n: int) -> date:
    return SUBMISSION + timedelta(days=n)


def to(messages) -> list[str]:
    return sorted(m.to[0] for m in messages)


def test_unit_editors_are_reminded_of_the_plan_at_each_stage_once(submission, remind):
    out, sent = remind(days(-7))
    assert to(sent) == EDITORS
    assert any(
        m.subject == "Styra: Påminnelse: verksamhetsplanen 2026 för Enhet A ska lämnas in senast "
        "13 februari 2026"
        for m in sent
    )
    assert "Verksamhetsplan 2026, Enhet A: 7-dagar-kvar till editor_a" in out
    assert remind(days(-7))[1] == []
    assert to(remind(days(-1))[1]) == EDITORS
    late = remind(days(1))[1]
    assert to(late) == EDITORS and all("försenad" in m.subject for m in late)
    assert remind(days(2))[1] == []


def test_a_submitted_plan_is_not_reminded(submission, plan_a, remind):
    plan_submit(plan=plan_a, by=None)
    _, sent = remind(days(-1))
    assert to(sent) == ["editor_b@teststad.se"]


def test_a_committees_date_reminds_only_units_under_it(chain, org, plan_a, mailed, remind):
    year_date_create(
        year=chain.year,
        kind=DateKind.PLAN_SUBMISSION,
        date=SUBMISSION,
        org_unit=org.south,
        by=None,
    )
    _, sent = remind(days(-7))
    assert sent == []
    assert not Notice.objects.filter(dedupe_key__startswith="reminder:plan:").exists()


def test_a_committees_own_date_replaces_the_citys_for_its_units(
    submission, chain, org, plan_a, remind
):
    """Norra nämnden gives its units two weeks more: they are not late by the city's date."""
    plan_create(unit=org.unit_s, year=chain.year)
    later = year_date_create(
        year=chain.year,
        kind=DateKind.PLAN_SUBMISSION,
        date=SUBMISSION + timedelta(days=14),
        org_unit=org.north,
        by=None,
    )
    out, sent = remind(days(1))
    assert "Enhet S:" in out and "Enhet A" not in out and "Enhet B" not in out
    assert "administratör i stället för redaktör" in out  # Enhet S has no editor
    out, sent = remind(later.date + timedelta(days=1))
    assert to(sent) == EDITORS and "Enhet S" not in out
