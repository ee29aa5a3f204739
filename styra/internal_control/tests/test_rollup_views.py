"""The roll-up page of internal control, followup's roll-up section of it, who may see them,
and their queries: the same bound for 3 units as for 40."""

import pytest
from django.urls import reverse
from django.utils import translation

from styra.followup.models import ActivityStatus
from styra.followup.tests.test_rollup_queries import PAGE_QUERIES as FOLLOWUP_PAGE_QUERIES
from styra.internal_control import services as ic
from styra.organisation.models import Kind, OrgUnit

from .test_rollup import adopt, planned, report, scene  # noqa: F401 - the fixture

# Session, user, the node with its ancestors and the person's memberships, the period, the
# visible nodes, the tree, the year's plans, the counts, the controls, the deviations, their
# measures, the period list and the header's unread notices.
PAGE_QUERIES = 16


def url(node, period="2026T1"):
    return reverse("internal_control:rollup", kwargs={"unit_id": node.pk, "period": period})


def test_it_shows_the_committees_tables(client, reader, org, scene):  # noqa: F811
    client.force_login(reader)
    with translation.override("sv"):
        html = client.get(url(org.north)).content.decode()

    assert "Internkontroll – Norra nämnden" in html
    # Status with its symbol and words, never colour alone.
    mark = '<span class="status status--partly"><span aria-hidden="true">◐</span> Avvikelser'
    assert mark in html
    assert "Kontrollen är inte gjord" in html
    assert "Ej rapporterad" in html
    for text in (
        "Stickprov på attester",
        "Två utan attest",
        "Påminnelse om attestordningen",
        "Ekonomichef",
        "Påbörjad",
        "Tre journaler utan signering",
        "Ingen åtgärd ännu",  # Enhet A's deviation has no measure
        "Löneutbetalning",  # not reported
    ):
        assert text in html, text
    assert "Årlig genomgång" not in html  # reported in VB only
    assert "Kassaavstämning" not in html  # Enhet B's plan is a draft
    assert "Nämnden totalt" in html
    # Enhet B stands among the plans not adopted, with its status in words.
    not_adopted = html[html.index('id="ic-not-adopted"') : html.index('id="ic-controls"')]
    assert "Enhet B" in not_adopted and "Utkast" in not_adopted
    assert "Södra nämnden" not in html


def test_it_switches_period(client, reader, org, scene, periods):  # noqa: F811
    client.force_login(reader)
    html = client.get(url(org.north)).content.decode()
    for code in ("2026T1", "2026T2", "2026VB"):
        assert f'href="{url(org.north, code)}"' in html
    assert f'href="{url(org.north)}" aria-current="page"' in html
    vb = client.get(url(org.north, "2026VB")).content.decode()
    assert "Årlig genomgång" in vb
    assert "Stickprov på attester" not in vb


def test_it_shows_the_city_per_committee(client, city_admin, org, scene):  # noqa: F811
    client.force_login(city_admin)
    with translation.override("sv"):
        html = client.get(url(org.city)).content.decode()

    assert "Staden totalt" in html
    assert f'href="{url(org.north)}"' in html
    # The deviations are the committees' pages', linked with their number.
    assert f'href="{url(org.north)}#ic-deviations">Norra nämnden</a>: 2 kontrollmoment' in html
    assert f'href="{url(org.south)}#ic-deviations">Södra nämnden</a>: 1 kontrollmoment' in html
    assert "Prognos −2 mnkr" not in html
    assert "Kontrollmomenten per plan" not in html
    not_adopted = html[html.index('id="ic-not-adopted"') :]
    assert "Enhet B" in not_adopted and "Norra nämnden" in not_adopted


def test_it_links_each_plan_by_name(client, reader, org, scene):  # noqa: F811
    """To the plan's page where it exists (another part builds it); by name otherwise."""
    from django.urls import NoReverseMatch

    client.force_login(reader)
    html = client.get(url(org.north)).content.decode()
    try:
        detail = reverse("internal_control:detail", kwargs={"control_plan_id": scene.unit_a.pk})
    except NoReverseMatch:
        assert '<th scope="row">Enhet A</th>' in html
    else:
        assert f'href="{detail}"' in html


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("reader", 200),
        ("approver", 200),
        ("controller", 200),
        ("committee_editor", 200),
        ("city_admin", 200),
        ("editor_a", 404),
        ("editor_b", 404),
        ("outsider", 404),
    ],
)
def test_it_needs_view_on_the_committee(client, request, org, scene, persona, status):  # noqa: F811
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url(org.north)).status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [("city_admin", 200), ("reader", 404), ("approver", 404), ("editor_a", 404)],
)
def test_the_city_needs_view_on_the_city(client, request, org, scene, persona, status):  # noqa: F811
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url(org.city)).status_code == status


