from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("planer/<int:plan_id>.<str:fmt>", views.plan_download, name="plan"),
    path("rapporter/<int:report_id>.<str:fmt>", views.report_download, name="report"),
    path(
        "namnder/<int:unit_id>/<str:period>.<str:fmt>",
        views.committee_report_download,
        name="committee_report",
    ),
]
