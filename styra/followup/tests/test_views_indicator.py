"""An indicator's page: definition, outcomes over periods and years as a chart and a table."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from styra.conftest import add_indicator
from styra.followup.services import outcome_record
from styra.goals.models import Level, PlanningYear
from styra.goals.services import goal_create
from styra.indicators.models import Direction, Periodicity
from styra.indicators.services import indicator_create, target_set
from styra.organisation.models import OrgUnit


@pytest.fixture
def history(org, chain):
    """Andel i tid in 2025 and 2026 under Norra nämnden, tied by name; a coded KF indicator."""
    this_year = add_indicator(
        chain.board,
        org.north,
        "Andel i tid",
        target="70 %",
        description="Andel ärenden som avslutas inom fyra veckor.",
        measure="%",
        direction=Direction.HIGHER,
        periodicity=Periodicity.TERTIAL,
    )
    target_set(indicator=this_year, org_unit=org.unit_a, text="80 %")
    target_set(indicator=this_year, org_unit=org.unit_b, text="60 %")
    for unit, period, value in (
        (org.unit_a, "2026T1", 85),
        (org.unit_b, "2026T1", 50),
        (org.unit_a, "2026T2", 78),
    ):
        outcome_record(indicator=this_year, org_unit=unit, period=period, value=Decimal(value))

    year_2025 = PlanningYear.objects.create(year=2025)
    direction = goal_create(year=year_2025, level=Level.DIRECTION, owner=org.city, title="Riktning")
    area = goal_create(
        year=year_2025, level=Level.AREA, owner=org.city, parent=direction, title="Område"
    )
    board = goal_create(
        year=year_2025, level=Level.BOARD, owner=org.north, parent=area, title="Nämndmål 2025"
    )
    last_year = indicator_create(goal=board, owner=org.north, name="Andel i tid", measure="%")
    target_set(indicator=last_year, org_unit=org.unit_a, text="75 %")
    outcome_record(indicator=last_year, org_unit=org.unit_a, period="2025VB", value=Decimal(70))
    # Another indicator of the same name under another owner is not the same indicator.
    other = indicator_create(goal=board, owner=org.south, name="Andel i tid")
    outcome_record(indicator=other, org_unit=org.unit_s, period="2025VB", value=Decimal(1))

    coded_2026 = indicator_create(goal=chain.area, owner=org.city, name="KF-andel", code="U1")
    target_set(indicator=coded_2026, org_unit=org.unit_a, text="50")
    outcome_record(indicator=coded_2026, org_unit=org.unit_a, period="2026VB", value=Decimal(55))
    coded_2025 = indicator_create(goal=area, owner=org.city, name="KF-andelen", code="U1")
    outcome_record(indicator=coded_2025, org_unit=org.unit_a, period="2025VB", value=Decimal(45))
    return type("History", (), dict(indicator=this_year, coded=coded_2026))


def url(indicator, **query):
    base = reverse("indicators:detail", args=[indicator.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def table(html: str) -> list[list[str]]:
    body = html.split('id="data"', 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_it_shows_the_definition(client, reader, history):
    client.force_login(reader)
    html = client.get(url(history.indicator)).content.decode()
    assert "<h1>Andel i tid</h1>" in html
    for text in (
        "Andel ärenden som avslutas inom fyra veckor.",
        "procent (%)",
        "Högre är bättre",
        "Tertial",
        "Kan inte summeras",
        "Norra nämnden",
        "Nämndmål: Ingen ska vänta längre än nödvändigt (2026)",
        "2025, 2026",
    ):
        assert text in html


def test_it_follows_the_indicator_across_years_by_name_and_owner(client, reader, history):
    client.force_login(reader)
    rows = table(client.get(url(history.indicator)).content.decode())
    # Each outcome carries its unit beside its target (main showed a bare "70").
    assert rows == [
        ["2025VB", "Enhet A", "70\xa0%", "75 %", "◐ Delvis uppnått"],
        ["2026T1", "Enhet A", "85\xa0%", "80 %", "✓ Uppnått"],
        ["2026T1", "Enhet B", "50\xa0%", "60 %", "✗ Ej uppnått"],
        ["2026T2", "Enhet A", "78\xa0%", "80 %", "◐ Delvis uppnått"],
    ]


def test_it_follows_a_coded_indicator_across_owners(client, city_admin, history):
    client.force_login(city_admin)
    rows = table(client.get(url(history.coded)).content.decode())
    assert [r[:3] for r in rows] == [["2025VB", "Enhet A", "45"], ["2026VB", "Enhet A", "55"]]


def test_it_shows_one_unit(client, reader, org, history):
    client.force_login(reader)
    html = client.get(url(history.indicator, enhet=org.unit_b.pk)).content.decode()
    assert [r[:3] for r in table(html)] == [["2026T1", "Enhet B", "50\xa0%"]]
    assert f'<option value="{org.unit_b.pk}" selected>Enhet B</option>' in html
    assert "med enhetens årsmål som streckad linje" in html


def test_it_draws_an_accessible_chart_with_the_same_data_as_the_table(client, reader, history):
    client.force_login(reader)
    html = client.get(url(history.indicator)).content.decode()
    figure = html.split('<figure role="img" aria-labelledby="chart-caption"', 1)[1]
    figure = figure.split("</figure>", 1)[0]
    assert "<svg" in figure and '<figcaption id="chart-caption">' in figure
    assert "<script" not in figure.lower()
    # Every period and unit of the table is in the chart, and the target line too.
    for period, unit, *_ in table(html):
        assert period in figure and unit in figure
    assert "Årsmål" in figure


def test_it_escapes_names_in_the_chart_and_the_table(client, reader, org, history):
    OrgUnit.objects.filter(pk=org.unit_b.pk).update(name="<script>alert(1)</script>")
    client.force_login(reader)
    html = client.get(url(history.indicator)).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_it_shows_only_units_the_user_may_see(client, editor_a, history):
    client.force_login(editor_a)  # sees Enhet A, which has a target for the committee's indicator
    response = client.get(url(history.indicator))
    assert response.status_code == 200
    assert {r[1] for r in table(response.content.decode())} == {"Enhet A"}


@pytest.mark.parametrize(
    ("persona", "status"),
    [("reader", 200), ("city_admin", 200), ("editor_b", 404), ("outsider", 404)],
)
def test_it_needs_view_on_the_owner_or_a_unit_with_a_target(
    client, request, org, chain, persona, status
):
    indicator = indicator_create(goal=chain.board, owner=org.north, name="Bara A")
    target_set(indicator=indicator, org_unit=org.unit_a, text="1")
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url(indicator)).status_code == status


def test_it_refuses_a_unit_the_user_may_not_see(client, editor_a, org, history):
    client.force_login(editor_a)
    assert client.get(url(history.indicator, enhet=org.unit_b.pk)).status_code == 404
    assert client.get(url(history.indicator, enhet="x")).status_code == 404


def test_it_sends_anonymous_visitors_to_log_in(client, history):
    assert client.get(url(history.indicator)).status_code == 302


def test_it_runs_a_fixed_number_of_queries(
    client, reader, org, history, django_assert_max_num_queries
):
    for n in range(20):
        unit = OrgUnit.objects.create(name=f"Extra {n}", kind="unit", parent=org.dept)
        target_set(indicator=history.indicator, org_unit=unit, text="50 %")
        outcome_record(
            indicator=history.indicator, org_unit=unit, period="2026T1", value=Decimal(n)
        )
    client.force_login(reader)
    with django_assert_max_num_queries(12):
        assert client.get(url(history.indicator)).status_code == 200