def test_it_sends_anonymous_visitors_to_log_in(client, org, scene):  # noqa: F811
    response = client.get(url(org.north))
    assert response.status_code == 302
    assert "/konto/" in response["Location"]


def test_it_refuses_other_nodes_unknown_periods_and_posts(client, city_admin, org, scene):  # noqa: F811
    client.force_login(city_admin)
    assert client.get(url(org.dept)).status_code == 404
    assert client.get(url(org.unit_a)).status_code == 404
    assert client.get(url(org.north, "2026T2x")).status_code == 404
    assert client.get(url(org.north, "2026M03")).status_code == 404
    assert client.get(url(org.north, "2031T1")).status_code == 404
    assert client.post(url(org.north)).status_code == 405


def test_a_reader_of_one_unit_below_sees_nothing_of_the_committee(client, org, scene):  # noqa: F811
    from styra.accounts.models import Membership, Role
    from styra.conftest import _user

    unit_reader = _user("unit_reader", org.unit_a, Role.READER)
    assert Membership.objects.filter(user=unit_reader).count() == 1
    client.force_login(unit_reader)
    assert client.get(url(org.north)).status_code == 404


# ---------------------------------------------------------------- followup's roll-up


def test_followups_committee_rollup_has_the_internal_control(client, reader, org, scene):  # noqa: F811
    client.force_login(reader)
    with translation.override("sv"):
        html = client.get(
            reverse("followup:rollup_committee", args=[org.north.pk, "2026T1"])
        ).content.decode()

    section = html[html.index('id="internal-control"') :]
    assert 'href="#internal-control"' in html
    assert "Nämnden totalt" in section
    assert "Två utan attest" in section
    assert "Påminnelse om attestordningen" in section
    assert f'href="{url(org.north)}"' in section
    # The plans' own controls are this room's page's.
    assert "Löneutbetalning" not in section


def test_followups_city_rollup_has_every_committees(client, city_admin, org, scene):  # noqa: F811
    client.force_login(city_admin)
    html = client.get(reverse("followup:rollup_city", args=["2026T1"])).content.decode()
    section = html[html.index('id="internal-control"') :]
    assert "Norra nämnden" in section and "Södra nämnden" in section
    assert f'href="{url(org.south)}#ic-deviations"' in section


# ---------------------------------------------------------------- bounded queries


def build(org, chain, periods, units: int):
    """`units` units under the department, each with an adopted plan of 2 risks × 2 controls
    reported in T1: one not reported, one not done, one without deviations, one with, and
    its measure."""
    t1 = periods["T1"]
    for n in range(units):
        unit = OrgUnit.objects.create(name=f"Enhet {n:02}", kind=Kind.UNIT, parent=org.dept)
        plan, controls = planned(
            unit,
            chain.year,
            {
                "Ekonomi": {"Fel attest": [("Attest", ["T1"]), ("Avtal", ["T1"])]},
                "Personal": {"Bisysslor": [("Anmälan", ["T1"]), ("Lön", ["T1", "VB"])]},
            },
        )
        adopt(plan)
        report(controls["Avtal"], t1)
        report(controls["Anmälan"], t1, "no_deviation")
        deviation = report(controls["Lön"], t1, "deviation", f"Fel lön {n}")
        ic.measure_create(result=deviation, name=f"Rättelse {n}", status=ActivityStatus.STARTED)


@pytest.mark.parametrize("units", [3, 40])
def test_it_bounds_the_committee_page(
    client, reader, org, chain, periods, django_assert_max_num_queries, units
):
    build(org, chain, periods, units)
    client.force_login(reader)
    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(url(org.north))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("Rättelse ") == units
    assert html.count(">Attest<") == units


@pytest.mark.parametrize("units", [3, 40])
def test_it_bounds_the_city_page(
    client, city_admin, org, chain, periods, django_assert_max_num_queries, units
):
    build(org, chain, periods, units)
    client.force_login(city_admin)
    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(url(org.city))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Norra nämnden</a>: {units} kontrollmoment med avvikelser" in html


@pytest.mark.parametrize("units", [3, 40])
def test_it_bounds_followups_committee_page(
    client, reader, org, chain, periods, django_assert_max_num_queries, units
):
    build(org, chain, periods, units)
    client.force_login(reader)
    with django_assert_max_num_queries(FOLLOWUP_PAGE_QUERIES):
        response = client.get(reverse("followup:rollup_committee", args=[org.north.pk, "2026T1"]))
    assert response.content.decode().count("Rättelse ") == units


def test_it_speaks_english(client, reader, org, scene, settings):  # noqa: F811
    client.force_login(reader)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(url(org.north)).content.decode()
    assert "Internal control – Norra nämnden" in html
    assert "Deviations and measures" in html
    assert "The control has not been carried out" in html
