"""styra remind under time-machine: each reminder once, at 7 days, 1 day and 1 day late."""

import io
import logging
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command

from styra.accounts.models import Membership
from styra.decisions.services import report_submit
from styra.followup.services import period_update, periods_ensure, report_open

from ..models import Delivery, Kind, Notice, NoticeSetting

STOCKHOLM = ZoneInfo("Europe/Stockholm")
DEADLINE = date(2026, 5, 14)  # 2026T1: per 30 April, handed in within two weeks


@pytest.fixture
def periods(chain, plan_a, plan_b, editor_a, editor_b, mailed):
    """Units A and B plan for 2026 and have not reported T1; each has its own editor."""
    found = {p.code[-2:]: p for p in periods_ensure(year=chain.year)}
    assert found["T1"].deadline == DEADLINE
    return found


@pytest.fixture
def remind(committed):
    """remind(day): `styra remind` at 08:05 on that day; returns its output and the new mail."""

    def run(day: date, *args) -> tuple[str, list]:
        before = len(mail.outbox)
        out = io.StringIO()
        at = datetime(day.year, day.month, day.day, 8, 5, tzinfo=STOCKHOLM)
        with time_machine.travel(at, tick=False), committed():
            call_command("remind", *args, stdout=out)
        return out.getvalue(), mail.outbox[before:]

    return run


def days(n: int) -> date:
    return DEADLINE + timedelta(days=n)


def to(messages) -> list[str]:
    return sorted(m.to[0] for m in messages)


EDITORS = ["editor_a@teststad.se", "editor_b@teststad.se"]


def test_seven_days_before_each_editor_is_reminded_once(periods, remind):
    out, sent = remind(days(-7))
    assert to(sent) == EDITORS
    subjects = {m.subject for m in sent}
    assert (
        "Styra: Påminnelse: tertialrapport 1 2026 för Enhet A ska lämnas in senast 14 maj 2026"
        in subjects
    )
    assert "om 7 dagar" in sent[0].body
    assert "Påminnelser: 2 skickade." in out
    assert "Tertialrapport 1 2026, Enhet A: 7-dagar-kvar till editor_a" in out

    out, sent = remind(days(-7))
    assert sent == [] and "Påminnelser: 0 skickade." in out


def test_one_day_before_each_editor_is_reminded_once(periods, remind):
    out, sent = remind(days(-1))
    assert to(sent) == EDITORS
    assert all("14 maj 2026, i morgon" in m.body for m in sent)
    assert remind(days(-1))[1] == []


def test_one_day_after_each_editor_is_told_the_report_is_late(periods, remind):
    out, sent = remind(days(1))
    assert to(sent) == EDITORS
    assert {m.subject for m in sent} == {
        "Styra: Tertialrapport 1 2026 för Enhet A är försenad",
        "Styra: Tertialrapport 1 2026 för Enhet B är försenad",
    }
    assert remind(days(1))[1] == []


def test_every_hour_of_the_period_sends_exactly_three_reminders_each(periods, org, remind):
    """Hourly runs from three weeks before the deadline to two weeks after it."""
    sent = []
    day = days(-21)
    while day <= days(14):
        for _hour in range(3):  # a few runs a day stand for every hour
            sent += remind(day)[1]
        day += timedelta(days=1)
    assert to(sent) == sorted(EDITORS * 3)
    keys = Notice.objects.filter(recipient__username="editor_a").values_list("dedupe_key")
    assert sorted(key for (key,) in keys) == [
        f"reminder:report:2026T1:{org.unit_a.pk}:{stage}:2026-05-14"
        for stage in ("1-dag-kvar", "7-dagar-kvar", "forsenad")
    ]


def test_a_run_after_missed_days_sends_what_is_still_due_once(periods, remind):
    out, sent = remind(days(-4))  # the 7-day reminder's day was missed
    assert to(sent) == EDITORS and "om 4 dagar" in sent[0].body
    assert remind(days(-3))[1] == []
    _, sent = remind(days(0))  # the day before was missed too: the deadline itself
    assert to(sent) == EDITORS and "14 maj 2026, i dag" in sent[0].body


def test_a_first_run_on_the_day_before_sends_only_that_reminder(periods, remind):
    assert len(remind(days(-1))[1]) == 2
    assert Notice.objects.filter(dedupe_key__contains="7-dagar-kvar").count() == 0


def test_nothing_is_sent_long_after_a_deadline(periods, remind):
    assert remind(days(8))[1] == [] and remind(days(-8))[1] == []


def test_a_handed_in_report_is_not_reminded_of(periods, org, editor_a, remind):
    report = report_open(org_unit=org.unit_a, period=periods["T1"])
    report_submit(report=report, by=editor_a)
    _, sent = remind(days(1))
    assert to(sent) == ["editor_b@teststad.se"]


def test_a_draft_report_is_reminded_of_with_a_link_to_it(periods, org, remind):
    report = report_open(org_unit=org.unit_a, period=periods["T1"])
    _, sent = remind(days(-7))
    notice = Notice.objects.get(recipient__username="editor_a")
    assert notice.report == report and notice.link == f"/uppfoljning/rapporter/{report.pk}/"
    assert f"/uppfoljning/rapporter/{report.pk}/" in next(
        m.body for m in sent if m.to == ["editor_a@teststad.se"]
    )
    other = Notice.objects.get(recipient__username="editor_b")
    assert other.report is None and other.link == "/uppfoljning/?ar=2026"


