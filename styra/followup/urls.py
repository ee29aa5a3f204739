from django.urls import path

from .views import home

app_name = "followup"
urlpatterns = [
    path("", home.home, name="home"),
]
