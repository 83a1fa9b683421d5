"""Streaming a large dataset: /datos/gastos.csv (and .json) with 10,000 and 100,000 expenses.

    .venv/bin/python bench/opendata.py [--rows 10000 100000] [--format csv json]

Builds a throwaway test database (SQLite, or PostgreSQL with DATABASE_URL), loads the demo,
adds expenses with `bulk_create` (a bench shortcut: the site itself never bulk-writes expenses,
history would miss them), then streams the download through Django's WSGI handler as a server
would, consuming it chunk by chunk. For each size it prints the time, rows, bytes, the peak of
Python allocations during the response (tracemalloc, in a second pass: it slows Python), how
much the RSS grew while streaming, and the process's RSS: the allocation peak stays flat while
the rows grow tenfold. Then one JSON line per measurement.
"""

import argparse
import datetime as dt
import io
import json
import os
import resource
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "abramos.settings")

import django  # noqa: E402

django.setup()

from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from abramos import opendata  # noqa: E402


def _rss_mb() -> float:
    # ru_maxrss is in KiB on Linux: the high-water mark of the whole process.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def _add_expenses(upto: int) -> None:
    from strategy.models import Activity
    from transparency.models import Expense

    have = Expense.objects.count()
    activities = list(Activity.objects.select_related("stage").order_by("pk"))
    categories = [f.choices for f in Expense._meta.fields if f.name == "category"][0]
    fields = {f.name for f in Expense._meta.concrete_fields}
    batch = []
    for i in range(have, upto):
        activity = activities[i % len(activities)]
        values = {
            "date": dt.date(2022, 1, 1) + dt.timedelta(days=i % 365),
            "concept": f"Gasto de prueba {i}: servicio de logística y materiales",
            "category": categories[i % len(categories)][0],
            "supplier": f"Proveedor {i % 97} S.A. de C.V.",
            "amount": Decimal(1000 + i % 50000) + Decimal(i % 100) / 100,
            "funding_source": "Presupuesto del organismo garante",
            "stage": activity.stage,
            "activity": activity,
        }
        batch.append(Expense(**{k: v for k, v in values.items() if k in fields}))
        if len(batch) == 5000:
            Expense.objects.bulk_create(batch)
            batch = []
    if batch:
        Expense.objects.bulk_create(batch)


def _stream(handler: WSGIHandler, path: str, *, trace: bool) -> dict:
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.input": io.BytesIO(),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
    }
    status = {}

    def start_response(code, headers, exc_info=None):
        status["code"] = code

    size = lines = 0
    rss_before = _current_rss_mb()
    if trace:
        tracemalloc.start()
        tracemalloc.reset_peak()
    start = time.perf_counter()
    result = handler(environ, start_response)
    for chunk in result:
        size += len(chunk)
        lines += chunk.count(b"\n")
    if hasattr(result, "close"):
        result.close()
    seconds = time.perf_counter() - start
    peak = 0
    if trace:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert status["code"].startswith("200"), status
    return {
        "seconds": seconds,
        "bytes": size,
        "lines": lines,
        "peak_alloc_mb": peak / 2**20,
        "rss_growth_mb": _current_rss_mb() - rss_before,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--format", nargs="+", default=["csv", "json"], choices=["csv", "json"])
    args = parser.parse_args()

    setup_test_environment()
    call_command("collectstatic", interactive=False, verbosity=0)
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    results = []
    try:
        call_command("load_demo", verbosity=0, allow_debug_off=True)
        if opendata.get("gastos") is None:
            sys.exit("The gastos dataset is not registered (transparency/datasets.py).")
        handler = WSGIHandler()
        for rows in sorted(args.rows):
            start = time.perf_counter()
            _add_expenses(rows)
            created = time.perf_counter() - start
            for fmt in args.format:
                path = f"/datos/gastos.{fmt}"
                _stream(handler, path, trace=False)  # warm: imports, caches
                reset_queries()
                timed = _stream(handler, path, trace=False)  # tracemalloc slows Python down
                measured = _stream(handler, path, trace=True)
                results.append(
                    {
                        "format": fmt,
                        "rows": opendata.get("gastos").record_count(),
                        "seconds": round(timed["seconds"], 2),
                        "rows_per_s": round(rows / timed["seconds"]),
                        "bytes": timed["bytes"],
                        "lines": timed["lines"],
                        "peak_alloc_mb": round(measured["peak_alloc_mb"], 2),
                        "rss_growth_mb": round(timed["rss_growth_mb"], 1),
                        "rss_mb": round(_current_rss_mb(), 1),
                        "max_rss_mb": round(_rss_mb(), 1),
                        "insert_seconds": round(created, 1),
                    }
                )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(f"{connection.vendor}, /datos/gastos.<format> streamed through the WSGI handler")
    print(
        f"{'format':<8}{'rows':>9}{'seconds':>9}{'rows/s':>9}{'MB sent':>9}"
        f"{'peak alloc MB':>15}{'RSS growth MB':>15}{'RSS MB':>8}{'max RSS MB':>12}"
    )
    for r in results:
        print(
            f"{r['format']:<8}{r['rows']:>9}{r['seconds']:>9}{r['rows_per_s']:>9}"
            f"{r['bytes'] / 2**20:>9.1f}{r['peak_alloc_mb']:>15}{r['rss_growth_mb']:>15}"
            f"{r['rss_mb']:>8}{r['max_rss_mb']:>12}"
        )
    for r in results:
        print(json.dumps(r))


if __name__ == "__main__":
    main()
