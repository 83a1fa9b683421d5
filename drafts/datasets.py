"""The open datasets of the PNDA, registered from `DraftsConfig.ready()`: the published versions,
the sections of every version, and the confirmed adoptions of the approved policy.

Only published records: the working copy is never data, and a Version exists only once
published. Adoptions are listed when staff confirmed them, with what /politica/ shows: never
the contact person or their e-mail.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.db.models import Max, Prefetch
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from abramos.demo import demo_field, holds_demo
from abramos.opendata import (
    REQUIRED,
    Dataset,
    Field,
    choice_field,
    register,
    state_fields,
    state_values,
)
from drafts.models import Adoption, Rendition, Section, Version

CHUNK = 2000
# One download column (and its SHA-256) per format, in the order the pages list them.
_FORMATS = [value for value, _label in Rendition.Format.choices]


def _url(path: str) -> str:
    return settings.SITE_ROOT + path


# Versions --------------------------------------------------------------------------------------


def _version_rows() -> Iterator[dict]:
    ready = Rendition.objects.filter(status=Rendition.Status.READY).exclude(file="")
    versions = Version.objects.order_by("number").prefetch_related(
        Prefetch("renditions", queryset=ready, to_attr="ready_renditions")
    )
    for version in versions.iterator(chunk_size=CHUNK):
        row = {
            "numero": version.number,
            "etiqueta": version.label,
            "titulo": version.title,
            "publicada_en": version.published_at,
            "estatus": version.status,
            "resumen_de_cambios": version.change_summary,
            "url": _url(version.get_absolute_url()),
            "es_demo": version.is_demo,
        }
        renditions = {r.format: r for r in version.ready_renditions}
        for fmt in _FORMATS:
            rendition = renditions.get(fmt)
            if rendition is not None:
                rendition.version = version  # its URL without a query
            row[f"url_{fmt}"] = _url(rendition.get_absolute_url()) if rendition else None
            row[f"sha256_{fmt}"] = rendition.sha256 if rendition else None
        yield row


def _version_modified():
    published = Version.objects.aggregate(at=Max("published_at"))["at"]
    rendered = Rendition.objects.aggregate(at=Max("rendered_at"))["at"]
    return max((d for d in (published, rendered) if d), default=None)


def _download_fields() -> list[Field]:
    fields = []
    for fmt, label in Rendition.Format.choices:
        fields.append(
            Field(
                f"url_{fmt}",
                "string",
                _download_text(_("Address to download the version as %(format)s."), label),
            )
        )
        fields.append(
            Field(
                f"sha256_{fmt}",
                "string",
                _download_text(_("SHA-256 of the %(format)s file, to verify it."), label),
                {"pattern": "[0-9a-f]{64}"},
            )
        )
    return fields


def _format_text(text, label) -> str:
    return str(text) % {"format": label}


_download_text = lazy(_format_text, str)


VERSIONS = Dataset(
    slug="versiones",
    title=_("Published versions of the PNDA"),
    description=_(
        "Every version of the National Open Data Policy published by the Technical Group, from "
        "the first draft to the approved policy, with its downloads and their SHA-256."
    ),
    keywords=["PNDA", "borradores", "versiones", "política nacional de datos abiertos"],
    landing_url_name="drafts:version-list",
    primary_key="numero",
    fields=[
        Field("numero", "integer", _("Number of the version, from 1."), REQUIRED),
        Field("etiqueta", "string", _("Label of the version, e.g. first draft."), REQUIRED),
        Field("titulo", "string", _("Title of the document."), REQUIRED),
        Field(
            "publicada_en",
            "datetime",
            _("When it was published (ISO 8601, UTC)."),
            REQUIRED,
        ),
        choice_field("estatus", _("Status:"), Version.Status.choices),
        Field("resumen_de_cambios", "string", _("What changed from the previous version.")),
        Field("url", "string", _("Address of the version on the portal, by sections.")),
        demo_field(),
        *_download_fields(),
    ],
    rows=_version_rows,
    modified=_version_modified,
    count=Version.objects.count,
    demo=holds_demo(Version),
)


# Sections --------------------------------------------------------------------------------------


def _section_rows() -> Iterator[dict]:
    sections = Section.objects.order_by("version__number", "order").values_list(
        "pk", "version__number", "order", "level", "anchor", "heading", "path", "body",
        "version__is_demo",
    )  # fmt: skip
    # One reverse() for every row: the version's address with its number put in.
    version_url = _url(reverse("drafts:version-detail", args=[1])).replace("/1/", "/{}/")
    for row in sections.iterator(chunk_size=CHUNK):
        pk, number, order, level, anchor, heading, path, body, is_demo = row
        yield {
            "id": pk,
            "version_numero": number,
            "orden": order,
            "nivel": level,
            "ancla": anchor,
            "encabezado": heading,
            "ruta": path,
            "texto": body,
            "url": version_url.format(number) + f"#{anchor}",
            "es_demo": is_demo,
        }


SECTIONS = Dataset(
    slug="secciones",
    title=_("Sections of every version of the PNDA"),
    description=_(
        "The text of every published version, section by section, in Markdown, with the anchor "
        "that stays the same across versions (to follow a section from one draft to the next)."
    ),
    keywords=["PNDA", "borradores", "secciones", "texto"],
    landing_url_name="drafts:version-list",
    fields=[
        Field("id", "integer", _("Identifier of the section."), REQUIRED),
        Field("version_numero", "integer", _("Number of the version."), REQUIRED),
        Field("orden", "integer", _("Position of the section in the version."), REQUIRED),
        Field("nivel", "integer", _("Heading level: 1 for a chapter, 2 for its sections…")),
        Field("ancla", "string", _("Anchor of the section, stable across versions."), REQUIRED),
        Field("encabezado", "string", _("Heading of the section."), REQUIRED),
        Field("ruta", "string", _("The headings above it and its own, separated by ›.")),
        Field("texto", "string", _("Text of the section, in Markdown.")),
        Field("url", "string", _("Address of the section on the portal.")),
        demo_field(),
    ],
    demo=holds_demo(Version),
    rows=_section_rows,
    modified=lambda: Version.objects.aggregate(at=Max("published_at"))["at"],
    count=Section.objects.count,
)


# Adoptions -------------------------------------------------------------------------------------


def _adoption_rows() -> Iterator[dict]:
    adoptions = (
        Adoption.objects.confirmed()
        .order_by("adopted_on", "pk")
        .values_list(
            "pk", "version__number", "institution", "order", "branch", "state", "adopted_on",
            "evidence_url", "is_demo",
        )
    )  # fmt: skip
    for row in adoptions.iterator(chunk_size=CHUNK):
        pk, number, institution, order, branch, state, adopted_on, evidence, is_demo = row
        yield {
            "id": pk,
            "version_numero": number,
            "institucion": institution,
            "orden_de_gobierno": order,
            "poder": branch,
            **state_values(state),
            "fecha_adopcion": adopted_on,
            "url_evidencia": evidence or None,
            "es_demo": is_demo,
        }


ADOPTIONS = Dataset(
    slug="adopciones",
    title=_("Adoptions of the National Open Data Policy"),
    description=_(
        "Guarantor agencies and obligated subjects of the three orders of government that "
        "adopted the approved policy, once confirmed by the Technical Group."
    ),
    keywords=["PNDA", "adopción", "sujetos obligados", "organismos garantes"],
    landing_url_name="drafts:policy",
    fields=[
        Field("id", "integer", _("Identifier of the adoption."), REQUIRED),
        Field("version_numero", "integer", _("Number of the version adopted."), REQUIRED),
        Field("institucion", "string", _("Institution that adopted the policy."), REQUIRED),
        choice_field("orden_de_gobierno", _("Order of government:"), Adoption.Order.choices),
        choice_field("poder", _("Branch:"), Adoption.Branch.choices),
        *state_fields(),
        Field("fecha_adopcion", "date", _("Day it was adopted (ISO 8601)."), REQUIRED),
        Field("url_evidencia", "string", _("The agreement or publication of the adoption.")),
        demo_field(),
    ],
    rows=_adoption_rows,
    modified=lambda: Adoption.history.aggregate(at=Max("history_date"))["at"],
    count=lambda: Adoption.objects.confirmed().count(),
    demo=lambda: Adoption.objects.confirmed().filter(is_demo=True).exists(),
)


def register_all() -> None:
    for dataset in (VERSIONS, SECTIONS, ADOPTIONS):
        register(dataset)
