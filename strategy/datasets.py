"""The open datasets of the construction process, registered from `StrategyConfig.ready()`.

Stages, activities, documents, working groups, thematic tables, organisations, the memberships
shown on /participantes/ and the allies (accepted offers to collaborate). Only what the public
pages show: people appear with the name and position published there, never a contact detail;
an ally's contact person and address are never read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from abramos.accounts.models import Sector
from abramos.demo import demo_field, holds_demo
from abramos.opendata import (
    IRREGULAR,
    REQUIRED,
    Dataset,
    Field,
    choice_field,
    register,
    state_fields,
    state_values,
)
from strategy.models import (
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

CHUNK = 2000


def _url(path: str) -> str:
    return settings.SITE_ROOT + path


def _last_change(*models) -> Any:
    """The newest change to any of `models`, from their history (one query each)."""
    dates = [m.history.aggregate(at=Max("history_date"))["at"] for m in models]
    dates = [d for d in dates if d is not None]
    return max(dates, default=None)


def _id(description) -> Field:
    return Field("id", "integer", description, REQUIRED)


# Stages ---------------------------------------------------------------------------------------


def _stage_rows() -> Iterator[dict]:
    process = reverse("strategy:process")
    for stage in Stage.objects.with_demo_dates().order_by("number").iterator(chunk_size=CHUNK):
        yield {
            "id": stage.pk,
            "numero": stage.number,
            "nombre": stage.name,
            "meses": stage.months,
            "plan_inicio": stage.planned_start,
            "plan_fin": stage.planned_end,
            "fecha_inicio": stage.start_date,
            "fecha_fin": stage.end_date,
            "descripcion": stage.description,
            "url": _url(f"{process}#{stage.anchor}"),
            "es_demo": stage.demo_dates,
        }


STAGES = Dataset(
    slug="etapas",
    title=_("Stages of the construction process"),
    description=_(
        "The three stages in which the National Open Data Policy is built, with their dates."
    ),
    keywords=["PNDA", "proceso", "etapas", "datos abiertos"],
    accrual_periodicity=IRREGULAR,
    landing_url_name="strategy:process",
    fields=[
        _id(_("Identifier of the stage.")),
        Field("numero", "integer", _("Number of the stage, from 1."), REQUIRED),
        Field("nombre", "string", _("Name of the stage."), REQUIRED),
        Field("meses", "string", _("Months of the stage, as announced.")),
        Field(
            "plan_inicio",
            "date",
            _("First day of the month the plan gave for its start (ISO 8601); empty if none."),
        ),
        Field(
            "plan_fin",
            "date",
            _("Last day of the month the plan gave for its end (ISO 8601); empty if none."),
        ),
        Field("fecha_inicio", "date", _("Day the stage actually started (ISO 8601)."), REQUIRED),
        Field(
            "fecha_fin",
            "date",
            _("Day the stage actually ended, or is expected to end (ISO 8601)."),
            REQUIRED,
        ),
        Field("descripcion", "string", _("What happens in the stage, in Markdown.")),
        Field("url", "string", _("Address of the stage on the portal.")),
        Field(
            "es_demo",
            "boolean",
            _(
                "true when the stage's actual dates come from activities invented for the "
                "demonstration site (its name and plan are real)."
            ),
        ),
    ],
    rows=_stage_rows,
    modified=lambda: _last_change(Stage),
    count=Stage.objects.count,
    demo=lambda: Activity.objects.filter(is_demo=True).exists(),
)


# Activities ------------------------------------------------------------------------------------


def _activity_rows() -> Iterator[dict]:
    activities = Activity.objects.select_related("stage", "responsible_group").order_by(
        "start_date", "order", "pk"
    )
    for activity in activities.iterator(chunk_size=CHUNK):
        group = activity.responsible_group
        yield {
            "id": activity.pk,
            "etapa_numero": activity.stage.number,
            "etapa": activity.stage.name,
            "titulo": activity.title,
            "tipo": activity.kind,
            "estatus": activity.status,
            "fecha_inicio": activity.start_date,
            "fecha_fin": activity.end_date,
            "lugar": activity.place,
            **state_values(activity.state),
            "grupo_responsable": group.name if group else None,
            "descripcion": activity.description,
            "url": _url(activity.get_absolute_url()),
            "es_demo": activity.is_demo,
        }


ACTIVITIES = Dataset(
    slug="actividades",
    title=_("Activities of the process"),
    description=_(
        "Every activity of the construction of the policy: meetings, forums, dialogue tables, "
        "drafts, the consultation, its approval and publication; with dates, place and state."
    ),
    keywords=["PNDA", "proceso", "actividades", "foros", "mesas de diálogo"],
    landing_url_name="strategy:process",
    fields=[
        _id(_("Identifier of the activity.")),
        Field("etapa_numero", "integer", _("Number of the stage it belongs to."), REQUIRED),
        Field("etapa", "string", _("Name of the stage it belongs to.")),
        Field("titulo", "string", _("Title of the activity."), REQUIRED),
        choice_field("tipo", _("Kind of activity:"), Activity.Kind.choices),
        choice_field("estatus", _("Status:"), Activity.Status.choices),
        Field("fecha_inicio", "date", _("Day it starts (ISO 8601)."), REQUIRED),
        Field("fecha_fin", "date", _("Day it ends (ISO 8601); empty for a one-day activity.")),
        Field("lugar", "string", _("Where it takes place.")),
        *state_fields(),
        Field("grupo_responsable", "string", _("Working group responsible for it.")),
        Field("descripcion", "string", _("Description, in Markdown.")),
        Field("url", "string", _("Address of the activity on the portal.")),
        demo_field(),
    ],
    rows=_activity_rows,
    modified=lambda: _last_change(Activity),
    count=Activity.objects.count,
    demo=holds_demo(Activity),
)


# Documents -------------------------------------------------------------------------------------


def _document_rows() -> Iterator[dict]:
    documents = Document.objects.select_related("stage", "activity").order_by("date", "pk")
    for document in documents.iterator(chunk_size=CHUNK):
        stage, activity = document.stage, document.activity
        yield {
            "id": document.pk,
            "titulo": document.title,
            "tipo": document.kind,
            "fecha": document.date,
            "formato": document.extension or None,
            "tamano_bytes": document.size,
            "etapa_numero": stage.number if stage else None,
            "actividad_id": activity.pk if activity else None,
            "actividad": activity.title if activity else None,
            "descripcion": document.description,
            "url_descarga": _url(document.get_download_url()) if document.file else None,
        }


DOCUMENTS = Dataset(
    slug="documentos",
    title=_("Documents of the process"),
    description=_(
        "The working documents of the process (strategy, methodology, critical path, minutes, "
        "drafts, reports), with their date, size and download address."
    ),
    keywords=["PNDA", "documentos", "minutas", "metodología"],
    landing_url_name="strategy:process",
    fields=[
        _id(_("Identifier of the document.")),
        Field("titulo", "string", _("Title of the document."), REQUIRED),
        choice_field("tipo", _("Kind of document:"), Document.Kind.choices),
        Field("fecha", "date", _("Date of the document (ISO 8601)."), REQUIRED),
        Field("formato", "string", _("Format of the file (its extension), e.g. PDF.")),
        Field("tamano_bytes", "integer", _("Size of the file in bytes.")),
        Field("etapa_numero", "integer", _("Number of the stage it belongs to, if any.")),
        Field("actividad_id", "integer", _("Identifier of the activity it belongs to, if any.")),
        Field("actividad", "string", _("Title of the activity it belongs to, if any.")),
        Field("descripcion", "string", _("Description of the document.")),
        Field("url_descarga", "string", _("Address to download the file; empty if none.")),
    ],
    rows=_document_rows,
    modified=lambda: _last_change(Document),
    count=Document.objects.count,
)


# Working groups, thematic tables, organisations, memberships ---------------------------------


def _group_rows() -> Iterator[dict]:
    for group in WorkingGroup.objects.order_by("order", "name").iterator(chunk_size=CHUNK):
        yield {
            "id": group.pk,
            "nombre": group.name,
            "tipo": group.kind,
            "proposito": group.purpose,
            "descripcion": group.description,
            "orden": group.order,
            "url": _url(group.get_absolute_url()),
        }


WORKING_GROUPS = Dataset(
    slug="grupos-de-trabajo",
    title=_("Working groups"),
    description=_(
        "The Driving, Technical and Specialised groups that build the policy, and what each is for."
    ),
    keywords=["PNDA", "participantes", "grupos de trabajo"],
    accrual_periodicity=IRREGULAR,
    landing_url_name="strategy:participants",
    fields=[
        _id(_("Identifier of the working group.")),
        Field("nombre", "string", _("Name of the group."), REQUIRED),
        choice_field("tipo", _("Kind of group:"), WorkingGroup.Kind.choices),
        Field("proposito", "string", _("What the group is for, in one sentence.")),
        Field("descripcion", "string", _("Description, in Markdown.")),
        Field("orden", "integer", _("Order in which the portal lists it.")),
        Field("url", "string", _("Address of the group on the portal.")),
    ],
    rows=_group_rows,
    modified=lambda: _last_change(WorkingGroup),
    count=WorkingGroup.objects.count,
)


def _table_rows() -> Iterator[dict]:
    tables = ThematicTable.objects.select_related("working_group").order_by("order", "name")
    for table in tables.iterator(chunk_size=CHUNK):
        yield {
            "id": table.pk,
            "grupo_de_trabajo_id": table.working_group_id,
            "grupo_de_trabajo": table.working_group.name,
            "nombre": table.name,
            "descripcion": table.description,
            "orden": table.order,
        }


THEMATIC_TABLES = Dataset(
    slug="mesas-tematicas",
    title=_("Thematic tables"),
    description=_("The thematic tables in which the experts of a working group meet."),
    keywords=["PNDA", "participantes", "mesas temáticas"],
    accrual_periodicity=IRREGULAR,
    landing_url_name="strategy:participants",
    fields=[
        _id(_("Identifier of the thematic table.")),
        Field("grupo_de_trabajo_id", "integer", _("Identifier of its working group."), REQUIRED),
        Field("grupo_de_trabajo", "string", _("Name of its working group.")),
        Field("nombre", "string", _("Name of the table."), REQUIRED),
        Field("descripcion", "string", _("Description, in Markdown.")),
        Field("orden", "integer", _("Order in which the portal lists it.")),
    ],
    rows=_table_rows,
    modified=lambda: _last_change(ThematicTable),
    count=ThematicTable.objects.count,
)


def _organisation_rows() -> Iterator[dict]:
    for org in Organisation.objects.order_by("name", "pk").iterator(chunk_size=CHUNK):
        yield {
            "id": org.pk,
            "nombre": org.name,
            "siglas": org.acronym,
            "sector": org.sector,
            "tipo": org.kind,
            "sitio_web": org.website,
            "es_demo": org.is_demo,
        }


ORGANISATIONS = Dataset(
    slug="organizaciones",
    title=_("Organisations taking part"),
    description=_(
        "Guarantor agencies, public and academic institutions, civil society, business and the "
        "open data community taking part in the process, by sector."
    ),
    keywords=["PNDA", "participantes", "organizaciones", "sectores"],
    accrual_periodicity=IRREGULAR,
    landing_url_name="strategy:participants",
    fields=[
        _id(_("Identifier of the organisation.")),
        Field("nombre", "string", _("Name of the organisation."), REQUIRED),
        Field("siglas", "string", _("Acronym, if it has one.")),
        choice_field("sector", _("Sector:"), Sector.choices),
        choice_field("tipo", _("Kind of organisation:"), Organisation.Kind.choices),
        Field("sitio_web", "string", _("Its website.")),
        demo_field(),
    ],
    rows=_organisation_rows,
    modified=lambda: _last_change(Organisation),
    count=Organisation.objects.count,
    demo=holds_demo(Organisation),
)


def _membership_rows() -> Iterator[dict]:
    memberships = Membership.objects.select_related(
        "person", "working_group", "thematic_table", "organisation", "stage"
    ).order_by("pk")
    for member in memberships.iterator(chunk_size=CHUNK):
        group, table, org = member.working_group, member.thematic_table, member.organisation
        yield {
            "id": member.pk,
            "persona": member.person.name,
            "cargo": member.person.position,
            "rol": member.role,
            "grupo_de_trabajo_id": member.working_group_id,
            "grupo_de_trabajo": group.name if group else None,
            "mesa_tematica_id": member.thematic_table_id,
            "mesa_tematica": table.name if table else None,
            "organizacion_id": member.organisation_id,
            "organizacion": org.name if org else None,
            "etapa_numero": member.stage.number if member.stage else None,
            "es_demo": member.is_demo or member.person.is_demo,
        }


MEMBERSHIPS = Dataset(
    slug="integrantes",
    title=_("Members of the working groups and thematic tables"),
    description=_(
        "Who sits in each working group and thematic table, with the position and organisation "
        "published on the participants page. No contact details."
    ),
    keywords=["PNDA", "participantes", "integrantes", "enlaces técnicos"],
    accrual_periodicity=IRREGULAR,
    landing_url_name="strategy:participants",
    fields=[
        _id(_("Identifier of the membership.")),
        Field("persona", "string", _("Name of the person, as published."), REQUIRED),
        Field("cargo", "string", _("Position of the person, as published.")),
        Field("rol", "string", _("Role in the group or table, e.g. technical liaison.")),
        Field("grupo_de_trabajo_id", "integer", _("Identifier of the working group, if any.")),
        Field("grupo_de_trabajo", "string", _("Name of the working group, if any.")),
        Field("mesa_tematica_id", "integer", _("Identifier of the thematic table, if any.")),
        Field("mesa_tematica", "string", _("Name of the thematic table, if any.")),
        Field("organizacion_id", "integer", _("Identifier of the organisation, if any.")),
        Field("organizacion", "string", _("Name of the organisation, if any.")),
        Field(
            "etapa_numero",
            "integer",
            _("Number of the stage in which the person takes part; empty for the whole process."),
        ),
        demo_field(),
    ],
    rows=_membership_rows,
    modified=lambda: _last_change(Membership, Person),
    count=Membership.objects.count,
    demo=holds_demo(Membership),
)


# Allies: accepted offers to collaborate -------------------------------------------------------


def _ally_rows() -> Iterator[dict]:
    # Only the public fields are read: the contact person and address never leave the database.
    offers = (
        CollaborationOffer.objects.accepted()
        .order_by("decided_at", "pk")
        .values_list(*CollaborationOffer.PUBLIC_FIELDS, "is_demo")
    )
    participants = reverse("strategy:participants")
    for row in offers.iterator(chunk_size=CHUNK):
        pk, name, sector, country, state, contribution, description, decided_at, is_demo = row
        yield {
            "id": pk,
            "organizacion": name,
            "sector": sector,
            "pais": country,
            **state_values(state),
            "tipo_aportacion": contribution,
            "descripcion": description,
            "fecha_aceptacion": timezone.localdate(decided_at) if decided_at else None,
            "url": _url(f"{participants}#aliado-{pk}"),
            "es_demo": is_demo,
        }


def _allies_modified():
    return CollaborationOffer.objects.accepted().aggregate(at=Max("decided_at"))["at"]


ALLIES = Dataset(
    slug="aliados",
    title=_("Allies of the policy"),
    description=_(
        "National and international organisations, public and private, whose offer to strengthen "
        "the policy with talent, experience, standards or infrastructure was accepted. Without "
        "contact details."
    ),
    keywords=["PNDA", "participantes", "aliados", "colaboración"],
    accrual_periodicity=IRREGULAR,
    landing_url_name="strategy:participants",
    fields=[
        _id(_("Identifier of the accepted offer.")),
        Field("organizacion", "string", _("Name of the organisation."), REQUIRED),
        choice_field("sector", _("Sector:"), Sector.choices),
        Field("pais", "string", _("Country where the organisation is based."), REQUIRED),
        *state_fields(),
        choice_field(
            "tipo_aportacion", _("Kind of contribution:"), CollaborationOffer.Contribution.choices
        ),
        Field("descripcion", "string", _("What the organisation offers, as it wrote it.")),
        Field(
            "fecha_aceptacion",
            "date",
            _("Day the Technical Group accepted the offer (ISO 8601, Mexico City time)."),
            REQUIRED,
        ),
        Field("url", "string", _("Address of the ally on the participants page.")),
        demo_field(),
    ],
    rows=_ally_rows,
    modified=_allies_modified,
    count=lambda: CollaborationOffer.objects.accepted().count(),
    demo=lambda: CollaborationOffer.objects.accepted().filter(is_demo=True).exists(),
)


def register_all() -> None:
    for dataset in (
        STAGES,
        ACTIVITIES,
        DOCUMENTS,
        WORKING_GROUPS,
        THEMATIC_TABLES,
        ORGANISATIONS,
        MEMBERSHIPS,
        ALLIES,
    ):
        register(dataset)
