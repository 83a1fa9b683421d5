"""The registry of Atom feeds: each app declares what it announces, `transparency` serves them.

Like `abramos.opendata`, so that the feed views do not import every app (data flows one way).
An app registers its feeds from `AppConfig.ready()`:

    from abramos.feeds import FeedSource, register

    register(FeedSource(
        slug="actividades",              # the address /datos/actividades.atom: stable
        title=_("Activities of the process"),
        description=_("..."),
        link_url_name="strategy:process",  # the page the feed follows
        entries=_latest_activities,        # () -> iterable of Entry, newest first, bounded
    ))

`entries` returns at most a few dozen entries in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# How many entries a feed holds: readers poll, they do not page.
FEED_SIZE = 50


@dataclass(frozen=True)
class Entry:
    title: str
    path: str  # the entry's page, a site path from get_absolute_url()
    published: dt.datetime  # aware
    updated: dt.datetime | None = None
    summary: str = ""  # plain text
    categories: tuple[str, ...] = ()
    enclosure_url: str = ""  # a downloadable file, as a site path
    enclosure_type: str = ""
    enclosure_length: int | None = None
    # What identifies the entry for ever, when its path does not (documents share their
    # activity's page); the Atom id is built from it and the publication date.
    key: str = ""


@dataclass(frozen=True)
class FeedSource:
    slug: str
    title: str
    description: str
    link_url_name: str
    entries: Callable[[], Iterable[Entry]]


_feeds: dict[str, FeedSource] = {}


def register(source: FeedSource) -> FeedSource:
    _feeds[source.slug] = source
    return source


def feeds() -> list[FeedSource]:
    return list(_feeds.values())


def get(slug: str) -> FeedSource | None:
    return _feeds.get(slug)
