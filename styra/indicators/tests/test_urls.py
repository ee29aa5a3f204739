"""The chain page's indicator URLs: indicators' views, in goals' namespace and paths."""

import pytest
from django.urls import resolve, reverse

from styra.indicators import chain_views

ROUTES = [
    ("goals:indicator_create", [7], "/malkedjan/mal/7/indikatorer/ny/", "indicator_create"),
    ("goals:indicator_edit", [7], "/malkedjan/indikatorer/7/", "indicator_edit"),
    ("goals:indicator_delete", [7], "/malkedjan/indikatorer/7/ta-bort/", "indicator_delete"),
    ("goals:indicator_move", [7, "upp"], "/malkedjan/indikatorer/7/upp/", "indicator_move"),
]


@pytest.mark.parametrize("name,args,url,view", ROUTES)
def test_it_routes_the_chain_pages_indicator_urls_to_indicators(name, args, url, view):
    assert reverse(name, args=args) == url
    match = resolve(url)
    assert match.func is getattr(chain_views, view)
    assert match.namespace == "goals"


def test_it_shares_the_goals_namespace_with_the_chain_page():
    assert resolve("/malkedjan/mal/7/").view_name == "goals:goal_block"
    assert resolve("/malkedjan/aktiviteter/7/").view_name == "goals:activity_edit"
