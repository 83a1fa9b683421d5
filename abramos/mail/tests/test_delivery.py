import smtplib
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


@pytest.mark.django_db
def test_an_smtp_server_that_hangs_holds_a_delivery_only_until_the_timeout(settings):
    from tests.hanging_smtp import HangingSMTPServer

    server = HangingSMTPServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 1
    message = Message.objects.create(to="ana@example.mx", subject="Hola", body_text="Texto")
    try:
        started = time.monotonic()
        with pytest.raises((TimeoutError, smtplib.SMTPServerDisconnected)):
            deliver.run(message.pk)  # called directly: the error a worker would retry on
        waited = time.monotonic() - started
    finally:
        server.close()
    assert server.accepted == 1
    assert waited < 10  # the timeout, not for ever (a worker's hard limit is 90 s)
    message.refresh_from_db()
    assert message.sent_at is None and message.attempts == 1
    assert "timed out" in message.last_error
    # Stored as pending: retried by the task (in 60 s) and by the sweep, never lost.
    assert Message.objects.pending().filter(pk=message.pk).exists()


def test_the_mail_and_render_tasks_have_time_limits():
    from consultation.tasks import render_report_pdf
    from drafts.tasks import render_rendition

    for task in (deliver, render_rendition, render_report_pdf):
        assert 0 < task.soft_time_limit < task.time_limit, task.name
