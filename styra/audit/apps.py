from django.apps import AppConfig
from django.core import checks


class AuditConfig(AppConfig):
    name = "styra.audit"
    label = "audit"
    verbose_name = "Granskningslogg"

    def ready(self) -> None:
        from . import backends, security, trail

        trail.register_domain_models()
        security.connect()
        checks.register(backends.check_engines)
