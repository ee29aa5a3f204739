from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

urlpatterns = [
    path("", include("styra.plans.urls")),
    path("konto/", include("styra.accounts.urls")),
    path("organisation/", include("styra.organisation.urls")),
    path("malkedjan/", include("styra.goals.urls")),
    path("dokument/", include("styra.documents.urls")),
    path("importera/", include("styra.importer.urls")),
    path("uppfoljning/", include("styra.followup.urls")),
    path("indikatorer/", include("styra.indicators.urls")),
    path("historik/", include("styra.audit.urls")),
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
