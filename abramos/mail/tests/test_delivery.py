import time

import pytest
from django.core import mail

from abramos.mail.models import Message
from abramos.mail.services import message_queue
from abramos.mail.tasks import deliver, deliver_pending


@pytest.mark.django_db
def test_a_queued_message_is_stored_then_delivered_on_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = message_queue(
            to="ana@example.mx", subject="Hola", body_text="Texto", body_html="<p>Texto</p>"
        )
    message.refresh_from_db()
    assert message.sent_at is not None
    assert message.attempts == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ana@example.mx"]
    assert mail.outbox[0].alternatives[0][1] == "text/html"


@pytest.mark.django_db
def test_delivering_twice_sends_once():
    message = Message.objects.create(to="ana@example.mx", subject="Hola", body_text="Texto")
    assert deliver.apply(args=[message.pk]).get() is True
    assert deliver.apply(args=[message.pk]).get() is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_broker_that_is_down_loses_nothing(django_capture_on_commit_callbacks, monkeypatch):
    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(deliver, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        message = message_queue(to="ana@example.mx", subject="Hola", body_text="Texto")
    assert Message.objects.pending().filter(pk=message.pk).exists()
    assert mail.outbox == []

    monkeypatch.undo()
    assert deliver_pending.apply().get() == 1
    message.refresh_from_db()
    assert message.sent_at is not None
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_an_invalid_address_is_refused_and_nothing_is_stored():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        message_queue(to="no-es-un-correo", subject="Hola", body_text="Texto")
    assert Message.objects.count() == 0


@pytest.mark.services
def test_a_real_worker_delivers_through_redis(celery_worker_process):
    message = message_queue(to="ana@example.mx", subject="Entrega real", body_text="Por Redis")
    # transactional_db: the commit happened, the task is on the broker; wait for the worker.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        message.refresh_from_db()
        if message.sent_at:
            break
        time.sleep(0.2)
    assert message.sent_at is not None, "the worker did not deliver the message"
    written = "".join(path.read_text() for path in celery_worker_process.glob("*.log"))
    assert "Subject: Entrega real" in written
    assert mail.outbox == []  # nothing was sent in-process
