"""Outcomes from a file; appended to the follow-up app's URLs (namespace "followup")."""

from django.urls import path

from .views import upload

urlpatterns = [
    path("utfall/ladda-upp/", upload.upload, name="upload"),
    path("utfall/ladda-upp/bekrafta/", upload.confirm, name="upload_confirm"),
    path("utfall/mall.xlsx", upload.template, name="upload_template"),
]
