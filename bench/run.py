"""`make bench`: the portal under load, as in production, on this machine's PostgreSQL and Redis.

    .venv/bin/python bench/run.py [--duration 10] [--connections 8] [--workers 3]

1. Drops and creates the PostgreSQL database `abramos_bench` (BENCH_DATABASE_URL to change it)
   and empties Redis database 15 (BENCH_REDIS_URL), migrates, collects the static files, loads
   the demo process and the large case (bench/common.py: a 60-section version with 5,000
   comments, replies and answers, 1,000 expenses, a year of activities, 1,000 participants).
2. Measures in this process, with Django's test client, SQL queries per request (every page
   rendered, the page cache off), and writes the anonymous version page's bytes into
   STATIC_ROOT as the static floor (with its gzipped copy, as collectstatic makes for every
   static file).
3. Starts gunicorn as the Procfile does (DEBUG=0, settings from the environment, whitenoise),
   and drives it with wrk from a second process on loopback, every request accepting gzip as
   a browser does: each page, signed-in readers (each their own session; 8 at once, then one
   at a time for the server time), comment posts by signed-in participants (then counts them
   in the database: every 302 one stored comment), a CSV export, and the static file.
4. Checks each page's weight with everything it loads, decoded and as sent (gzipped), and that
   nothing loads from another host.

Prints a table, then one JSON line per measurement; also writes them to bench/out/.
Needs `wrk` (Debian: apt-get install wrk); no network.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"
DRAIN_PATH = "/"  # the static floor's address, once written
PORT = int(os.environ.get("BENCH_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/abramos_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
TOKEN_PREFIX = "bench-"  # post.lua's client tokens  # noqa: S105
MEDIA = tempfile.mkdtemp(prefix="abramos-bench-media-")

# The production shape, from the environment, for gunicorn and for this process alike.
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "abramos.settings",
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "DEBUG": "0",
    "SECRET_KEY": "bench-secret-key-not-for-production-0123456789abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SITE_ROOT": BASE,
    "MEDIA_ROOT": MEDIA,
    "CELERY_TASK_ALWAYS_EAGER": "0",  # tasks queue in Redis; no worker needed for the pages
    # Thousands of comments a minute from a thousand people: far above the default limit.
    "CONSULTATION_RATE_COUNT": "1000000",
    "CONSULTATION_RATE_SECONDS": "60",
    "PAGE_CACHE_SECONDS": os.environ.get("PAGE_CACHE_SECONDS", "60"),
    "LOG_LEVEL": "ERROR",
}
os.environ.update(SERVER_ENV)
os.environ["ALLOWED_HOSTS"] = "127.0.0.1,testserver"  # this process also uses the test client


def _say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _recreate_database() -> None:
    from deploy.cluster import recreate_database

    recreate_database(DATABASE_URL)
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def _setup() -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    from bench.common import build_large_case

    _say("migrate, collectstatic, load_demo")
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", verbosity=0, allow_debug_off=True)
    _say("large case: 60 sections, 5,000 comments/replies/answers, 1,000 expenses")
    start = time.perf_counter()
    case = build_large_case()
    _say(f"large case written in {time.perf_counter() - start:.0f} s")
    # A site that has gathered 5,000 comments has had them counted by autovacuum's ANALYZE; right
    # after a bulk write the planner still believes the tables are empty, and chose a hash join
    # over every comment of the version for a reader's marks (7.6 ms a signed-in page, 5.6 after).
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return case


def _reuse() -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    _say("migrate, collectstatic (reusing the last run's database)")
    call_command("migrate", interactive=False, verbosity=0)  # the code may be newer than the data
    call_command("collectstatic", interactive=False, verbosity=0)
    case = json.loads((OUT / "case.json").read_text())
    people = get_user_model().objects.filter(email__endswith="@bench.abramos.mx").order_by("pk")
    return case | {"people": list(people)}


def _sessions(people) -> list[tuple[str, str]]:
    """Signs every participant in beforehand: (Cookie header, CSRF token) per person."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils.crypto import get_random_string

    rows = []
    for user in people:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        secret = get_random_string(32)  # the CSRF cookie holds the secret; the form may too
        cookie = f"{settings.SESSION_COOKIE_NAME}={session.session_key}; csrftoken={secret}"
        rows.append((cookie, secret))
    return rows


