"""Internal control's pages under /internkontroll/: each part of the room adds its own
patterns below, under the argument names the URL policy test knows (control_plan_id,
process_id, risk_id, control_id, result_id, measure_id, city_risk_id)."""

from django.urls import URLPattern, path

from . import downloads, importing

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
]