def test_who_turned_reminders_off_gets_none(periods, editor_a, editor_b, remind):
    NoticeSetting.objects.create(user=editor_a, kind=Kind.REMINDER, delivery=Delivery.OFF)
    NoticeSetting.objects.create(user=editor_b, kind=Kind.REMINDER, delivery=Delivery.IN_APP)
    out, sent = remind(days(-7))
    assert sent == []
    assert list(Notice.objects.values_list("recipient__username", flat=True)) == ["editor_b"]
    assert "Enhet B: 7-dagar-kvar till editor_b (bara i Styra)" in out


def test_a_moved_deadline_gets_its_own_reminders(periods, remind):
    remind(days(-7))
    t1 = periods["T1"]
    period_update(period=t1, cutoff=t1.cutoff, deadline=days(7))
    assert remind(days(-1))[1] == []  # the old deadline's day before: no longer due
    assert to(remind(days(0))[1]) == EDITORS  # 7 days before the new deadline


def test_a_unit_without_editors_has_its_administrator_reminded_and_told_why(
    periods, editor_b, remind
):
    """Enhet B has no editor on it or above it: the city's administrator stands in."""
    Membership.objects.filter(user=editor_b).delete()
    out, sent = remind(days(-7))
    assert to(sent) == ["city_admin@teststad.se", "editor_a@teststad.se"]
    stand_in = next(m for m in sent if m.to == ["city_admin@teststad.se"])
    assert "Enhet B" in stand_in.subject
    assert "ingen har rollen redaktör för Enhet B" in stand_in.body
    line = next(line for line in out.splitlines() if "Enhet B" in line)
    assert "till city_admin" in line and "administratör i stället för redaktör" in line


def test_a_unit_without_editors_or_administrators_is_named_in_the_summary(
    periods, editor_b, city_admin, remind
):
    Membership.objects.filter(user__in=[editor_b, city_admin]).delete()
    out, sent = remind(days(-7))
    assert to(sent) == ["editor_a@teststad.se"]
    assert "Tertialrapport 1 2026, Enhet B: ingen redaktör eller administratör att påminna" in out


def test_a_draft_year_is_not_reminded_of(periods, chain, remind):
    """A year the city is still preparing (styra year-open) is not the units' yet."""
    from styra.goals.models import YearState

    chain.year.state = YearState.DRAFT
    chain.year.save()
    assert remind(days(-7))[1] == []


def test_an_inactive_unit_is_not_reminded(periods, org, remind):
    org.unit_b.active = False
    org.unit_b.save()
    assert to(remind(days(-7))[1]) == ["editor_a@teststad.se"]


def test_it_logs_each_reminder(periods, remind, caplog):
    with caplog.at_level(logging.INFO, logger="styra.notifications"):
        remind(days(-7))
    assert caplog.text.count("Påminnelse reminder:report:2026T1:") == 2
    assert "E-post skickad till editor_a@teststad.se" in caplog.text


def test_the_date_option_runs_as_that_day(periods, remind):
    _, sent = remind(days(-30), "--date", days(1).isoformat())
    assert to(sent) == EDITORS and "försenad" in sent[0].subject


def test_a_bad_date_is_refused(periods):
    with pytest.raises(CommandError, match="ÅÅÅÅ-MM-DD"):
        call_command("remind", "--date", "14/5", stdout=io.StringIO())


def test_a_mail_that_failed_is_sent_on_the_next_run(periods, editor_a, remind, settings):
    settings.EMAIL_BACKEND = "styra.notifications.tests.backends.Refusing"
    remind(days(-7))
    assert Notice.objects.filter(emailed_at__isnull=True).count() == 2
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # An hour later: the reminders are not sent again, their mails are.
    at = datetime(2026, 5, 7, 9, 5, tzinfo=STOCKHOLM)
    out = io.StringIO()
    with time_machine.travel(at, tick=False):
        call_command("remind", stdout=out)
    assert to(mail.outbox) == EDITORS
    assert "2 e-brev som misslyckats tidigare skickade nu" in out.getvalue()
    assert Notice.objects.filter(emailed_at__isnull=True).count() == 0


def test_the_run_asks_a_bounded_number_of_queries(
    periods, remind, django_assert_max_num_queries, org, chain
):
    from styra.accounts.models import Role
    from styra.conftest import _user
    from styra.organisation.models import Kind as NodeKind
    from styra.organisation.models import OrgUnit
    from styra.plans.services import plan_create

    for i in range(10):
        unit = OrgUnit.objects.create(name=f"Enhet {i}", kind=NodeKind.UNIT, parent=org.dept)
        plan_create(unit=unit, year=chain.year)
        _user(f"editor_{i}", unit, Role.EDITOR, email=f"e{i}@teststad.se")
    with django_assert_max_num_queries(10 * 12 + 10):
        remind(days(-7))
    assert len(mail.outbox) == 12
    with django_assert_max_num_queries(3 * 12 + 10):
        assert remind(days(-7))[1] == []
