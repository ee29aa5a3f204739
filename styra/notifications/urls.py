from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.notice_list, name="list"),
    path("lasta/", views.notices_read, name="read_all"),
    path("installningar/", views.notice_settings, name="settings"),
    path("<int:notice_id>/las/", views.notice_read, name="read"),
    path("<int:notice_id>/oppna/", views.notice_open, name="open"),
]
