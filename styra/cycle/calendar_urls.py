from django.urls import path

from . import calendar_views as views

app_name = "calendar"
urlpatterns = [
    path("", views.home, name="home"),
    path("<int:year>/", views.year, name="year"),
    path("<int:year>/datum/", views.dates, name="dates"),
    path("<int:year>/datum/ny/", views.date_create, name="date_create"),
    path("datum/<int:date_id>/", views.date_edit, name="date_edit"),
    path("datum/<int:date_id>/ta-bort/", views.date_delete, name="date_delete"),
    path("flode/skapa/", views.feed_create, name="feed_create"),
    path("flode/ta-bort/", views.feed_delete, name="feed_delete"),
    path("flode/<str:token>.ics", views.feed_ics, name="feed"),
]
