"""The Atom feeds registered in `abramos.feeds` (activities, documents, published versions):
they parse with feedparser, with entries, links and dates."""

from __future__ import annotations

import feedparser
import pytest
from django.urls import reverse

from abramos import feeds
from tests.demo import load_demo

pytestmark = pytest.mark.django_db

SLUGS = [source.slug for source in feeds.feeds()]


@pytest.fixture
def demo():
    load_demo(verbosity=0)


def test_the_process_and_drafts_offer_their_feeds():
    assert {"actividades", "documentos", "versiones"} <= set(SLUGS)


def test_every_feed_parses_with_entries_links_and_dates(client, demo):
    for slug in SLUGS:
        _check_feed(client, slug)


def _check_feed(client, slug: str) -> None:
    response = client.get(reverse("opendata:feed", args=[slug]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title
    assert feed.entries
    for entry in feed.entries:
        assert entry.title
        assert entry.link.startswith("http://testserver/")
        assert entry.published_parsed and entry.updated_parsed
        assert entry.id
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)


def test_the_versions_feed_lists_every_published_version_newest_first(client, demo):
    from drafts.models import Version

    feed = feedparser.parse(client.get("/datos/versiones.atom").content)

    numbers = list(Version.objects.published().values_list("number", flat=True))
    assert [entry.link for entry in feed.entries] == [
        f"http://testserver/borradores/{n}/" for n in numbers
    ]


def test_the_documents_feed_links_each_file(client, demo):
    feed = feedparser.parse(client.get("/datos/documentos.atom").content)

    enclosures = [link for e in feed.entries for link in e.links if link.rel == "enclosure"]
    assert enclosures
    assert all(link.href.startswith("http://testserver/proceso/documentos/") for link in enclosures)


def test_an_unknown_feed_is_not_found(client):
    assert client.get("/datos/no-existe.atom").status_code == 404


def test_the_catalogue_links_every_feed(client):
    html = client.get(reverse("opendata:catalogue")).content.decode()
    for slug in SLUGS:
        assert f'href="/datos/{slug}.atom"' in html
    assert 'rel="alternate" type="application/atom+xml"' in html
