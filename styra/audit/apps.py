from django.apps import AppConfig
from django.core import checks


class AuditConfig(AppConfig):
    name = "styra.audit"
    label = "audit"
    verbose_name = "Granskningslogg"

    def ready(self) -> None:
        from styra.organisation.models import OrgUnit

        from . import backends, security, trail

        # The tree sits below the trail; the rooms above register their own models.
        trail.register(OrgUnit, place=lambda r, pk, v: (pk, None, None))
        security.connect()
        checks.register(backends.check_engines)
