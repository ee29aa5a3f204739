"""The chain page's indicator URLs: editing an indicator, in goals' namespace and paths."""

import pytest
from django.urls import resolve, reverse

from styra.goals.views import editing
from styra.indicators.chain_views import INDICATOR

ROUTES = [
    ("goals:indicator_create", [7], "/malkedjan/mal/7/indikatorer/ny/", editing.row_create),
    ("goals:indicator_edit", [7], "/malkedjan/indikatorer/7/", editing.entity_edit),
    ("goals:indicator_delete", [7], "/malkedjan/indikatorer/7/ta-bort/", editing.row_delete),
    ("goals:indicator_move", [7, "upp"], "/malkedjan/indikatorer/7/upp/", editing.row_move),
]


@pytest.mark.parametrize("name,args,url,view", ROUTES)
def test_it_routes_the_chain_pages_indicator_urls_to_the_indicator_edits(name, args, url, view):
    assert reverse(name, args=args) == url
    match = resolve(url)
    assert match.func is view
    assert match.kwargs["entity"] is INDICATOR
    assert match.namespace == "goals"


def test_it_shares_the_goals_namespace_with_the_chain_page():
    assert resolve("/malkedjan/mal/7/").view_name == "goals:goal_block"
    assert resolve("/malkedjan/aktiviteter/7/").view_name == "goals:activity_edit"
