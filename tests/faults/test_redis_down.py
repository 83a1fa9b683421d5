"""Redis (the cache and the Celery broker) stopped while people comment: every comment is saved,
pages are served, notifications and mail wait in the database, and once Redis is back a worker
and the periodic sweeps deliver each of them exactly once."""

import time

import pytest
from django.urls import reverse

from abramos.accounts.tests.test_views_signup import signup_data
from abramos.mail.models import Message
from abramos.mail.tasks import deliver_pending as mail_sweep
from consultation.models import Comment, Notification
from consultation.tasks import deliver_pending as notification_sweep
from consultation.tests.conftest import make_user
from tests.faults.conftest import wait_until

pytestmark = pytest.mark.services

REPLIES = 5
PUBLIC_PAGES = ["/", "/borradores/", "/consulta/", "/transparencia/", "/politica-nacional/"]


def _sent_files(fault_dir) -> list[str]:
    """Each e-mail the worker's file backend wrote (it may put several in one file)."""
    folder = fault_dir / "mail"
    text = "".join(p.read_text() for p in sorted(folder.iterdir())) if folder.exists() else ""
    return [part for part in text.split("-" * 79 + "\n") if part.strip()]


def test_comments_pages_and_notifications_survive_redis_being_down(
    client, portal_on_private_redis, start_worker, fault_dir, citizen, consultation
):
    redis = portal_on_private_redis
    version = consultation.version
    section = version.sections.order_by("order").first()
    pages = [*PUBLIC_PAGES, version.get_absolute_url()]
    for url in pages:  # the cache is in use before it goes away
        assert client.get(url).status_code == 200, url
    repliers = [
        make_user(f"persona{i}@example.mx", display_name=f"Persona {i}") for i in range(REPLIES)
    ]

    redis.stop()
    started = time.monotonic()
    client.force_login(citizen)
    response = client.post(
        reverse("consultation:comment-create", args=[version.number]),
        {"body": "Falta un glosario.", "section": section.anchor, "client_token": "raiz"},
    )
    assert response.status_code == 302
    root = Comment.objects.get(author=citizen, client_token="raiz")
    for number, person in enumerate(repliers):
        client.force_login(person)
        response = client.post(
            reverse("consultation:comment-reply", args=[root.pk]),
            {"body": f"De acuerdo ({number}).", "client_token": f"respuesta-{number}"},
        )
        assert response.status_code == 302, response.content.decode()[:500]
    client.logout()
    # Someone signs up: the confirmation e-mail waits in the outbox.
    response = client.post("/cuenta/signup/", signup_data(email="nueva@example.org"))
    assert response.status_code == 302
    for url in pages:
        assert client.get(url).status_code == 200, url
    seconds = time.monotonic() - started

    assert Comment.objects.filter(parent=root).count() == REPLIES
    assert sorted(Comment.objects.filter(parent=root).values_list("client_token", flat=True)) == [
        f"respuesta-{number}" for number in range(REPLIES)
    ]
    pending = Notification.objects.filter(user=citizen, sent_at__isnull=True)
    assert pending.count() == REPLIES
    assert list(Message.objects.pending().values_list("to", flat=True)) == ["nueva@example.org"]
    assert _sent_files(fault_dir) == []
    # A broker that refuses connections costs little: no request waited for it.
    assert seconds < 30, f"{seconds:.1f} s for {REPLIES + 2 + 2 * len(pages)} requests"

    redis.start()
    worker = start_worker()
    # What Celery beat does every few minutes.
    notification_sweep.delay()
    mail_sweep.delay()
    assert wait_until(lambda: not pending.exists(), 60), worker.output
    assert wait_until(lambda: len(_sent_files(fault_dir)) == REPLIES + 1, 60), worker.output
    assert not Message.objects.pending().exists()

    # The sweeps run again (the next beat tick): nothing is sent twice.
    done = worker.output.count("succeeded")
    notification_sweep.delay()
    mail_sweep.delay()
    assert wait_until(lambda: worker.output.count("succeeded") >= done + 2), worker.output
    time.sleep(1)
    sent = _sent_files(fault_dir)
    assert len(sent) == REPLIES + 1
    assert sum("To: ana@example.mx" in text for text in sent) == REPLIES
    assert sum("To: nueva@example.org" in text for text in sent) == 1
    assert Message.objects.filter(to=citizen.email).count() == REPLIES
    assert all(m.attempts == 1 for m in Message.objects.all())
