"""Fixtures shared by every app's tests."""

import os
import shutil

import pytest
from django.core.cache import cache

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
def _test_settings(settings):
    # Plain static storage: the manifest only exists after collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tasks run in-process unless a test starts a real worker (abramos/tests/test_celery.py).
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    cache.clear()
    yield
    celery_app.conf.task_always_eager = eager
    cache.clear()
