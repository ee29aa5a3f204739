from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from styra.accounts.views import audit
from styra.followup.views.history import report_history
from styra.plans.views.history import plan_history

# The history pages, under /historik/ and the namespace "audit" they have always had. Each
# is the page of the room that decides who reads it, all drawn by styra.audit.pages: the
# trail sits below accounts and knows neither the policy nor the plans and reports.
history = [
    path("", audit.search, name="search"),
    path("export.csv", audit.export, name="export"),
    path("plan/<int:plan_id>/", plan_history, name="plan"),
    path("rapport/<int:report_id>/", report_history, name="report"),
]

urlpatterns = [
    path("", include("styra.plans.urls")),
    path("konto/", include("styra.accounts.urls")),
    path("organisation/", include("styra.accounts.organisation_urls")),
    path("malkedjan/", include("styra.plans.chain.urls")),
    path("dokument/", include("styra.documents.urls")),
    path("importera/", include("styra.importer.urls")),
    path("uppfoljning/", include("styra.followup.urls")),
    path("indikatorer/", include("styra.followup.indicator_urls")),
    path("historik/", include((history, "audit"))),
    path("", include("styra.decisions.urls")),
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
