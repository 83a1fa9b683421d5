from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from strategy.models import (
    Action,
    Activity,
    Document,
    Membership,
    Organisation,
    Person,
    Stage,
    ThematicTable,
    WorkingGroup,
)


class DocumentInline(admin.TabularInline):
    model = Document
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


class ThematicTableInline(admin.TabularInline):
    model = ThematicTable
    fields = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name"]}
    extra = 0
    show_change_link = True


@admin.register(Stage)
class StageAdmin(SimpleHistoryAdmin):
    list_display = ["number", "name", "months", "start_date", "end_date"]
    search_fields = ["name", "months"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["number", "name", "slug", "months", "start_date", "end_date", "description"]


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "stage", "kind", "start_date", "end_date", "state", "status"]
    list_filter = ["stage", "kind", "status", "responsible_group", "state"]
    search_fields = ["title", "place", "description"]
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
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "date", "activity", "stage", "size"]
    list_filter = ["kind", "stage"]
    search_fields = ["title", "description"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["activity", "stage"]
    list_select_related = ["activity", "stage"]
    readonly_fields = ["size"]


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["order", "title", "activity", "done"]
    list_display_links = ["title"]
    list_filter = ["done"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["activity"]
    list_select_related = ["activity"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "order"]
    list_filter = ["kind"]
    search_fields = ["name", "purpose"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ThematicTableInline, GroupMembershipInline]


@admin.register(ThematicTable)
class ThematicTableAdmin(SimpleHistoryAdmin):
    list_display = ["name", "working_group", "order"]
    list_filter = ["working_group"]
    search_fields = ["name", "description"]
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
