"""What a visitor gets from the site: every public page (tests/public_pages.py, in Spanish and
English) and every download of a rendition, to compare two databases (test_backup.py).

In the test process `snapshot()` reads the test database; `python -m abramos.tests.site_snapshot
[path ...]` reads DATABASE_URL and MEDIA_ROOT and prints the same as JSON, so a restored database
is read by the same code, with the same settings, as the original.

Pages are compared as anonymous visitors get them, without the page cache (PAGE_CACHE_SECONDS=0,
so the database is read, not a copy kept in Redis). What differs on every request is taken out:
the CSRF token in forms and the comment forms' client token (a fresh one per page, so a form
sent twice is stored once), and the time the consultation report's figures were counted.
"""

from __future__ import annotations

import hashlib
import re

from django.test import Client

from tests.public_pages import public_pages

# What differs on every request, as (pattern, what replaces it).
_PER_REQUEST = [
    (re.compile(r'(?<=name="csrfmiddlewaretoken" value=")[^"]*'), "…"),
    (re.compile(r'(?<=name="client_token" value=")[^"]*'), "…"),
    (re.compile(r'(?<=nonce=")[^"]*'), "…"),
    # The report says when its figures were counted: at the request, without the page cache.
    (re.compile(r"(Cifras al|Figures as of) <time[^>]*>[^<]*</time>"), r"\1 …"),
]


def normalise(html: str) -> str:
    for pattern, replacement in _PER_REQUEST:
        html = pattern.sub(replacement, html)
    return html


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def snapshot(extra_paths: list[str] = ()) -> dict[str, dict]:
    """{"pages": {path: "<status> <html>"}, "downloads": {path: {...}}}: every public page and
    `extra_paths`, then each download of a rendition with its SHA-256 as served and the one the
    database records for it."""
    from drafts.models import Rendition

    client = Client()
    paths = [*public_pages("es-mx"), *public_pages("en"), *extra_paths]
    pages = {}
    for path in paths:
        response = client.get(path)
        pages[path] = f"{response.status_code} {normalise(_body(response).decode())}"
    downloads = {}
    ready = Rendition.objects.filter(status=Rendition.Status.READY).select_related("version")
    for rendition in ready.order_by("version__number", "format"):
        path = rendition.get_absolute_url()
        response = client.get(path)
        downloads[path] = {
            "status": response.status_code,
            "served": hashlib.sha256(_body(response)).hexdigest(),
            "recorded": rendition.sha256,
        }
    return {"pages": pages, "downloads": downloads}


if __name__ == "__main__":
    import json
    import os
    import sys

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "abramos.settings")
    django.setup()
    from django.conf import settings
    from django.test.utils import override_settings, setup_test_environment

    setup_test_environment()  # the test client's host is allowed
    # As the test process has it (conftest.py): plain static files, no page cache.
    with override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        PAGE_CACHE_SECONDS=0,
        PAGE_REFRESH_SECONDS=0,
    ):
        json.dump(snapshot(sys.argv[1:]), sys.stdout)
