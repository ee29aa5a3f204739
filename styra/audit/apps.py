from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "styra.audit"
    label = "audit"
    verbose_name = "Granskningslogg"

    def ready(self) -> None:
        from . import security, trail

        trail.register_domain_models()
        security.connect()
