"""Internal control's pages under /internkontroll/: each part of the room adds its own
patterns below, under the argument names the URL policy test knows (control_plan_id,
process_id, risk_id, control_id, result_id, measure_id, city_risk_id, guarantee_id)."""

from django.urls import URLPattern, path

from . import downloads, importing
from .views import followup, guarantees, pages, rollup, structure

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
    # The year's plans, starting one, the city's risks.
    path("", pages.home, name="home"),
    path("<int:year>/", pages.year, name="year"),
    path("ny/", pages.create, name="create"),
    path("<int:year>/stadens-risker/", pages.city_risks, name="city_risks"),
    path(
        "stadens-risker/<int:city_risk_id>/ta-bort/",
        pages.city_risk_delete,
        name="city_risk_delete",
    ),
    # The plan page and next year's plan.
    path("plan/<int:control_plan_id>/", pages.detail, name="detail"),
    path("plan/<int:control_plan_id>/kopiera/", pages.copy, name="copy"),
    # The risk analysis and the control plan (a draft's).
    path(
        "plan/<int:control_plan_id>/processer/ny/",
        structure.process_create,
        name="process_create",
    ),
    path("process/<int:process_id>/", structure.process_edit, name="process_edit"),
    path("process/<int:process_id>/ta-bort/", structure.process_delete, name="process_delete"),
    path("process/<int:process_id>/risker/ny/", structure.risk_create, name="risk_create"),
    path("risk/<int:risk_id>/", structure.risk_edit, name="risk_edit"),
    path("risk/<int:risk_id>/ta-bort/", structure.risk_delete, name="risk_delete"),
    path("risk/<int:risk_id>/kontrollmoment/ny/", structure.control_create, name="control_create"),
    path("kontrollmoment/<int:control_id>/", structure.control_edit, name="control_edit"),
    path(
        "kontrollmoment/<int:control_id>/ta-bort/",
        structure.control_delete,
        name="control_delete",
    ),
    # The follow-up (an adopted plan's).
    path("kontroll/<int:control_id>/<str:period>/", followup.result_report, name="result_report"),
    path("resultat/<int:result_id>/atgarder/ny/", followup.measure_create, name="measure_create"),
    path("atgard/<int:measure_id>/", followup.measure_edit, name="measure_edit"),
    path("atgard/<int:measure_id>/ta-bort/", followup.measure_delete, name="measure_delete"),
]
