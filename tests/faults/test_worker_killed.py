"""A Celery worker killed (SIGKILL) in the middle of a task: the task runs again and completes
once. No duplicate e-mail, one rendered file.

Two ways a worker dies, two ways the task comes back:
- the whole worker process is killed (OOM, a lost machine): the message it had taken stays
  unacknowledged in Redis (CELERY_TASK_ACKS_LATE) and the next worker hands it out again once the
  visibility timeout has passed (CELERY_VISIBILITY_TIMEOUT; 2 s here, an hour in production);
- only the pool process running the task is killed: the worker that survives puts the task back
  in the queue at once (CELERY_TASK_REJECT_ON_WORKER_LOST) and runs it again.
"""

import hashlib
from pathlib import Path

import pytest

from abramos.mail.models import Message
from abramos.mail.tasks import deliver, deliver_pending
from consultation.tests.conftest import PNDA
from drafts.models import Rendition
from drafts.tests.conftest import publish
from tests.faults.conftest import wait_until

pytestmark = pytest.mark.services


def _paused_pid(fault_dir: Path) -> int:
    marker = fault_dir / "paused"
    assert wait_until(lambda: marker.exists() and marker.read_text().strip(), 60)
    return int(marker.read_text())


def _sent_files(fault_dir) -> list[str]:
    """Each e-mail the worker's file backend wrote (it may put several in one file)."""
    folder = fault_dir / "mail"
    text = "".join(p.read_text() for p in sorted(folder.iterdir())) if folder.exists() else ""
    return [part for part in text.split("-" * 79 + "\n") if part.strip()]


def test_mail_whose_worker_was_killed_while_sending_is_sent_once_by_the_next_worker(
    portal_on_private_redis, start_worker, fault_dir
):
    redis = portal_on_private_redis.client()
    first = start_worker(pause="mail")
    message = Message.objects.create(
        to="ana@example.mx", subject="Entrega interrumpida", body_text="Texto"
    )
    task_id = deliver.delay(message.pk).id

    # The worker took the task and is inside the e-mail backend: kill it there.
    assert _paused_pid(fault_dir) == first.process.pid, first.output  # solo pool: in the worker
    first.kill()
    message.refresh_from_db()
    assert message.sent_at is None
    assert message.attempts == 0  # its transaction died with it
    assert _sent_files(fault_dir) == []
    # Acknowledged late: the message is still in Redis, taken but not acknowledged.
    assert redis.hlen("unacked") == 1

    second = start_worker()
    assert wait_until(lambda: Message.objects.get(pk=message.pk).sent_at is not None), second.output
    assert second.wait_for(f"Task abramos.mail.tasks.deliver[{task_id}] received"), second.output
    message.refresh_from_db()
    assert message.attempts == 1
    assert redis.hlen("unacked") == 0

    # Delivered again on purpose (a sweep, a duplicate in the queue): still sent once.
    deliver.delay(message.pk)
    deliver_pending.delay()
    assert wait_until(lambda: second.output.count("succeeded") >= 3), second.output
    (sent,) = _sent_files(fault_dir)
    assert "Subject: Entrega interrumpida" in sent
    message.refresh_from_db()
    assert message.attempts == 1


def test_a_pdf_whose_pool_process_was_killed_is_rendered_again_at_once_and_stored_once(
    portal_on_private_redis, start_worker, fault_dir, tech_user, settings
):
    # A visibility timeout longer than the test: the only way back is the requeue on worker lost.
    worker = start_worker(pool="prefork", pause="pdf", visibility_timeout=600)
    version = publish(tech_user, PNDA, "Borrador para consulta")  # commits: tasks go to Redis
    pdf = Rendition.objects.get(version=version, format="pdf")

    child = _paused_pid(fault_dir)
    assert child != worker.process.pid  # the pool process, not the worker
    import os
    import signal

    os.kill(child, signal.SIGKILL)
    assert wait_until(lambda: Rendition.objects.get(pk=pdf.pk).is_ready, 60), worker.output
    assert "WorkerLostError" in worker.output
    assert worker.process.poll() is None  # the worker itself lived on

    pdf.refresh_from_db()
    assert pdf.attempts == 2  # the killed attempt counts (drafts/tasks.py MAX_ATTEMPTS)
    files = sorted(Path(settings.MEDIA_ROOT).rglob("*.pdf"))
    assert files == [Path(pdf.file.path)]
    content = files[0].read_bytes()
    assert content.startswith(b"%PDF-")
    assert pdf.sha256 == hashlib.sha256(content).hexdigest()
    assert Rendition.objects.filter(version=version, format="pdf").count() == 1


def test_a_pdf_whose_whole_worker_was_killed_is_rendered_by_the_next_worker_within_a_minute(
    portal_on_private_redis, start_worker, fault_dir, tech_user, settings
):
    # As in production: the task's message would come back only after an hour.
    first = start_worker(pause="pdf", visibility_timeout=3600)
    version = publish(tech_user, PNDA, "Borrador para consulta")
    pdf = Rendition.objects.get(version=version, format="pdf")
    assert _paused_pid(fault_dir) == first.process.pid, first.output
    first.kill()
    pdf.refresh_from_db()
    assert pdf.status == Rendition.Status.PENDING

    import time

    started = time.monotonic()
    second = start_worker(visibility_timeout=3600)
    assert wait_until(lambda: Rendition.objects.get(pk=pdf.pk).is_ready, 60), second.output
    assert time.monotonic() - started < 60
    pdf.refresh_from_db()
    assert pdf.attempts == 2  # the killed attempt counts; the file is made once
    files = sorted(Path(settings.MEDIA_ROOT).rglob("*.pdf"))
    assert files == [Path(pdf.file.path)]
    assert pdf.sha256 == hashlib.sha256(files[0].read_bytes()).hexdigest()


def test_a_worker_moves_on_from_an_smtp_server_that_hangs_and_retries_the_message_later(
    portal_on_private_redis, start_worker
):
    from tests.hanging_smtp import HangingSMTPServer

    server = HangingSMTPServer()
    try:
        worker = start_worker(
            environment={
                "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(server.port),
                "EMAIL_USE_TLS": "0",
                "EMAIL_TIMEOUT": "2",
            }
        )
        message = Message.objects.create(to="ana@example.mx", subject="Hola", body_text="Texto")
        deliver.delay(message.pk)
        # The worker is free again: the next task runs while the message waits for its retry.
        deliver_pending.delay()
        assert worker.wait_for("deliver_pending", 30), worker.output
        assert wait_until(lambda: Message.objects.get(pk=message.pk).attempts >= 1, 30)
        assert worker.wait_for("Retry in 60s", 30), worker.output
        message.refresh_from_db()
        assert message.sent_at is None
        assert "timed out" in message.last_error
        assert server.accepted >= 1
    finally:
        server.close()
