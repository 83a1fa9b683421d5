"""The Celery app: Redis broker from REDIS_URL, eager (in-process) without it."""

import logging
import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "abramos.settings")

app = Celery("abramos")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.setup_logging.connect
def _log_as_the_web_does(loglevel=None, **kwargs) -> None:
    """Workers and beat write the same lines as the web (settings.LOGGING: JSON with the task's
    id, abramos/logs.py) instead of Celery's own format, at the level `--loglevel` asks."""
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(settings.LOGGING)
    if loglevel:
        logging.getLogger().setLevel(loglevel)
