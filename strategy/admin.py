from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from abramos import uploads
from abramos.admin_translation import BilingualAdmin, BilingualTabularInline
from strategy import services
from strategy.forms import CollaborationDecisionForm
from strategy.models import (
    Action,
    Activity,
    CollaborationOffer,
    Document,
    Membership,
    Organisation,
    Person,
    Stage,
    ThematicTable,
    WorkingGroup,
)


class DocumentForm(forms.ModelForm):
    """The file's type is read from its content and its size limited (abramos.uploads)."""

    class Meta:
        model = Document
        fields = ["title", "slug", "kind", "file", "date", "activity", "stage", "description"]
        help_texts = {"file": uploads.DOCUMENT_HELP}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        uploads.validate_document(upload)
        return upload


class DocumentInline(BilingualTabularInline):
    model = Document
    form = DocumentForm
    fk_name = "activity"
    fields = ["title", "slug", "kind", "date", "file", "stage"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["stage"]
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    autocomplete_fields = ["person", "working_group", "thematic_table", "organisation", "stage"]
    extra = 0


class PersonMembershipInline(MembershipInline):
    fk_name = "person"
    fields = ["working_group", "thematic_table", "role", "organisation", "stage", "order"]


class GroupMembershipInline(MembershipInline):
    fk_name = "working_group"
    fields = ["person", "role", "organisation", "stage", "order"]


class TableMembershipInline(MembershipInline):
    fk_name = "thematic_table"
    fields = ["person", "role", "organisation", "stage", "order"]


class ThematicTableInline(BilingualTabularInline):
    model = ThematicTable
    fields = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name"]}
    extra = 0
    show_change_link = True


@admin.register(Stage)
class StageAdmin(BilingualAdmin, SimpleHistoryAdmin):
    list_display = ["number", "name", "months", "start_date", "end_date"]
    search_fields = ["name_es_mx", "name_en", "months_es_mx"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["number", "name", "slug", "months", "start_date", "end_date", "description"]


@admin.register(Activity)
class ActivityAdmin(BilingualAdmin, SimpleHistoryAdmin):
    list_display = ["title", "stage", "kind", "start_date", "end_date", "state", "status"]
    list_filter = ["stage", "kind", "status", "responsible_group", "state"]
    search_fields = ["title_es_mx", "title_en", "place_es_mx", "description_es_mx"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["stage", "responsible_group"]
    list_select_related = ["stage"]
    inlines = [DocumentInline]
    fieldsets = [
        (None, {"fields": ["stage", "title", "slug", "kind", "status", "responsible_group"]}),
        (_("When and where"), {"fields": ["start_date", "end_date", "order", "place", "state"]}),
        (None, {"fields": ["description"]}),
    ]


@admin.register(Document)
class DocumentAdmin(BilingualAdmin, SimpleHistoryAdmin):
    form = DocumentForm
    list_display = ["title", "kind", "date", "activity", "stage", "size"]
    list_filter = ["kind", "stage"]
    search_fields = ["title_es_mx", "title_en", "description_es_mx"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["activity", "stage"]
    list_select_related = ["activity", "stage"]
    readonly_fields = ["size"]


@admin.register(Action)
class ActionAdmin(BilingualAdmin, SimpleHistoryAdmin):
    list_display = ["order", "title", "activity", "done"]
    list_display_links = ["title"]
    list_filter = ["done"]
    search_fields = ["title_es_mx", "title_en", "description_es_mx"]
    autocomplete_fields = ["activity"]
    list_select_related = ["activity"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(BilingualAdmin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "order"]
    list_filter = ["kind"]
    search_fields = ["name_es_mx", "name_en", "purpose_es_mx"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ThematicTableInline, GroupMembershipInline]


@admin.register(ThematicTable)
class ThematicTableAdmin(BilingualAdmin, SimpleHistoryAdmin):
    list_display = ["name", "working_group", "order"]
    list_filter = ["working_group"]
    search_fields = ["name_es_mx", "name_en", "description_es_mx"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["working_group"]
    list_select_related = ["working_group"]
    inlines = [TableMembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "acronym", "sector", "kind"]
    list_filter = ["sector", "kind"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "position"]
    search_fields = ["name", "position"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonMembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["person", "role", "working_group", "thematic_table", "organisation", "stage"]
    list_filter = ["working_group", "thematic_table", "stage", "organisation__sector"]
    search_fields = ["person__name", "role", "organisation__name"]
    autocomplete_fields = ["person", "working_group", "thematic_table", "organisation", "stage"]
    list_select_related = ["person", "working_group", "thematic_table", "organisation", "stage"]


# Collaboration offers --------------------------------------------------------------------------


@admin.register(CollaborationOffer)
class CollaborationOfferAdmin(SimpleHistoryAdmin):
    """Offers are read as sent; the Technical Group accepts or declines them with the buttons of
    the offer's page, which ask for the reason (required to decline) and e-mail the decision."""

    list_display = [
        "organisation_name",
        "sector",
        "contribution",
        "country",
        "state",
        "status",
        "created_at",
        "decided_at",
    ]
    list_filter = ["status", "sector", "contribution", "country", "state"]
    search_fields = ["organisation_name", "description", "contact_name", "contact_email"]
    date_hierarchy = "created_at"
    ordering = ["-created_at", "-pk"]
    list_select_related = ["decided_by"]
    change_form_template = "strategy/collaboration_admin_change_form.html"
    fieldsets = [
        (
            _("The organisation and its offer"),
            {
                "fields": [
                    "organisation_name",
                    "sector",
                    "country",
                    "state",
                    "contribution",
                    "description",
                ]
            },
        ),
        (
            _("Contact (never published)"),
            {"fields": ["contact_name", "contact_email", "privacy_consent", "language"]},
        ),
        (
            _("Review"),
            {
                "fields": [
                    "status",
                    "created_at",
                    "acknowledged_at",
                    "decided_at",
                    "decided_by",
                    "decision_reason",
                ]
            },
        ),
    ]
    readonly_fields = [name for _title, options in fieldsets for name in options["fields"]]

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/aceptar/",
                wrap(partial(self.decide_view, accept=True)),
                name="strategy_collaborationoffer_accept",
            ),
            path(
                "<path:object_id>/rechazar/",
                wrap(partial(self.decide_view, accept=False)),
                name="strategy_collaborationoffer_decline",
            ),
            *super().get_urls(),
        ]

    # Offers come from the public form; what the offerer typed is theirs, so the page only shows
    # it. The decision, not an edit, is the staff's change (services.DECIDE_PERMISSION).
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history saves a POST to an old version's page ("revert") for anyone who
        # may view the object; an offer is never edited here, only decided.
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def render_change_form(self, request, context, *args, **kwargs):
        context["can_decide"] = request.user.has_perm(services.DECIDE_PERMISSION)
        return super().render_change_form(request, context, *args, **kwargs)

    def decide_view(self, request: HttpRequest, object_id: str, *, accept: bool) -> HttpResponse:
        """Ask for the reason (required to decline), then accept or decline the offer."""
        if not request.user.has_perm(services.DECIDE_PERMISSION):
            raise PermissionDenied
        offer = self.get_object(request, unquote(object_id))
        if offer is None:
            raise Http404
        change_url = reverse("admin:strategy_collaborationoffer_change", args=[offer.pk])
        if not offer.is_pending:
            self.message_user(
                request,
                gettext("This offer was already decided: a decision is taken only once."),
                messages.WARNING,
            )
            return redirect(change_url)
        form = CollaborationDecisionForm(request.POST or None, accept=accept)
        if request.method == "POST" and form.is_valid():
            try:
                services.collaboration_offer_decide(
                    offer=offer,
                    accept=accept,
                    reason=form.cleaned_data["reason"],
                    actor=request.user,
                )
            except ValidationError as error:
                form.add_error("reason" if hasattr(error, "error_dict") else None, error.messages)
            else:
                done = (
                    gettext(
                        "The offer of “%(name)s” was accepted; the organisation is told by e-mail."
                    )
                    if accept
                    else gettext(
                        "The offer of “%(name)s” was declined; the organisation receives the "
                        "reason by e-mail."
                    )
                )
                self.message_user(
                    request, done % {"name": offer.organisation_name}, messages.SUCCESS
                )
                return redirect(change_url)
        title = (
            gettext("Accept the offer of “%(name)s”")
            if accept
            else gettext("Decline the offer of “%(name)s”")
        ) % {"name": offer.organisation_name}
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "original": offer,
            "offer": offer,
            "accept": accept,
            "form": form,
            "change_url": change_url,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "strategy/collaboration_admin_decide.html", context)
