from django.urls import path

from . import views

app_name = "decisions"
urlpatterns = [
    # The decisions, at the paths they have always had beside the plan's and report's pages.
    path("planer/<int:plan_id>/lamna-in/", views.plan_submit, name="plan_submit"),
    path("planer/<int:plan_id>/faststall/", views.plan_adopt, name="plan_adopt"),
    path("planer/<int:plan_id>/oppna/", views.plan_reopen, name="plan_reopen"),
    path(
        "uppfoljning/rapporter/<int:report_id>/lamna-in/",
        views.report_submit,
        name="report_submit",
    ),
    path(
        "uppfoljning/rapporter/<int:report_id>/godkann/",
        views.report_approve,
        name="report_approve",
    ),
    path(
        "uppfoljning/rapporter/<int:report_id>/oppna-igen/",
        views.report_reopen,
        name="report_reopen",
    ),
    # An internal control plan's decisions, beside its pages under /internkontroll/.
    path(
        "internkontroll/planer/<int:control_plan_id>/lamna-in/",
        views.control_plan_submit,
        name="control_plan_submit",
    ),
    path(
        "internkontroll/planer/<int:control_plan_id>/faststall/",
        views.control_plan_adopt,
        name="control_plan_adopt",
    ),
    path(
        "internkontroll/planer/<int:control_plan_id>/oppna/",
        views.control_plan_reopen,
        name="control_plan_reopen",
    ),
    path(
        "versioner/internkontroll/<int:control_plan_id>/",
        views.control_plan_versions,
        name="control_plan_versions",
    ),
    path(
        "versioner/internkontroll/<int:control_plan_id>/jamfor/",
        views.control_plan_compare,
        name="control_plan_compare",
    ),
    path("versioner/planer/<int:plan_id>/", views.plan_versions, name="plan_versions"),
    path("versioner/planer/<int:plan_id>/jamfor/", views.compare, name="compare"),
    path("versioner/planer/<int:plan_id>/publicera/", views.plan_publish, name="plan_publish"),
    path(
        "versioner/planer/<int:plan_id>/avpublicera/",
        views.plan_unpublish,
        name="plan_unpublish",
    ),
    path("versioner/rapporter/<int:report_id>/", views.report_versions, name="report_versions"),
    path(
        "versioner/rapporter/<int:report_id>/publicera/",
        views.report_publish,
        name="report_publish",
    ),
    path(
        "versioner/rapporter/<int:report_id>/avpublicera/",
        views.report_unpublish,
        name="report_unpublish",
    ),
    path("versioner/<int:snapshot_id>.<str:fmt>", views.snapshot_download, name="download"),
    path("offentligt/", views.public_index, name="public_index"),
    path("offentligt/<int:snapshot_id>/", views.public_detail, name="public_detail"),
    path("offentligt/<int:snapshot_id>.<str:fmt>", views.public_download, name="public_download"),
]
