"""Admin for the working copy (edited with its history, previewed, compared and published) and
for the published versions and their sections (read-only: public records).

Who may do what comes from permissions only (abramos.roles gives them to the Technical Group):
`drafts.change_workingcopy` to edit, `drafts.publish_version` to publish; anyone else gets 403
on every path here.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from abramos.admin_readonly import ReadOnly
from abramos.forms import add_service_errors
from abramos.markup import markup_problems, render_markdown, sanitised
from drafts.diff import compare_texts, word_diff
from drafts.models import Section, Version, WorkingCopy
from drafts.publishing import publish_steps, version_links
from drafts.sections import split_sections
from drafts.services import PUBLISH_PERMISSION, version_publish

# Fields of the working copy whose changes the history list does not show: the preview follows
# the text, and the update time changes with every save.
_HISTORY_QUIET_FIELDS = ["body_html", "updated_at"]


class PublishForm(forms.Form):
    # Not required here: version_publish checks the label and says what is missing.
    label = forms.CharField(
        label=_("Label"),
        max_length=120,
        required=False,
        help_text=_("How people will call this version, e.g. “Segundo borrador”."),
    )
    change_summary = forms.CharField(
        label=_("Change summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "class": "vLargeTextField"}),
        help_text=_("Markdown. What changed since the previous version, shown to readers."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (Version.Status.CONSULTATION, Version.Status.CONSULTATION.label),
            (Version.Status.APPROVED, Version.Status.APPROVED.label),
        ],
        initial=Version.Status.CONSULTATION,
        widget=forms.RadioSelect,
        help_text=_(
            "Publishing supersedes the current draft (and, for an approved version, the "
            "previous approved one)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What other apps ask for on publication (drafts/publishing.py): the comment window.
        for step in publish_steps():
            self.fields.update(step.fields())

    def clean(self):
        data = super().clean()
        for step in publish_steps():
            try:
                step.clean(data)
            except ValidationError as error:
                add_service_errors(self, error)
        return data

    def service_arguments(self) -> dict:
        """The form's data as `version_publish` takes it: its own fields, and the rest for the
        publish steps."""
        data = dict(self.cleaned_data)
        own = {name: data.pop(name) for name in ("label", "change_summary", "status")}
        return {**own, "steps_data": {**data, "status": own["status"]}}


@admin.register(WorkingCopy)
class WorkingCopyAdmin(SimpleHistoryAdmin):
    fields = ["title", "body", "preview", "updated_at"]
    readonly_fields = ["preview", "updated_at"]
    change_form_template = "drafts/admin/workingcopy_change_form.html"
    object_history_template = "drafts/admin/workingcopy_history.html"
    object_history_list_template = "drafts/admin/workingcopy_history_list.html"

    class Media:
        css = {"all": ["css/drafts.css"]}

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/publish/",
                wrap(self.publish_view),
                name="drafts_workingcopy_publish",
            ),
            path(
                "<path:object_id>/preview/",
                wrap(self.preview_view),
                name="drafts_workingcopy_preview",
            ),
            path(
                "<path:object_id>/history/compare/",
                wrap(self.history_compare_view),
                name="drafts_workingcopy_history_compare",
            ),
            *super().get_urls(),
        ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            kwargs["widget"] = forms.Textarea(
                attrs={"rows": 30, "class": "vLargeTextField drafts-editor", "spellcheck": "true"}
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    # There is one working copy: the list goes straight to it, nothing is added or deleted.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        copy = WorkingCopy.current()
        return redirect("admin:drafts_workingcopy_change", copy.pk)

    @admin.display(description=_("Preview (as last saved)"))
    def preview(self, obj: WorkingCopy) -> str:
        if not obj.body_html:
            return gettext("Nothing to preview yet: the text is empty.")
        # body_html is rendered and sanitised by abramos.markup on save.
        return format_html('<div class="drafts-preview">{}</div>', sanitised(obj.body_html))

    def save_model(self, request, obj, form, change):
        obj._change_reason = gettext("Edited in the admin")
        super().save_model(request, obj, form, change)

    def response_change(self, request: HttpRequest, obj: WorkingCopy) -> HttpResponse:
        if "_publish" in request.POST:
            return HttpResponseRedirect(reverse("admin:drafts_workingcopy_publish", args=[obj.pk]))
        return super().response_change(request, obj)

    def render_change_form(self, request, context, *args, **kwargs):
        context["can_publish"] = request.user.has_perm(PUBLISH_PERMISSION)
        return super().render_change_form(request, context, *args, **kwargs)

    # History: each record knows the one before it, to compare with; the list shows what
    # changed in the fields people edit.
    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        records = list(historical_records)
        for newer, older in zip(records, records[1:], strict=False):
            delta = newer.diff_against(
                older,
                excluded_fields=_HISTORY_QUIET_FIELDS,
                foreign_keys_are_objs=foreign_keys_are_objs,
            )
            helper = self.get_historical_record_context_helper(request, newer)
            newer.history_delta_changes = helper.context_for_delta_changes(delta)
            newer.previous_history_id = older.history_id

    def history_view(self, request, object_id, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "compare_url": reverse("admin:drafts_workingcopy_history_compare", args=[object_id]),
        }
        return super().history_view(request, object_id, extra_context)

    def history_compare_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Two records of the working copy's history compared section by section and word by
        word (simple-history lists the changes but does not compare two records)."""
        if not self.has_view_history_or_change_history_permission(request):
            raise PermissionDenied
        copy = self.get_object(request, unquote(object_id))
        if copy is None:
            raise Http404
        try:
            wanted = {int(request.GET["a"]), int(request.GET["b"])}
        except (KeyError, ValueError):
            raise Http404("Choose two records of the history") from None
        records = sorted(
            WorkingCopy.history.filter(id=copy.pk, history_id__in=wanted).select_related(
                "history_user"
            ),
            key=lambda record: (record.history_date, record.history_id),
        )
        if len(records) != len(wanted) or len(records) < 2:
            raise Http404("Choose two different records of this working copy's history")
        older, newer = records
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Compare two moments of the working copy"),
            "opts": self.opts,
            "original": copy,
            "older": older,
            "newer": newer,
            "title_diff": word_diff(older.title, newer.title)
            if older.title != newer.title
            else None,
            "comparison": compare_texts(older.body, newer.body, title=newer.title),
            "history_url": reverse("admin:drafts_workingcopy_history", args=[copy.pk]),
            "media": self.media,
        }
        return TemplateResponse(request, "drafts/admin/workingcopy_compare.html", context)

    def preview_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The text being edited, before it is saved: as it will be published, and compared with
        the last published version. Rendered on the server (no JavaScript); the page holds the
        text in the same form, to preview again or save."""
        copy = self.get_object(request, unquote(object_id))
        if copy is None:
            raise Http404
        if not self.has_change_permission(request, copy):
            raise PermissionDenied
        if request.method != "POST":
            return redirect("admin:drafts_workingcopy_change", copy.pk)
        form = self.get_form(request, copy, change=True)(request.POST, instance=copy)
        form.is_valid()  # the errors show beside the fields; the preview shows what it can
        title = form.data.get("title", "")[:200]
        body = form.data.get("body", "")
        try:
            outline, outline_error = split_sections(body, title=title), None
        except ValidationError as error:
            outline, outline_error = [], " ".join(error.messages)
        last = Version.objects.order_by("-number").only("number", "label", "body", "title").first()
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Preview of the working copy"),
            "opts": self.opts,
            "original": copy,
            "form": form,
            "preview": sanitised(render_markdown(body)),
            "problems": markup_problems(body),
            "outline": outline,
            "outline_error": outline_error,
            "last": last,
            "comparison": compare_texts(last.body, body, title=title) if last else None,
            "can_publish": request.user.has_perm(PUBLISH_PERMISSION),
            "media": self.media,
        }
        return TemplateResponse(request, "drafts/admin/workingcopy_preview.html", context)

    def publish_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Ask for the label, summary and status, then publish the working copy as it is saved."""
        if not request.user.has_perm(PUBLISH_PERMISSION):
            raise PermissionDenied
        copy = self.get_object(request, unquote(object_id))
        if copy is None:
            raise Http404
        form = PublishForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                version = version_publish(
                    actor=request.user, working_copy=copy, **form.service_arguments()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                self.message_user(request, _published_message(version), messages.SUCCESS)
                return redirect("admin:drafts_version_change", version.pk)
        try:
            outline, outline_error = split_sections(copy.body, title=copy.title), None
        except ValidationError as error:
            outline, outline_error = [], " ".join(error.messages)
        last = Version.objects.order_by("-number").only("number", "label", "body").first()
        fieldsets = [(None, {"fields": ["label", "change_summary", "status"]})] + [
            (step.legend or None, {"fields": list(step.fields())}) for step in publish_steps()
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Publish the working copy"),
            "opts": self.opts,
            "original": copy,
            "form": form,
            "adminform": helpers.AdminForm(form, fieldsets, {}),
            "errors": helpers.AdminErrorList(form, []),
            "outline": outline,
            "outline_error": outline_error,
            "next_number": last.number + 1 if last else 1,
            "last": last,
            "same_as_last": bool(last and last.body == copy.body),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "drafts/admin/workingcopy_publish.html", context)


def _published_message(version: Version) -> str:
    return format_html(
        '{} <a href="{}">{}</a>',
        gettext("Version %(number)s, “%(label)s”, was published.")
        % {"number": version.number, "label": version.label},
        version.get_absolute_url(),
        gettext("See it on the public site"),
    )


class SectionInline(ReadOnly, admin.TabularInline):
    model = Section
    fields = ["order", "level", "heading", "anchor"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False
    view_on_site = False


@admin.register(Version)
class VersionAdmin(ReadOnly, admin.ModelAdmin):
    """Published versions are public records: shown, never changed or deleted, here or anywhere
    (the model refuses too)."""

    list_display = ["number", "label", "status", "published_at", "published_by"]
    list_display_links = ["number", "label"]
    list_filter = ["status"]
    list_select_related = ["published_by"]
    search_fields = ["label", "title"]
    date_hierarchy = "published_at"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "number",
                    "label",
                    "title",
                    "status",
                    "published_at",
                    "published_by",
                    "public_page",
                    "related_links",
                ]
            },
        ),
        (_("Change summary"), {"fields": ["change_summary"]}),
        (_("Text (Markdown)"), {"fields": ["body"], "classes": ["collapse"]}),
    ]
    readonly_fields = [
        "number",
        "label",
        "title",
        "status",
        "published_at",
        "published_by",
        "public_page",
        "related_links",
        "change_summary",
        "body",
    ]
    inlines = [SectionInline]

    @admin.display(description=_("Consultation"))
    def related_links(self, obj: Version) -> str:
        """What other apps offer for this version (drafts/publishing.py): the comment window."""
        # The pages linked to check their own permissions.
        links = version_links(obj) if obj and obj.pk else []
        if not links:
            return "—"
        return format_html_join(
            sanitised("<br>"),  # a constant of ours
            '<a href="{}">{}</a>',
            ((url, label) for label, url in links),
        )

    @admin.display(description=_("Public page"))
    def public_page(self, obj: Version) -> str:
        url = obj.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url)
