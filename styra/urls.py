from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from styra.accounts.views import audit
from styra.decisions import views as plan_documents
from styra.followup.views import downloads as report_documents
from styra.followup.views.history import report_history
from styra.goals import urls as goal_urls
from styra.indicators import urls as indicator_urls
from styra.plans.views.history import plan_history

# The files a plan or a report is downloaded as, under one name ("documents:plan",
# "documents:report") whichever app serves them; each view loads its object. The plan's is
# decisions', as an adopted plan's file is its snapshot; the reports' are followup's.
documents = [
    path("planer/<int:plan_id>.<str:fmt>", plan_documents.plan_download, name="plan"),
    path("rapporter/<int:report_id>.<str:fmt>", report_documents.report_download, name="report"),
    path(
        "namnder/<int:unit_id>/<str:period>.<str:fmt>",
        report_documents.committee_report_download,
        name="committee_report",
    ),
]

# The history pages, under /historik/ and the namespace "audit" they have always had. Each
# is the page of the room that decides who reads it, all drawn by styra.audit.pages: the
# trail sits below accounts and knows neither the policy nor the plans and reports.
history = [
    path("", audit.search, name="search"),
    path("export.csv", audit.export, name="export"),
    path("plan/<int:plan_id>/", plan_history, name="plan"),
    path("rapport/<int:report_id>/", report_history, name="report"),
]

# The goal chain, under /malkedjan/ and the namespace "goals": goals' pages and edits, and the
# indicator edits on the chain page, which live in indicators (a room above goals) so that
# goals need not import them.
chain = [*goal_urls.urlpatterns, *indicator_urls.urlpatterns]

urlpatterns = [
    path("", include("styra.start.urls")),
    path("sok/", include("styra.search.urls")),
    path("", include("styra.plans.urls")),
    path("konto/", include("styra.accounts.urls")),
    path("organisation/", include("styra.accounts.organisation_urls")),
    path("personer/", include("styra.accounts.people_urls")),
    path("malkedjan/", include((chain, "goals"))),
    path("dokument/", include((documents, "documents"))),
    path("importera/", include("styra.importer.urls")),
    path("uppfoljning/", include("styra.followup.urls")),
    path("planeringsar/", include("styra.cycle.urls")),
    path("arshjul/", include("styra.cycle.calendar_urls")),
    path("internkontroll/", include("styra.internal_control.urls")),
    path("indikatorer/", include("styra.followup.indicator_urls")),
    path("historik/", include((history, "audit"))),
    path("aviseringar/", include("styra.notifications.urls")),
    path("", include("styra.decisions.urls")),
    path("", include("styra.conversations.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "tillganglighet/",
        TemplateView.as_view(template_name="accessibility.html"),
        name="accessibility",
    ),
]

handler400 = "styra.errors.bad_request"
handler403 = "styra.errors.permission_denied"
handler404 = "styra.errors.page_not_found"
handler500 = "styra.errors.server_error"
