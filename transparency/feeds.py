"""The Atom feeds registered in `abramos.feeds`, at /datos/<slug>.atom (actividades, documentos,
versiones...). One view serves them all: it reads the registry, so it imports no other app."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, get_tag_uri

from abramos import feeds
from abramos.feeds import Entry, FeedSource


@dataclass(frozen=True)
class _Bound:
    """The feed asked for, with the request (the Feed instance is shared: no state on it)."""

    source: FeedSource
    request: HttpRequest


class RegistryFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug: str) -> _Bound:
        source = feeds.get(slug)
        if source is None:
            raise Http404("No such feed")
        return _Bound(source, request)

    def title(self, bound: _Bound) -> str:
        return str(bound.source.title)

    def subtitle(self, bound: _Bound) -> str:
        return str(bound.source.description)

    def link(self, bound: _Bound) -> str:
        return reverse(bound.source.link_url_name)

    def feed_url(self, bound: _Bound) -> str:
        return reverse("opendata:feed", args=[bound.source.slug])

    def items(self, bound: _Bound) -> list[Entry]:
        # Enclosures are not made absolute by the syndication framework: done here.
        absolute = bound.request.build_absolute_uri
        return [
            replace(entry, enclosure_url=absolute(entry.enclosure_url))
            if entry.enclosure_url
            else entry
            for entry in bound.source.entries()
        ]

    def item_title(self, entry: Entry) -> str:
        return entry.title

    def item_description(self, entry: Entry) -> str:
        return entry.summary

    def item_link(self, entry: Entry) -> str:
        return entry.path

    def item_guid(self, entry: Entry) -> str:
        # A tag URI (RFC 4151) from the entry's key: stable, and unique within the feed.
        # The authority is the site's own name (settings.SITE_ROOT), not the host asked.
        key = f"/{entry.key}" if entry.key else entry.path
        return get_tag_uri(settings.SITE_ROOT + key, entry.published)

    def item_pubdate(self, entry: Entry):
        return entry.published

    def item_updateddate(self, entry: Entry):
        return entry.updated or entry.published

    def item_categories(self, entry: Entry):
        return [str(category) for category in entry.categories]

    def item_enclosure_url(self, entry: Entry) -> str | None:
        return entry.enclosure_url or None

    def item_enclosure_mime_type(self, entry: Entry) -> str:
        return entry.enclosure_type

    def item_enclosure_length(self, entry: Entry) -> str:
        return str(entry.enclosure_length or 0)
