"""The city's follow-up calendar: only a city administrator sees or changes it."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from ..models import ReportingPeriod
from ..services import periods_ensure

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, *args):
    return reverse(f"followup:{name}", args=args)


def test_it_creates_and_shows_the_years_periods(client, city_admin, chain):
    client.force_login(city_admin)
    html = client.get(url("periods")).content.decode()
    assert "Året har inga uppföljningsperioder ännu." in html
    response = client.post(url("periods_create", chain.year.pk), **HTMX)
    html = response.content.decode()
    assert f'id="year-{chain.year.pk}"' in html
    for text in ("Tertialrapport 1 2026", "30 april 2026", "14 maj 2026", "Verksamhetsberättelse"):
        assert text in html, text
    assert ReportingPeriod.objects.count() == 3
    client.post(url("periods_create", chain.year.pk))
    assert ReportingPeriod.objects.count() == 3


def test_it_changes_cutoff_and_deadline(client, city_admin, chain):
    period = periods_ensure(year=chain.year)[0]
    client.force_login(city_admin)
    form = client.get(url("period_edit", period.pk), **HTMX)
    assert 'value="2026-04-30"' in form.content.decode()
    response = client.post(
        url("period_edit", period.pk), {"cutoff": "2026-04-30", "deadline": "2026-05-22"}
    )
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.deadline == date(2026, 5, 22)


def test_it_refuses_a_deadline_before_the_cutoff(client, city_admin, chain):
    period = periods_ensure(year=chain.year)[0]
    client.force_login(city_admin)
    response = client.post(
        url("period_edit", period.pk), {"cutoff": "2026-04-30", "deadline": "2026-04-01"}, **HTMX
    )
    assert response["HX-Retarget"] == f"#slot-year-{chain.year.pk}"
    assert "Sista dag kan inte ligga före avstämningsdatum." in response.content.decode()
    refused = client.post(url("period_edit", period.pk), {"cutoff": "30/4", "deadline": ""})
    assert (
        refused.status_code == 400
        and "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-31." in refused.content.decode()
    )
    period.refresh_from_db()
    assert period.deadline == date(2026, 5, 14)


def test_it_changes_the_years_tolerance_with_a_swedish_number(client, city_admin, chain):
    client.force_login(city_admin)
    response = client.post(
        url("tolerance_edit", chain.year.pk), {"status_tolerance": "7,5"}, **HTMX
    )
    assert "7,5 %" in response.content.decode()
    chain.year.refresh_from_db()
    assert chain.year.status_tolerance == D("7.5")
    refused = client.post(url("tolerance_edit", chain.year.pk), {"status_tolerance": "150"})
    assert refused.status_code == 400
    assert "Ange en tolerans mellan 0 och 100 procent." in refused.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("editor_a", 404),
        ("outsider", 404),
        ("approver", 404),
        ("committee_editor", 404),
        ("controller", 404),
    ],
)
def test_it_refuses_everyone_but_the_city_administrator(client, request, persona, status, chain):
    period = periods_ensure(year=chain.year)[0]
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url("periods")).status_code == status
    assert client.post(url("periods_create", chain.year.pk)).status_code == status
    data = {"cutoff": "2026-04-30", "deadline": "2026-06-30"}
    assert client.post(url("period_edit", period.pk), data).status_code == status
    data = {"status_tolerance": "50"}
    assert client.post(url("tolerance_edit", chain.year.pk), data).status_code == status
    period.refresh_from_db()
    chain.year.refresh_from_db()
    assert period.deadline == date(2026, 5, 14) and chain.year.status_tolerance == D("10")


def test_it_refuses_a_city_reader_with_403(client, org, chain):
    from styra.accounts.models import Membership, Role
    from styra.conftest import _user

    city_reader = _user("city_reader", org.city, Role.READER)
    assert Membership.objects.filter(user=city_reader).exists()
    client.force_login(city_reader)
    assert client.get(url("periods")).status_code == 403


def test_it_links_the_calendar_from_the_start_page_only_for_administrators(
    client, city_admin, editor_a, chain
):
    periods_ensure(year=chain.year)
    client.force_login(city_admin)
    assert url("periods") in client.get(url("home")).content.decode()
    client.force_login(editor_a)
    assert url("periods") not in client.get(url("home")).content.decode()
