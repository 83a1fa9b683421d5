"""The Celery app: Redis broker from REDIS_URL, eager (in-process) without it."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "abramos.settings")

app = Celery("abramos")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
