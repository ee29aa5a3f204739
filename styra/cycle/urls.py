from django.urls import path

from . import views

app_name = "cycle"
urlpatterns = [
    path("nytt/", views.year_open, name="year_open"),
    path("<int:year>/oppna-for-enheterna/", views.year_release, name="year_release"),
]
