"""Fixtures for the fault tests: a private Redis the test may stop and start, real Celery workers
on it (killed and started again by the test), and the portal in this process pointed at that Redis
for its cache and broker.

Never the machine's shared Redis or PostgreSQL: other people's tests use them. Everything started
here is stopped in the fixtures' teardown.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from abramos.celery import app as celery_app
from conftest import require_service
from consultation.tests.conftest import (  # noqa: F401 (fixtures: people and an open consultation)
    citizen,
    consultation,
    other_citizen,
    tech_user,
    version,
)

ROOT = Path(__file__).resolve().parents[2]


def wait_until(condition, seconds: float = 30.0, step: float = 0.1) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return bool(condition())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivateRedis:
    """A redis-server on a free port, in memory only, that the test may stop and start again."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        import redis

        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.5)

        def answers() -> bool:
            try:
                return bool(client.ping())
            except redis.RedisError:
                return False

        assert wait_until(answers, 10), "the private redis-server did not start"

    def stop(self) -> None:
        """Stopped as a crash stops it: SIGKILL, nothing saved (it keeps nothing on disk)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def client(self):
        import redis

        return redis.Redis.from_url(self.url, socket_connect_timeout=1)


@pytest.fixture
def private_redis():
    require_service(shutil.which("redis-server") is not None, "redis-server is not installed")
    server = PrivateRedis()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _use_broker(url: str) -> None:
    """Point this process's Celery at another broker, dropping the connections it holds."""
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app.conf.broker_url = url
    celery_app._pool = None
    if "amqp" in celery_app.__dict__:  # a cached property, made on first use
        celery_app.amqp._producer_pool = None


@pytest.fixture
def portal_on_private_redis(settings, private_redis):
    """The portal in this process with its cache and its Celery broker on the private Redis, and
    tasks sent through the broker (not run in-process)."""
    redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": private_redis.url,
        "KEY_PREFIX": "abramos",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 2},
    }
    # As abramos/settings.py configures them with REDIS_URL.
    settings.CACHES = {
        **settings.CACHES,
        "default": {**redis, "OPTIONS": {**redis["OPTIONS"], "IGNORE_EXCEPTIONS": True}},
        "pages": redis,
    }
    broker, eager = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    _use_broker(private_redis.url)
    celery_app.conf.task_always_eager = False
    try:
        yield private_redis
    finally:
        celery_app.conf.task_always_eager = eager
        _use_broker(broker)


class Worker:
    """A real Celery worker process; its output is collected in `lines` as it comes."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.process = process
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def wait_for(self, text: str, seconds: float = 30.0) -> bool:
        wait_until(lambda: text in self.output or self.process.poll() is not None, seconds)
        return text in self.output

    def kill(self) -> None:
        """SIGKILL, as the kernel's OOM killer or a lost machine would: no clean shutdown."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        # A prefork pool's children die with their parent; make sure none is left behind.
        for pid in _children(self.process.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self._reader.join(timeout=5)


def _children(pid: int) -> list[int]:
    result = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(line) for line in result.stdout.split()]


@pytest.fixture
def fault_dir(tmp_path) -> Path:
    path = tmp_path / "faults"
    path.mkdir()
    return path


@pytest.fixture
def start_worker(transactional_db, private_redis, settings, fault_dir):
    """Start real workers (`python -m tests.faults.worker`) on the private Redis, against the test
    database, writing e-mail to `fault_dir / "mail"` and files to the test's MEDIA_ROOT.

    `pause="mail"` or `"pdf"` makes the first run of that step write its pid to
    `fault_dir / "paused"` and sleep, so the test can kill it there.
    """
    db = connection.settings_dict
    require_service(
        db["ENGINE"].endswith("postgresql"), "a worker needs PostgreSQL to share the test database"
    )
    workers: list[Worker] = []

    def start(
        *,
        pool: str = "solo",
        pause: str = "",
        visibility_timeout: int = 2,
        queues=("default", "mail", "render"),
        environment: dict[str, str] | None = None,
    ) -> Worker:
        env = {
            **os.environ,
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
            "REDIS_URL": private_redis.url,
            "CELERY_BROKER_URL": private_redis.url,
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "CELERY_QUEUE_SUFFIX": "",
            # A message whose worker died is handed out again after this (production: 1 hour).
            "CELERY_VISIBILITY_TIMEOUT": str(visibility_timeout),
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(fault_dir / "mail"),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "FAULTS_PAUSE": pause,
            "FAULTS_MARKER": str(fault_dir / "paused"),
            "PYTHONUNBUFFERED": "1",
            **(environment or {}),
        }
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.faults.worker", "-A", "abramos", "worker",
             f"--pool={pool}", "--concurrency=1", "--loglevel=INFO", "--without-gossip",
             "--without-mingle", "--without-heartbeat", "-n", f"faults-{uuid.uuid4().hex[:6]}@%h",
             "-Q", ",".join(queues)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        worker = Worker(process)
        workers.append(worker)
        assert worker.wait_for("ready."), f"the Celery worker did not start:\n{worker.output}"
        return worker

    try:
        yield start
    finally:
        for worker in workers:
            worker.stop()