def _queries(pages: dict[str, str], cookies: list[str], case: dict) -> dict[str, int]:
    """SQL queries per request, every page rendered (the page cache off); for the signed-in
    version page, also as a reader gets it once another has read it (the shared rendering
    kept: abramos/reader_pages.py)."""
    cookie = cookies[0]
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    counts = {}
    with override_settings(PAGE_CACHE_SECONDS=0):
        for name, path in pages.items():
            client = Client()
            if name.endswith("signed_in"):
                _set_cookies(client, cookie)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
                if response.streaming:
                    b"".join(response.streaming_content)
            assert response.status_code == 200, (path, response.status_code)
            counts[name] = len(queries)
        client = Client()
        _set_cookies(client, cookie)
        with CaptureQueriesContext(connection) as queries:
            response = client.post(
                f"/consulta/comentar/{case['version']}/",
                {
                    "section": case["busiest_section"],
                    "client_token": "bench-queries",
                    "body": "Un comentario para contar las consultas.",
                },
            )
        assert response.status_code == 302, response.status_code
        counts["comment_post"] = len(queries)
    path = pages["version_signed_in"]
    for n, other in enumerate(cookies[1:3]):
        client = Client()
        _set_cookies(client, other)
        client.get(path)  # the first fills the cache; the second person's session too
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        if n:
            counts["version_signed_in_shared"] = len(queries)
    assert settings.PAGE_CACHE_SECONDS >= 0
    return counts


def _set_cookies(client, header: str) -> None:
    for part in header.split("; "):
        key, value = part.split("=", 1)
        client.cookies[key] = value


def _static_floor(path: str) -> str:
    """The anonymous version page's bytes, as a file whitenoise serves (read at its start)."""
    from django.conf import settings
    from django.test import Client

    body = Client().get(path).content
    target = Path(settings.STATIC_ROOT) / "bench" / "version.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(body)
    # Compressed as collectstatic compresses every static file, so that whitenoise serves it
    # gzipped to a client that asks, as the page cache serves the page.
    target.with_name("version.html.gz").write_bytes(gzip.compress(body, compresslevel=6, mtime=0))
    target.with_name("version.html.br").unlink(missing_ok=True)
    return f"{settings.STATIC_URL}bench/version.html"


# gunicorn and wrk --------------------------------------------------------------------------------


def _start_gunicorn(workers: int, ready_path: str) -> subprocess.Popen:
    import socket

    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", PORT)) == 0:
            sys.exit(f"Something already listens on port {PORT} (BENCH_PORT to choose another)")
    env = {**os.environ, **SERVER_ENV}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "abramos.wsgi",
        "--bind",
        f"127.0.0.1:{PORT}",
        "--workers",
        str(workers),
        "--backlog",
        "2048",
        "--log-level",
        "warning",
    ]
    log = open(OUT / "gunicorn.log", "w")  # noqa: SIM115 (closed with the process)
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{BASE}{ready_path}", timeout=30) as response:  # noqa: S310
                if response.status == 200:
                    return server
        except OSError:  # refused while the workers start
            time.sleep(0.3)
        if server.poll() is not None:
            break
    _stop(server)
    sys.exit(f"gunicorn did not start: see {OUT / 'gunicorn.log'}")


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def _wrk(path: str, *, script: str, connections: int, duration: int, env: dict | None = None):
    command = [
        "wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "10s",
        "-s", str(ROOT / "bench" / "wrk" / script), f"{BASE}{path}",
    ]  # fmt: skip
    result = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, env={**os.environ, **(env or {})}, check=True
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH "))
    return json.loads(line.removeprefix("BENCH "))


