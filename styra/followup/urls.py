from django.urls import path

from . import rollup_urls, upload_urls
from .views import budget_months, home, periods, report_parts, reports

app_name = "followup"
urlpatterns = [
    path("", home.home, name="home"),
    path("budget/<int:plan_id>/", budget_months.latest_month, name="budget_latest"),
    path("budget/<int:plan_id>/<str:code>/", budget_months.month, name="budget_month"),
    path("perioder/", periods.periods, name="periods"),
    path("perioder/ar/<int:year_id>/", periods.year_block, name="periods_block"),
    path("perioder/ar/<int:year_id>/skapa/", periods.periods_create, name="periods_create"),
    path("perioder/ar/<int:year_id>/tolerans/", periods.tolerance_edit, name="tolerance_edit"),
    path("perioder/<int:period_id>/", periods.period_edit, name="period_edit"),
    path("rapporter/oppna/", reports.open_report, name="report_open"),
    path("rapporter/<int:report_id>/", reports.detail, name="report"),
    path("rapporter/<int:report_id>/block/<slug:name>/", reports.block, name="report_block"),
    path(
        "rapporter/<int:report_id>/utfall/<int:indicator_id>/",
        report_parts.outcome_edit,
        name="report_outcome",
    ),
    path(
        "rapporter/<int:report_id>/bedomning/<int:goal_id>/",
        report_parts.assessment_edit,
        name="report_assessment",
    ),
    path(
        "rapporter/<int:report_id>/aktiviteter/<int:activity_id>/",
        report_parts.activity_edit,
        name="report_activity",
    ),
    path(
        "rapporter/<int:report_id>/budget/<int:row_id>/",
        report_parts.budget_edit,
        name="report_budget",
    ),
    path(
        "rapporter/<int:report_id>/avsnitt/<int:section_id>/",
        report_parts.section_edit,
        name="report_section",
    ),
]
urlpatterns += rollup_urls.urlpatterns + upload_urls.urlpatterns
