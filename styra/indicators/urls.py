from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("<int:indicator_id>/", views.detail, name="detail"),
]
