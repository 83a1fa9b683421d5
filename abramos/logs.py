"""Log lines as JSON, one object per line, carrying the id of the request (or the Celery task)
they were written for.

Every request gets an id (abramos.middleware.RequestIdMiddleware: the one HAProxy sends in
`X-Request-ID`, or a new one), which the response carries back in `X-Request-ID` and the 500 page
shows, so a person reporting a problem can quote it and we can find its lines:

    {"time": "2025-03-01T18:04:05.123Z", "level": "ERROR", "logger": "django.request",
     "message": "Internal Server Error: /borradores/3/", "request_id": "9f1c…",
     "exception": "Traceback (most recent call last): …"}

(one line in the log; wrapped here). A line written inside a Celery task carries its `task_id`.
`LOG_FORMAT=text` (the default with DEBUG on, for `make run`) writes plain lines instead.
"""

from __future__ import annotations

import datetime
import json
import logging
from contextvars import ContextVar

# The id of the request being served in this thread, for the log lines written while it is.
request_id: ContextVar[str] = ContextVar("request_id", default="")


def request_finished(**kwargs) -> None:
    """The response went out (Django's request_finished, connected in AbramosConfig.ready):
    what this thread logs next belongs to no request until the next one begins."""
    request_id.set("")


def _task_id() -> str:
    # Imported here: a log line written before Celery is imported must not import it.
    from celery import current_task

    if not current_task:  # outside a task (a proxy to None)
        return ""
    return current_task.request.id or ""


def _utc(created: float) -> str:
    moment = datetime.datetime.fromtimestamp(created, tz=datetime.UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time (ISO 8601, UTC), level, logger, message, and when known
    request_id, task_id, exception; a record logged with `extra={"fields": {...}}` adds those
    (gunicorn's access log does)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": _utc(record.created),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request_id", "") or request_id.get()
        if request:
            entry["request_id"] = request
        task = _task_id()
        if task:
            entry["task_id"] = task
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry.update((key, value) for key, value in fields.items() if key not in entry)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        # json.dumps escapes every line break: one record is always one line.
        return json.dumps(entry, ensure_ascii=False, default=str)
