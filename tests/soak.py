"""`make soak`: 50 simulated people commenting and reading for 60 seconds, in the production shape.

The portal runs under gunicorn with a Celery worker, on PostgreSQL (a database of its own,
`<name>_soak` on the server DATABASE_URL names) and a private redis-server (cache and broker).
Each person, signed in, reads pages (theirs and anonymous ones), comments on a section or replies
to someone, and sometimes sends the same form twice (a double click, a retry). At the end: no
error (no 5xx, no unexpected status, no exception), and every comment stored exactly once
(each post carries a unique `client_token`).

    SOAK_SECONDS=60 SOAK_PEOPLE=50 python -m tests.soak

Prints a summary and one JSON line; exits 1 when anything failed.
"""

from __future__ import annotations

import gzip
import http.client
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

from deploy.cluster import PYTHON, database_beside, free_port, recreate_database, wait

ROOT = Path(__file__).resolve().parents[1]
SECONDS = float(os.environ.get("SOAK_SECONDS", "60"))
PEOPLE = int(os.environ.get("SOAK_PEOPLE", "50"))
# As the Procfile runs it: sync workers, WEB_CONCURRENCY of them (3 by default). Threaded workers
# only contend for the GIL on this CPU-bound work (bench/RESULTS.md).
GUNICORN_WORKERS = int(os.environ.get("SOAK_GUNICORN_WORKERS", "3"))
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')  # in the page's bytes
COMMENT_PAGE = re.compile(r"/consulta/comentarios/(\d+)/")


_T0 = time.monotonic()


def _phase(what: str) -> None:
    print(f"[{time.monotonic() - _T0:5.1f} s] {what}", flush=True)


def _soak_database_url() -> str:
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        sys.exit("make soak needs DATABASE_URL pointing at a PostgreSQL server")
    return database_beside(base, "_soak")


def _seed() -> dict:
    """A published version with sections, an open consultation, and the people with sessions."""
    import datetime

    from allauth.account.models import EmailAddress
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from abramos import roles
    from abramos.accounts.models import User
    from consultation.models import Consultation
    from drafts.models import WorkingCopy
    from drafts.services import version_publish

    roles.apply_roles()
    staff = User.objects.create_user("tecnico@soak.example.mx", None, is_staff=True)
    staff.groups.add(Group.objects.get(name=roles.TECHNICAL_GROUP))
    staff = User.objects.get(pk=staff.pk)  # fresh: permission cache
    copy = WorkingCopy.current()
    copy.body = "\n\n".join(
        f"# Sección {n}\n\nTexto de la sección {n} de la Política Nacional de Datos Abiertos."
        for n in range(1, 13)
    )
    copy.save()
    version = version_publish(actor=staff, label="Borrador para la prueba", working_copy=copy)
    now = timezone.now()
    Consultation.objects.create(
        version=version,
        title="Consulta de la prueba de carga",
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=30),
    )
    sessions = []
    for n in range(PEOPLE):
        email = f"persona{n}@soak.example.mx"
        # No password (none is needed to hold a session): hashing 50 would take a minute.
        user = User.objects.create_user(email, None, display_name=f"Persona {n}")
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        sessions.append(session.session_key)
    return {
        "number": version.number,
        "page": version.get_absolute_url(),
        "anchors": list(version.sections.values_list("anchor", flat=True)),
        "sessions": sessions,
    }


