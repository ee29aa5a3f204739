"""Årshjulet: the year's dates, who sees which, who changes them, and the iCalendar feed."""

import hashlib
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from icalendar import Calendar

from styra.accounts.models import Membership, Role
from styra.conftest import PASSWORD
from styra.followup.services import periods_ensure
from styra.goals.services import year_create

from ..models import CalendarFeed, DateKind, YearDate
from ..services import (
    budget_followup_dates,
    dates_ensure,
    feed_create,
    feed_revoke,
    year_date_create,
    year_date_update,
    year_open,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def north_admin(org):
    user = get_user_model().objects.create_user(username="north_admin", password=PASSWORD)
    Membership.objects.create(user=user, org_unit=org.north, role=Role.ADMIN)
    return user


@pytest.fixture
def dated(org, chain, plan_a):
    """2026 with its defaults, its periods, a meeting of each committee and a council meeting."""
    dates_ensure(year=chain.year)
    periods_ensure(year=chain.year)
    north = year_date_create(
        year=chain.year,
        kind=DateKind.COMMITTEE_MEETING,
        date=date(2026, 3, 10),
        org_unit=org.north,
        title="Norra nämndens sammanträde",
        by=None,
    )
    south = year_date_create(
        year=chain.year,
        kind=DateKind.COMMITTEE_MEETING,
        date=date(2026, 3, 12),
        org_unit=org.south,
        title="Södra nämndens sammanträde",
        by=None,
    )
    council = year_date_create(
        year=chain.year, kind=DateKind.COUNCIL_MEETING, date=date(2026, 6, 15), by=None
    )
    return {"north": north, "south": south, "council": council, "plan": plan_a}


# ---------------------------------------------------------------- the dates


def test_a_new_year_gets_default_dates(org):
    year = year_create(year=2030)
    kinds = list(YearDate.objects.filter(year=year).values_list("kind", flat=True))
    assert kinds.count(DateKind.PLAN_SUBMISSION) == 1
    assert kinds.count(DateKind.PLAN_ADOPTION) == 1
    months = list(
        YearDate.objects.filter(year=year, kind=DateKind.BUDGET_FOLLOWUP).values_list(
            "month", flat=True
        )
    )
    # January to November, July skipped: the summer.
    assert "2030M07" not in months and "2030M12" not in months and len(months) == 10
    submission = YearDate.objects.get(year=year, kind=DateKind.PLAN_SUBMISSION)
    assert submission.date.year == 2029 and submission.date.weekday() < 5


def test_budget_followup_day_is_configurable(settings):
    settings.STYRA_BUDGET_FOLLOWUP_DAY = 10
    settings.STYRA_BUDGET_FOLLOWUP_SKIP_MONTHS = []
    dates = dict(budget_followup_dates(2026))
    assert len(dates) == 11
    assert dates["2026M03"] == date(2026, 4, 10)  # a Friday
    assert dates["2026M09"] == date(2026, 10, 12)  # 10 October is a Saturday: Monday


def test_dates_ensure_is_idempotent(chain):
    first = dates_ensure(year=chain.year)
    assert len(dates_ensure(year=chain.year)) == len(first)


def test_year_open_copies_last_years_dates_a_year_on(org, chain, dated, city_admin):
    opened = year_open(year=2027, from_year=2026, by=city_admin)
    meeting = YearDate.objects.get(year=opened.year, org_unit=org.north)
    assert meeting.date == date(2027, 3, 10) and meeting.title == "Norra nämndens sammanträde"
    assert (
        YearDate.objects.filter(year=opened.year).count()
        == YearDate.objects.filter(year=chain.year).count()
    )
    assert YearDate.objects.filter(year=opened.year, month="2027M03").exists()


def test_a_date_for_a_unit_or_far_off_is_refused(org, chain):
    with pytest.raises(ValidationError) as refused:
        year_date_create(
            year=chain.year,
            kind=DateKind.OTHER,
            date=date(2026, 1, 1),
            org_unit=org.unit_a,
            by=None,
        )
    assert "org_unit" in refused.value.message_dict and "title" in refused.value.message_dict
    with pytest.raises(ValidationError):
        year_date_create(
            year=chain.year, kind=DateKind.COUNCIL_MEETING, date=date(2029, 1, 1), by=None
        )
    assert not YearDate.objects.filter(year=chain.year).exists()


def north_submission(chain, org):
    """Norra nämnden's own plan submission date, two weeks after the city's default."""
    return year_date_create(
        year=chain.year,
        kind=DateKind.PLAN_SUBMISSION,
        date=date(2025, 12, 1),
        org_unit=org.north,
        by=None,
    )


def test_one_plan_submission_date_for_the_city_and_one_per_committee(org, chain):
    dates_ensure(year=chain.year)
    city_date = YearDate.objects.get(year=chain.year, kind=DateKind.PLAN_SUBMISSION)
    with pytest.raises(ValidationError) as refused:
        year_date_create(
            year=chain.year, kind=DateKind.PLAN_SUBMISSION, date=date(2025, 12, 1), by=None
        )
    assert refused.value.message_dict["kind"] == [
        "Året har redan det här datumet för samma nämnd eller för hela kommunen. "
        "Ändra det i stället för att lägga till ett till."
    ]
    north = north_submission(chain, org)
    with pytest.raises(ValidationError):
        year_date_update(
            year_date=city_date,
            kind=DateKind.PLAN_SUBMISSION,
            date=city_date.date,
            org_unit=org.north,
            by=None,
        )
    city_date.refresh_from_db()
    assert city_date.org_unit is None
    # Changing a date keeps it itself, not a second one of its kind.
    year_date_update(
        year_date=north,
        kind=DateKind.PLAN_SUBMISSION,
        date=date(2025, 12, 2),
        org_unit=org.north,
        by=None,
    )


def test_committee_admin_changes_only_its_committees_dates(org, chain, north_admin, editor_a):
    year_date_create(
        year=chain.year,
        kind=DateKind.COMMITTEE_MEETING,
        date=date(2026, 4, 1),
        org_unit=org.north,
        by=north_admin,
    )
    for node in (org.south, None):
        with pytest.raises(PermissionDenied):
            year_date_create(
                year=chain.year,
                kind=DateKind.COMMITTEE_MEETING,
                date=date(2026, 4, 1),
                org_unit=node,
                by=north_admin,
            )
    with pytest.raises(PermissionDenied):
        year_date_create(
            year=chain.year,
            kind=DateKind.COMMITTEE_MEETING,
            date=date(2026, 4, 1),
            org_unit=org.north,
            by=editor_a,
        )


# ---------------------------------------------------------------- the calendar page


def test_unit_editor_sees_the_city_and_its_committee_not_another(
    client, editor_a, dated, plan_a, django_assert_max_num_queries
):
    client.force_login(editor_a)
    with django_assert_max_num_queries(22):
        response = client.get(reverse("calendar:year", args=[2026]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Norra nämndens sammanträde" in page
    assert "Södra nämndens sammanträde" not in page
    assert "Kommunfullmäktiges sammanträde" in page
    assert "Sista dag att rapportera" in page
    # The plan submission links to the unit's own plan.
    assert reverse("plans:detail", args=[plan_a.pk]) in page


def test_the_page_lists_the_next_dates_first_with_how_far_off(client, editor_a, dated):
    client.force_login(editor_a)
    with time_machine.travel(datetime(2026, 3, 1, 9, 0, tzinfo=STOCKHOLM), tick=False):
        page = client.get(reverse("calendar:year", args=[2026])).content.decode()
    upcoming = page[page.index('id="upcoming-h"') : page.index("</section>")]
    assert upcoming.count("<li>") == 5
    assert "Tisdag 10 mars 2026</time>:\n              Norra nämndens sammanträde" in upcoming
    assert "(Norra nämnden), om 9 dagar" in upcoming
    assert "Södra" not in upcoming
    assert "avstämningsdatum för tertialrapport 1 2026" in page.lower()
    assert "Avstämningsdatum för tertialrapport 1 2026" in page  # lower case mid-sentence
    with time_machine.travel(datetime(2028, 3, 1, 9, 0, tzinfo=STOCKHOLM), tick=False):
        client.force_login(editor_a)  # the session of 2026 has expired
        page = client.get(reverse("calendar:year", args=[2026])).content.decode()
    assert 'id="upcoming-h"' not in page and "passerat" in page


def test_a_committees_own_plan_dates_replace_the_citys_on_its_peoples_calendar(
    client, editor_a, city_admin, dated, org, chain
):
    north_submission(chain, org)
    client.force_login(editor_a)
    page = client.get(reverse("calendar:year", args=[2026])).content.decode()
    assert page.count("Sista dag att lämna in verksamhetsplanen") == 1
    assert 'datetime="2025-12-01"' in page and 'datetime="2025-11-17"' not in page
    assert "Nämnden fastställer verksamhetsplanerna" in page  # Norra has no adoption of its own
    # The city's administrator sees both: the city's date still holds for Södra's units.
    client.force_login(city_admin)
    page = client.get(reverse("calendar:year", args=[2026])).content.decode()
    assert page.count("Sista dag att lämna in verksamhetsplanen") == 2


def test_calendar_queries_do_not_grow_with_dates(client, city_admin, dated, chain, org):
    client.force_login(city_admin)
    client.get(reverse("calendar:year", args=[2026]))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("calendar:year", args=[2026]))
    for day in range(1, 20):
        year_date_create(
            year=chain.year,
            kind=DateKind.COMMITTEE_MEETING,
            date=date(2026, 9, day),
            org_unit=org.north,
            by=None,
        )
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("calendar:year", args=[2026]))
    assert len(many) == len(few)


def test_calendar_home_goes_to_a_year(client, reader, dated):
    client.force_login(reader)
    response = client.get(reverse("calendar:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("calendar:year", args=[2026])


def test_dates_page_lists_what_the_person_edits(
    client, city_admin, north_admin, editor_a, dated, django_assert_max_num_queries
):
    client.force_login(north_admin)
    with django_assert_max_num_queries(16):
        page = client.get(reverse("calendar:dates", args=[2026])).content.decode()
    assert "Norra nämndens sammanträde" in page and "Södra nämndens sammanträde" not in page
    client.force_login(editor_a)
    assert client.get(reverse("calendar:dates", args=[2026])).status_code == 403
    assert (
        client.post(reverse("calendar:date_edit", args=[dated["north"].pk]), {}).status_code == 403
    )


def test_committee_admin_edits_and_deletes_its_own_date(client, north_admin, dated, org):
    client.force_login(north_admin)
    url = reverse("calendar:date_edit", args=[dated["north"].pk])
    body = {"kind": DateKind.COMMITTEE_MEETING, "date": "2026-03-11", "org_unit": org.north.pk}
    assert client.post(url, body).status_code == 302
    dated["north"].refresh_from_db()
    assert dated["north"].date == date(2026, 3, 11)
    bad = client.post(url, {**body, "date": "11 mars"})
    assert bad.status_code == 400 and "ÅÅÅÅ-MM-DD" in bad.content.decode()
    assert client.post(
        reverse("calendar:date_edit", args=[dated["south"].pk]), body
    ).status_code in (
        403,
        404,
    )
    delete = reverse("calendar:date_delete", args=[dated["north"].pk])
    assert client.post(delete).status_code == 200  # asks first
    assert YearDate.objects.filter(pk=dated["north"].pk).exists()
    assert client.post(delete, {"confirm": "1"}).status_code == 302
    assert not YearDate.objects.filter(pk=dated["north"].pk).exists()


def test_city_admin_adds_a_date_for_the_whole_city(client, city_admin, chain):
    client.force_login(city_admin)
    response = client.post(
        reverse("calendar:date_create", args=[2026]),
        {"kind": DateKind.OTHER, "date": "2026-08-20", "title": "Budgetdialog"},
    )
    assert response.status_code == 302
    assert YearDate.objects.get(title="Budgetdialog").org_unit is None
    # A second plan submission date for the whole city: the form says why, nothing is added.
    year_date_create(
        year=chain.year, kind=DateKind.PLAN_SUBMISSION, date=date(2025, 11, 17), by=None
    )
    before = YearDate.objects.count()
    response = client.post(
        reverse("calendar:date_create", args=[2026]),
        {"kind": DateKind.PLAN_SUBMISSION, "date": "2025-11-20"},
    )
    assert response.status_code == 400
    assert "Året har redan det här datumet" in response.content.decode()
    assert YearDate.objects.count() == before


# ---------------------------------------------------------------- the feed


def _token_from(response) -> str:
    page = response.content.decode()
    start = page.index("/arshjul/flode/") + len("/arshjul/flode/")
    return page[start : page.index(".ics", start)]


def test_feed_link_stores_only_the_hash_and_serves_the_persons_dates(client, editor_a, dated):
    client.force_login(editor_a)
    response = client.post(reverse("calendar:feed_create"), {"ar": "2026"})
    assert response.status_code == 200
    token = _token_from(response)
    feed = CalendarFeed.objects.get(user=editor_a)
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in feed.token_hash
    client.logout()
    first = client.get(reverse("calendar:feed", args=[token]))
    assert first.status_code == 200
    assert first["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(first.content)
    assert calendar["X-WR-TIMEZONE"] == "Europe/Stockholm"
    assert str(calendar["X-WR-CALNAME"])
    events = calendar.walk("VEVENT")
    summaries = {str(e["SUMMARY"]) for e in events}
    assert any("Norra nämndens sammanträde" in s for s in summaries)
    assert not any("Södra" in s for s in summaries)
    assert all(e.get("DTSTAMP") for e in events)
    assert all(isinstance(e.decoded("DTSTART"), date) for e in events)
    # Each event says whom it concerns and links to it in full: the plan, for its dates.
    submission = next(e for e in events if "lämna in verksamhetsplanen" in str(e["SUMMARY"]))
    plan_url = f"http://testserver{reverse('plans:detail', args=[dated['plan'].pk])}"
    assert str(submission["URL"]) == plan_url
    assert str(submission["DESCRIPTION"]) == f"Gäller: Hela kommunen\n{plan_url}"
    meeting = next(e for e in events if "Norra nämndens" in str(e["SUMMARY"]))
    assert str(meeting["DESCRIPTION"]) == "Gäller: Norra nämnden" and "URL" not in meeting
    second = Calendar.from_ical(client.get(reverse("calendar:feed", args=[token])).content)
    assert [str(e["UID"]) for e in events] == [str(e["UID"]) for e in second.walk("VEVENT")]


def test_revoked_replaced_or_deactivated_feed_is_404(client, editor_a, dated):
    old = feed_create(user=editor_a)
    new = feed_create(user=editor_a)
    assert client.get(reverse("calendar:feed", args=[old])).status_code == 404
    assert client.get(reverse("calendar:feed", args=[new])).status_code == 200
    editor_a.is_active = False
    editor_a.save()
    assert client.get(reverse("calendar:feed", args=[new])).status_code == 404
    editor_a.is_active = True
    editor_a.save()
    assert feed_revoke(user=editor_a)
    assert client.get(reverse("calendar:feed", args=[new])).status_code == 404
    assert client.get(reverse("calendar:feed", args=["x" * 43])).status_code == 404


def test_feed_changes_are_audited_without_the_token(editor_a, django_capture_on_commit_callbacks):
    from styra.audit.models import AuditEntry

    with django_capture_on_commit_callbacks(execute=True):
        token = feed_create(user=editor_a)
    entries = AuditEntry.objects.filter(object_type="cycle.calendarfeed")
    assert entries.exists()
    for entry in entries:
        assert token not in str(entry.__dict__)
        assert hashlib.sha256(token.encode()).hexdigest() not in str(entry.__dict__)


def test_a_draft_year_is_hidden_from_the_units(client, editor_a, city_admin, chain):
    chain.year.state = "draft"
    chain.year.save()
    client.force_login(editor_a)
    assert client.get(reverse("calendar:year", args=[2026])).status_code == 404
    client.force_login(city_admin)
    assert client.get(reverse("calendar:year", args=[2026])).status_code == 200


def test_the_feed_reads_in_a_bounded_number_of_queries(
    client, editor_a, dated, django_assert_max_num_queries
):
    token = feed_create(user=editor_a)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("calendar:feed", args=[token])).status_code == 200