def _drain(ready_path: str) -> None:
    """Waits until gunicorn has answered what wrk left queued (a slow page's backlog must not
    count against the next measurement)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        start = time.perf_counter()
        _fetch(f"{BASE}{ready_path}")
        if time.perf_counter() - start < 0.05:
            return
        time.sleep(0.5)


def _load(name, path, *, connections, duration, queries, script="report.lua", env=None, **extra):
    _drain(DRAIN_PATH)
    _wrk(path, script=script, connections=connections, duration=2, env=env)  # warm every worker
    figures = _wrk(path, script=script, connections=connections, duration=duration, env=env)
    return {
        "name": name,
        "rps": round(figures["requests"] / figures["seconds"], 1),
        "p50_ms": figures["p50_ms"],
        "p95_ms": figures["p95_ms"],
        "queries": queries,
        "errors": figures["errors"],
        **extra,
    }


# Freshness under load -----------------------------------------------------------------------------


def _section_count(html: str, anchor: str) -> int | None:
    match = re.search(rf'id="comentarios-{re.escape(anchor)}-title">\s*(\d+)', html)
    return int(match.group(1)) if match else None


def _post(url: str, cookie: str, token: str, fields: dict) -> int:
    from urllib.parse import urlencode

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    data = urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
    request = urllib.request.Request(url, data=data, headers={"Cookie": cookie})  # noqa: S310
    try:
        with urllib.request.build_opener(_NoRedirect).open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:  # the 302 arrives as an "error" without redirects
        return error.code


def _freshness(number: int, anchor: str, posters: list, *, posts: int, connections: int) -> dict:
    """Anonymous readers load the version page at full speed while signed-in people comment,
    one comment a second: how long until an anonymous reader sees each new comment (the
    section's count on the whole-version page goes up), and what the readers got meanwhile."""
    from consultation.models import Comment

    path = f"/borradores/{number}/"
    wrk = subprocess.Popen(  # noqa: S603
        ["wrk", "-t1", f"-c{connections}", f"-d{posts + 3}s", "--timeout", "10s",  # noqa: S607
         "-s", str(ROOT / "bench" / "wrk" / "report.lua"), f"{BASE}{path}"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    delays = []
    stamp = int(time.time())
    time.sleep(1)
    for i in range(posts):
        cookie, token = posters[i % len(posters)]
        started = time.monotonic()
        status = _post(
            f"{BASE}/consulta/comentar/{number}/",
            cookie,
            token,
            {
                "section": anchor,
                "client_token": f"{TOKEN_PREFIX}fresh-{stamp}-{i}",
                "body": f"Comentario {i} para medir cuándo lo ve todo el mundo.",
            },
        )
        assert status == 302, status
        expected = Comment.objects.filter(
            version__number=number, section__anchor=anchor, parent__isnull=True
        ).count()
        posted = time.monotonic()
        while True:
            if (_section_count(_fetch(f"{BASE}{path}").decode(), anchor) or 0) >= expected:
                delays.append((time.monotonic() - posted) * 1000)
                break
            if time.monotonic() - posted > 30:
                delays.append(float("inf"))
                break
            time.sleep(0.01)
        time.sleep(max(0.0, 1 - (time.monotonic() - started)))
    out, _ = wrk.communicate(timeout=60)
    line = next(line for line in out.splitlines() if line.startswith("BENCH "))
    figures = json.loads(line.removeprefix("BENCH "))
    delays.sort()
    return {
        "name": "version_while_commenting",
        "rps": round(figures["requests"] / figures["seconds"], 1),
        "p50_ms": figures["p50_ms"],
        "p95_ms": figures["p95_ms"],
        "errors": figures["errors"],
        "posts": posts,
        "seen_after_ms_p50": round(delays[len(delays) // 2], 1),
        "seen_after_ms_max": round(delays[-1], 1),
        # How the page cache answered the readers: one render (miss) per change is the aim;
        # the readers who came while it rendered got the copy before it (stale).
        "cache": figures.get("cache", {}),
    }


# Page weight -------------------------------------------------------------------------------------


class _Loads(HTMLParser):
    """Every address an HTML page makes the browser load (not the links it offers)."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("href"):
            rel = (attrs.get("rel") or "").lower().split()
            if {"stylesheet", "icon", "preload", "manifest", "apple-touch-icon", "modulepreload"} & set(rel):  # fmt: skip
                self.urls.append(attrs["href"])
        for attr in ("src", "data", "poster"):
            if attrs.get(attr) and tag in ("script", "img", "iframe", "source", "video", "audio", "embed", "object", "input", "track"):  # fmt: skip
                self.urls.append(attrs[attr])
        if attrs.get("srcset"):
            self.urls += [item.strip().split(" ")[0] for item in attrs["srcset"].split(",")]


_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def _fetch(url: str) -> bytes:
    return _fetch_sized(url)[0]


def _fetch_sized(url: str) -> tuple[bytes, int]:
    """The body, and the bytes that crossed the wire for it (gzipped when the server can)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (http://127.0.0.1)
        raw = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            return gzip.decompress(raw), len(raw)
        return raw, len(raw)


def _weight(path: str) -> dict:
    page_url = f"{BASE}{path}"
    html, html_sent = _fetch_sized(page_url)
    parser = _Loads()
    parser.feed(html.decode("utf-8", "replace"))
    pending = [urljoin(page_url, u) for u in parser.urls]
    seen, external, total, total_sent = set(), [], len(html), html_sent
    while pending:
        url = pending.pop()
        if url in seen or url.startswith("data:"):
            continue
        seen.add(url)
        if urlsplit(url).netloc != urlsplit(BASE).netloc:
            external.append(url)
            continue
        body, sent = _fetch_sized(url)
        total += len(body)
        total_sent += sent
        if url.split("?")[0].endswith(".css"):
            for match in _CSS_URL.finditer(body.decode("utf-8", "replace")):
                pending.append(urljoin(url, match.group(1) or match.group(2)))
    return {
        "page": path,
        "html_bytes": len(html),
        "total_bytes": total,
        "html_transferred": html_sent,
        "total_transferred": total_sent,
        "resources": len(seen) - len(external),
        "external": external,
    }


# The run -----------------------------------------------------------------------------------------


def _machine() -> dict:
    cpu = ""
    with open("/proc/cpuinfo") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as fh:
        mem_kb = int(fh.readline().split()[1])
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    import redis

    info = redis.Redis.from_url(REDIS_URL).info("server")
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True)  # noqa: S607
    wrk = wrk.stdout.split("\n")[0]
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "ram_gb": round(mem_kb / 2**20, 1),
        "postgresql": pg,
        "redis": info.get("redis_version"),
        "python": platform.python_version(),
        "wrk": wrk.strip(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--reuse", action="store_true", help="keep the database of the last run (no setup)"
    )
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 3)))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("make bench needs wrk: apt-get install wrk")
    OUT.mkdir(exist_ok=True)

    if args.reuse and (OUT / "case.json").exists():
        case = _reuse()
    else:
        _recreate_database()
        case = _setup()
        (OUT / "case.json").write_text(
            json.dumps({k: v for k, v in case.items() if k != "people"}, indent=2)
        )
    from django.db import connection

    from consultation.models import Comment

    number, busiest = case["version"], case["busiest_section"]
    version = f"/borradores/{number}/"
    pages = {
        "home": "/",
        "version": version,
        "section_comments": f"{version}?seccion={busiest}",
        "transparency": "/transparencia/",
        "report": "/consulta/informe/",
        "csv_expenses": "/datos/gastos.csv",
        "version_small": "/borradores/3/",  # the demo's draft: a few hundred comments
        "version_signed_in": version,
    }
    sessions = _sessions(case["people"])
    _say("SQL queries per request (test client, page cache off) and the static floor")
    queries = _queries(pages, [c for c, _ in sessions[:3]], case)
    floor = _static_floor(version)
    connection.close()

    (OUT / "cookies.txt").write_text("\n".join(c for c, _ in sessions) + "\n")
    (OUT / "posters.txt").write_text("\n".join(f"{c}\t{t}" for c, t in sessions) + "\n")
    (OUT / "anchors.txt").write_text("\n".join(case["sections"]) + "\n")

    machine = _machine()
    global DRAIN_PATH
    DRAIN_PATH = floor
    server = _start_gunicorn(args.workers, floor)
    rows, weights = [], []
    try:
        _say(f"gunicorn with {args.workers} workers; wrk, {args.connections} connections")
        common = {"connections": args.connections, "duration": args.duration}
        rows.append(_load("static_floor", floor, queries=0, **common))
        for name in ("home", "version", "section_comments", "transparency", "report"):
            rows.append(_load(name, pages[name], queries=queries[name], **common))
        rows.append(_load("csv_expenses", pages["csv_expenses"], queries=queries["csv_expenses"], **common))  # fmt: skip
        rows.append(
            _load(
                "version_signed_in",
                version,
                queries=queries["version_signed_in_shared"],
                env={"BENCH_COOKIES": str(OUT / "cookies.txt")},
                **common,
            )
        )
        # Server time for one signed-in reader at a time (no queueing behind other requests):
        # what each request costs in a gunicorn worker, as wrk times it on loopback.
        rows.append(
            _load(
                "version_signed_in_server_time",
                version,
                queries=queries["version_signed_in_shared"],
                env={"BENCH_COOKIES": str(OUT / "cookies.txt")},
                connections=1,
                duration=args.duration,
            )
        )
        before = Comment.objects.filter(client_token__startswith=TOKEN_PREFIX).count()
        post_env = {
            "BENCH_POSTERS": str(OUT / "posters.txt"),
            "BENCH_ANCHORS": str(OUT / "anchors.txt"),
        }
        # No warm-up run here: every post is counted.
        _drain(DRAIN_PATH)
        figures = _wrk(
            f"/consulta/comentar/{number}/",
            script="post.lua",
            connections=args.connections,
            duration=args.duration,
            env=post_env,
        )
        time.sleep(1)  # the last requests in flight when wrk stopped
        stored = Comment.objects.filter(client_token__startswith=TOKEN_PREFIX).count() - before
        distinct = (
            Comment.objects.filter(client_token__startswith=TOKEN_PREFIX)
            .values("author", "client_token")
            .distinct()
            .count()
        )
        rows.append(
            {
                "name": "comment_post",
                "rps": round(figures["requests"] / figures["seconds"], 1),
                "p50_ms": figures["p50_ms"],
                "p95_ms": figures["p95_ms"],
                "queries": queries["comment_post"],
                "errors": figures["errors"],
                "posted": figures["ok"],
                "sent": figures["sent"],
                "stored": stored,
                # Every 302 a stored comment; a request still in flight when wrk stopped may
                # be stored without its answer being counted (at most one per connection).
                "lost": max(0, figures["ok"] - stored),
                "duplicates": stored + before - distinct,
            }
        )
        _drain(DRAIN_PATH)
        fresh = _freshness(
            number, busiest, sessions, posts=args.duration, connections=args.connections
        )
        rows.append(fresh | {"queries": queries["version"]})
        for name in ("home", "version", "section_comments", "transparency", "report"):
            weights.append(_weight(pages[name]))
    finally:
        _stop(server)

    floor_rps = rows[0]["rps"]
    for row in rows:
        row["share_of_floor"] = round(row["rps"] / floor_rps, 3) if floor_rps else None
    small, large = queries["version_small"], queries["version"]
    _report(machine, args, rows, weights, small, large, case)


def _report(machine, args, rows, weights, small, large, case) -> None:
    print(
        f"\n{machine['cpus']} × {machine['cpu']}, {machine['ram_gb']} GB RAM, PostgreSQL "
        f"{machine['postgresql']}, Redis {machine['redis']}; gunicorn {args.workers} workers, "
        f"wrk 1 thread {args.connections} connections, {args.duration} s per measurement"
    )
    print(f"\n{'measurement':<32}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'errors':>8}{'× floor':>9}")  # fmt: skip
    for r in rows:
        print(
            f"{r['name']:<32}{r['rps']:>9}{r['p50_ms']:>9}{r['p95_ms']:>9}{r['queries']:>9}"
            f"{r['errors']:>8}{r['share_of_floor']:>9}"
        )
    fresh = next(r for r in rows if r["name"] == "version_while_commenting")
    print(
        f"\nwhile people comment (1 a second): anonymous readers see a new comment after "
        f"{fresh['seen_after_ms_p50']} ms (median), {fresh['seen_after_ms_max']} ms at most; "
        f"{fresh['posts']} changes, the page cache answered {fresh['cache']}"
    )
    post = next(r for r in rows if r["name"] == "comment_post")
    print(
        f"\ncomment posts: {post['posted']} answered 302, {post['stored']} stored, "
        f"{post['lost']} lost, {post['duplicates']} duplicated ({post['sent']} sent)"
    )
    print(
        f"version page queries: demo draft {small}, 5,000-comment version {large} "
        f"(busiest section {case['busiest_section']}: {case['busiest_count']} comments)"
    )
    print(
        f"\n{'page weight (KB)':<40}{'HTML':>8}{'sent':>8}{'total':>8}{'sent':>8}{'files':>7}"
        "  other hosts"
    )
    for w in weights:
        print(
            f"{w['page'][:40]:<40}{w['html_bytes'] / 1024:>8.1f}{w['html_transferred'] / 1024:>8.1f}"
            f"{w['total_bytes'] / 1024:>8.1f}{w['total_transferred'] / 1024:>8.1f}"
            f"{w['resources']:>7}  {', '.join(w['external']) or 'none'}"
        )
    print()
    keys = ("name", "rps", "p50_ms", "p95_ms", "queries", "errors")
    lines = [json.dumps({k: r[k] for k in keys}) for r in rows]
    for line in lines:
        print(line)
    (OUT / "results.json").write_text(
        json.dumps(
            {
                "machine": machine,
                "rows": rows,
                "weights": weights,
                "case": {k: v for k, v in case.items() if k != "people"},
                "version_queries": {"small": small, "large": large},
            },
            indent=2,
        )  # fmt: skip
    )


if __name__ == "__main__":
    main()
