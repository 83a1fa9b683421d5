"""The open data catalogue at /datos/: its pages, the downloads of every dataset registered in
`abramos.opendata`, and its machine descriptions (`datapackage.json`, DCAT `data.json`).

The views read only the registry: they import no other app. Downloads stream, so memory does
not grow with the rows; they carry `Last-Modified` from the dataset's `modified()` and answer a
conditional request with 304 before reading a row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from abramos import feeds, opendata
from abramos.opendata import Dataset
from transparency.opendata_render import iter_csv, iter_json

LICENSE_NAME = "Libre Uso MX"
LICENSE_URL = "https://datos.gob.mx/libreusomx"
# Anonymous data pages change only when the data does; a CDN may hold them briefly.
MAX_AGE = 300

DOWNLOADS = {
    "csv": ("text/csv; charset=utf-8", iter_csv),
    "json": ("application/json; charset=utf-8", iter_json),
}


def DEMO_NOTE() -> str:  # noqa: N802 - reads like the constant sentence it is
    return _(
        "It holds records invented for the demonstration site (column es_demo = true): they are "
        "not real data."
    )


def publisher() -> str:
    return getattr(
        settings, "OPENDATA_PUBLISHER", "Grupo Técnico de la Política Nacional de Datos Abiertos"
    )


@dataclass
class CatalogueEntry:
    """A dataset as the catalogue pages show it (count and date read once)."""

    dataset: Dataset
    count: int
    modified: dt.datetime | dt.date | None
    demo: bool = False

    @property
    def slug(self) -> str:
        return self.dataset.slug

    @property
    def modified_has_time(self) -> bool:
        return isinstance(self.modified, dt.datetime)


def _entry(dataset: Dataset) -> CatalogueEntry:
    return CatalogueEntry(
        dataset=dataset,
        count=dataset.record_count(),
        modified=dataset.modified(),
        demo=dataset.holds_demo(),
    )


def _dataset_or_404(slug: str) -> Dataset:
    dataset = opendata.get(slug)
    if dataset is None:
        raise Http404("No such dataset")
    return dataset


def _feed_links() -> list[dict]:
    return [
        {"title": source.title, "url": reverse("opendata:feed", args=[source.slug])}
        for source in feeds.feeds()
    ]


def _page_context() -> dict:
    return {
        "license_name": LICENSE_NAME,
        "license_url": LICENSE_URL,
        "publisher": publisher(),
        "contact_email": settings.CONTACT_EMAIL,
    }


@require_safe
def catalogue(request: HttpRequest) -> HttpResponse:
    entries = [_entry(dataset) for dataset in opendata.datasets()]
    context = {**_page_context(), "entries": entries, "feeds": _feed_links()}
    return render(request, "transparency/data_catalogue.html", context)


@require_safe
def dataset_detail(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = _dataset_or_404(slug)
    landing_url = reverse(dataset.landing_url_name) if dataset.landing_url_name else ""
    context = {**_page_context(), "entry": _entry(dataset), "landing_url": landing_url}
    return render(request, "transparency/data_detail.html", context)


def _as_datetime(value: dt.datetime | dt.date | None) -> dt.datetime | None:
    """A moment for Last-Modified; a bare date is not precise enough to answer 304 safely."""
    return value if isinstance(value, dt.datetime) else None


@require_safe
def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    dataset = _dataset_or_404(slug)
    content_type, writer = DOWNLOADS[fmt]
    modified = _as_datetime(dataset.modified())
    last_modified = http_date(modified.timestamp()) if modified else None
    if last_modified:
        not_modified = get_conditional_response(
            request, last_modified=int(modified.timestamp()), response=None
        )
        if not_modified is not None:
            not_modified["Last-Modified"] = last_modified
            patch_cache_control(not_modified, public=True, max_age=MAX_AGE)
            return not_modified
    response = StreamingHttpResponse(writer(dataset), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{dataset.slug}.{fmt}"'
    if last_modified:
        response["Last-Modified"] = last_modified
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def _absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def _download_url(request: HttpRequest, dataset: Dataset, fmt: str) -> str:
    return _absolute(request, reverse("opendata:download", args=[dataset.slug, fmt]))


def _iso(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        # Never changed: an empty dataset. DCAT-US requires a date; this is when it was asked.
        value = timezone.now()
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return value.isoformat()


def _schema(dataset: Dataset) -> dict:
    fields = []
    for field in dataset.fields:
        spec = {"name": field.name, "type": field.type, "description": str(field.description)}
        if field.constraints:
            spec["constraints"] = dict(field.constraints)
        fields.append(spec)
    schema = {"fields": fields}
    if dataset.primary_key:
        schema["primaryKey"] = [dataset.primary_key]
    return schema


@require_safe
def datapackage(request: HttpRequest) -> JsonResponse:
    """The catalogue as a Frictionless Tabular Data Package: one CSV resource per dataset."""
    resources = []
    for dataset in opendata.datasets():
        resources.append(
            {
                "name": dataset.slug,
                "title": str(dataset.title),
                "description": str(dataset.description),
                "path": _download_url(request, dataset, "csv"),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": _schema(dataset),
            }
        )
    package = {
        "profile": "tabular-data-package",
        "name": "abramos-mexico",
        "title": _("Open data of Abramos México"),
        "description": _(
            "The public records of the construction of Mexico's National Open Data Policy."
        ),
        "homepage": _absolute(request, reverse("opendata:catalogue")),
        "licenses": [{"name": "libre-uso-mx", "title": LICENSE_NAME, "path": LICENSE_URL}],
        "contributors": [{"title": publisher(), "role": "publisher"}],
        "resources": resources,
    }
    response = JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 2})
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


@require_safe
def dcat(request: HttpRequest) -> JsonResponse:
    """The catalogue as DCAT-US 1.1 `data.json` (the shape datos.gob.mx harvests)."""
    language = "en" if get_language() == "en" else "es-MX"
    items = []
    for dataset in opendata.datasets():
        # The identifier does not change with the language the catalogue is read in.
        with translation.override(settings.LANGUAGE_CODE):
            identifier = _absolute(request, reverse("opendata:dataset", args=[dataset.slug]))
        page = _absolute(request, reverse("opendata:dataset", args=[dataset.slug]))
        landing = (
            _absolute(request, reverse(dataset.landing_url_name))
            if dataset.landing_url_name
            else page
        )
        description, keywords = str(dataset.description), list(dataset.keywords) or [dataset.slug]
        if dataset.holds_demo():
            # DCAT-US has no flag for it: the description and a keyword say it to harvesters.
            description = f"{description} {DEMO_NOTE()}"
            keywords.append("demo")
        items.append(
            {
                "@type": "dcat:Dataset",
                "identifier": identifier,
                "title": str(dataset.title),
                "description": description,
                "keyword": keywords,
                "modified": _iso(dataset.modified()),
                "publisher": {"@type": "org:Organization", "name": publisher()},
                "contactPoint": {
                    "@type": "vcard:Contact",
                    "fn": publisher(),
                    "hasEmail": f"mailto:{settings.CONTACT_EMAIL}",
                },
                "accessLevel": "public",
                "accrualPeriodicity": dataset.accrual_periodicity,
                "landingPage": landing,
                "license": LICENSE_URL,
                "language": [language],
                "describedBy": _absolute(request, reverse("opendata:datapackage")),
                "describedByType": "application/json",
                "distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "title": _("%(title)s (%(format)s)")
                        % {"title": dataset.title, "format": fmt.upper()},
                        "downloadURL": _download_url(request, dataset, fmt),
                        "mediaType": DOWNLOADS[fmt][0].split(";")[0],
                        "format": fmt.upper(),
                    }
                    for fmt in DOWNLOADS
                ],
            }
        )
    catalogue = {
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@id": _absolute(request, reverse("opendata:dcat")),
        "@type": "dcat:Catalog",
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
        "dataset": items,
    }
    response = JsonResponse(catalogue, json_dumps_params={"ensure_ascii": False, "indent": 2})
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
