from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("", views.search, name="search"),
    path("export.csv", views.export, name="export"),
    path("plan/<int:plan_id>/", views.plan_history, name="plan"),
    path("rapport/<int:report_id>/", views.report_history, name="report"),
]
