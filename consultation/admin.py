"""Admin of the consultation: the window, in-person sessions (and the contributions recorded at
them), and read-only views of the public records (comments, answers, flags, moderation) and of
notifications.

Comments, answers and moderation actions are public records: nobody deletes them here. Writes
that carry rules (recording a contribution, answering, hiding) go through consultation.services;
answering has its own staff page (consultation:answer-edit), moderation its queue. Who may do
what comes from permissions only (abramos.roles).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from abramos.admin_readonly import ReadOnlyAdmin
from abramos.forms import add_service_errors
from consultation import rules, services
from consultation.models import (
    Answer,
    Comment,
    Consultation,
    Flag,
    ModerationAction,
    Notification,
    NotificationPreference,
    Session,
)
from consultation.staff_forms import ContributionForm


class ConsultationForm(forms.ModelForm):
    """The same rules as opening a consultation on the publish page (services.consultation_open):
    only a current draft, and a window that is not over."""

    class Meta:
        model = Consultation
        fields = ["version", "title", "opens_at", "closes_at", "description"]

    def clean(self):
        data = super().clean()
        version, closes = data.get("version"), data.get("closes_at")
        if self.instance.pk is None and version is not None:
            if version.status != version.Status.CONSULTATION:
                self.add_error(
                    "version", gettext("Only the current draft can be put to consultation.")
                )
            if closes is not None and closes <= timezone.now():
                self.add_error("closes_at", gettext("The window must close in the future."))
        return data


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    form = ConsultationForm
    list_display = ["title", "version", "opens_at", "closes_at"]
    list_select_related = ["version"]
    fields = ["version", "title", "opens_at", "closes_at", "description"]
    date_hierarchy = "opens_at"

    def has_delete_permission(self, request, obj=None) -> bool:
        # Comments point to it: a consultation that ran is part of the record.
        return False


class ContributionInline(admin.TabularInline):
    model = Comment
    fk_name = "session"
    verbose_name = _("contribution")
    verbose_name_plural = _("contributions recorded at this session")
    fields = [
        "section", "participant_consent", "participant_name", "participant_sector",
        "participant_state", "excerpt",
    ]  # fmt: skip
    readonly_fields = fields
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("section")

    @admin.display(description=_("contribution"))
    def excerpt(self, obj: Comment) -> str:
        return Truncator(obj.body).chars(120)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "date", "state", "place", "consultation"]
    list_filter = ["kind", "state", "consultation"]
    list_select_related = ["consultation"]
    search_fields = ["title", "place", "organisers"]
    date_hierarchy = "date"
    fields = [
        "consultation",
        "kind",
        "title",
        "date",
        "state",
        "place",
        "thematic_table",
        "organisers",
        "record_contribution",
    ]
    readonly_fields = ["record_contribution"]
    inlines = [ContributionInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("contributions"))
    def record_contribution(self, obj: Session) -> str:
        if obj.pk is None:
            return gettext("Save the session first, then record its contributions.")
        url = reverse("admin:consultation_session_contribution", args=[obj.pk])
        return format_html(
            '<a class="button" href="{}">{}</a>', url, gettext("Record a contribution")
        )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/contribution/",
                self.admin_site.admin_view(self.contribution_view),
                name="consultation_session_contribution",
            ),
            *super().get_urls(),
        ]

    def contribution_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Record what a participant said at this session, through services.contribution_record."""
        if not request.user.has_perm(rules.RECORD_IN_PERSON):
            raise PermissionDenied
        session = self.get_object(request, unquote(object_id))
        if session is None:
            raise Http404
        form = ContributionForm(request.POST or None, session=session)
        if request.method == "POST" and form.is_valid():
            try:
                comment = services.contribution_record(
                    actor=request.user, session=session, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                self.message_user(
                    request,
                    gettext("Contribution #%(pk)s recorded.") % {"pk": comment.pk},
                    messages.SUCCESS,
                )
                if "_addanother" in request.POST:
                    return redirect("admin:consultation_session_contribution", session.pk)
                return redirect("admin:consultation_session_change", session.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "session": session,
            "form": form,
            "title": gettext("Record a contribution"),
            "subtitle": str(session),
        }
        return TemplateResponse(request, "consultation/staff_contribution_form.html", context)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "excerpt",
        "version",
        "section",
        "channel",
        "status",
        "read_by_staff",
        "created_at",
    ]
    list_filter = ["status", "channel", "version", "read_by_staff"]
    list_select_related = ["version", "section", "author"]
    list_display_links = ["number", "excerpt"]
    search_fields = ["body", "participant_name", "author__display_name", "author__email"]
    date_hierarchy = "created_at"
    fields = [
        "consultation",
        "version",
        "section",
        "parent",
        "channel",
        "author",
        "session",
        "participant_consent",
        "participant_name",
        "participant_sector",
        "participant_state",
        "body",
        "status",
        "hidden_reason",
        "created_at",
        "edited_at",
        "support_count",
        "reply_count",
        "read_by_staff",
        "answer_link",
    ]
    # Only the staff triage field changes here; the rest is the public record.
    readonly_fields = [name for name in fields if name != "read_by_staff"]
    actions = ["mark_read"]

    @admin.display(description=_("Number"), ordering="pk")
    def number(self, obj: Comment) -> str:
        # The number the public pages give the comment ("Comentario 2"), not a database "PK".
        return str(obj.pk)

    @admin.display(description=_("comment"))
    def excerpt(self, obj: Comment) -> str:
        return Truncator(obj.body).chars(80)

    @admin.display(description=_("answer"))
    def answer_link(self, obj: Comment) -> str:
        url = reverse("consultation:answer-edit", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Answer on the triage page"))

    @admin.action(description=_("Mark the selected comments as read"), permissions=["change"])
    def mark_read(self, request, queryset) -> None:
        count = queryset.update(read_by_staff=True)
        self.message_user(
            request,
            ngettext(
                "%(count)d comment marked as read.", "%(count)d comments marked as read.", count
            )
            % {"count": count},
        )

    def has_add_permission(self, request, obj=None) -> bool:
        # Online comments come from the site; in-person ones from their session's page.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin):
    list_display = ["comment", "outcome", "author", "published_at", "edit_link"]
    list_filter = ["outcome", "comment__version"]
    list_select_related = ["comment__author", "author"]
    search_fields = ["body"]
    fields = [
        "comment",
        "outcome",
        "body",
        "target_section",
        "author",
        "created_at",
        "published_at",
        "edit_link",
    ]
    readonly_fields = fields

    @admin.display(description=_("edit"))
    def edit_link(self, obj: Answer) -> str:
        url = reverse("consultation:answer-edit", args=[obj.comment_id])
        return format_html('<a href="{}">{}</a>', url, gettext("Edit on the triage page"))


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ["comment", "reason", "user", "created_at", "resolved_at"]
    list_filter = ["resolved_at"]
    list_select_related = ["comment__author", "user"]
    fields = ["comment", "user", "reason", "created_at", "resolved_at"]
    readonly_fields = ["comment", "user", "reason", "created_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ModerationAction)
class ModerationActionAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action", "comment", "actor", "reason"]
    list_filter = ["action"]
    list_select_related = ["comment__author", "actor"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ReadOnlyAdmin):
    list_display = ["user", "frequency"]
    list_filter = ["frequency"]
    list_select_related = ["user"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "kind", "user", "comment", "sent_at"]
    list_filter = ["kind"]
    list_select_related = ["user", "comment__author"]
