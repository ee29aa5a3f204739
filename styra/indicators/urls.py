"""The goal-chain page's indicator editing, goals:indicator_* under /malkedjan/.

Not a namespace of its own: styra/urls.py composes these with goals' URLs into the one
"goals" namespace, as the chain page names them, since goals (a room below) cannot name
indicators' views.
"""

from django.urls import path

import styra.converters  # noqa: F401 - registers <way:…>
from styra.goals.views import editing

from .chain_views import INDICATOR

# goals.views.editing's views, editing an indicator (see chain_views for what is its own).
urlpatterns = [
    path(
        "mal/<int:pk>/indikatorer/ny/",
        editing.row_create,
        {"entity": INDICATOR},
        name="indicator_create",
    ),
    path(
        "indikatorer/<int:pk>/",
        editing.entity_edit,
        {"entity": INDICATOR},
        name="indicator_edit",
    ),
    path(
        "indikatorer/<int:pk>/ta-bort/",
        editing.row_delete,
        {"entity": INDICATOR},
        name="indicator_delete",
    ),
    path(
        "indikatorer/<int:pk>/<way:way>/",
        editing.row_move,
        {"entity": INDICATOR},
        name="indicator_move",
    ),
]
