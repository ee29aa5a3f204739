"""The goal-chain page's indicator editing, goals:indicator_* under /malkedjan/.

Not a namespace of its own: styra/urls.py composes these with goals' URLs into the one
"goals" namespace, as the chain page names them, since goals (a room below) cannot name
indicators' views.
"""

from django.urls import path

import styra.converters  # noqa: F401 - registers <way:…>

from . import chain_views

urlpatterns = [
    path("mal/<int:pk>/indikatorer/ny/", chain_views.indicator_create, name="indicator_create"),
    path("indikatorer/<int:pk>/", chain_views.indicator_edit, name="indicator_edit"),
    path("indikatorer/<int:pk>/ta-bort/", chain_views.indicator_delete, name="indicator_delete"),
    path("indikatorer/<int:pk>/<way:way>/", chain_views.indicator_move, name="indicator_move"),
]
