"""The consultation's Celery tasks with a real worker on Redis (marker `services`)."""

import time

import pytest

from abramos.mail.models import Message
from abramos.mail.tasks import deliver
from consultation import services
from consultation.models import Notification


def _wait(condition, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.services
def test_a_notification_is_sent_by_a_real_worker(celery_worker_process, citizen, consultation):
    mail_dir = celery_worker_process
    notification = services.notification_create(
        user=citizen,
        kind=Notification.Kind.OPENING,
        consultation=consultation,
        url=consultation.version.get_absolute_url(),
    )  # no transaction open (transactional_db): the task goes through Redis at once

    assert _wait(lambda: Notification.objects.get(pk=notification.pk).sent_at is not None)
    message = Message.objects.get(to=citizen.email)
    # The worker queues the mail task on its own (production) route, which the fixture's private
    # queues don't include; the outbox task is sent from here to the worker's private mail queue.
    deliver.delay(message.pk)
    # The file backend creates the file, then writes it: wait for the message, not the file.
    assert _wait(
        lambda: (
            mail_dir.exists()
            and any("ana@example.mx" in path.read_text() for path in mail_dir.iterdir())
        )
    )
    (sent,) = list(mail_dir.iterdir())
    assert "ana@example.mx" in sent.read_text()
