from django.urls import path

import styra.converters  # noqa: F401 - registers <way:…>
from styra.indicators import chain_views as indicators

from .views import activities, chain, goals, years

app_name = "goals"
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
    path("mal/<int:pk>/indikatorer/ny/", indicators.indicator_create, name="indicator_create"),
    path("indikatorer/<int:pk>/", indicators.indicator_edit, name="indicator_edit"),
    path("indikatorer/<int:pk>/ta-bort/", indicators.indicator_delete, name="indicator_delete"),
    path("indikatorer/<int:pk>/<way:way>/", indicators.indicator_move, name="indicator_move"),
    path("mal/<int:pk>/aktiviteter/ny/", activities.activity_create, name="activity_create"),
    path("aktiviteter/<int:pk>/", activities.activity_edit, name="activity_edit"),
    path("aktiviteter/<int:pk>/ta-bort/", activities.activity_delete, name="activity_delete"),
    path("aktiviteter/<int:pk>/<way:way>/", activities.activity_move, name="activity_move"),
]
