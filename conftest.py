"""Fixtures shared by every app's tests."""

import os
import shutil

import pytest
from django.core.cache import cache
from django.utils import translation

from abramos.celery import app as celery_app

IN_CI = os.environ.get("CI", "").lower() == "true"
# Playwright's sync API runs an event loop in the test thread; the ORM calls it makes from the
# same thread are safe (pytest-django's live_server documents this setting).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def require_service(available: bool, reason: str) -> None:
    """Skip on a developer's machine without the service; in CI a missing service is a failure."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"CI needs this service: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _staff_use_two_step_verification(request):
    """Staff accounts made by tests are set up as the portal requires of real staff: with an
    authenticator app (abramos.mfa). The demo secret, so a browser test can type the code.
    Tests of the requirement itself mark themselves `without_staff_authenticator`."""
    if request.node.get_closest_marker("without_staff_authenticator"):
        yield
        return
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_save

    from strategy.demo.data import STAFF_TOTP_SECRET

    def give_authenticator(sender, instance, created, raw=False, **kwargs):
        if created and not raw and (instance.is_staff or instance.is_superuser):
            from allauth.mfa.totp.internal.auth import TOTP

            TOTP.activate(instance, STAFF_TOTP_SECRET)

    user_model = get_user_model()
    post_save.connect(give_authenticator, sender=user_model, dispatch_uid="test-staff-mfa")
    yield
    post_save.disconnect(sender=user_model, dispatch_uid="test-staff-mfa")


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "")
    require_service(bool(url), "REDIS_URL is not set (Redis)")
    return url


@pytest.fixture
def chromium_path() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    require_service(os.path.exists(path), "Debian's chromium is not installed")
    return path


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path_factory):
    # Plain static storage: the manifest only exists after collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # A change shows on the next page at once: tests read a page right after changing what it
    # shows. The one-second floor between renders is tested on its own (abramos/tests/test_cache.py).
    settings.PAGE_REFRESH_SECONDS = 0
    # Uploaded and rendered files go to a throwaway folder, never the project's media/.
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    # Tasks run in-process unless a test starts a real worker (abramos/tests/test_celery.py).
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    cache.clear()
    # No demo content until a test loads it (load_demo says so itself): the banner's flag is
    # known, as it is on a running site after its first page, so query counts stay exact.
    from abramos import demo

    demo.remember(False)
    # Every test starts in the site language, whatever an earlier test left active (reverse()
    # would otherwise build addresses for the wrong language).
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
    celery_app.conf.task_always_eager = eager
    cache.clear()


def _reroute() -> None:
    """Celery reads task_routes once and keeps the router: make it read them again, or a later
    test would send tasks to this test's private queues, where nobody listens."""
    celery_app.amqp.flush_routes()
    celery_app.amqp.__dict__.pop("router", None)


@pytest.fixture
def celery_worker_process(redis_url, transactional_db, tmp_path):
    """A real Celery worker on Redis, consuming private queues, against the test database.

    Yields the folder where the worker's file e-mail backend writes. The test process sends
    tasks through the broker (not eagerly) while the fixture is active.
    """
    import subprocess
    import sys
    import time
    import uuid

    from django.db import connection

    db = connection.settings_dict
    require_service(
        db["ENGINE"].endswith("postgresql"), "a worker needs PostgreSQL to share the test database"
    )
    suffix = f"-test-{uuid.uuid4().hex[:8]}"
    queues = {name: f"{name}{suffix}" for name in ("default", "mail", "render")}
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": redis_url,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "CELERY_TASK_ALWAYS_EAGER": "0",
        # The worker routes the tasks it starts itself to the same private queues.
        "CELERY_QUEUE_SUFFIX": suffix,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "abramos", "worker", "--pool=solo", "--loglevel=INFO",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-Q", ",".join(queues.values())],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    routes, default_queue = celery_app.conf.task_routes, celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queues["default"]
    celery_app.conf.task_routes = {
        "abramos.mail.tasks.*": {"queue": queues["mail"]},
        "drafts.tasks.render_rendition": {"queue": queues["render"]},
    }
    _reroute()
    try:
        deadline = time.monotonic() + 30
        ready = False
        while time.monotonic() < deadline and worker.poll() is None:
            line = worker.stdout.readline()
            if "ready." in line:
                ready = True
                break
        assert ready, "the Celery worker did not start"
        yield mail_dir
    finally:
        celery_app.conf.task_routes, celery_app.conf.task_default_queue = routes, default_queue
        _reroute()
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
