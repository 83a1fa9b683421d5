"""Settings for the Abramos México portal.

One module, configured by environment variables (see `.env.example`). With nothing set it runs on
the embedded default: SQLite in the project folder, a local-memory cache, e-mail on the console
and Celery in eager mode. `DATABASE_URL`, `REDIS_URL`, `SECRET_KEY`, `ALLOWED_HOSTS` and an https
`SITE_ROOT` turn it into the production shape.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


# A value the helpers do not understand stops the start (ImproperlyConfigured), as healthchecks
# does: `DEBUG=ture` or `EMAIL_TIMEOUT=10s` must not quietly mean "off" or crash later.
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if value == "":
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={os.environ[name]!r} is not a yes or no: use one of {', '.join(_TRUE + _FALSE)}."
    )


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    if value == "":
        return default
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a number of seconds.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_networks(name: str, default: str = "") -> list[str]:
    """Comma-separated networks (`10.0.0.0/8`, a single address is its own network)."""
    networks = []
    for item in env_list(name, default):
        try:
            networks.append(str(ipaddress.ip_network(item, strict=False)))
        except ValueError:
            raise ImproperlyConfigured(
                f"{name}: {item!r} is not a network such as 10.0.0.0/8."
            ) from None
    return networks


DEBUG = env_bool("DEBUG", False)
# Sessions, password-reset links and the page cache's keys are signed with this key. A developer
# (DEBUG on) gets a fixed one; with DEBUG off the portal refuses to start without a real one,
# rather than sign everything with a key that this file publishes.
_DEVELOPMENT_KEY = "django-insecure-abramos-embedded-default-not-for-production"
SECRET_KEY = env("SECRET_KEY") or (_DEVELOPMENT_KEY if DEBUG else "")
if not DEBUG and (
    len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure")
):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to 50 or more random characters when DEBUG is off, for example "
        "with: python -c 'import secrets; print(secrets.token_urlsafe(50))'. For development, "
        "set DEBUG=1 (make run does)."
    )
SITE_ROOT = env("SITE_ROOT", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = "Abramos México"
CONTACT_EMAIL = env("CONTACT_EMAIL", "abramosmexico@inai.org.mx")
# Who answers for the process on /contacto/: the person the strategy names (seeds, its last page).
CONTACT_PERSON = env("CONTACT_PERSON", "Adrián Alcalá Méndez")
CONTACT_PERSON_ROLE = env("CONTACT_PERSON_ROLE", "Comisionado del INAI")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", SITE_ROOT)

INSTALLED_APPS = [
    # Prometheus metrics: request counts and latency, database queries (abramos/metrics.py).
    "django_prometheus",
    # Before the admin, as its documentation asks: it patches the translated models' admin forms.
    "modeltranslation",
    "abramos.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "simple_history",
    "abramos.apps.AbramosConfig",
    "abramos.accounts",
    "abramos.mail",
    "abramos.search",
    "strategy",
    "drafts",
    "consultation",
    "transparency",
]

MIDDLEWARE = [
    # First and last, as django-prometheus asks: the time of the whole request, and its view and
    # status. A page the page cache serves never reaches the last one: it is counted by
    # abramos_page_cache_requests_total (abramos/metrics.py).
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # Outside the page cache and the shared pages: every response carries its request's id.
    "abramos.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "abramos.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After whitenoise (static files come pre-compressed) and before anything that renders:
    # pages not served from the page cache go out gzipped, padded against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # In the visitor's language (after LocaleMiddleware), before anything reads the address.
    "abramos.middleware.RejectNullCharactersMiddleware",
    # Anonymous reads from the cache (abramos/cache.py): after LocaleMiddleware (the language is
    # part of the key), before CSRF, authentication and messages (a hit needs none of them).
    "abramos.cache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the signed-in person read from the cache while their row is unchanged.
    "abramos.accounts.signed_in.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Signed-in readers of the version page: one rendering per kind of reader, made personal
    # per request (abramos/reader_pages.py). After everything that knows the person.
    "abramos.reader_pages.ReaderPageMiddleware",
    # Inside the page cache and the shared renderings, so that a kept page keeps its notice:
    # says when a page in English shows some process content in Spanish because nobody has
    # translated it yet.
    "abramos.i18n.UntranslatedNoticeMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "abramos.urls"
WSGI_APPLICATION = "abramos.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # `mxn` and `iso` in every template, includes too.
            "builtins": ["abramos.templatetags.abramos"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "abramos.context_processors.site",
                "abramos.context_processors.shared_page_tokens",
            ],
        },
    },
]

# Database: SQLite in the project folder unless DATABASE_URL names another (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# The same backends wrapped by django-prometheus: queries, their time and errors per database,
# a few microseconds a query (cached pages make none).
_INSTRUMENTED = {
    "django.db.backends.postgresql": "django_prometheus.db.backends.postgresql",
    "django.db.backends.sqlite3": "django_prometheus.db.backends.sqlite3",
}
DATABASES["default"]["ENGINE"] = _INSTRUMENTED.get(
    DATABASES["default"]["ENGINE"], DATABASES["default"]["ENGINE"]
)
# PostgreSQL plans a statement once per connection, not once per query: parameters bound on the
# server, and psycopg prepares a statement the fifth time the connection runs it. Django leaves
# both off because a pooler in transaction mode (PgBouncer) loses prepared statements; this
# deployment connects straight to PostgreSQL. Set DATABASE_PREPARED=0 behind such a pooler.
# In the soak, PostgreSQL's planning went from 4.8 s to 0.3 s a minute, its CPU down by a
# quarter (bench/RESULTS.md).
if DATABASES["default"]["ENGINE"].endswith("postgresql") and env_bool("DATABASE_PREPARED", True):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and broker: Redis when REDIS_URL is set; otherwise a local-memory cache and eager Celery.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    _REDIS_CACHE = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "abramos",
        # A Redis that hangs (rather than refusing) must not hang the request with it.
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 2},
    }
    CACHES = {
        # Rendered comments and panels, the report's pending flag: nothing that cannot be
        # computed again, so a Redis that is down answers a miss (logged) and never fails a page.
        "default": {
            **_REDIS_CACHE,
            "OPTIONS": {**_REDIS_CACHE["OPTIONS"], "IGNORE_EXCEPTIONS": True},
        },
        # The page cache (abramos/cache.py) on the same Redis, told when Redis does not answer:
        # it then renders at once instead of waiting for a lock or a page that cannot come.
        "pages": _REDIS_CACHE,
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "abramos.cache"
else:
    # One local-memory store (the same LOCATION) under both names, as one Redis would be.
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
# The counts of the limits that protect accounts and forms (failed log-ins, second-factor codes,
# password resets, contact messages): in the database, so they hold while Redis is down and are
# the same on every web node (abramos/limits.py).
CACHES["limits"] = {"BACKEND": "abramos.limits.LimitStore", "KEY_PREFIX": "abramos"}

# Whole anonymous pages live this long in the cache at most (abramos/cache.py); every committed
# change to public content invalidates them sooner. 0 turns the page cache off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)
# Under a stream of changes a kept page is rendered again at most once in this many seconds (a
# change shows within it): abramos/cache.py.
PAGE_REFRESH_SECONDS = env_float("PAGE_REFRESH_SECONDS", 0.5)

CELERY_BROKER_URL = env("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 3,
    "socket_timeout": 5,
    # With late acks, a task whose worker died (killed, OOM, machine lost) stays "unacked" in
    # Redis and is handed out again once this many seconds have passed since it was taken: longer
    # than the slowest task (a PDF), or a slow task would also run twice (harmlessly: tasks are
    # idempotent). A worker that starts also restores what is past it (tests/faults/).
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
}
# A task is acknowledged when it has finished, not when it was received: a worker killed in the
# middle leaves it to run again (tasks are idempotent: a sent e-mail is never sent twice).
CELERY_TASK_ACKS_LATE = True
# ... and when only a pool process dies (SIGKILL, OOM) its task goes back to the queue at once.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A worker keeps its database connection as a web process does (CONN_MAX_AGE, checked before
# use: abramos/celery.py). Celery's Django fixup otherwise closes it before and after every task,
# and each notification paid for a new PostgreSQL connection (a server process forked for it).
CELERY_DB_REUSE_MAX = 1000
CELERY_TIMEZONE = "America/Mexico_City"
# Separate queues so a wave of mail never delays a PDF or a report (the Procfile's worker
# consumes them all: `-Q default,mail,render`; bigger sites run a worker per queue).
# CELERY_QUEUE_SUFFIX keeps two environments (or a test run) that share a Redis apart.
_QUEUE_SUFFIX = env("CELERY_QUEUE_SUFFIX")
CELERY_TASK_DEFAULT_QUEUE = "default" + _QUEUE_SUFFIX
CELERY_TASK_ROUTES = {
    "abramos.mail.tasks.*": {"queue": "mail" + _QUEUE_SUFFIX},
    "drafts.tasks.render_rendition": {"queue": "render" + _QUEUE_SUFFIX},
    "consultation.tasks.render_report_pdf": {"queue": "render" + _QUEUE_SUFFIX},
}
CELERY_BEAT_SCHEDULE = {
    # Messages stored while the broker was down are delivered once it is back.
    "deliver-pending-mail": {"task": "abramos.mail.tasks.deliver_pending", "schedule": 300.0},
    # Renditions left pending (broker down at publication, a worker killed while rendering) are
    # rendered again within a minute; a worker that starts does it at once (drafts/tasks.py).
    "render-pending": {"task": "drafts.tasks.render_pending", "schedule": 60.0},
    # Notifications stored while the broker was down, digests and the opening/closing reminders.
    "notifications-deliver-pending": {
        "task": "consultation.tasks.deliver_pending",
        "schedule": 300.0,
    },
    # Expired counts of the limits on log-ins and forms (abramos/limits.py).
    "limits-purge-expired": {
        "task": "abramos.accounts.tasks.purge_expired_limits",
        "schedule": 3600.0,
    },
    # Daily digests at 08:00 (CELERY_TIMEZONE: Mexico City).
    "notifications-daily-digests": {
        "task": "consultation.tasks.deliver_digests",
        "schedule": crontab(hour=8, minute=0),
    },
    # Opening and closing (7 days, 1 day) reminders, each created once per person.
    "notifications-reminders": {"task": "consultation.tasks.send_reminders", "schedule": 3600.0},
    # New versions published while the broker was down (the post_save hook normally does it).
    "notifications-new-versions": {
        "task": "consultation.tasks.notify_recent_versions",
        "schedule": 3600.0,
    },
}
# At most this many comments (and replies) per person in this many seconds.
CONSULTATION_RATE_LIMIT = (
    env_int("CONSULTATION_RATE_COUNT", 10),
    env_int("CONSULTATION_RATE_SECONDS", 600),
)
# At most this many contact messages from one address in this many seconds.
CONTACT_RATE_LIMIT = (env_int("CONTACT_RATE_COUNT", 5), env_int("CONTACT_RATE_SECONDS", 3600))
# Who publishes the open data (DCAT `publisher`, Data Package `contributors`).
OPENDATA_PUBLISHER = env(
    "OPENDATA_PUBLISHER", "Grupo Técnico de la Política Nacional de Datos Abiertos"
)

# Accounts
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:my-data"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "abramos.accounts.forms.SignupForm"
ACCOUNT_ADAPTER = "abramos.accounts.adapter.AccountAdapter"
ACCOUNT_LOGOUT_REDIRECT_URL = "strategy:home"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Abramos México] "
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_SESSION_REMEMBER = None
# Two-factor authentication (an authenticator app and recovery codes): required for the staff who
# can change the policy or answer comments (abramos/mfa.py), available to everyone.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Abramos México"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_ROOT.startswith("https://") else "http"
# allauth's rate limits stay on (its defaults): sign-up, log-in, password reset, confirmations.

# E-mail: on the console unless an SMTP host is configured.
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if env("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(BASE_DIR / "sent-mail"))
# Seconds an SMTP server may take to answer: one that accepts and then hangs must not hold a mail
# worker (and the message's row lock) for ever; the message is retried later (abramos/mail/tasks.py).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Abramos México <no-responder@abramosmexico.mx>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Grupo Técnico", addr) for addr in env_list("ADMINS")]

# Internationalisation: Spanish (Mexico) at the root, English under /en/.
LANGUAGE_CODE = "es-mx"
LANGUAGES = [("es-mx", _("Spanish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One way of writing dates per language (abramos/formats/).
FORMAT_MODULE_PATH = ["abramos.formats"]
TIME_ZONE = "America/Mexico_City"
USE_I18N = True
# The process content (stages, activities, documents, groups, tables, the approval's texts) has a
# field per language (`name_es_mx`, `name_en`, registered in each app's `translation.py`); staff
# fill both in the admin. Spanish is the one every record has; an English field left empty shows
# the Spanish, and the page says so (abramos/i18n.py).
MODELTRANSLATION_DEFAULT_LANGUAGE = "es-mx"
MODELTRANSLATION_LANGUAGES = ("es-mx", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("es-mx",), "es-mx": ("en",)}
USE_TZ = True

# Static and uploaded files: whitenoise serves compressed files with hashed names.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# More than one machine: uploads and renditions in an S3-compatible bucket that every node reads
# (django-storages). The bucket stays private: files reach people only through the portal's
# download views (abramos/uploads.py), never through a bucket address.
MEDIA_BUCKET = env("MEDIA_BUCKET")
if MEDIA_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_BUCKET,
            "endpoint_url": env("MEDIA_BUCKET_ENDPOINT") or None,  # None: Amazon S3 itself
            "region_name": env("MEDIA_BUCKET_REGION") or None,
            "access_key": env("MEDIA_BUCKET_ACCESS_KEY") or None,  # None: the machine's role
            "secret_key": env("MEDIA_BUCKET_SECRET_KEY") or None,
            "location": env("MEDIA_BUCKET_PREFIX"),
            "default_acl": "private",
            # Two uploads with one name keep both, as on the file system, instead of the second
            # silently replacing the first.
            "file_overwrite": False,
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# `manage.py backup` (make backup) writes each backup into a folder of its own in here, named by
# its UTC time (abramos/backups/).
BACKUP_DIR = Path(env("BACKUP_DIR", str(BASE_DIR / "backups")))

# Security. Production is the site behind https: secure cookies, HSTS and the redirect follow.
HTTPS = SITE_ROOT.startswith("https://")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
# How many proxies of ours (HAProxy) stand in front of gunicorn: the client's address is read
# from X-Forwarded-For that many entries from the end (abramos/http.py); 0 ignores the header.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = HTTPS
# Sessions are written to the database and read from the cache first (Redis in production), a
# copy kept five minutes at most (abramos/sessions.py): a signed-in page costs one query less,
# and with Redis down they are read from the database.
SESSION_ENGINE = "abramos.sessions"
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# The site's own page, in the visitor's language, when a form's token is missing or old.
CSRF_FAILURE_VIEW = "abramos.views.csrf_failure"
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Metrics for Prometheus at /metricas/ (abramos/metrics.py): from these networks (the client's
# address as TRUSTED_PROXY_COUNT reads it), or for someone the admin lets in; a 404 for anyone
# else.
METRICS_ALLOWED_NETWORKS = env_networks("METRICS_ALLOWED_NETWORKS", "127.0.0.1/32,::1/128")
# django-prometheus's latency histograms (requests, queries), in seconds: from a cached page
# (about a millisecond) to a slow report; its default starts at 10 ms.
PROMETHEUS_LATENCY_BUCKETS = (
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
    float("inf"),
)  # fmt: skip

# Logs on stderr. JSON, one object per line with the request's id (abramos/logs.py), for the
# machines that collect them; plain text by default on a developer's machine (DEBUG on), where a
# person reads them in the terminal.
LOG_FORMAT = env("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r}: use json or text.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "abramos.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
