from django.urls import path

from . import views

app_name = "organisation"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("<int:pk>/ny-enhet/", views.node_add, name="node_add"),
    path("<int:pk>/byt-namn/", views.node_rename, name="node_rename"),
    path("<int:pk>/flytta/", views.node_move, name="node_move"),
]
