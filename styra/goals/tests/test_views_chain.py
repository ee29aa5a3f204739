import datetime

import pytest
from django.urls import reverse

from styra.conftest import add_indicator, add_unit_goal
from styra.goals.models import LEVEL_ORDER, Activity, Goal, Level, PlanningYear, UnitGoalLabel
from styra.goals.services import activity_create, goal_create
from styra.indicators.models import Indicator, Target
from styra.indicators.services import target_set

URL = reverse("goals:chain")


@pytest.fixture
def full_chain(org, chain):
    """The persona chain plus unit goals, a Södra board goal, indicators and activities."""
    unit_a_goal = add_unit_goal(chain, org.unit_a, "Besök inom tre dagar")
    unit_b_goal = add_unit_goal(chain, org.unit_b, "Genomförandeplaner inom 14 dagar")
    south_board = goal_create(
        year=chain.year,
        level=Level.BOARD,
        owner=org.south,
        parent=chain.area,
        title="Södras hemliga nämndmål",
    )
    add_indicator(chain.area, org.city, "Andel nöjda brukare", target="90 %", measure="%")
    board_indicator = add_indicator(
        chain.board, org.north, "Väntetid i dagar", target="högst 3", measure="dagar"
    )
    target_set(indicator=board_indicator, org_unit=org.city, text="tas fram av nämnden")
    activity_create(
        goal=chain.area,
        owner=org.city,
        name="KF:s översyn av e-tjänster",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 6, 30),
    )
    activity_create(goal=chain.board, owner=org.north, name="Norras kartläggning")
    return type(
        "Full",
        (),
        dict(unit_a_goal=unit_a_goal, unit_b_goal=unit_b_goal, south_board=south_board),
    )


def _get(client, user, url=URL, **kwargs):
    client.force_login(user)
    response = client.get(url, **kwargs)
    assert response.status_code == 200
    return response.content.decode()


def test_it_redirects_anonymous_to_login(client, chain):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_shows_the_newest_year_with_a_year_selector(client, reader, chain):
    PlanningYear.objects.create(year=2025)
    html = _get(client, reader)
    assert "<h1>Målkedjan 2026</h1>" in html
    assert f'href="{reverse("goals:chain_year", args=[2025])}"' in html
    assert 'aria-current="page"><strong>2026</strong>' in html


def test_it_shows_an_older_year(client, reader, chain):
    old = PlanningYear.objects.create(year=2025, unit_goal_label=UnitGoalLabel.ATAGANDE)
    goal_create(year=old, level=Level.DIRECTION, owner=chain.direction.owner, title="Gammalt mål")
    html = _get(client, reader, reverse("goals:chain_year", args=[2025]))
    assert "<h1>Målkedjan 2025</h1>" in html
    assert "Gammalt mål" in html
    assert "En stad för alla" not in html
    assert "Enheternas mål kallas Åtagande" in html


def test_it_returns_404_for_a_year_without_a_chain(client, reader, chain):
    client.force_login(reader)
    assert client.get(reverse("goals:chain_year", args=[1999])).status_code == 404


def test_it_says_when_there_is_no_chain_yet(client, city_admin, reader, org):
    html = _get(client, reader)
    assert "Det finns ingen målkedja ännu." in html
    assert reverse("goals:year_create") not in html
    html = _get(client, city_admin)
    assert reverse("goals:year_create") in html


def test_it_shows_the_whole_chain_to_a_committee_reader(client, reader, chain, full_chain):
    html = _get(client, reader)
    assert (
        '<h2 class="goal__title"><span class="chain-label">KF:s inriktningsmål</span> '
        "1 En stad för alla</h2>" in html
    )
    assert "KF:s mål för verksamhetsområdet</span> 1.1 Invånarna får stöd i tid</h3>" in html
    assert "<h4>Norra nämnden – nämndmål</h4>" in html
    assert "Nämndmål</span> Ingen ska vänta längre än nödvändigt</h5>" in html
    assert "<h6>Enhet A – Enhetsmål</h6>" in html
    assert "<h6>Enhet B – Enhetsmål</h6>" in html
    assert "Besök inom tre dagar" in html and "Genomförandeplaner inom 14 dagar" in html
    # KF's indicator with KF's target, the committee's indicator with both targets.
    assert "Andel nöjda brukare" in html and "90 %" in html
    assert "Väntetid i dagar" in html and "högst 3" in html and "tas fram av nämnden" in html
    assert "Nämndens årsmål" in html
    assert "KF:s översyn av e-tjänster" in html and "2026-06-30" in html
    assert "Norras kartläggning" in html
    # Readers change nothing and never see a committee they are not part of.
    assert "Södras hemliga nämndmål" not in html
    assert "Ändra" not in html and "Ta bort" not in html


