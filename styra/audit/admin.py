"""The audit tables in Django's admin: read-only, for superusers."""

from django.contrib import admin

from .models import AuditEntry, SecurityEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """No add, change or delete, whoever asks: the tables are append-only."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_superuser


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor", "action", "object_type", "object_id", "object_name")
    list_filter = ("action", "object_type")
    search_fields = ("actor", "object_name", "object_id", "request_id")
    date_hierarchy = "at"


@admin.register(SecurityEvent)
class SecurityEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "kind", "actor", "status", "method", "path", "ip")
    list_filter = ("kind", "status")
    search_fields = ("actor", "path", "ip", "request_id")
    date_hierarchy = "at"
