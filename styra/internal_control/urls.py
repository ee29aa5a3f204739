"""Internal control's pages under /internkontroll/: each part of the room adds its own
patterns below, under the argument names the URL policy test knows (control_plan_id,
process_id, risk_id, control_id, result_id, measure_id, city_risk_id, guarantee_id)."""

from django.urls import URLPattern, path

from .views import guarantees

app_name = "internal_control"
urlpatterns: list[URLPattern] = [
    # A unit's quality guarantees of a year, part of its verksamhetsplan.
    path(
        "kvalitetsgarantier/<int:unit_id>/<int:year>/",
        guarantees.guarantees,
        name="guarantees",
    ),
    path(
        "kvalitetsgarantier/<int:unit_id>/<int:year>/ny/",
        guarantees.guarantee_create,
        name="guarantee_create",
    ),
    path(
        "kvalitetsgarantier/<int:guarantee_id>/andra/",
        guarantees.guarantee_edit,
        name="guarantee_edit",
    ),
    path(
        "kvalitetsgarantier/<int:guarantee_id>/ta-bort/",
        guarantees.guarantee_delete,
        name="guarantee_delete",
    ),
    path(
        "kvalitetsgarantier/<int:guarantee_id>/flytta/<str:way>/",
        guarantees.guarantee_move,
        name="guarantee_move",
    ),
    path(
        "kvalitetsgarantier/<int:guarantee_id>/<str:period>/",
        guarantees.guarantee_outcome,
        name="guarantee_outcome",
    ),
]
