from django.urls import path

import styra.converters  # noqa: F401 - registers <way:…>

from .views import activities, chain, goals, years

# The goal chain's own URLs; styra/urls.py composes them with indicators' chain URLs into the
# namespace "goals" under /malkedjan/.
urlpatterns = [
    path("", chain.chain, name="chain"),
    path("<int:year>/", chain.chain_year, name="chain_year"),
    path("nytt-ar/", years.year_create, name="year_create"),
    path("<int:year>/benamning/", years.year_label, name="year_label"),
    path("<int:year>/mal/ny/", goals.direction_create, name="direction_create"),
    path("mal/<int:pk>/", chain.goal_block, name="goal_block"),
    path("mal/<int:pk>/mal/ny/", goals.goal_create_child, name="goal_create_child"),
    path("mal/<int:pk>/andra/", goals.goal_edit, name="goal_edit"),
    path("mal/<int:pk>/ta-bort/", goals.goal_delete, name="goal_delete"),
    path("mal/<int:pk>/<way:way>/", goals.goal_move, name="goal_move"),
    path("mal/<int:pk>/aktiviteter/ny/", activities.activity_create, name="activity_create"),
    path("aktiviteter/<int:pk>/", activities.activity_edit, name="activity_edit"),
    path("aktiviteter/<int:pk>/ta-bort/", activities.activity_delete, name="activity_delete"),
    path("aktiviteter/<int:pk>/<way:way>/", activities.activity_move, name="activity_move"),
]
