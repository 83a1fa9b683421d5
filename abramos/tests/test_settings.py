"""The settings module: embedded defaults, and the production shape passing `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({"
    "'engine': settings.DATABASES['default']['ENGINE'],"
    "'name': str(settings.DATABASES['default']['NAME']),"
    "'cache': settings.CACHES['default']['BACKEND'],"
    "'eager': settings.CELERY_TASK_ALWAYS_EAGER,"
    "'broker': settings.CELERY_BROKER_URL,"
    "'email': settings.EMAIL_BACKEND,"
    "'debug': settings.DEBUG,"
    "'tz': settings.TIME_ZONE,"
    "'lang': settings.LANGUAGE_CODE,"
    "'languages': [code for code, _ in settings.LANGUAGES],"
    "'hsts': settings.SECURE_HSTS_SECONDS,"
    "'secure_cookies': settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE,"
    "'site_root': settings.SITE_ROOT,"
    "'log_format': settings.LOGGING['handlers']['console']['formatter'],"
    "'metrics_networks': settings.METRICS_ALLOWED_NETWORKS,"
    "'db_options': settings.DATABASES['default'].get('OPTIONS', {}),"
    "}))"
)
_VARIABLES = (
    "DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "SITE_ROOT",
    "EMAIL_HOST", "EMAIL_BACKEND", "CELERY_BROKER_URL", "CELERY_TASK_ALWAYS_EAGER", "CI",
    "DJANGO_ALLOW_ASYNC_UNSAFE", "LOG_FORMAT", "METRICS_ALLOWED_NETWORKS", "PROMETHEUS_MULTIPROC_DIR",
    "DATABASE_PREPARED",
)  # fmt: skip


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in _VARIABLES}
    clean.update(env, DJANGO_SETTINGS_MODULE="abramos.settings")
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def _settings(**env: str) -> dict:
    import json

    result = _run(["-c", _PROBE], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


KEY = "k3y-" + "x9!Qz" * 12  # a key as production has one: long and varied


def test_defaults_are_the_embedded_portal():
    conf = _settings(SECRET_KEY=KEY)
    # Django's SQLite backend, wrapped by django-prometheus to count the queries.
    assert conf["engine"] == "django_prometheus.db.backends.sqlite3"
    assert conf["name"] == str(ROOT / "db.sqlite3")
    assert conf["cache"].endswith("LocMemCache")
    assert conf["eager"] is True
    assert conf["broker"] == "memory://"
    assert conf["email"].endswith("console.EmailBackend")
    assert conf["debug"] is False
    assert conf["tz"] == "America/Mexico_City"
    assert conf["lang"] == "es-mx"
    assert conf["languages"] == ["es-mx", "en"]
    assert conf["hsts"] == 0
    assert conf["log_format"] == "json"
    assert conf["metrics_networks"] == ["127.0.0.1/32", "::1/128"]


def test_environment_turns_on_postgresql_redis_and_smtp():
    conf = _settings(
        DATABASE_URL="postgres://portal:secreto@db.internal:5432/abramos",
        REDIS_URL="redis://cache.internal:6379/1",
        EMAIL_HOST="smtp.internal",
        DEBUG="1",  # and no SECRET_KEY: a developer's machine
    )
    assert conf["engine"] == "django_prometheus.db.backends.postgresql"
    assert conf["name"] == "abramos"
    assert conf["cache"].endswith("RedisCache")
    assert conf["eager"] is False
    assert conf["broker"] == "redis://cache.internal:6379/1"
    assert conf["email"].endswith("smtp.EmailBackend")
    assert conf["debug"] is True
    assert conf["log_format"] == "text"  # a developer reads the terminal
    # Statements planned once per connection (README: DATABASE_PREPARED).
    assert conf["db_options"] == {"server_side_binding": True, "prepare_threshold": 5}


def test_prepared_statements_can_be_turned_off_for_a_pooler():
    url = "postgres://portal:secreto@db.internal:5432/abramos"
    assert _settings(DATABASE_URL=url, DEBUG="1", DATABASE_PREPARED="0")["db_options"] == {}
    assert _settings(SECRET_KEY=KEY)["db_options"] == {}  # SQLite: nothing to prepare


def test_log_format_and_metrics_networks_are_read_from_the_environment():
    conf = _settings(
        SECRET_KEY=KEY, LOG_FORMAT="text", METRICS_ALLOWED_NETWORKS="10.0.0.7/8, 2001:db8::1"
    )
    assert conf["log_format"] == "text"
    assert conf["metrics_networks"] == ["10.0.0.0/8", "2001:db8::1/128"]


@pytest.mark.parametrize(
    ("name", "value"), [("LOG_FORMAT", "xml"), ("METRICS_ALLOWED_NETWORKS", "10.0.0.0/8,intranet")]
)
def test_a_log_format_or_network_the_portal_does_not_understand_stops_the_start(name, value):
    result = _run(["-c", _PROBE], SECRET_KEY=KEY, **{name: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and name in result.stderr


def test_production_settings_pass_check_deploy():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="0",
        SECRET_KEY=KEY,
        SITE_ROOT="https://abramosmexico.mx",
        ALLOWED_HOSTS="abramosmexico.mx",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "key",
    [
        None,
        "",
        "django-insecure-abramos-embedded-default-not-for-production",
        "change-me",
        "x" * 60,
    ],
)
def test_with_debug_off_the_portal_refuses_to_start_without_a_real_key(key):
    env = {
        "DEBUG": "0",
        "SITE_ROOT": "https://abramosmexico.mx",
        "ALLOWED_HOSTS": "abramosmexico.mx",
    }
    if key is not None:
        env["SECRET_KEY"] = key
    for command in (["manage.py", "check", "--deploy"], ["-c", "import abramos.wsgi"]):
        result = _run(command, **env)
        assert result.returncode != 0
        assert "ImproperlyConfigured: SECRET_KEY must be set" in result.stderr


def test_a_developer_needs_no_key():
    assert _run(["manage.py", "check"], DEBUG="1").returncode == 0


def test_production_settings_are_secure():
    conf = _settings(SITE_ROOT="https://abramosmexico.mx", SECRET_KEY=KEY)
    assert conf["hsts"] >= 31536000
    assert conf["secure_cookies"] is True


def test_check_deploy_refuses_a_loopback_site_root_with_debug_off():
    result = _run(
        ["manage.py", "check", "--deploy"],
        DEBUG="0",
        SECRET_KEY=KEY,
        SITE_ROOT="http://127.0.0.1:8000",
        ALLOWED_HOSTS="abramosmexico.mx",
    )
    assert result.returncode != 0
    assert "abramos.E001" in result.stdout + result.stderr


def test_make_run_serves_where_site_root_points():
    makefile = (ROOT / "Makefile").read_text()
    assert "runserver 127.0.0.1:8000" in makefile
    assert _settings(DEBUG="1")["site_root"] == "http://127.0.0.1:8000"
