from django.urls import path

import styra.converters  # noqa: F401 - registers <way:…>

from .views import budget, chain, pages, parts

app_name = "plans"
urlpatterns = [
    path("enheter/<int:unit_id>/", pages.unit, name="unit"),
    path("planer/<int:plan_id>/", pages.detail, name="detail"),
    path("planer/<int:plan_id>/block/<slug:name>/", pages.block, name="block"),
    path("planer/<int:plan_id>/uppgifter/", parts.header_edit, name="header_edit"),
    path(
        "planer/<int:plan_id>/avsnitt/ny/<slug:part>/", parts.section_create, name="section_create"
    ),
    path("planer/<int:plan_id>/avsnitt/<int:section_id>/", parts.section_edit, name="section_edit"),
    path(
        "planer/<int:plan_id>/avsnitt/<int:section_id>/ta-bort/",
        parts.section_delete,
        name="section_delete",
    ),
    path(
        "planer/<int:plan_id>/avsnitt/<int:section_id>/<way:way>/",
        parts.section_move,
        name="section_move",
    ),
    path("planer/<int:plan_id>/bilagor/ny/", parts.appendix_create, name="appendix_create"),
    path(
        "planer/<int:plan_id>/bilagor/<int:appendix_id>/",
        parts.appendix_download,
        name="appendix_download",
    ),
    path(
        "planer/<int:plan_id>/bilagor/<int:appendix_id>/ta-bort/",
        parts.appendix_delete,
        name="appendix_delete",
    ),
    path("planer/<int:plan_id>/kopiera/", parts.copy, name="copy"),
    path("planer/<int:plan_id>/mal/ny/", chain.goal_create, name="goal_create"),
    path("planer/<int:plan_id>/mal/<int:goal_id>/", chain.goal_edit, name="goal_edit"),
    path("planer/<int:plan_id>/mal/<int:goal_id>/ta-bort/", chain.goal_delete, name="goal_delete"),
    path("planer/<int:plan_id>/mal/<int:goal_id>/<way:way>/", chain.goal_move, name="goal_move"),
    path("planer/<int:plan_id>/kedja/ny/", chain.chain_add, name="chain_add"),
    path(
        "planer/<int:plan_id>/kedja/<int:goal_id>/ta-bort/", chain.chain_remove, name="chain_remove"
    ),
    path(
        "planer/<int:plan_id>/mal/<int:goal_id>/indikatorer/ny/",
        chain.indicator_create,
        name="indicator_create",
    ),
    path(
        "planer/<int:plan_id>/indikatorer/<int:indicator_id>/",
        chain.indicator_edit,
        name="indicator_edit",
    ),
    path(
        "planer/<int:plan_id>/indikatorer/<int:indicator_id>/ta-bort/",
        chain.indicator_delete,
        name="indicator_delete",
    ),
    path(
        "planer/<int:plan_id>/indikatorer/<int:indicator_id>/<way:way>/",
        chain.indicator_move,
        name="indicator_move",
    ),
    path(
        "planer/<int:plan_id>/indikatorer/<int:indicator_id>/arsmal/",
        chain.target_edit,
        name="target_edit",
    ),
    path(
        "planer/<int:plan_id>/mal/<int:goal_id>/aktiviteter/ny/",
        chain.activity_create,
        name="activity_create",
    ),
    path(
        "planer/<int:plan_id>/aktiviteter/<int:activity_id>/",
        chain.activity_edit,
        name="activity_edit",
    ),
    path(
        "planer/<int:plan_id>/aktiviteter/<int:activity_id>/ta-bort/",
        chain.activity_delete,
        name="activity_delete",
    ),
    path(
        "planer/<int:plan_id>/aktiviteter/<int:activity_id>/<way:way>/",
        chain.activity_move,
        name="activity_move",
    ),
    path("planer/<int:plan_id>/budget/enhet/", budget.unit_edit, name="budget_unit"),
    path("planer/<int:plan_id>/budget/ny/", budget.row_create, name="budget_row_create"),
    path("planer/<int:plan_id>/budget/<int:row_id>/", budget.row_edit, name="budget_row_edit"),
    path(
        "planer/<int:plan_id>/budget/<int:row_id>/ta-bort/",
        budget.row_delete,
        name="budget_row_delete",
    ),
    path(
        "planer/<int:plan_id>/budget/<int:row_id>/<way:way>/",
        budget.row_move,
        name="budget_row_move",
    ),
]
