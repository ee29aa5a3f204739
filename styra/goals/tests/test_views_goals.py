import pytest
from django.urls import reverse

from styra.conftest import add_unit_goal
from styra.goals.models import Goal, Level
from styra.goals.services import goal_create

from .refusals import BOARD_REFUSED, KF_REFUSED, login_as

HTMX = {"HX-Request": "true"}


# ------------------------------------------------------------ direction goals


def test_it_shows_the_new_direction_goal_form_as_a_page(client, city_admin, chain):
    client.force_login(city_admin)
    response = client.get(reverse("goals:direction_create", args=[2026]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Nytt inriktningsmål för 2026</h1>" in html
    assert '<label for="new-direction-title">Målets formulering</label>' in html
    assert "hx-post" not in html  # a page of its own posts without htmx


def test_it_shows_the_new_direction_goal_form_as_a_panel_for_htmx(client, city_admin, chain):
    client.force_login(city_admin)
    response = client.get(reverse("goals:direction_create", args=[2026]), headers=HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div class="edit-panel">')
    assert '<h2 tabindex="-1" data-focus>Nytt inriktningsmål för 2026</h2>' in html
    assert 'hx-target="#chain"' in html


def test_it_creates_a_direction_goal(client, city_admin, org, chain):
    client.force_login(city_admin)
    response = client.post(
        reverse("goals:direction_create", args=[2026]),
        {"number": "2.", "title": "Kvalitet och valfrihet", "description": ""},
    )
    goal = Goal.objects.get(title="Kvalitet och valfrihet")
    assert (goal.level, goal.owner, goal.parent, goal.number) == (
        Level.DIRECTION,
        org.city,
        None,
        "2",
    )
    assert response.status_code == 302
    assert response["Location"] == f"/malkedjan/2026/?oppna={goal.pk}#goal-{goal.pk}"
    follow = client.get(response["Location"]).content.decode()
    assert "Inriktningsmålet är tillagt." in follow


def test_it_answers_htmx_with_the_chain_and_focus_on_the_new_goal(client, city_admin, chain):
    client.force_login(city_admin)
    response = client.post(
        reverse("goals:direction_create", args=[2026]), {"title": "Ny riktning"}, headers=HTMX
    )
    html = response.content.decode()
    goal = Goal.objects.get(title="Ny riktning")
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="chain" data-announce="Inriktningsmålet är tillagt."')
    assert f'<li id="goal-{goal.pk}"' in html
    assert (
        'tabindex="-1" data-focus><span class="chain-label">KF:s inriktningsmål</span> Ny riktning'
        in html
    )


def test_it_explains_a_missing_title_in_swedish(client, city_admin, chain):
    client.force_login(city_admin)
    response = client.post(reverse("goals:direction_create", args=[2026]), {"title": " "})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html
    assert (
        '<a href="#new-direction-title">Målets formulering: Skriv målets formulering.</a>' in html
    )
    assert Goal.objects.filter(level=Level.DIRECTION).count() == 1


def test_it_puts_a_refused_htmx_form_back_in_its_slot(client, city_admin, chain):
    client.force_login(city_admin)
    response = client.post(
        reverse("goals:direction_create", args=[2026]), {"title": ""}, headers=HTMX
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#slot-chain"
    assert response["HX-Reswap"] == "innerHTML"
    assert "Skriv målets formulering." in response.content.decode()


def test_it_returns_404_for_a_direction_goal_in_a_missing_year(client, city_admin, chain):
    client.force_login(city_admin)
    assert client.get(reverse("goals:direction_create", args=[2031])).status_code == 404


@pytest.mark.parametrize("persona,status", KF_REFUSED)
def test_it_refuses_direction_goals_to_others(client, request, chain, persona, status):
    login_as(client, request, persona)
    url = reverse("goals:direction_create", args=[2026])
    assert client.get(url).status_code == status
    assert client.post(url, {"title": "Smygmål"}).status_code == status
    assert not Goal.objects.filter(title="Smygmål").exists()


def test_it_sends_anonymous_writers_to_login(client, chain):
    response = client.post(reverse("goals:direction_create", args=[2026]), {"title": "X"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    response = client.post(reverse("goals:goal_delete", args=[chain.board.pk]))
    assert response.status_code == 302
    assert Goal.objects.filter(pk=chain.board.pk).exists()


# ------------------------------------------------------------ goals under goals


def test_it_creates_an_area_goal_under_a_direction_goal(client, city_admin, org, chain):
    client.force_login(city_admin)
    url = reverse("goals:goal_create_child", args=[chain.direction.pk])
    response = client.post(url, {"number": "1.2", "title": "Fler i arbete"}, headers=HTMX)
    goal = Goal.objects.get(title="Fler i arbete")
    assert (goal.level, goal.owner, goal.parent) == (Level.AREA, org.city, chain.direction)
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li id="goal-{chain.direction.pk}"')
    assert 'data-announce="Målet är tillagt."' in html


def test_it_lets_the_committee_editor_add_a_board_goal(client, committee_editor, org, chain):
    client.force_login(committee_editor)
    url = reverse("goals:goal_create_child", args=[chain.area.pk])
    form = client.get(url).content.decode()
    assert ">Norra nämnden</option>" in form and "Södra nämnden" not in form
    response = client.post(url, {"committee": org.north.pk, "title": "Hemlöshet ska motverkas"})
    goal = Goal.objects.get(title="Hemlöshet ska motverkas")
    assert (goal.level, goal.owner, goal.parent) == (Level.BOARD, org.north, chain.area)
    assert response.status_code == 302


def test_it_refuses_a_committee_the_editor_does_not_edit(client, committee_editor, org, chain):
    client.force_login(committee_editor)
    url = reverse("goals:goal_create_child", args=[chain.area.pk])
    response = client.post(url, {"committee": org.south.pk, "title": "Södras mål"})
    assert response.status_code == 400
    assert "Välj en av nämnderna i listan." in response.content.decode()
    assert not Goal.objects.filter(title="Södras mål").exists()


def test_it_makes_the_city_admin_choose_a_committee(client, city_admin, org, chain):
    client.force_login(city_admin)
    url = reverse("goals:goal_create_child", args=[chain.area.pk])
    response = client.post(url, {"committee": "", "title": "Utan nämnd"})
    assert "Välj vilken nämnd målet hör till." in response.content.decode()
    client.post(url, {"committee": org.south.pk, "title": "Södras mål"})
    assert Goal.objects.get(title="Södras mål").owner == org.south


def test_it_refuses_area_goals_to_the_committee_editor(client, committee_editor, chain):
    client.force_login(committee_editor)
    url = reverse("goals:goal_create_child", args=[chain.direction.pk])
    assert client.post(url, {"title": "Nämndens KF-mål"}).status_code == 403


def test_it_refuses_unit_goals_in_the_chain(client, committee_editor, city_admin, chain):
    url = reverse("goals:goal_create_child", args=[chain.board.pk])
    for user in (committee_editor, city_admin):
        client.force_login(user)
        assert client.post(url, {"title": "Enhetsmål"}).status_code == 403


@pytest.mark.parametrize("persona,status", BOARD_REFUSED[:-1] + [("outsider", 403)])
def test_it_refuses_board_goals_to_others(client, request, org, chain, persona, status):
    login_as(client, request, persona)
    url = reverse("goals:goal_create_child", args=[chain.area.pk])
    response = client.post(url, {"committee": org.north.pk, "title": "Smygmål"})
    assert response.status_code == status
    assert not Goal.objects.filter(title="Smygmål").exists()


# ------------------------------------------------------------ editing


def test_it_edits_a_kf_goal(client, city_admin, chain):
    client.force_login(city_admin)
    url = reverse("goals:goal_edit", args=[chain.area.pk])
    form = client.get(url).content.decode()
    assert "Invånarna får stöd i tid</textarea>" in form
    response = client.post(url, {"number": "1.1", "title": "Stöd i tid", "description": "Mer"})
    chain.area.refresh_from_db()
    assert (chain.area.title, chain.area.description) == ("Stöd i tid", "Mer")
    assert response["Location"].endswith(f"#goal-{chain.area.pk}")


def test_it_edits_a_board_goal_with_htmx(client, committee_editor, chain):
    client.force_login(committee_editor)
    url = reverse("goals:goal_edit", args=[chain.board.pk])
    response = client.post(url, {"title": "Kortare väntan"}, headers=HTMX)
    chain.board.refresh_from_db()
    assert chain.board.title == "Kortare väntan"
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li id="goal-{chain.board.pk}"')
    assert 'data-announce="Målet är sparat."' in html
    assert "<details" not in html or "<details open>" in html


def test_it_refuses_kf_goals_to_the_committee_editor(client, committee_editor, chain):
    client.force_login(committee_editor)
    url = reverse("goals:goal_edit", args=[chain.area.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "Kapat"}).status_code == 403


@pytest.mark.parametrize("persona,status", KF_REFUSED)
def test_it_refuses_kf_goal_edits_to_others(client, request, chain, persona, status):
    login_as(client, request, persona)
    url = reverse("goals:goal_edit", args=[chain.direction.pk])
    assert client.post(url, {"title": "Kapat"}).status_code == status
    chain.direction.refresh_from_db()
    assert chain.direction.title == "En stad för alla"


@pytest.mark.parametrize("persona,status", BOARD_REFUSED)
def test_it_refuses_board_goal_edits_to_others(client, request, chain, persona, status):
    login_as(client, request, persona)
    url = reverse("goals:goal_edit", args=[chain.board.pk])
    assert client.get(url).status_code == status
    assert client.post(url, {"title": "Kapat"}).status_code == status
    chain.board.refresh_from_db()
    assert chain.board.title == "Ingen ska vänta längre än nödvändigt"


def test_it_hides_another_committees_goal_from_the_committee_editor(
    client, committee_editor, org, chain
):
    south = goal_create(
        year=chain.year, level=Level.BOARD, owner=org.south, parent=chain.area, title="Södra"
    )
    client.force_login(committee_editor)
    assert (
        client.post(reverse("goals:goal_edit", args=[south.pk]), {"title": "X"}).status_code == 404
    )


def test_it_leaves_unit_goals_to_the_plans(client, editor_a, org, chain):
    unit_goal = add_unit_goal(chain, org.unit_a, "Vårt mål")
    client.force_login(editor_a)
    assert (
        client.post(reverse("goals:goal_edit", args=[unit_goal.pk]), {"title": "X"}).status_code
        == 403
    )


# ------------------------------------------------------------ delete and move


def test_it_deletes_a_board_goal(client, committee_editor, chain):
    client.force_login(committee_editor)
    delete = reverse("goals:goal_delete", args=[chain.board.pk])
    asked = client.post(delete, headers=HTMX)
    assert asked["HX-Retarget"].startswith("#slot-")
    assert "tas bort med sina indikatorer och aktiviteter." in asked.content.decode()
    assert Goal.objects.filter(pk=chain.board.pk).exists()
    response = client.post(delete, {"confirm": "1"}, headers=HTMX)
    assert not Goal.objects.filter(pk=chain.board.pk).exists()
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li id="goal-{chain.area.pk}"')
    assert 'data-announce="Målet är borttaget."' in html


def test_it_refuses_to_delete_a_goal_with_goals_under_it(client, city_admin, chain):
    client.force_login(city_admin)
    response = client.post(reverse("goals:goal_delete", args=[chain.area.pk]), headers=HTMX)
    assert Goal.objects.filter(pk=chain.area.pk).exists()
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li id="goal-{chain.direction.pk}"')
    assert (
        '<p class="block-error" role="alert">Målet har mål under sig och kan inte tas bort.</p>'
        in html
    )


def test_it_reports_a_refused_delete_without_htmx(client, city_admin, chain):
    client.force_login(city_admin)
    response = client.post(reverse("goals:goal_delete", args=[chain.direction.pk]), follow=True)
    assert "Målet har mål under sig och kan inte tas bort." in response.content.decode()


def test_it_refuses_delete_by_get(client, city_admin, chain):
    client.force_login(city_admin)
    assert client.get(reverse("goals:goal_delete", args=[chain.board.pk])).status_code == 405


@pytest.mark.parametrize("persona,status", BOARD_REFUSED)
def test_it_refuses_board_goal_deletes_to_others(client, request, chain, persona, status):
    login_as(client, request, persona)
    delete = reverse("goals:goal_delete", args=[chain.board.pk])
    assert client.post(delete, {"confirm": "1"}).status_code == status
    assert Goal.objects.filter(pk=chain.board.pk).exists()


def _two_directions(chain):
    second = goal_create(
        year=chain.year, level=Level.DIRECTION, owner=chain.direction.owner, title="Andra"
    )
    return chain.direction, second


def test_it_moves_a_direction_goal_up(client, city_admin, chain):
    first, second = _two_directions(chain)
    client.force_login(city_admin)
    response = client.post(reverse("goals:goal_move", args=[second.pk, "upp"]))
    assert response.status_code == 302
    titles = list(
        Goal.objects.filter(level=Level.DIRECTION)
        .order_by("position")
        .values_list("title", flat=True)
    )
    assert titles == ["Andra", "En stad för alla"]


def test_it_moves_with_htmx_and_keeps_focus_on_the_button(client, city_admin, chain):
    first, second = _two_directions(chain)
    client.force_login(city_admin)
    response = client.post(reverse("goals:goal_move", args=[first.pk, "ned"]), headers=HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="chain" data-announce="Målet är flyttat ned."')
    # At the bottom there is no "Flytta ned" any more, so the focus goes to the heading.
    assert (
        'tabindex="-1" data-focus><span class="chain-label">KF:s inriktningsmål</span> '
        "1 En stad för alla" in html
    )
    assert html.index(f'id="goal-{second.pk}"') < html.index(f'id="goal-{first.pk}"')


def test_it_keeps_focus_on_the_move_button_when_it_remains(client, city_admin, chain):
    first, second = _two_directions(chain)
    third = goal_create(year=chain.year, level=Level.DIRECTION, owner=first.owner, title="Tredje")
    client.force_login(city_admin)
    html = client.post(
        reverse("goals:goal_move", args=[third.pk, "upp"]), headers=HTMX
    ).content.decode()
    up = reverse("goals:goal_move", args=[third.pk, "upp"])
    assert f'action="{up}"' in html
    assert html.index("data-focus>Flytta upp") > html.index(f'action="{up}"')


@pytest.mark.parametrize("persona,status", KF_REFUSED)
def test_it_refuses_moves_of_kf_goals_to_others(client, request, chain, persona, status):
    first, second = _two_directions(chain)
    login_as(client, request, persona)
    assert client.post(reverse("goals:goal_move", args=[second.pk, "upp"])).status_code == status
    assert Goal.objects.filter(level=Level.DIRECTION).order_by("position").first() == first


def test_it_lets_the_committee_editor_reorder_board_goals(client, committee_editor, org, chain):
    other = goal_create(
        year=chain.year,
        level=Level.BOARD,
        owner=org.north,
        parent=chain.area,
        title="Andra nämndmålet",
    )
    client.force_login(committee_editor)
    response = client.post(reverse("goals:goal_move", args=[other.pk, "upp"]), headers=HTMX)
    assert response.content.decode().lstrip().startswith(f'<li id="goal-{chain.area.pk}"')
    ordered = Goal.objects.filter(level=Level.BOARD).order_by("position")
    assert list(ordered) == [other, chain.board]