def seed_in(env: dict[str, str], people: int) -> dict:
    """`_seed` run in another environment (a cluster's database), by a process of its own."""
    out = subprocess.run(
        [PYTHON, "-c", "import json, django; django.setup(); from tests.soak import _seed; "
         "print(json.dumps(_seed()))"],
        cwd=ROOT, env={**env, "SOAK_PEOPLE": str(people)}, check=True, capture_output=True,
        text=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


class Results:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = {"read": [], "post": []}
        self.errors: list[str] = []
        self.posted: dict[str, int] = {}  # client_token -> comment pk answered by the portal
        self.comment_pks: list[int] = []  # comments (not replies): they take replies

    def record(self, kind: str, seconds: float, error: str | None = None) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            if error:
                self.errors.append(error)


def _person_safely(*args) -> None:
    """A person whose code fails counts as an error, instead of leaving the load quietly."""
    results = args[3]
    try:
        _person(*args)
    except Exception as exc:  # noqa: BLE001 - any failure of the simulated person is reported
        with results.lock:
            results.errors.append(f"a simulated person stopped: {exc!r}")


class _Response:
    def __init__(self, status: int, headers, body: bytes) -> None:
        self.status_code, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode()


class Browser:
    """What each simulated person reads and writes with: one HTTP connection (kept open while the
    server keeps it), its cookies (name and value: one site), gzip. The soak's people run on the
    same two cores as the portal, so they should cost it little: `requests` took a quarter of a
    core of the two for 130 requests a second, this about a tenth (bench/RESULTS.md)."""

    _CLOSED = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)

    def __init__(self, base: str, cookies: dict[str, str] | None = None) -> None:
        address = urllib.parse.urlsplit(base)
        self.host, self.port = address.hostname, address.port
        self.cookies = dict(cookies or {})
        self.connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, *, data=None, headers=None, timeout=30,
                allow_redirects=False) -> _Response:  # fmt: skip
        assert not allow_redirects, "the soak reads the redirect itself"
        headers = {"Accept-Encoding": "gzip", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        reused = self.connection is not None and self.connection.sock is not None
        try:
            response = self._send(method, path, body, headers, timeout)
        except self._CLOSED:
            if not reused:
                raise
            # The server closed the connection it had kept open before this request reached it
            # (as a browser does, sent again on a new one; the soak's posts carry a client token).
            self.close()
            response = self._send(method, path, body, headers, timeout)
        raw = response.read()
        if response.will_close:
            self.close()
        for cookie in response.headers.get_all("Set-Cookie") or ():
            name, _, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if "max-age=0" in cookie.lower() or not value or value == '""':
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        if response.getheader("Content-Encoding") == "gzip":
            raw = gzip.decompress(raw)
        return _Response(response.status, response.headers, raw)

    def _send(self, method, path, body, headers, timeout) -> http.client.HTTPResponse:
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        self.connection.request(method, path, body=body, headers=headers)
        return self.connection.getresponse()

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def _person(base: str, session_key: str, info: dict, results: Results, stop: float) -> None:
    rng = random.Random(session_key)
    signed_in = Browser(base, {"sessionid": session_key})
    anonymous = Browser(base)
    pages = ["/", "/borradores/", info["page"], "/consulta/", "/transparencia/", "/proceso/"]

    def call(kind, session, method, path, expect, **kwargs):
        started = time.perf_counter()
        try:
            response = session.request(method, path, timeout=30, **kwargs)
        except Exception as exc:  # the connection itself failed
            session.close()
            results.record(kind, time.perf_counter() - started, f"{method} {path}: {exc!r}")
            return None
        elapsed = time.perf_counter() - started
        error = None
        if response.status_code != expect:
            error = f"{method} {path}: {response.status_code}"
        results.record(kind, elapsed, error)
        return response if error is None else None

    while time.monotonic() < stop:
        call("read", anonymous, "GET", rng.choice(pages), 200)
        page = call("read", signed_in, "GET", info["page"], 200)
        match = CSRF.search(page.body) if page is not None else None
        if match is None:
            if page is not None:
                results.record("read", 0, f"GET {info['page']}: no comment form")
            continue
        token = uuid.uuid4().hex
        with results.lock:
            parents = list(results.comment_pks[-200:])
        if parents and rng.random() < 0.4:
            path = f"/consulta/comentarios/{rng.choice(parents)}/responder/"
            data = {"body": f"Respondo {token}", "client_token": token}
        else:
            path = f"/consulta/comentar/{info['number']}/"
            data = {"body": f"Comento {token}", "client_token": token}
            data["section"] = rng.choice(info["anchors"])
        data["csrfmiddlewaretoken"] = match.group(1).decode()
        headers = {"Referer": base + info["page"]}
        sends = 2 if rng.random() < 0.1 else 1  # a double click
        for _ in range(sends):
            response = call(
                "post", signed_in, "POST", path, 302, data=data, headers=headers,
                allow_redirects=False,
            )  # fmt: skip
            if response is not None:
                # The comment's own page: /consulta/comentarios/<pk>/ (consultation/views).
                found = COMMENT_PAGE.search(response.headers.get("Location", ""))
                if found is None:
                    with results.lock:
                        results.errors.append(f"POST {path}: no comment page in the redirect")
                    continue
                pk = int(found.group(1))
                with results.lock:
                    if results.posted.setdefault(token, pk) != pk:
                        results.errors.append(f"{token} answered with two comments")
                    if "section" in data:
                        results.comment_pks.append(pk)
        time.sleep(rng.uniform(0.05, 0.3))  # reading, typing


class Load:
    """The soak's people (reading, commenting, replying, sending twice) against `base` for
    `seconds`, in threads; `finish()` waits for them and gives their results. The cluster test
    and bench/cluster.py drive the balancer with it."""

    def __init__(self, base: str, info: dict, seconds: float) -> None:
        self.results = Results()
        stop = time.monotonic() + seconds
        self.threads = [
            threading.Thread(
                target=_person_safely, args=(base, key, info, self.results, stop), daemon=True
            )
            for key in info["sessions"]
        ]
        for thread in self.threads:
            thread.start()

    def finish(self) -> Results:
        for thread in self.threads:
            thread.join(timeout=120)
        return self.results


def stored_once(database_url: str, results: Results) -> tuple[int, int, int]:
    """(accepted, stored once, stored more than once) of the comments the portal accepted,
    read straight from the database `database_url`."""
    import psycopg

    tokens = list(results.posted)
    with psycopg.connect(database_url) as db:
        counts = dict(
            db.execute(
                "SELECT client_token, count(*) FROM consultation_comment "
                "WHERE client_token = ANY(%s) GROUP BY client_token",
                [tokens],
            ).fetchall()
        )
    once = sum(1 for n in counts.values() if n == 1)
    return len(tokens), once, sum(1 for n in counts.values() if n > 1)


def _percentile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] * 1000 if values else 0.0
    return statistics.quantiles(values, n=100)[q - 1] * 1000


