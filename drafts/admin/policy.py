"""Admin for renditions (read-only, render again), the approval and the adoptions (confirm or
reject them)."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.template.defaultfilters import filesizeformat, truncatechars
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from abramos.admin_translation import BilingualAdmin
from drafts.models import Adoption, Approval, Rendition, Version
from drafts.services import policy as policy_services


@admin.register(Rendition)
class RenditionAdmin(admin.ModelAdmin):
    """Renditions are made by the render task; staff only look at them and render them again."""

    list_display = [
        "version",
        "format",
        "status",
        "size_display",
        "short_sha256",
        "attempts",
        "short_error",
        "rendered_at",
    ]
    list_filter = ["status", "format"]
    list_select_related = ["version"]
    search_fields = ["sha256", "version__label"]
    actions = ["render_again"]
    fields = [
        "version",
        "format",
        "status",
        "download",
        "size",
        "sha256",
        "attempts",
        "error",
        "rendered_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("size"), ordering="size")
    def size_display(self, obj):
        return filesizeformat(obj.size) if obj.size is not None else "—"

    @admin.display(description="SHA-256")
    def short_sha256(self, obj):
        return f"{obj.sha256[:16]}…" if obj.sha256 else "—"

    @admin.display(description=_("last error"))
    def short_error(self, obj):
        return truncatechars(obj.error, 120) if obj.error else ""

    @admin.display(description=_("permanent address"))
    def download(self, obj):
        if not obj.is_ready:
            return "—"
        url = obj.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url)

    @admin.action(description=_("Render again (failed or stuck files)"), permissions=["change"])
    def render_again(self, request, queryset):
        sent = policy_services.rendition_render_again(
            renditions=queryset.select_related("version"), actor=request.user
        )
        skipped = queryset.count() - sent
        self.message_user(
            request,
            ngettext(
                "%(count)d file sent to be rendered again.",
                "%(count)d files sent to be rendered again.",
                sent,
            )
            % {"count": sent},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d file was already ready and was left as it is.",
                    "%(count)d files were already ready and were left as they are.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )


class ApprovalForm(forms.ModelForm):
    dof_url = forms.URLField(
        label=_("Diario Oficial link"),
        required=False,
        assume_scheme="https",
        max_length=Approval._meta.get_field("dof_url").max_length,
    )

    class Meta:
        model = Approval
        fields = [
            "version",
            "approving_body",
            "agreement",
            "approved_on",
            "dof_published_on",
            "dof_url",
            "notes",
        ]

    def clean(self):
        cleaned = super().clean()
        approved_on, published_on = cleaned.get("approved_on"), cleaned.get("dof_published_on")
        if approved_on and published_on and published_on < approved_on:
            self.add_error(
                "dof_published_on",
                _("The publication in the Diario Oficial can’t be before the approval."),
            )
        return cleaned


@admin.register(Approval)
class ApprovalAdmin(BilingualAdmin, SimpleHistoryAdmin):
    form = ApprovalForm
    list_display = ["version", "approving_body", "agreement", "approved_on", "dof_published_on"]
    list_select_related = ["version"]
    search_fields = ["approving_body_es_mx", "approving_body_en", "agreement"]

    # What the official files print (drafts/rendition/official_facts.html), in Spanish
    # (`drafts.renditions.DOCUMENT_LANGUAGE`); the notes and the English texts are not printed.
    PRINTED = {
        "version",
        "approving_body_es_mx",
        "agreement",
        "approved_on",
        "dof_published_on",
        "dof_url",
    }

    def save_model(self, request, obj, form, change):
        before = form.initial.get("version") if change else None
        super().save_model(request, obj, form, change)
        if not self.PRINTED & set(form.changed_data):
            return
        sent = policy_services.approval_recorded(version=obj.version)
        if before and before != obj.version_id:  # moved: the other version's files lose it
            policy_services.approval_recorded(version=Version.objects.get(pk=before))
        self._say_rendered(request, sent)

    def delete_model(self, request, obj):
        version = obj.version
        super().delete_model(request, obj)
        self._say_rendered(request, policy_services.approval_recorded(version=version))

    def _say_rendered(self, request, sent: int) -> None:
        if sent:
            self.message_user(
                request,
                ngettext(
                    "The approval is printed on the official files: %(count)d file is being "
                    "rendered again, with a new SHA-256.",
                    "The approval is printed on the official files: %(count)d files are being "
                    "rendered again, each with a new SHA-256.",
                    sent,
                )
                % {"count": sent},
                messages.INFO,
            )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "version":
            # Only an approved version has an approval.
            kwargs["queryset"] = Version.objects.approved().order_by("-number")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Adoption)
class AdoptionAdmin(SimpleHistoryAdmin):
    """Adoptions arrive from the public form as pending; staff confirm or reject them with the
    actions, which record who reviewed them and when."""

    list_display = [
        "institution",
        "order",
        "branch",
        "state_name",
        "adopted_on",
        "evidence",
        "status",
        "submitted_at",
        "reviewed_by",
    ]
    list_filter = ["status", "order", "branch", "state", "version"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_select_related = ["reviewed_by", "version"]
    search_fields = ["institution", "contact_name", "contact_email"]
    date_hierarchy = "submitted_at"
    actions = ["confirm", "reject"]
    readonly_fields = ["status", "submitted_at", "reviewed_at", "reviewed_by"]
    fieldsets = [
        (
            None,
            {"fields": ["version", "institution", "order", "branch", "state", "adopted_on"]},
        ),
        (_("Evidence"), {"fields": ["evidence_url"]}),
        (_("Contact (never published)"), {"fields": ["contact_name", "contact_email"]}),
        (_("Review"), {"fields": ["status", "submitted_at", "reviewed_at", "reviewed_by"]}),
    ]

    def has_add_permission(self, request):
        return False  # adoptions come from the public form

    def has_delete_permission(self, request, obj=None):
        return False  # a rejected adoption stays on record, with who rejected it

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "version":
            kwargs["queryset"] = Version.objects.approved().order_by("-number")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("state"), ordering="state")
    def state_name(self, obj):
        return obj.get_state_display() or "—"

    @admin.display(description=_("evidence"))
    def evidence(self, obj):
        if not obj.evidence_url:
            return "—"
        return format_html(
            '<a href="{}" rel="noopener noreferrer nofollow" target="_blank">{}</a>',
            obj.evidence_url,
            _("open"),
        )

    def _review(self, request, queryset, review, done_message):
        count = 0
        for adoption in queryset:
            review(adoption=adoption, actor=request.user)  # PermissionDenied becomes a 403
            count += 1
        self.message_user(request, done_message(count) % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Confirm: show in the public register"), permissions=["change"])
    def confirm(self, request, queryset):
        self._review(
            request,
            queryset,
            policy_services.adoption_confirm,
            lambda n: ngettext(
                "%(count)d adoption confirmed.", "%(count)d adoptions confirmed.", n
            ),
        )

    @admin.action(description=_("Reject: do not show it"), permissions=["change"])
    def reject(self, request, queryset):
        self._review(
            request,
            queryset,
            policy_services.adoption_reject,
            lambda n: ngettext("%(count)d adoption rejected.", "%(count)d adoptions rejected.", n),
        )
