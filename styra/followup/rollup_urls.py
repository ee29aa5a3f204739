"""Roll-up URLs, appended to the follow-up app's patterns (namespace "followup")."""

from django.urls import path

from .views import rollup

urlpatterns = [
    path("namnd/<int:committee_id>/<str:period>/", rollup.committee, name="rollup_committee"),
    path("staden/<str:period>/", rollup.city, name="rollup_city"),
    # One name for both downloads: reverse picks the pattern by its arguments.
    path(
        "namnd/<int:committee_id>/<str:period>/excel/",
        rollup.committee_excel,
        name="rollup_excel",
    ),
    path("staden/<str:period>/excel/", rollup.city_excel, name="rollup_excel"),
]