def main() -> int:
    if not shutil.which("redis-server"):
        sys.exit("make soak needs redis-server")
    database_url = _soak_database_url()
    work = Path(tempfile.mkdtemp(prefix="abramos-soak-"))
    redis_port, web_port = free_port(), free_port()
    redis_url = f"redis://127.0.0.1:{redis_port}/0"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "abramos.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "CELERY_QUEUE_SUFFIX": "",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_ROOT": f"http://127.0.0.1:{web_port}",
        "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{web_port}",
        "CONSULTATION_RATE_COUNT": "100000",
        "CONSULTATION_RATE_SECONDS": "60",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(work / "mail"),
        "MEDIA_ROOT": str(work / "media"),
        "LOG_LEVEL": "ERROR",
    }
    os.environ.update(env)
    processes: list[subprocess.Popen] = []
    logs = {name: open(work / f"{name}.log", "w") for name in ("redis", "gunicorn", "celery")}  # noqa: SIM115
    try:
        processes.append(subprocess.Popen(
            ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--daemonize", "no"], stdout=logs["redis"], stderr=subprocess.STDOUT,
        ))  # fmt: skip
        _phase("redis-server started")
        recreate_database(database_url)
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        _phase("database migrated")
        subprocess.run(
            [*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
        )
        _phase("static files collected")
        import django

        django.setup()
        info = _seed()
        _phase(f"{PEOPLE} people and an open consultation stored")
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "abramos", "worker", "--pool=solo",
             "-Q", "default,mail,render", "--loglevel=WARNING", "--without-gossip",
             "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=env, stdout=logs["celery"], stderr=subprocess.STDOUT,
        ))  # fmt: skip
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "abramos.wsgi", "--bind", f"127.0.0.1:{web_port}",
             "--workers", str(GUNICORN_WORKERS),
             "--timeout", "60", "--keep-alive", "30", "--error-logfile", "-"],
            cwd=ROOT, env=env, stdout=logs["gunicorn"], stderr=subprocess.STDOUT,
        ))  # fmt: skip
        base = f"http://127.0.0.1:{web_port}"
        import requests

        if not wait(lambda: requests.get(base + "/salud/", timeout=5).status_code == 200, 60, 0.2):
            print((work / "gunicorn.log").read_text()[-3000:])
            sys.exit("gunicorn did not answer /salud/ with 200")

        _phase(f"gunicorn ({GUNICORN_WORKERS} workers) and a Celery worker ready")
        started = time.monotonic()
        results = Load(base, info, SECONDS).finish()
        elapsed = time.monotonic() - started
        return _report(results, elapsed, work)
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in reversed(processes):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        for handle in logs.values():
            handle.close()


def _report(results: Results, elapsed: float, work: Path) -> int:
    from django.db.models import Count

    from consultation.models import Comment

    tokens = set(results.posted)
    stored = Comment.objects.filter(client_token__in=tokens)
    counts = dict(stored.values_list("client_token").annotate(n=Count("pk")))
    duplicates = sorted(t for t, n in counts.items() if n > 1)
    missing = sorted(tokens - set(counts))
    soak_comments = Comment.objects.filter(author__email__endswith="@soak.example.mx").count()
    reads, posts = results.latencies["read"], results.latencies["post"]
    summary = {
        "name": "soak",
        "people": PEOPLE,
        "seconds": round(elapsed, 1),
        "requests": len(reads) + len(posts),
        "rps": round((len(reads) + len(posts)) / elapsed, 1),
        "errors": len(results.errors),
        "reads": len(reads),
        "posts": len(posts),
        "comments_posted": len(tokens),
        "comments_stored": len(counts),
        "comments_in_db": soak_comments,
        "duplicates": len(duplicates),
        "missing": len(missing),
        "read_p50_ms": round(_percentile(reads, 50), 1),
        "read_p95_ms": round(_percentile(reads, 95), 1),
        "post_p50_ms": round(_percentile(posts, 50), 1),
        "post_p95_ms": round(_percentile(posts, 95), 1),
    }
    print(f"Soak: {PEOPLE} people for {elapsed:.0f} s")
    print(f"  requests {summary['requests']} ({summary['rps']}/s), errors {summary['errors']}")
    print(f"  reads {len(reads)}: p50 {summary['read_p50_ms']} ms, p95 {summary['read_p95_ms']} ms")
    print(f"  posts {len(posts)}: p50 {summary['post_p50_ms']} ms, p95 {summary['post_p95_ms']} ms")
    print(
        f"  comments: {len(tokens)} posted, {len(counts)} stored once, {len(duplicates)} "
        f"duplicated, {len(missing)} missing, {soak_comments} in the database"
    )
    for error in results.errors[:20]:
        print(f"  error: {error}")
    if results.errors:
        print(f"  logs in {work}")
    print(json.dumps(summary))
    ok = (
        not results.errors
        and not duplicates
        and not missing
        and soak_comments == len(tokens)
        and len(tokens) > 0
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
