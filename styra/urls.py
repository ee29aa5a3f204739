from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("styra.plans.urls")),
    path("konto/", include("styra.accounts.urls")),
    path("organisation/", include("styra.organisation.urls")),
    path("malkedjan/", include("styra.goals.urls")),
    path("dokument/", include("styra.documents.urls")),
    path("importera/", include("styra.importer.urls")),
    path("uppfoljning/", include("styra.followup.urls")),
    path("indikatorer/", include("styra.indicators.urls")),
    path("admin/", admin.site.urls),
]
