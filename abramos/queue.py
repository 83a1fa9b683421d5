"""Start a Celery task once the current transaction commits, without ever failing the request.

What the task works on is already stored (a message, a rendition marked pending), so a broker
that is down, or a task that fails when Celery runs in-process (eager mode), is logged and left
for the periodic sweep (Celery beat) to pick up again: the user's action has already succeeded.
"""

import logging
from functools import partial

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, *args) -> None:
    transaction.on_commit(partial(enqueue, task, *args))


def enqueue(task, *args, countdown: float | None = None) -> None:
    """Start `task` now (or in `countdown` seconds), logging instead of failing."""
    try:
        if countdown is None:
            task.delay(*args)
        else:
            task.apply_async(args, countdown=countdown)
    except Exception:  # broker errors, or the task's own failure when eager
        logger.exception("could not run %s%r now; the periodic sweep will retry", task.name, args)
