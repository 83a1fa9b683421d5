"""Publishing and rendering a long PNDA, and the server time of its pages, in-process.

    .venv/bin/python bench/drafts.py [--requests 100] [--words 190]

Builds a throwaway test database (SQLite, or PostgreSQL with DATABASE_URL) and a throwaway media
folder, then publishes four versions as the Technical Group: two of the demo texts (12 sections)
and two long ones (60 sections, about 40 pages as PDF; the second adds, removes, moves and
rewords sections of the first). Prints the time to publish, the time to render each format
(`drafts.renditions.render` directly, the short version first since its PDF also pays
WeasyPrint's start; then the Celery task that also hashes and stores the file),
the files' sizes and the PDF's page count (pypdf), and the server time and SQL queries of the
version pages and comparisons, small and long: the queries must not grow with the sections.
Then one JSON line per measurement.
"""

import argparse
import io
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "abramos.settings")
MEDIA = tempfile.mkdtemp(prefix="bench-drafts-media-")
os.environ["MEDIA_ROOT"] = MEDIA  # rendered files go to a folder deleted at the end

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from bench.text import long_pnda, revise  # noqa: E402
from bench.text import markdown as _markdown  # noqa: E402


def _publisher():
    from django.contrib.auth.models import Group

    from abramos import roles
    from abramos.accounts.models import User

    roles.apply_roles()
    user = User.objects.create_user("bench@example.org", "clave-de-bench-123", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.TECHNICAL_GROUP))
    return User.objects.get(pk=user.pk)


def _publish(actor, text: str, label: str):
    """Publish, timed without the rendering that starts on commit (timed separately)."""
    from drafts.models import WorkingCopy
    from drafts.services import version_publish
    from drafts.tasks import render_version

    copy = WorkingCopy.current()
    copy.body = text
    copy.save()
    with mock.patch.object(render_version, "delay_on_commit"):
        start = time.perf_counter()
        version = version_publish(actor=actor, label=label, working_copy=copy)
        elapsed = (time.perf_counter() - start) * 1000
    return version, elapsed


def _time_page(client: Client, url: str, requests: int) -> dict:
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(url)
        first_ms = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (url, response.status_code)
    query_count = len(queries)  # read now: each request resets the connection's log
    size = len(_body(response))
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        _body(client.get(url))
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "url": url,
        "first_ms": round(first_ms, 2),
        "rps": round(1000 / statistics.mean(times), 1),
        "p50_ms": round(times[len(times) // 2], 2),
        "p95_ms": round(times[max(int(len(times) * 0.95) - 1, 0)], 2),
        "queries": query_count,
        "bytes": size,
    }


def _body(response) -> bytes:
    """The whole body, a download's file included (read and closed, as a server would)."""
    if not response.streaming:
        return response.content
    content = b"".join(response.streaming_content)
    response.close()
    return content


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=100, help="requests per page")
    parser.add_argument("--words", type=int, default=190, help="words per long section")
    args = parser.parse_args()

    setup_test_environment()
    # Production's static storage (hashed names) needs the manifest that collectstatic writes.
    call_command("collectstatic", interactive=False, verbosity=0)
    cache.clear()  # a shared cache (Redis) may hold pages of an earlier run's database
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    rows = []
    try:
        rows = _run(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        cache.clear()
        shutil.rmtree(MEDIA, ignore_errors=True)
    _report(rows, args)


def _run(args) -> list[dict]:
    from pypdf import PdfReader

    from drafts import renditions
    from drafts.models import Rendition
    from drafts.tasks import render_rendition

    demo = ROOT / "drafts" / "demo"
    actor = _publisher()
    big = long_pnda(words=args.words)
    texts = [
        ("Cuarto borrador", (demo / "borrador-4.md").read_text(encoding="utf-8")),
        ("Versión corta", (demo / "aprobada.md").read_text(encoding="utf-8")),
        ("Borrador largo", _markdown(big)),
        ("Borrador largo revisado", _markdown(revise(big))),
    ]
    rows, versions = [], []
    for label, text in texts:
        version, elapsed = _publish(actor, text, label)
        versions.append(version)
        rows.append(
            {
                "name": "publish",
                "version": version.number,
                "sections": version.sections.count(),
                "words": len(text.split()),
                "ms": round(elapsed, 1),
            }
        )

    long_version = versions[2]
    # The short version first: its PDF also pays WeasyPrint's one-time start (fonts, styles).
    for version in (versions[1], long_version):
        for fmt in Rendition.Format.values:
            start = time.perf_counter()
            content = renditions.render(version, fmt)
            row = {
                "name": "render",
                "version": version.number,
                "format": fmt,
                "ms": round((time.perf_counter() - start) * 1000, 1),
                "bytes": len(content),
            }
            if fmt == Rendition.Format.PDF:
                row["pages"] = len(PdfReader(io.BytesIO(content)).pages)
            rows.append(row)
    # The task as a worker runs it: render, hash, store, mark ready (every version, so the
    # pages below show their downloads).
    for rendition in Rendition.objects.select_related("version").order_by("version", "format"):
        start = time.perf_counter()
        render_rendition.apply(args=[rendition.pk])
        elapsed = (time.perf_counter() - start) * 1000
        rendition.refresh_from_db()
        assert rendition.is_ready, (rendition, rendition.error)
        if rendition.version_id == long_version.pk:
            rows.append(
                {
                    "name": "render_task",
                    "version": long_version.number,
                    "format": rendition.format,
                    "ms": round(elapsed, 1),
                    "bytes": rendition.size,
                }
            )

    small_a, small_b, long_a, long_b = (v.number for v in versions)
    pages = {
        "list": "/borradores/",
        "version_12_sections": f"/borradores/{small_b}/",
        "version_60_sections": f"/borradores/{long_a}/",
        "compare_12_sections": f"/borradores/{small_a}/comparar/{small_b}/",
        "compare_60_sections": f"/borradores/{long_a}/comparar/{long_b}/",
        "download_pdf": f"/borradores/{long_a}/descargar/pdf/",
    }
    client = Client()
    for name, url in pages.items():
        rows.append({"name": f"page_{name}", **_time_page(client, url, args.requests)})
    return rows


def _report(rows: list[dict], args) -> None:
    print(f"{connection.vendor}, {args.requests} requests per page, one process")
    for row in rows:
        if row["name"] == "publish":
            print(
                f"publish v{row['version']}: {row['sections']} sections, {row['words']} words, "
                f"{row['ms']} ms"
            )
    for row in rows:
        if row["name"] in ("render", "render_task"):
            extra = f", {row['pages']} pages" if "pages" in row else ""
            print(
                f"{row['name']:<12} v{row['version']} {row['format']:<5}{row['ms']:>9} ms"
                f"{row['bytes']:>10} bytes{extra}"
            )
    print(
        f"{'page':<24}{'first ms':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'queries':>9}{'bytes':>9}"
    )
    for row in rows:
        if row["name"].startswith("page_"):
            print(
                f"{row['name'][5:]:<24}{row['first_ms']:>9}{row['rps']:>8}{row['p50_ms']:>9}"
                f"{row['p95_ms']:>9}{row['queries']:>9}{row['bytes']:>9}"
            )
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
