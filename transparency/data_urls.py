"""/datos/: the open data catalogue, its DCAT and Data Package descriptions, the downloads and
the Atom feeds. These addresses are part of the product: other sites harvest them.

    /datos/                      the catalogue
    /datos/<slug>/               one dataset and its data dictionary
    /datos/<slug>.csv            its data, CSV (UTF-8)
    /datos/<slug>.json           its data, a JSON array of objects
    /datos/<slug>.atom           an Atom feed (actividades, documentos, versiones...)
    /datos/datapackage.json      Frictionless Tabular Data Package of every dataset
    /datos/data.json             DCAT-US 1.1 catalogue

The fixed names come first: `data.json` would otherwise read as the JSON of a dataset "data"
(those slugs are reserved in `abramos.opendata`).
"""

from django.urls import path, register_converter
from django.views.decorators.http import require_safe

from transparency.feeds import RegistryFeed
from transparency.views import data


class _FormatConverter:
    regex = "csv|json"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(_FormatConverter, "opendata_format")

app_name = "opendata"

urlpatterns = [
    path("", data.catalogue, name="catalogue"),
    path("data.json", data.dcat, name="dcat"),
    path("datapackage.json", data.datapackage, name="datapackage"),
    path("<slug:slug>.atom", require_safe(RegistryFeed()), name="feed"),
    path("<slug:slug>.<opendata_format:fmt>", data.download, name="download"),
    path("<slug:slug>/", data.dataset_detail, name="dataset"),
]
