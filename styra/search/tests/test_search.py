"""Search finds each kind, only what the person may see, and marks the hit safely."""

import pytest
from django.db import connection
from django.urls import reverse

from styra.conftest import add_indicator, add_unit_goal
from styra.followup.models import ActivityStatus, Fulfilment
from styra.followup.services import (
    activity_status_set,
    assessment_set,
    outcome_record,
    periods_ensure,
    report_open,
    report_section_update,
)
from styra.goals.models import Level, YearState
from styra.goals.services import activity_create, goal_create
from styra.plans.services import section_create

from ..queries import search

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's full-text and trigram search"
)


@pytest.fixture
def world(org, chain, plan_a, plan_b):
    """Unit A and unit B with a plan text, a goal, an indicator, an activity and a report each."""
    made = {}
    for unit, plan, word in (
        (org.unit_a, plan_a, "hemtjänst"),
        (org.unit_b, plan_b, "fritidsgård"),
    ):
        section_create(
            plan=plan, heading="Inledning", text=f"Enheten arbetar med {word} och budget."
        )
        goal = add_unit_goal(chain, unit, f"Bättre {word} för alla", method=f"Vi mäter {word}.")
        indicator = add_indicator(goal, unit, f"Andel nöjda med {word}", target="80 %")
        activity = activity_create(goal=goal, owner=unit, name=f"Kartlägga {word}")
        period = periods_ensure(year=chain.year)[0]
        report = report_open(org_unit=unit, period=period)
        activity_status_set(
            report=report,
            activity=activity,
            status=ActivityStatus.STARTED,
            comment=f"Enkäten om {word} är skickad.",
        )
        outcome_record(
            indicator=indicator,
            org_unit=unit,
            period=period.code,
            value="75",
            comment=f"Färre svar om {word} än väntat.",
        )
        section = report.sections.first()
        report_section_update(section=section, text=f"Uppföljningen av {word} visar framsteg.")
        assessment_set(
            report=report,
            goal=goal,
            value=Fulfilment.PARTLY,
            proposed=Fulfilment.PARTLY,
            analysis=f"Arbetet med {word} har kommit halvvägs.",
        )
        made[unit.name] = dict(plan=plan, goal=goal, report=report)
    return made


def kinds(groups) -> dict[str, list[str]]:
    return {g.kind: [h.title for h in g.hits] for g in groups if g.hits}


def test_it_finds_every_kind_of_text(world, editor_a):
    found = kinds(search(editor_a, "hemtjänst"))
    assert set(found) == {
        "planer",
        "mal",
        "indikatorer",
        "aktiviteter",
        "rapporter",
        "bedomningar",
        "aktivitetsuppfoljning",
        "utfall",
    }
    assert found["mal"] == ["Bättre hemtjänst för alla"]
    assert found["indikatorer"] == ["Andel nöjda med hemtjänst"]
    assert found["aktivitetsuppfoljning"] == ["Kartlägga hemtjänst"]
    assert found["utfall"] == ["Andel nöjda med hemtjänst"]


def test_an_editor_does_not_find_the_sibling_units_texts(world, editor_a, editor_b):
    assert search(editor_a, "fritidsgård") == [] or not kinds(search(editor_a, "fritidsgård"))
    assert "mal" in kinds(search(editor_b, "fritidsgård"))


def test_a_committee_reader_finds_every_unit_below_but_not_another_committee(
    world, reader, org, chain
):
    south_goal = goal_create(
        year=chain.year,
        level=Level.BOARD,
        owner=org.south,
        parent=chain.area,
        title="Södra hemtjänst",
    )
    found = kinds(search(reader, "hemtjänst"))
    assert "Bättre hemtjänst för alla" in found["mal"]
    assert south_goal.title not in found["mal"]
    assert kinds(search(reader, "fritidsgård"))["mal"] == ["Bättre fritidsgård för alla"]


def test_everyone_signed_in_finds_kfs_goals(world, outsider):
    assert kinds(search(outsider, "stad för alla")) == {"mal": ["1 En stad för alla"]}


def test_a_draft_year_is_found_only_by_those_who_prepare_it(world, chain, editor_a, city_admin):
    chain.year.state = YearState.DRAFT
    chain.year.save()
    assert not kinds(search(editor_a, "hemtjänst"))
    assert "mal" in kinds(search(city_admin, "hemtjänst"))


def test_the_links_lead_to_the_hits_pages(world, editor_a, chain):
    groups = {g.kind: g.hits for g in search(editor_a, "hemtjänst")}
    made = world["Enhet A"]
    assert groups["mal"][0].url == reverse("plans:detail", args=[made["plan"].pk]) + (
        f"#goal-{made['goal'].pk}"
    )
    assert groups["rapporter"][0].url == reverse("followup:report", args=[made["report"].pk])
    kf = search(editor_a, "stad för alla")[1].hits[0]
    assert kf.url == reverse("goals:chain_year", args=[2026]) + f"#goal-{chain.direction.pk}"


