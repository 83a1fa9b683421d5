"""The web process as the Procfile starts it: gunicorn with several workers reads gunicorn.conf.py,
whose metrics add up across workers (PROMETHEUS_MULTIPROC_DIR) and whose access log is JSON
carrying each request's id."""

import json
import os
import re
import runpy
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

ROOT = Path(__file__).resolve().parents[2]
KEY = "k3y-" + "x9!Qz" * 12
# What the portal reads from the environment: the test's own must not leak into the server.
_PORTAL_VARIABLES = (
    "DATABASE_URL", "REDIS_URL", "DEBUG", "CELERY_BROKER_URL", "CELERY_TASK_ALWAYS_EAGER",
    "LOG_FORMAT", "PROMETHEUS_MULTIPROC_DIR", "DJANGO_ALLOW_ASYNC_UNSAFE", "CI",
)  # fmt: skip


def _procfile_web(port: int, workers: int) -> list[str]:
    line = next(
        line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:")
    )
    command = line.removeprefix("web:").strip()
    command = command.replace("${PORT:-8000}", str(port))
    command = command.replace("${WEB_CONCURRENCY:-3}", str(workers))
    command = command.replace("0.0.0.0", "127.0.0.1")  # noqa: S104  # nosec B104
    args = shlex.split(command)
    assert args[0] == "gunicorn"
    return [sys.executable, "-m", "gunicorn", *args[1:]]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, **headers: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (http://127.0.0.1 only)
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310  # nosec B310
        return response.status, response.read().decode()


def test_gunicorn_workers_add_up_their_metrics_and_log_json_with_the_request_id(tmp_path):
    port, folder = _free_port(), tmp_path / "metrics"
    env = {k: v for k, v in os.environ.items() if k not in _PORTAL_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="abramos.settings",
        SECRET_KEY=KEY,
        ALLOWED_HOSTS="127.0.0.1",
        # A database nobody migrated: /salud/ needs none of its tables, and the outbox gauges
        # that do are left out of the scrape instead of failing it.
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        PROMETHEUS_MULTIPROC_DIR=str(folder),
    )
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        _procfile_web(port, workers=2), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        probes, deadline = 0, time.monotonic() + 60
        while True:
            try:
                probes += 1
                if _get(f"{base}/salud/")[0] == 200:
                    break
            except OSError:
                probes -= 1  # not listening yet: no request was served
            assert time.monotonic() < deadline and server.poll() is None, "gunicorn did not start"
            time.sleep(0.2)
        for number in range(8):
            assert _get(f"{base}/salud/", **{"X-Request-ID": f"probe-{number}"})[0] == 200
        status, text = _get(f"{base}/metricas/")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    assert status == 200
    served = {
        sample.labels["status"]: sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "django_http_responses_total_by_status_view_method_total"
        and sample.labels.get("view") == "health"
    }
    assert served == {"200": probes + 8}  # whichever worker served each
    assert "abramos_celery_queue_length" in text and "abramos_page_cache_requests" in text
    # Each worker counted in its own file, and the scrape added them up.
    assert len({path.name for path in folder.glob("counter_*.db")}) == 2

    lines = [json.loads(line) for line in (tmp_path / "gunicorn.log").read_text().splitlines()]
    access = [line for line in lines if line["logger"] == "gunicorn.access"]
    probe = next(line for line in access if line.get("request_id") == "probe-3")
    assert probe["path"] == "/salud/" and probe["status"] == 200 and probe["method"] == "GET"
    assert all(re.fullmatch(r"[\w.-]{1,64}", line["request_id"]) for line in access)
    assert any(line["logger"] == "gunicorn.error" for line in lines)  # its own lines too


def _pid_gone() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_at_start_gunicorn_removes_only_what_processes_no_longer_running_left(
    tmp_path, monkeypatch
):
    hooks = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    gone, running = _pid_gone(), os.getpid()
    left = [tmp_path / f"counter_{gone}.db", tmp_path / f"histogram_{gone}.db"]
    kept = [tmp_path / f"counter_{running}.db", tmp_path / "notes.txt"]
    for path in left + kept:
        path.write_bytes(b"")

    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    hooks["on_starting"](None)  # not in multiprocess mode: nothing is touched
    assert all(path.exists() for path in left + kept)

    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    hooks["on_starting"](None)
    assert not any(path.exists() for path in left)
    assert all(path.exists() for path in kept)


def test_a_worker_with_the_application_loaded_freezes_it_out_of_garbage_collection():
    import gc

    hooks = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    threshold = gc.get_threshold()
    try:
        hooks["post_worker_init"](None)
        assert gc.get_freeze_count() > 10_000  # Django and the portal, loaded here
        assert gc.get_threshold() == (10_000, 10, 10)
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