def test_it_makes_every_level_expandable_with_details(client, reader, chain, full_chain):
    html = _get(client, reader)
    assert html.count("<details") == 3  # the unit goals carry nothing to expand
    assert "<details open>" in html  # direction goals start open
    assert "<summary>1 indikator, 1 aktivitet, 1 mål under" in html


def test_it_opens_the_path_to_the_goal_asked_for(client, reader, chain, full_chain):
    html = _get(client, reader, f"{URL}?oppna={chain.board.pk}")
    assert html.count("<details open>") == 3


def test_it_shows_kf_goals_only_to_an_outsider(client, outsider, chain, full_chain):
    html = _get(client, outsider)
    assert "En stad för alla" in html and "Andel nöjda brukare" in html
    assert "KF:s översyn av e-tjänster" in html
    assert "Ingen ska vänta längre än nödvändigt" not in html
    assert "Väntetid i dagar" not in html
    assert "Norras kartläggning" not in html
    assert "Besök inom tre dagar" not in html


def test_it_shows_a_unit_its_own_goals_under_its_committees_goals(
    client, editor_a, chain, full_chain
):
    html = _get(client, editor_a)
    assert "Ingen ska vänta längre än nödvändigt" in html
    assert "Besök inom tre dagar" in html
    assert "Genomförandeplaner inom 14 dagar" not in html  # Enhet B's
    assert "Södras hemliga nämndmål" not in html
    # Units edit their goals in their plans, not in the chain.
    assert reverse("goals:goal_edit", args=[full_chain.unit_a_goal.pk]) not in html


def test_it_uses_the_years_label_for_unit_goals(client, reader, chain, full_chain):
    chain.year.unit_goal_label = UnitGoalLabel.ATAGANDE
    chain.year.save()
    html = _get(client, reader)
    assert "<h6>Enhet A – Åtagande</h6>" in html
    assert '<span class="chain-label">Åtagande</span> Besök inom tre dagar' in html


def test_it_offers_the_city_admin_every_edit(client, city_admin, chain, full_chain):
    html = _get(client, city_admin)
    for name, pk in [
        ("goals:goal_edit", chain.direction.pk),
        ("goals:goal_edit", chain.area.pk),
        ("goals:goal_edit", chain.board.pk),
        ("goals:goal_edit", full_chain.south_board.pk),
        ("goals:goal_create_child", chain.direction.pk),
        ("goals:goal_create_child", chain.area.pk),
        ("goals:indicator_create", chain.area.pk),
        ("goals:activity_create", chain.board.pk),
    ]:
        assert reverse(name, args=[pk]) in html
    assert reverse("goals:direction_create", args=[2026]) in html
    assert reverse("goals:year_label", args=[2026]) in html
    assert reverse("goals:year_create") in html


def test_it_offers_the_committee_editor_only_the_committees_part(
    client, committee_editor, chain, full_chain
):
    html = _get(client, committee_editor)
    assert reverse("goals:goal_edit", args=[chain.board.pk]) in html
    assert reverse("goals:goal_create_child", args=[chain.area.pk]) in html
    assert reverse("goals:indicator_create", args=[chain.board.pk]) in html
    assert reverse("goals:goal_edit", args=[chain.area.pk]) not in html
    assert reverse("goals:goal_create_child", args=[chain.direction.pk]) not in html
    assert reverse("goals:indicator_create", args=[chain.area.pk]) not in html
    assert reverse("goals:direction_create", args=[2026]) not in html
    assert reverse("goals:year_create") not in html
    kf_indicator = Indicator.objects.get(name="Andel nöjda brukare")
    board_indicator = Indicator.objects.get(name="Väntetid i dagar")
    assert reverse("goals:indicator_edit", args=[board_indicator.pk]) in html
    assert reverse("goals:indicator_edit", args=[kf_indicator.pk]) not in html


def test_it_hides_move_buttons_at_either_end(client, city_admin, chain):
    second = goal_create(
        year=chain.year, level=Level.DIRECTION, owner=chain.direction.owner, title="Andra"
    )
    html = _get(client, city_admin)
    assert reverse("goals:goal_move", args=[chain.direction.pk, "upp"]) not in html
    assert reverse("goals:goal_move", args=[chain.direction.pk, "ned"]) in html
    assert reverse("goals:goal_move", args=[second.pk, "upp"]) in html
    assert reverse("goals:goal_move", args=[second.pk, "ned"]) not in html


