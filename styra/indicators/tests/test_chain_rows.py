"""The indicator rows indicators gives the goal-chain page, through goals' hook."""

from styra.goals.access import chain_access
from styra.goals.chain_rows import indicator_rows
from styra.goals.views.chain import load_chain
from styra.indicators.chain_rows import chain_indicator_rows
from styra.indicators.services import indicator_create, target_set


def _indicators(org, chain):
    kf = indicator_create(goal=chain.area, owner=org.city, name="KF-indikatorn")
    target_set(indicator=kf, org_unit=org.city, text="öka")
    board = indicator_create(goal=chain.board, owner=org.north, name="Nämndindikatorn")
    target_set(indicator=board, org_unit=org.north, text="5 st")
    target_set(indicator=board, org_unit=org.city, text="tas fram av nämnden")
    target_set(indicator=board, org_unit=org.unit_a, text="3 st")  # a unit's: not the chain's
    return kf, board


def test_it_answers_the_chain_pages_question(org, chain, city_admin):
    _indicators(org, chain)
    access = chain_access(city_admin)
    assert indicator_rows.answered
    assert indicator_rows(chain.year, access) == chain_indicator_rows(chain.year, access)


def test_it_gives_each_row_kfs_and_its_owners_target(org, chain, committee_editor):
    kf, board = _indicators(org, chain)
    rows = chain_indicator_rows(chain.year, chain_access(committee_editor))
    assert [row.obj for row in rows] == [kf, board]
    kf_row, board_row = rows
    assert (kf_row.city_target, kf_row.own_target, kf_row.editable) == ("öka", None, False)
    assert (board_row.city_target, board_row.own_target) == ("tas fram av nämnden", "5 st")
    assert board_row.editable


def test_it_leaves_out_the_indicators_of_owners_the_user_does_not_see(org, chain, outsider):
    kf, _board = _indicators(org, chain)
    rows = chain_indicator_rows(chain.year, chain_access(outsider))
    assert [row.obj for row in rows] == [kf]


def test_the_chain_hangs_the_rows_under_their_goals(org, chain, city_admin):
    kf, board = _indicators(org, chain)
    loaded = load_chain(chain.year, chain_access(city_admin))
    assert [row.obj for row in loaded.nodes[chain.area.pk].indicators] == [kf]
    assert [row.obj for row in loaded.nodes[chain.board.pk].indicators] == [board]
    assert loaded.nodes[chain.direction.pk].indicators == []
