from django.urls import path

from . import views

urlpatterns = [
    path("planer/<int:plan_id>.<str:fmt>", views.plan_download, name="plan"),
]