def test_it_renders_only_the_chain_for_htmx(client, reader, chain):
    html = _get(client, reader, headers={"HX-Request": "true"})
    assert html.lstrip().startswith('<div id="chain"')
    assert "<h1>" not in html


def test_it_renders_one_goal_block_for_htmx(client, reader, chain, full_chain):
    url = reverse("goals:goal_block", args=[chain.board.pk])
    html = _get(client, reader, url, headers={"HX-Request": "true"})
    assert html.lstrip().startswith(f'<li id="goal-{chain.board.pk}"')
    assert "Besök inom tre dagar" in html
    assert 'tabindex="-1" data-focus' in html


def test_it_redirects_a_goal_block_without_htmx(client, reader, chain):
    client.force_login(reader)
    response = client.get(reverse("goals:goal_block", args=[chain.board.pk]))
    assert response.status_code == 302
    assert response["Location"].endswith(f"?oppna={chain.board.pk}#goal-{chain.board.pk}")


def test_it_hides_a_goal_block_the_user_may_not_see(client, outsider, chain, full_chain):
    client.force_login(outsider)
    url = reverse("goals:goal_block", args=[chain.board.pk])
    assert client.get(url, headers={"HX-Request": "true"}).status_code == 404


def _large_chain(org, year, size):
    """size direction goals, each with size area goals, each with a board goal per committee
    and a unit goal per unit; every goal with two indicators (two targets) and an activity."""

    def make(level, owner, parent, title):
        return Goal(
            year=year,
            level=level,
            level_rank=LEVEL_ORDER.index(level),
            owner=owner,
            parent=parent,
            title=title,
        )

    directions = Goal.objects.bulk_create(
        [make(Level.DIRECTION, org.city, None, f"I{i}") for i in range(size)]
    )
    areas = Goal.objects.bulk_create(
        [make(Level.AREA, org.city, d, f"O{d.pk}.{i}") for d in directions for i in range(size)]
    )
    boards = Goal.objects.bulk_create(
        [make(Level.BOARD, c, a, f"N{a.pk}{c.pk}") for a in areas for c in (org.north, org.south)]
    )
    units = {org.north.pk: (org.unit_a, org.unit_b), org.south.pk: (org.unit_s,)}
    unit_goals = Goal.objects.bulk_create(
        [make(Level.UNIT, u, b, f"E{b.pk}{u.pk}") for b in boards for u in units[b.owner_id]]
    )
    goals = directions + areas + boards + unit_goals
    indicators = Indicator.objects.bulk_create(
        [Indicator(goal=g, owner=g.owner, name=f"Ind {g.pk}.{i}") for g in goals for i in (1, 2)]
    )
    Target.objects.bulk_create(
        [Target(indicator=i, org_unit=org.city, text="öka") for i in indicators]
        + [
            Target(indicator=i, org_unit_id=i.owner_id, text="5")
            for i in indicators
            if i.owner_id != org.city.pk
        ]
        + [Target(indicator=i, org_unit=org.unit_a, text="7") for i in indicators[:50]]
    )
    Activity.objects.bulk_create([Activity(goal=g, owner=g.owner, name=f"A{g.pk}") for g in goals])
    return len(goals), len(unit_goals)


@pytest.mark.parametrize("persona", ["city_admin", "reader", "editor_a", "outsider"])
def test_it_loads_a_large_chain_in_a_bounded_number_of_queries(
    client, request, org, chain, django_assert_max_num_queries, persona
):
    Goal.objects.filter(year=chain.year).delete()
    total, unit_goal_count = _large_chain(org, chain.year, size=6)
    assert total > 200
    client.force_login(request.getfixturevalue(persona))
    # session, user, years, memberships, visible nodes, the tree, goals, targets,
    # indicators, activities
    with django_assert_max_num_queries(10):
        response = client.get(URL)
    html = response.content.decode()
    if persona == "city_admin":
        assert html.count('class="goal goal--unit"') == unit_goal_count
        assert html.count('<tr id="indicator-') == total * 2
    if persona == "outsider":
        assert 'class="goal goal--board"' not in html


def test_it_loads_a_goal_block_in_a_bounded_number_of_queries(
    client, city_admin, org, chain, django_assert_max_num_queries
):
    _large_chain(org, chain.year, size=3)
    area = Goal.objects.filter(level=Level.AREA).last()
    client.force_login(city_admin)
    # as the page, with the goal's year in place of the list of years
    with django_assert_max_num_queries(10):
        response = client.get(
            reverse("goals:goal_block", args=[area.pk]), headers={"HX-Request": "true"}
        )
    assert response.status_code == 200
