"""A Celery worker keeps its database connection between tasks, as a web process keeps it
between requests (abramos/celery.py, settings.CELERY_DB_REUSE_MAX), and still drops one that is
too old or broken."""

import time

import pytest
from celery import signals
from celery.fixups.django import DjangoWorkerFixup
from django.db import connection

from abramos.celery import app

pytestmark = pytest.mark.django_db(transaction=True)


def _run_around_a_task(task) -> None:
    """What a worker does around a task: the fixup's handlers and the task signals."""
    fixup = DjangoWorkerFixup(app)
    fixup.on_task_prerun(sender=task)
    signals.task_prerun.send(sender=task, task_id="t", task=task, args=(), kwargs={})
    signals.task_postrun.send(sender=task, task_id="t", task=task, args=(), kwargs={})
    fixup.on_task_postrun(sender=task)


def _a_task():
    from abramos.mail.tasks import deliver_pending as task

    assert task.request.is_eager is False  # as in a worker
    return task


@pytest.fixture
def closes(monkeypatch):
    """How many times the connection was closed (SQLite's in-memory test database ignores a
    close, so the calls are counted rather than the connection looked at)."""
    calls = []
    close = connection.close

    def counted():
        calls.append(1)
        close()

    monkeypatch.setattr(connection, "close", counted)
    return calls


def test_the_connection_is_kept_between_tasks(closes, settings):
    connection.ensure_connection()
    before = connection.connection
    # Younger than CONN_MAX_AGE (the test database's connection may be older than the suite's
    # first minute).
    connection.close_at = time.monotonic() + settings.DATABASES["default"]["CONN_MAX_AGE"]
    for _ in range(3):
        _run_around_a_task(_a_task())
    assert closes == []
    assert connection.connection is before


def test_a_connection_past_conn_max_age_is_closed_before_the_next_task(closes):
    connection.ensure_connection()
    connection.close_at = time.monotonic() - 1
    _run_around_a_task(_a_task())
    assert closes
    connection.ensure_connection()  # the next query opens a new one
    assert connection.connection is not None


def test_an_eager_task_leaves_its_caller_connection_alone(closes):
    connection.ensure_connection()
    before = connection.connection
    connection.close_at = time.monotonic() - 1
    task = _a_task()
    task.push_request(is_eager=True)
    try:
        signals.task_prerun.send(sender=task, task_id="t", task=task, args=(), kwargs={})
    finally:
        task.pop_request()
    assert closes == []
    assert connection.connection is before
