from django.urls import path

import styra.converters  # noqa: F401 - registers <way:…>

from .views import chain, editing, goals, years
from .views.activities import ACTIVITY
from .views.goals import GOAL

# The goal chain's own URLs; styra/urls.py composes them with indicators' chain URLs into the
# namespace "goals" under /malkedjan/. The edits that go alike for goals, activities and
# indicators are goals.views.editing's views, told by `{"entity": …}` which they edit.
urlpatterns = [
    path("", chain.chain, name="chain"),
    path("<int:year>/", chain.chain_year, name="chain_year"),
    path("nytt-ar/", years.year_create, name="year_create"),
    path("<int:year>/benamning/", years.year_label, name="year_label"),
    path("<int:year>/mal/ny/", goals.direction_create, name="direction_create"),
    path("mal/<int:pk>/", chain.goal_block, name="goal_block"),
    path("mal/<int:pk>/mal/ny/", goals.goal_create_child, name="goal_create_child"),
    path("mal/<int:pk>/andra/", editing.entity_edit, {"entity": GOAL}, name="goal_edit"),
    path("mal/<int:pk>/ta-bort/", goals.goal_delete, name="goal_delete"),
    path("mal/<int:pk>/<way:way>/", goals.goal_move, name="goal_move"),
    path(
        "mal/<int:pk>/aktiviteter/ny/",
        editing.row_create,
        {"entity": ACTIVITY},
        name="activity_create",
    ),
    path("aktiviteter/<int:pk>/", editing.entity_edit, {"entity": ACTIVITY}, name="activity_edit"),
    path(
        "aktiviteter/<int:pk>/ta-bort/",
        editing.row_delete,
        {"entity": ACTIVITY},
        name="activity_delete",
    ),
    path(
        "aktiviteter/<int:pk>/<way:way>/",
        editing.row_move,
        {"entity": ACTIVITY},
        name="activity_move",
    ),
]
