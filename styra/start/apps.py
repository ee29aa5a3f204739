from django.apps import AppConfig


class Config(AppConfig):
    """The start page "Att göra": what the signed-in person has to do, gathered from every room.

    It owns no models and writes nothing; it sits at the top because it reads plans,
    reports and the import trail, each through the owning room's models.
    """

    name = "styra.start"
    label = "start"
