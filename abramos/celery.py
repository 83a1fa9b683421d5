"""The Celery app: Redis broker from REDIS_URL, eager (in-process) without it."""

import logging
import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "abramos.settings")

app = Celery("abramos")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.task_prerun.connect
@signals.task_postrun.connect
def _connections_as_the_web_keeps_them(task=None, **kwargs) -> None:
    """Before and after each task, what Django does before and after each request: a connection
    older than CONN_MAX_AGE or left unusable is closed, and the next query checks it first
    (CONN_HEALTH_CHECKS). With CELERY_DB_REUSE_MAX (settings) Celery's fixup no longer closes it
    around every task. Not for an eager task: it runs inside the caller's request or test."""
    if task is None or getattr(task.request, "is_eager", False):
        return
    from django.db import close_old_connections

    close_old_connections()


@signals.setup_logging.connect
def _log_as_the_web_does(loglevel=None, **kwargs) -> None:
    """Workers and beat write the same lines as the web (settings.LOGGING: JSON with the task's
    id, abramos/logs.py) instead of Celery's own format, at the level `--loglevel` asks."""
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(settings.LOGGING)
    if loglevel:
        logging.getLogger().setLevel(loglevel)
