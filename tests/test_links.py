"""Every link lands: a crawl of the public site from its home page, in Spanish and in English,
with the demo loaded. Each internal link must answer 200 (a redirect is followed) and, when it
names a `#fragment`, the page it lands on must hold an element with that id. Each page crawled
reads only tables whose writes renew it in the page cache (abramos.cache: a page is kept with
the generations of the tables it read).

Addresses that differ only by their query are crawled up to `_PER_PATH` times each (filters and
pages of one list); every fragment found on any page crawled is checked.
"""

from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client

from abramos import cache as page_cache
from tests.demo import load_demo

pytestmark = pytest.mark.django_db

_PER_PATH = 4
# Not pages: the staff side, the account actions that need a session, files.
_SKIPPED = ("/admin/", "/static/", "/media/", "/cuenta/logout/", "/en/cuenta/logout/")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def _internal(base: str, href: str) -> str | None:
    if href.startswith(("mailto:", "tel:", "javascript:")):
        return None
    url = urljoin(base, href)
    parts = urlsplit(url)
    own = (settings.SITE_ROOT, "http://testserver")
    if parts.netloc and f"{parts.scheme}://{parts.netloc}" not in own:
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    path += f"#{parts.fragment}" if parts.fragment else ""
    if path.startswith(_SKIPPED):
        return None
    return path


def _crawl(client: Client, start: str) -> tuple[list[str], int]:
    problems: list[str] = []
    pages: dict[str, _Page | None] = {}
    seen_per_path: dict[str, int] = defaultdict(int)
    queue = [start]
    wanted: list[tuple[str, str, str]] = []  # (from page, address, fragment)
    while queue:
        address = queue.pop()
        if address in pages:
            continue
        with page_cache.recording_reads() as reads:
            response = client.get(address, follow=True)
        untracked = reads.tables - {*page_cache.tracked_tables(), *page_cache.derived_tables()}
        if untracked:
            problems.append(f"{address} reads {sorted(untracked)}: no write to them renews it")
        # 202: the report's PDF is being drawn, and the page says so (it answers 200 once done).
        if response.status_code not in (200, 202):
            pages[address] = None
            problems.append(f"{address}: {response.status_code}")
            continue
        page = _Page()
        if response.get("Content-Type", "").startswith("text/html"):
            page.feed(response.content.decode())
        pages[address] = page
        for href in page.links:
            target = _internal(address, href)
            if target is None:
                continue
            base, fragment = urldefrag(target)
            base = base or address
            if fragment:
                wanted.append((address, base, fragment))
            if base in pages or base in queue:
                continue
            path = urlsplit(base).path
            if "?" in base:
                if seen_per_path[path] >= _PER_PATH:
                    continue
                seen_per_path[path] += 1
            queue.append(base)
    for origin, base, fragment in wanted:
        if base not in pages:
            # A page with a query beyond _PER_PATH: fetch it for its fragment alone.
            response = client.get(base, follow=True)
            page = _Page()
            page.feed(response.content.decode(errors="replace"))
            pages[base] = page if response.status_code == 200 else None
        page = pages[base]
        if page is not None and fragment not in page.ids:
            problems.append(f"{origin} links to {base}#{fragment}: no such id there")
    return problems, len(pages)


@pytest.mark.parametrize("start", ["/", "/en/"])
def test_every_link_of_the_public_site_lands(start):
    load_demo(verbosity=0)
    problems, crawled = _crawl(Client(), start)
    assert crawled > 300  # the whole site: versions, comments, activities, expenses, datasets
    assert problems == [], "\n".join(sorted(set(problems))[:60])
