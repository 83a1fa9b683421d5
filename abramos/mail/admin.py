from django.contrib import admin

from abramos.mail.models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("subject", "to", "created_at", "sent_at", "attempts")
    list_filter = ("sent_at",)
    search_fields = ("to", "subject")
    readonly_fields = [f.name for f in Message._meta.fields]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
