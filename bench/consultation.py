"""The consultation under load: the version page with 2,000 comments, and comment posting.

    .venv/bin/python bench/consultation.py [--requests 200] [--comments 2000] [--posts 300]

Builds a throwaway test database (SQLite, or PostgreSQL with DATABASE_URL), loads the demo
process, reopens the demo consultation (third draft) and fills it to --comments comments, then
measures, in-process with Django's test client (no network):

- the version page's server time, as an anonymous reader gets it (cached) and with the cache
  emptied before every request (every request renders): p50/p95 and SQL queries;
- the report page's server time (/consulta/informe/, every request renders) and its queries;
- the comment-post throughput: through the view (test client, signed in) and through
  `consultation.services.comment_create` alone.

Prints one JSON line per measurement.
"""

import argparse
import datetime
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "abramos.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

VERSION = 3


def _open_and_fill(total: int):
    from abramos.markup import render_markdown
    from consultation.models import Comment, Consultation

    consultation = Consultation.objects.select_related("version").get(version__number=VERSION)
    now = timezone.now()
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_at=now - datetime.timedelta(days=30), closes_at=now + datetime.timedelta(days=30)
    )
    consultation.refresh_from_db()
    sections = list(consultation.version.sections.order_by("order"))
    authors = list(
        Comment.objects.filter(consultation=consultation, author__isnull=False)
        .values_list("author", flat=True)
        .distinct()
    )
    missing = total - Comment.objects.filter(version=consultation.version).count()
    body = "Un comentario de carga con **Markdown** y un [enlace](https://datos.gob.mx/)."
    html = render_markdown(body)
    Comment.objects.bulk_create(
        Comment(
            consultation=consultation,
            version=consultation.version,
            section=sections[i % len(sections)],
            author_id=authors[i % len(authors)],
            body=body,
            body_html=html,
            created_at=now - datetime.timedelta(minutes=i),
        )
        for i in range(max(missing, 0))
    )
    return consultation


def _row(name: str, times: list[float], **extra) -> dict:
    times = sorted(times)
    return {
        "name": name,
        "rps": round(1000 / statistics.mean(times), 1),
        "p50_ms": round(times[len(times) // 2], 2),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
        **extra,
    }


def _page(url: str, requests: int, *, cached: bool, name: str = "version_page") -> dict:
    client = Client()
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    query_count = len(queries)
    times = []
    for _ in range(requests):
        if not cached:
            cache.clear()
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    name = name if cached else f"{name}_uncached"
    return _row(name, times, queries=query_count, bytes=len(response.content))


def _post_view(consultation, people, posts: int) -> dict:
    url = reverse("consultation:comment-create", args=[consultation.version.number])
    anchors = list(consultation.version.sections.values_list("anchor", flat=True))
    clients = []
    for user in people:
        client = Client()
        client.force_login(user)
        clients.append(client)
    times = []
    started = time.perf_counter()
    for n in range(posts):
        data = {
            "body": f"Comentario de carga por la vista {n}.",
            "section": anchors[n % len(anchors)],
            "client_token": f"bench-view-{n}",
        }
        start = time.perf_counter()
        response = clients[n % len(clients)].post(url, data)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 302, response.status_code
    elapsed = time.perf_counter() - started
    return _row("comment_post_view", times, comments_per_s=round(posts / elapsed, 1))


def _post_service(consultation, people, posts: int) -> dict:
    from consultation.services import comment_create

    sections = list(consultation.version.sections.order_by("order"))
    times = []
    started = time.perf_counter()
    for n in range(posts):
        start = time.perf_counter()
        comment_create(
            actor=people[n % len(people)],
            consultation=consultation,
            section=sections[n % len(sections)],
            body=f"Comentario de carga por el servicio {n}.",
            client_token=f"bench-service-{n}",
        )
        times.append((time.perf_counter() - start) * 1000)
    elapsed = time.perf_counter() - started
    return _row("comment_post_service", times, comments_per_s=round(posts / elapsed, 1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--comments", type=int, default=2000)
    parser.add_argument("--posts", type=int, default=300)
    args = parser.parse_args()

    setup_test_environment()
    call_command("collectstatic", interactive=False, verbosity=0)
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    # Enough room for the post measurements; the rate limit is measured by the tests.
    settings.CONSULTATION_RATE_LIMIT = (10**6, 600)
    try:
        call_command("load_demo", verbosity=0, allow_debug_off=True)
        from django.contrib.auth import get_user_model

        consultation = _open_and_fill(args.comments)
        url = consultation.version.get_absolute_url()
        rows = [
            _page(url, args.requests, cached=True),
            _page(url, max(args.requests // 4, 20), cached=False),
            # The report: every figure from a fixed number of aggregate queries.
            _page(
                reverse("consultation:report"), max(args.requests // 4, 20), cached=False,
                name="report_page",
            ),
        ]  # fmt: skip
        people = list(
            get_user_model().objects.filter(email__endswith="@demo.abramos.mx").order_by("pk")[:20]
        )
        rows.append(_post_view(consultation, people, args.posts))
        rows.append(_post_service(consultation, people, args.posts))
        rows.append(
            _page(url, max(args.requests // 4, 20), cached=False)
            | {"name": "version_page_uncached_after_posts"}
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(f"{connection.vendor}, {args.comments} comments on version {VERSION}, one process")
    for row in rows:
        print(json.dumps(row))


if __name__ == "__main__":
    main()