def test_the_page_asks_a_bounded_number_of_queries(
    world, client, reader, chain, org, django_assert_max_num_queries
):
    for n in range(15):
        add_unit_goal(chain, org.unit_a, f"Hemtjänst steg {n}")
    client.force_login(reader)
    with django_assert_max_num_queries(16):
        page = client.get(reverse("search:page"), {"q": "hemtjänst"})
    assert page.status_code == 200
    assert "Visa fler mål" in page.content.decode()


def test_one_kind_page_by_page(world, client, reader, chain, org):
    for n in range(35):
        add_unit_goal(chain, org.unit_a, f"Hemtjänst steg {n:02}")
    client.force_login(reader)
    first = client.get(reverse("search:page"), {"q": "hemtjänst", "typ": "mal"}).content.decode()
    second = client.get(
        reverse("search:page"), {"q": "hemtjänst", "typ": "mal", "sida": "2"}
    ).content.decode()
    assert "30 träffar bland Mål på sidan 1." in first and "Nästa sida" in first
    assert "6 träffar bland Mål på sidan 2." in second and "Föregående sida" in second
    assert "Indikatorer" not in second.split("<main", 1)[1]


def test_markup_characters_are_shown_as_text_and_the_hit_marked(client, editor_a, chain, org):
    # Goal titles are stored without tags (lib.narrative); the characters left are escaped.
    add_unit_goal(chain, org.unit_a, 'Kö < 3 dagar & "hemtjänst" <i>')
    client.force_login(editor_a)
    html = client.get(reverse("search:page"), {"q": "hemtjänst dagar"}).content.decode()
    assert "Kö &lt; 3 <mark>dagar</mark> &amp; &quot;<mark>hemtjänst</mark>&quot;" in html
    assert "<i>" not in html.split("<main", 1)[1]


def test_the_excerpt_escapes_text_that_holds_markup(editor_a, plan_a):
    section_create(plan=plan_a, heading="Om", text="Skriv <script>alert(1)</script> om hemtjänst")
    hit = search(editor_a, "hemtjänst")[0].hits[0]
    assert "<script" not in hit.excerpt and "<mark>hemtjänst</mark>" in hit.excerpt


@pytest.mark.parametrize(
    "query",
    ["%", "_", "'", '"', "a", "100%_'\"--", "x" * 10000, "ord " * 3000, "\x00\x1f", "ö" * 300],
)
def test_odd_or_long_input_gives_a_page(world, client, editor_a, query):
    client.force_login(editor_a)
    page = client.get(reverse("search:page"), {"q": query, "sida": "x", "typ": "<b>"})
    assert page.status_code == 200


def test_a_percent_sign_is_no_wildcard(world, editor_a):
    assert not kinds(search(editor_a, "%%"))
    assert not kinds(search(editor_a, "__ %_"))


def test_a_short_query_asks_for_more(client, editor_a, db):
    client.force_login(editor_a)
    page = client.get(reverse("search:page"), {"q": "a"}).content.decode()
    assert "Skriv minst två bokstäver" in page


def test_signed_out_is_sent_to_sign_in(client, db):
    page = client.get(reverse("search:page"), {"q": "hemtjänst"})
    assert page.status_code == 302 and "/konto/logga-in/" in page["Location"]


def test_the_header_has_a_search_box(client, editor_a):
    client.force_login(editor_a)
    html = client.get(reverse("start:home")).content.decode()
    assert 'role="search"' in html and 'for="site-search-q"' in html


@on_postgresql
def test_postgresql_finds_a_typo_and_a_swedish_inflection(world, editor_a, chain, org):
    assert "mal" in kinds(search(editor_a, "hemtjänsten"))  # the Swedish stemmer
    add_unit_goal(chain, org.unit_a, "Budget i balans")
    assert kinds(search(editor_a, "budgt"))["mal"] == ["Budget i balans"]  # trigrams


def test_an_indicator_is_found_only_by_whom_its_page_shows_it_to(
    client, chain, org, editor_a, editor_b, outsider
):
    """The indicator page's rule (indicators.access), not the chain's: a city's indicator
    is followed by the units with a target for it; to others its page answers 404."""
    from styra.indicators.services import target_set

    indicator = add_indicator(chain.area, org.city, "Andel nöjda invånare", target="80 %")
    target_set(indicator=indicator, org_unit=org.unit_a, text="75 %")
    url = reverse("indicators:detail", args=[indicator.pk])

    for user, sees in ((editor_a, True), (editor_b, False), (outsider, False)):
        found = kinds(search(user, "nöjda invånare")).get("indikatorer", [])
        client.force_login(user)
        assert bool(found) == sees, user
        assert (client.get(url).status_code == 200) == sees, user
