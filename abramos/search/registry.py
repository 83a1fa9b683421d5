"""The registry of searchable records: each app declares what it offers, the search reads it.

Like `abramos.opendata` and `abramos.feeds`: the search page at /buscar/ must not import every
app (data flows one way), so each app declares its searchable records in its own `search.py` and
registers them from its `AppConfig.ready()`:

    from abramos.search.registry import Doc, Provider, register

    register(Provider(
        kind="actividad",                   # stable code, stored in the index and in URLs
        label=_("Activities"),              # the heading of the group of results
        item_label=_("Activity"),           # shown beside each result
        model=Activity,                     # its post_save / post_delete keep the index current
        documents=_activity_documents,      # (object) -> iterable of Doc (none: not indexed)
        queryset=Activity.objects.all,      # () -> every object to index, loaded efficiently
        related={Stage: lambda stage: stage.activities.all()},  # other models whose change
                                            # re-indexes these objects (optional)
        order=40,                           # groups are shown by this order
    ))

A Doc holds plain text: `title` is matched first (weight A: a section's heading), `body` next
(weight B). `context` is shown under the title and never searched. What a Doc holds is public:
a provider returns no Doc for what must not be found (a hidden comment), and no text for what may
only be listed (a withdrawn comment).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models


@dataclass(frozen=True)
class Doc:
    title: str
    url: str
    body: str = ""
    context: str = ""
    # The number of the published version the record belongs to (the version filter).
    version: int | None = None
    # A state the result page shows ("withdrawn"); empty for an ordinary record.
    status: str = ""


@dataclass(frozen=True)
class Provider:
    kind: str
    label: str
    item_label: str
    model: type[models.Model]
    documents: Callable[[Any], Iterable[Doc]]
    queryset: Callable[[], Iterable[Any]]
    related: Mapping[type[models.Model], Callable[[Any], Iterable[Any]]] = field(
        default_factory=dict
    )
    # () -> [(number, label)]: the versions to filter by (given by the app that owns them).
    versions: Callable[[], Iterable[tuple[int, str]]] | None = None
    order: int = 100


_providers: dict[str, Provider] = {}


def register(provider: Provider) -> Provider:
    """Add a kind of record to the search and connect the signals that keep it indexed.
    Registering the same kind twice replaces it."""
    from abramos.search import index

    _providers[provider.kind] = provider
    index.connect(provider)
    return provider


def providers() -> list[Provider]:
    """Every registered kind, in display order."""
    return sorted(_providers.values(), key=lambda p: (p.order, p.kind))


def get(kind: str) -> Provider | None:
    return _providers.get(kind)


def version_choices() -> list[tuple[int, str]]:
    for provider in providers():
        if provider.versions is not None:
            return list(provider.versions())
    return []
