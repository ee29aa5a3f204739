"""The admin may look at versions and publications, never add, change or delete them."""

from django.contrib import admin

from .models import Publication, Snapshot, SnapshotEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Snapshot)
class SnapshotAdmin(ReadOnlyAdmin):
    list_display = ["title", "number", "decided_at", "decided_by_name"]
    list_filter = ["kind", "year"]
    exclude = ["pdf", "data", "meta"]


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ["snapshot", "published_at"]


@admin.register(SnapshotEvent)
class SnapshotEventAdmin(ReadOnlyAdmin):
    list_display = ["snapshot", "kind", "at", "by_name"]
