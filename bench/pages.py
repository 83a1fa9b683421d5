"""Server time, SQL queries and size of the public pages, in-process (no network).

    .venv/bin/python bench/pages.py [--requests 200] [--scale 10]

Builds a throwaway test database (SQLite, or PostgreSQL with DATABASE_URL), loads the demo
process, optionally multiplies activities and memberships by --scale to show that queries do not
grow with the data, then times each page with Django's test client. Prints a table, then one JSON
line per page: {"name", "rps", "p50_ms", "p95_ms", "queries", "bytes"}.
"""

import argparse
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

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def _grow(scale: int) -> None:
    from strategy.models import Activity, Membership, Person, Stage, WorkingGroup

    stage = Stage.objects.order_by("number").last()
    group = WorkingGroup.objects.first()
    for i in range(20 * scale):
        Activity.objects.create(
            stage=stage,
            title=f"Actividad de carga {i}",
            slug=f"carga-{i}",
            start_date=stage.start_date,
        )
    for i in range(30 * scale):
        person = Person.objects.create(name=f"Persona {i}", slug=f"persona-{i}")
        Membership.objects.create(person=person, working_group=group, role="enlace técnico")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--scale", type=int, default=0, help="add 20×N activities and 30×N members")
    args = parser.parse_args()

    setup_test_environment()
    # Production's static storage (hashed names) needs the manifest that collectstatic writes.
    call_command("collectstatic", interactive=False, verbosity=0)
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        call_command("load_demo", verbosity=0, allow_debug_off=True)
        if args.scale:
            _grow(args.scale)
        from strategy.models import Activity

        slug = Activity.objects.order_by("pk").values_list("slug", flat=True).first()
        pages = {
            "home": "/",
            "home_en": "/en/",
            "policy": "/politica-nacional/",
            "process": "/proceso/",
            "activity": f"/proceso/actividades/{slug}/",
            "participants": "/participantes/",
            "privacy": "/aviso-de-privacidad/",
            "health": "/salud/",
        }
        client = Client()
        rows = []
        for name, url in pages.items():
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            query_count = len(queries)  # read now: each request resets the connection's log
            times = []
            for _ in range(args.requests):
                start = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            times.sort()
            rows.append(
                {
                    "name": name,
                    "rps": round(1000 / statistics.mean(times), 1),
                    "p50_ms": round(times[len(times) // 2], 2),
                    "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
                    "queries": query_count,
                    "bytes": len(response.content),
                }
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(
        f"{connection.vendor}, scale {args.scale}, {args.requests} requests per page, one process"
    )
    print(f"{'page':<14}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'bytes':>9}")
    for row in rows:
        print(
            f"{row['name']:<14}{row['rps']:>8}{row['p50_ms']:>9}{row['p95_ms']:>9}"
            f"{row['queries']:>9}{row['bytes']:>9}"
        )
    for row in rows:
        print(json.dumps(row))


if __name__ == "__main__":
    main()
