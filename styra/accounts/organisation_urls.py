"""The organisation tree's pages, under /organisation/ and the namespace "organisation".

They are the policy's pages (styra.accounts.views.organisation): what a person sees of the
tree and where they administer it.
"""

from django.urls import path

from .views import organisation

app_name = "organisation"
urlpatterns = [
    path("", organisation.tree, name="tree"),
    path("<int:pk>/ny-enhet/", organisation.node_add, name="node_add"),
    path("<int:pk>/byt-namn/", organisation.node_rename, name="node_rename"),
    path("<int:pk>/flytta/", organisation.node_move, name="node_move"),
]
