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
    ))

Rows hold plain values: str, int, bool, Decimal (amounts: never float, so no centavo is lost),
date, aware datetime, or None. The catalogue turns them into CSV and JSON the same way for
every dataset: UTF-8, ISO 8601 dates, Decimal written as its exact digits. States are given by
their INEGI code (and, beside it, the name). `rows` must stream: use `.iterator()` or
`.values_list(...).iterator()`, never build a list of every record, so memory does not grow
with the rows. No dataset carries an email or a private profile field: only what a person chose
to show publicly.

Field names are Spanish snake_case (the data's audience is Mexican; Mexico's open data guide
asks for names without accents or spaces); titles and descriptions go through gettext.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

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

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


_datasets: dict[str, Dataset] = {}


def register(dataset: Dataset) -> Dataset:
    """Add a dataset to the catalogue. Registering the same slug twice replaces it (reloads)."""
    _datasets[dataset.slug] = dataset
    return dataset


def datasets() -> list[Dataset]:
    """Every registered dataset, in registration order (INSTALLED_APPS order)."""
    return list(_datasets.values())


def get(slug: str) -> Dataset | None:
    return _datasets.get(slug)
