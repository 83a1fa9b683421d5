"""Admin pages that show records and never add, change or delete them there: the published
versions and their sections (changed only by publishing), the comments' records, the outbox."""

from django.contrib import admin


class ReadOnly:
    """Mix into a ModelAdmin or an inline, before its Django base class."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin):
    """Shown, never added, changed or deleted here."""
