"""Internal control's pages under /internkontroll/: each part of the room adds its own
patterns below, under the argument names the URL policy test knows (control_plan_id,
process_id, risk_id, control_id, result_id, measure_id, city_risk_id)."""

from django.urls import URLPattern, path

from .views import rollup

app_name = "internal_control"
urlpatterns: list[URLPattern] = [
    # unit_id: a committee, or the city.
    path("sammanstallning/<int:unit_id>/<str:period>/", rollup.rollup, name="rollup"),
]
