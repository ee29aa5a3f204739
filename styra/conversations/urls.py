from django.urls import path

from . import views

app_name = "conversations"
urlpatterns = [
    # Beside the plan's and the report's own pages, as their decisions are.
    path("planer/<int:plan_id>/dialog/", views.plan_dialog, name="plan"),
    path("uppfoljning/rapporter/<int:report_id>/dialog/", views.report_dialog, name="report"),
]
