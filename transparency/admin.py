from django.contrib import admin, messages
from django.db import models
from django.forms import ClearableFileInput
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from abramos.money import format_mxn
from transparency import services
from transparency.models import ContactMessage, Expense


@admin.register(Expense)
class ExpenseAdmin(SimpleHistoryAdmin):
    list_display = ["date", "concept", "category", "supplier", "amount_mxn", "stage", "activity"]
    list_display_links = ["date", "concept"]
    list_filter = ["stage", "category", ("date", admin.DateFieldListFilter)]
    list_select_related = ["stage", "activity"]
    search_fields = [
        "concept", "supplier", "funding_source", "activity__title_es_mx", "activity__title_en"
    ]  # fmt: skip
    date_hierarchy = "date"
    autocomplete_fields = ["activity"]
    ordering = ["-date", "-pk"]
    readonly_fields = ["created_at", "modified_at"]
    fieldsets = [
        (None, {"fields": ["date", "concept", "category", "supplier", "amount"]}),
        (_("Where it belongs"), {"fields": ["funding_source", "stage", "activity"]}),
        (_("Receipt"), {"fields": ["receipt"]}),
        (_("Record"), {"fields": ["created_at", "modified_at"], "classes": ["collapse"]}),
    ]
    formfield_overrides = {
        models.FileField: {"widget": ClearableFileInput(attrs={"accept": "application/pdf"})},
    }

    @admin.display(description=_("amount"), ordering="amount")
    def amount_mxn(self, obj: Expense) -> str:
        return format_mxn(obj.amount)

    def has_delete_permission(self, request, obj=None):
        # Spending records are public records: corrected, never deleted by the site.
        return False

    def save_model(self, request, obj, form, change):
        services.expense_save(actor=request.user, expense=obj, created=not change)


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "subject", "name", "email", "answered", "answered_at"]
    list_display_links = ["created_at", "subject"]
    list_filter = ["answered", ("created_at", admin.DateFieldListFilter)]
    list_select_related = ["answered_by"]
    search_fields = ["name", "email", "subject", "message"]
    date_hierarchy = "created_at"
    ordering = ["answered", "-created_at"]
    actions = ["mark_answered", "mark_unanswered"]
    fields = [
        "created_at",
        "name",
        "email",
        "subject",
        "message",
        "privacy_consent",
        "acknowledged_at",
        "answered",
        "answered_at",
        "answered_by",
    ]
    # What the person typed is theirs: staff read it and mark it answered, nothing else.
    readonly_fields = [
        "created_at",
        "name",
        "email",
        "subject",
        "message",
        "privacy_consent",
        "acknowledged_at",
        "answered_at",
        "answered_by",
    ]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        if "answered" in form.changed_data:
            if obj.answered:
                services.contact_message_mark_answered(message=obj, actor=request.user)
            else:
                services.contact_message_mark_unanswered(message=obj)
            return
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Mark the selected messages as answered"), permissions=["change"])
    def mark_answered(self, request, queryset):
        count = 0
        for message in queryset.filter(answered=False):
            services.contact_message_mark_answered(message=message, actor=request.user)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d message marked as answered.",
                "%(count)d messages marked as answered.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Mark the selected messages as not answered"), permissions=["change"]
    )
    def mark_unanswered(self, request, queryset):
        count = 0
        for message in queryset.filter(answered=True):
            services.contact_message_mark_unanswered(message=message)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d message marked as not answered.",
                "%(count)d messages marked as not answered.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
