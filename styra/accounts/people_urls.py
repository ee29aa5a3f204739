"""Personer och roller, under /personer/ and the namespace "people" (accounts.views.people)."""

from django.urls import path

from .views import people

app_name = "people"
urlpatterns = [
    path("", people.people_list, name="list"),
    path("ny/", people.create, name="create"),
    path("ge-roll/", people.grant, name="grant"),
    path("roller/<int:membership_id>/ta-bort/", people.revoke, name="revoke"),
    path("<int:user_id>/", people.person_detail, name="person"),
    path("<int:user_id>/uppgifter/", people.update, name="update"),
    path("<int:user_id>/inaktivera/", people.deactivate, name="deactivate"),
    path("<int:user_id>/aktivera/", people.reactivate, name="reactivate"),
    path("<int:user_id>/skicka-lank/", people.invite, name="invite"),
]
