"""The search under load: a 60-section version with 5,000 comments and answers.

    DATABASE_URL=postgres://... .venv/bin/python bench/search.py [--requests 100] [--comments 5000]

Builds a throwaway test database (PostgreSQL with DATABASE_URL, otherwise SQLite: the fallback),
loads the demo process, publishes a 60-section version, fills its consultation with --comments
comments (one in ten answered by the Technical Group), rebuilds the index, then measures for a
set of queries, in-process (no network):

- the selector alone (`abramos.search.selectors.search`): p50/p95 in ms;
- the results page through Django's test client (every request renders): p50/p95 and SQL
  queries per page.

Target: under 50 ms p95 on PostgreSQL. Prints a table, then one JSON line per measurement.
"""

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "abramos.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

QUERIES = [
    "datos abiertos",
    "informacion publica",
    "participacion ciudadana",
    "municipios",
    "interoperabilidad de catalogos",
    "gobierno abierto",
    "estandares",
    "ornitorrinco",  # nothing
]
_TOPICS = [
    "los datos abiertos de los municipios", "la información pública de los estados",
    "la participación ciudadana en los foros", "la interoperabilidad de los catálogos",
    "los estándares de metadatos", "el gobierno abierto y la rendición de cuentas",
    "la protección de datos personales", "las licencias de uso libre",
    "la calidad de los conjuntos de datos", "la capacitación de las personas servidoras públicas",
]  # fmt: skip


def _large_case(comments: int):
    from abramos.accounts.models import User
    from abramos.markup import render_markdown
    from consultation.models import Answer, Comment, Consultation
    from drafts.models import WorkingCopy
    from drafts.services import version_publish

    actor = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "bench-search@example.mx", "bench-password-123"
    )
    rng = random.Random(7)
    body = "\n\n".join(
        f"# Sección {n}: {rng.choice(_TOPICS).capitalize()}\n\n"
        + " ".join(f"Este apartado trata de {rng.choice(_TOPICS)}." for _ in range(12))
        for n in range(1, 61)
    )
    copy = WorkingCopy.current()
    copy.body = body
    copy.save()
    version = version_publish(actor=actor, label="Borrador de carga", working_copy=copy)
    sections = list(version.sections.order_by("order"))
    now = timezone.now()
    consultation = Consultation.objects.create(
        version=version, title="Consulta de carga",
        opens_at=now - datetime.timedelta(days=30), closes_at=now + datetime.timedelta(days=30),
    )  # fmt: skip
    authors = list(
        User.objects.filter(email__endswith="@demo.abramos.mx").values_list("pk", flat=True)
    )
    rows = []
    for i in range(comments):
        text = f"Propongo revisar {rng.choice(_TOPICS)} y {rng.choice(_TOPICS)} (comentario {i})."
        rows.append(
            Comment(
                consultation=consultation, version=version, section=sections[i % len(sections)],
                author_id=authors[i % len(authors)], body=text, body_html=render_markdown(text),
                created_at=now - datetime.timedelta(minutes=i),
            )
        )  # fmt: skip
    created = Comment.objects.bulk_create(rows, batch_size=1000)
    answer = "Gracias: lo incorporamos en la sección sobre interoperabilidad y estándares."
    Answer.objects.bulk_create(
        Answer(
            comment=comment, outcome=Answer.Outcome.INCORPORATED, body=answer,
            body_html=render_markdown(answer), author=actor, published_at=now,
        )
        for comment in created[::10]
    )  # fmt: skip
    started = time.perf_counter()
    call_command("search_reindex", verbosity=0)
    return (time.perf_counter() - started) * 1000


def _row(name: str, times: list[float], **extra) -> dict:
    times = sorted(times)
    return {
        "name": name,
        "p50_ms": round(times[len(times) // 2], 2),
        "p95_ms": round(times[max(int(len(times) * 0.95) - 1, 0)], 2),
        "mean_ms": round(statistics.mean(times), 2),
        **extra,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=100, help="runs per query")
    parser.add_argument("--comments", type=int, default=5000)
    args = parser.parse_args()

    setup_test_environment()
    call_command("collectstatic", interactive=False, verbosity=0)
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        call_command("load_demo", verbosity=0, allow_debug_off=True)
        reindex_ms = _large_case(args.comments)
        from abramos.search.models import Entry
        from abramos.search.selectors import search

        entries = Entry.objects.count()
        client = Client()
        rows = []
        selector_all, page_all = [], []
        for query in QUERIES:
            times = []
            for _ in range(args.requests):
                start = time.perf_counter()
                found = search(query)
                times.append((time.perf_counter() - start) * 1000)
            selector_all += times
            rows.append(_row(f"selector {query!r}", times, results=found.total))
            cache.clear()
            with CaptureQueriesContext(connection) as captured:
                response = client.get("/buscar/", {"q": query})
            assert response.status_code == 200, response.status_code
            queries = len(captured)
            times = []
            for _ in range(args.requests):
                cache.clear()  # every request renders
                start = time.perf_counter()
                client.get("/buscar/", {"q": query})
                times.append((time.perf_counter() - start) * 1000)
            page_all += times
            rows.append(
                _row(f"page {query!r}", times, queries=queries, bytes=len(response.content))
            )
        rows.append(_row("selector, every query", selector_all))
        rows.append(_row("page, every query", page_all))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(
        f"{connection.vendor}: {entries} index entries ({args.comments} comments, 60 new sections), "
        f"reindex {reindex_ms:.0f} ms, {args.requests} runs per query, one process"
    )
    print(f"{'measurement':<44}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'results':>9}")
    for row in rows:
        print(
            f"{row['name']:<44}{row['p50_ms']:>9}{row['p95_ms']:>9}"
            f"{row.get('queries', ''):>9}{row.get('results', ''):>9}"
        )
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
