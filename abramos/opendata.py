"""The registry of open datasets: each app declares what it publishes, the catalogue reads it.

Every public list is also open data (DESIGN.md). The catalogue at `/datos/` (in `transparency`)
must not import every app, so each app declares its datasets in its own `datasets.py` and
registers them from its `AppConfig.ready()`, the way the admin reads `admin.py`:

    from abramos.opendata import Dataset, Field, register

    register(Dataset(
        slug="actividades",                  # part of the address /datos/actividades.csv: stable
        title=_("Activities of the process"),
        description=_("..."),
        keywords=["proceso", "actividades"],
        fields=[Field("id", "integer", _("...")), Field("fecha", "date", _("..."))],
        rows=_activity_rows,                 # () -> iterable of dicts keyed by field name
        modified=_activities_modified,       # () -> datetime | None: the newest change
        count=Activity.objects.count,        # () -> int, one query (optional but wanted)
    ))

Rows hold plain values: str, int, bool, Decimal (amounts: never float, so no centavo is lost),
date, aware datetime, or None. The catalogue turns them into CSV and JSON the same way for
every dataset: UTF-8, ISO 8601 dates, Decimal written as its exact digits. States are given by
their INEGI code (and, beside it, the name). `rows` must stream: use `.iterator()` or
`.values_list(...).iterator()`, never build a list of every record, so memory does not grow
with the rows. No dataset carries an email or a private profile field: only what a person chose
to show publicly.

Field names are Spanish snake_case (the data's audience is Mexican; Mexico's open data guide
asks for names without accents or spaces); titles and descriptions go through gettext. A field
holding a code of `TextChoices` is `choice_field("tipo", _("Kind:"), Kind.choices)`: described
with its codes and constrained to them. States: `state_fields()`, `cve_ent` (INEGI code) and
`nom_ent` (name), filled by `state_values(code)`.

Served by `transparency` at /datos/ (see transparency/data_urls.py): /datos/<slug>.csv,
/datos/<slug>.json (an array of objects), /datos/datapackage.json, /datos/data.json. The slugs
"data" and "datapackage" are reserved.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from abramos import geo

# Types of the Frictionless Table Schema that our datasets use.
FIELD_TYPES = frozenset({"string", "integer", "number", "boolean", "date", "datetime"})

# ISO 8601 repeating durations, as DCAT-US `accrualPeriodicity` expects them.
CONTINUOUS = "R/PT1S"  # changes whenever a person or staff member acts
DAILY = "R/P1D"
MONTHLY = "R/P1M"
IRREGULAR = "irregular"


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    # Frictionless constraints, e.g. {"required": True} or {"enum": [...]}.
    constraints: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self):
        if self.type not in FIELD_TYPES:
            raise ValueError(f"Unknown field type {self.type!r} for {self.name!r}")


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    fields: list[Field]
    rows: Callable[[], Iterable[Mapping[str, Any]]]
    modified: Callable[[], dt.datetime | dt.date | None]
    keywords: list[str] = field(default_factory=list)
    accrual_periodicity: str = CONTINUOUS
    # The public page the data comes from, as a URL name for `reverse()` (the DCAT landingPage).
    landing_url_name: str = ""
    primary_key: str = "id"
    # () -> int: the number of records in one query (`Model.objects.count()`). Without it the
    # catalogue counts by reading every row, which is slow for a large dataset: give it.
    count: Callable[[], int] | None = None
    # () -> bool: whether any of its records was invented for the demo (abramos/demo.py); a
    # dataset that gives it has the `es_demo` column (`demo_field()`), and the catalogue and
    # data.json say it holds demo records while it does.
    demo: Callable[[], bool] | None = None

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def holds_demo(self) -> bool:
        return self.demo is not None and self.demo()

    def record_count(self) -> int:
        if self.count is not None:
            return self.count()
        return sum(1 for _ in self.rows())


_datasets: dict[str, Dataset] = {}
# /datos/data.json and /datos/datapackage.json describe the catalogue: no dataset may take them.
RESERVED_SLUGS = frozenset({"data", "datapackage"})
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: str) -> str:
    """A text for a CSV cell that no spreadsheet runs as a formula: one that begins with `=`, `+`,
    `-`, `@`, a tab or a carriage return gets an apostrophe before it (OWASP, CSV injection)."""
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def register(dataset: Dataset) -> Dataset:
    """Add a dataset to the catalogue. Registering the same slug twice replaces it (reloads)."""
    # Lowercase and hyphens: the slug is also the Data Package resource name.
    if not _SLUG.match(dataset.slug) or dataset.slug in RESERVED_SLUGS:
        raise ValueError(f"Invalid dataset slug {dataset.slug!r}")
    if dataset.demo is not None and "es_demo" not in dataset.field_names:
        raise ValueError(f"Dataset {dataset.slug!r} may hold demo records: give it es_demo")
    _datasets[dataset.slug] = dataset
    return dataset


def _choices_text(choices) -> str:
    return "; ".join(f"{value} ({label})" for value, label in choices)


_lazy_choices_text = lazy(_choices_text, str)


def with_choices(description: str, choices) -> str:
    """A field description followed by its codes and what each means, translated when shown:
    `with_choices(_("Kind of activity:"), Activity.Kind.choices)`."""
    return format_lazy("{} {}", description, _lazy_choices_text(choices))


def enum(choices) -> dict[str, list[str]]:
    """The Frictionless `enum` constraint of a field holding one of `choices`' codes."""
    return {"enum": [str(value) for value, _label in choices]}


REQUIRED = {"required": True}  # the constraint of a field every row fills


def choice_field(name: str, description: str, choices, *, required: bool = False) -> Field:
    """A string field holding one of `choices`' codes: described with each code and what it
    means (`with_choices`) and constrained to them (`enum`), from the one list."""
    constraints = {**REQUIRED, **enum(choices)} if required else enum(choices)
    return Field(name, "string", with_choices(description, choices), constraints)


def state_fields(code_description=None, name_description=None, *, outside=False) -> list[Field]:
    """The pair every dataset uses for a state: `cve_ent` (INEGI code, constrained to the codes)
    and `nom_ent` (its name). `outside=True` also admits EX, outside Mexico."""
    return [
        Field(
            "cve_ent",
            "string",
            code_description
            or _("INEGI code of the state (entidad federativa), two digits; empty if none."),
            enum(geo.state_choices(outside=outside)),
        ),
        Field("nom_ent", "string", name_description or _("Name of the state, as INEGI writes it.")),
    ]


def state_values(code: str | None) -> dict[str, str | None]:
    """The `cve_ent` and `nom_ent` values of one row, both empty when there is no state."""
    return {"cve_ent": code or None, "nom_ent": geo.state_name(code) if code else None}


def datasets() -> list[Dataset]:
    """Every registered dataset, in registration order (INSTALLED_APPS order)."""
    return list(_datasets.values())


def get(slug: str) -> Dataset | None:
    return _datasets.get(slug)
