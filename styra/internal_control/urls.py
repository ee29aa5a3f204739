"""Internal control's pages under /internkontroll/: each part of the room adds its own
patterns below, under the argument names the URL policy test knows (control_plan_id,
process_id, risk_id, control_id, result_id, measure_id, city_risk_id, guarantee_id)."""

from django.urls import URLPattern, path

from . import downloads, importing
from .views import guarantees, rollup

app_name = "internal_control"
urlpatterns: list[URLPattern] = [
    # The files: the plan, and its follow-up in a period, as JSON, PDF or Word.
    path("plan/<int:control_plan_id>.<str:fmt>", downloads.download, name="download"),
    path(
        "plan/<int:control_plan_id>/<str:period>.<str:fmt>",
        downloads.followup_download,
        name="followup_download",
    ),
    # Importing a styra-internal-control/1 file: upload, preview, confirm.
    path("importera/", importing.upload, name="import"),
    path("importera/bekrafta/", importing.confirm, name="import_confirm"),
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
    # The roll-up of a period; unit_id: a committee, or the city.
    path("sammanstallning/<int:unit_id>/<str:period>/", rollup.rollup, name="rollup"),
]
