"""Notifications: stored first, delivered by Celery through the outbox, as each person prefers."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from consultation import services, tasks
from consultation.models import Answer, Notification, NotificationPreference
from consultation.notifications import notify_new_version, reminders_create
from consultation.tests.conftest import make_user
from drafts.tests.conftest import publish

pytestmark = pytest.mark.django_db


def es(msgid: str, plural: str = "", n: int = 1, **values) -> str:
    """The Spanish the mail shows (the catalogue merged from locale/fragments/), so these tests
    hold before and after the merge."""
    with translation.override("es-mx"):
        text = translation.ngettext(msgid, plural, n) if plural else translation.gettext(msgid)
    return text % values if values else text


def _broker_down(*args, **kwargs):
    raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


@pytest.fixture
def commented(citizen, consultation, django_capture_on_commit_callbacks):
    section = consultation.version.sections.get(anchor="objetivos")
    with django_capture_on_commit_callbacks(execute=True):
        return services.comment_create(
            actor=citizen, consultation=consultation, section=section, body="Falta un objetivo."
        )


def _reply(actor, parent, callbacks, body="Estoy de acuerdo."):
    with callbacks(execute=True):
        return services.comment_create(
            actor=actor, consultation=parent.consultation, parent=parent, body=body
        )


def test_a_reply_is_stored_and_mailed_at_once(
    commented, other_citizen, django_capture_on_commit_callbacks
):
    _reply(other_citizen, commented, django_capture_on_commit_callbacks)

    notification = Notification.objects.get(user=commented.author)
    assert notification.kind == Notification.Kind.REPLY
    assert notification.sent_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.mx"]
    assert message.subject == es("%(name)s replied to your comment", name="Beto")
    assert "Estoy de acuerdo." in message.body
    assert "/consulta/avisos/" in message.body  # where to change the preference
    html, kind = message.alternatives[0]
    assert kind == "text/html" and es("Read the reply") in html


def test_a_notification_and_its_mail_take_one_task(
    commented, other_citizen, monkeypatch, django_capture_on_commit_callbacks
):
    from abramos.mail import tasks as mail_tasks
    from abramos.mail.models import Message

    queued = []
    monkeypatch.setattr(mail_tasks.deliver, "delay", lambda *args: queued.append(args))
    monkeypatch.setattr(mail_tasks.deliver, "apply_async", lambda *a, **k: queued.append(a))
    monkeypatch.setattr(tasks.deliver_notification, "delay", lambda pk: None)  # run it below
    _reply(other_citizen, commented, django_capture_on_commit_callbacks)
    notification = Notification.objects.get(user=commented.author)

    # The notification with the person's preference and the reply; the reply's section and
    # author; the e-mail stored; the notification marked sent; then the e-mail read (locked),
    # sent and marked sent. Savepoints and transactions aside.
    with CaptureQueriesContext(connection) as queries:
        assert tasks.deliver_notification(notification.pk) is True
    statements = [q["sql"].split()[0] for q in queries.captured_queries]
    assert [s for s in statements if s in ("SELECT", "INSERT", "UPDATE")] == [
        "SELECT",
        "SELECT",
        "SELECT",
        "INSERT",
        "UPDATE",
        "SELECT",
        "UPDATE",
    ], statements
    assert queued == []  # no second task for the e-mail
    message = Message.objects.get()
    assert message.sent_at is not None and message.attempts == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [commented.author.email]
    notification.refresh_from_db()
    assert notification.sent_at is not None

    assert tasks.deliver_notification(notification.pk) is False  # run twice: sent once
    assert len(mail.outbox) == 1


def test_a_notification_mail_that_fails_stays_pending_for_deliver(
    commented, other_citizen, monkeypatch, django_capture_on_commit_callbacks, settings
):
    from abramos.mail import tasks as mail_tasks
    from abramos.mail.models import Message

    settings.EMAIL_BACKEND = "abramos.mail.tests.failing.Backend"
    later = []
    monkeypatch.setattr(
        mail_tasks.deliver,
        "apply_async",
        lambda args, countdown=None: later.append((args, countdown)),
    )
    monkeypatch.setattr(tasks.deliver_notification, "delay", lambda pk: None)
    _reply(other_citizen, commented, django_capture_on_commit_callbacks)
    notification = Notification.objects.get(user=commented.author)

    assert tasks.deliver_notification(notification.pk) is True
    message = Message.objects.get()
    assert message.sent_at is None and message.attempts == 1
    assert message.last_error.startswith("ConnectionRefusedError")
    assert later == [((message.pk,), mail_tasks.deliver.default_retry_delay)]
    notification.refresh_from_db()
    assert notification.sent_at is not None  # the outbox holds its e-mail: never stored twice

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert mail_tasks.deliver.apply(args=[message.pk]).get() is True
    assert len(mail.outbox) == 1
    assert tasks.deliver_notification(notification.pk) is False
    assert Message.objects.count() == 1


def test_the_reply_succeeds_with_the_broker_down_and_is_mailed_once_it_is_back(
    commented, other_citizen, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(tasks.deliver_notification, "delay", _broker_down)
    reply = _reply(other_citizen, commented, django_capture_on_commit_callbacks)

    assert reply.pk is not None
    notification = Notification.objects.get(user=commented.author)
    assert notification.sent_at is None
    assert mail.outbox == []

    monkeypatch.undo()  # the broker is back: Celery beat runs the sweep
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.deliver_pending() == 1
    notification.refresh_from_db()
    assert notification.sent_at is not None
    assert len(mail.outbox) == 1

    with django_capture_on_commit_callbacks(execute=True):  # a second sweep, a duplicate task
        assert tasks.deliver_pending() == 0
        assert tasks.deliver_notification(notification.pk) is False
    assert len(mail.outbox) == 1


def test_an_answer_is_stored_with_the_broker_down_and_names_its_outcome(
    commented, tech_user, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(tasks.deliver_notification, "delay", _broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_save(
            actor=tech_user,
            comment=commented,
            outcome=Answer.Outcome.PARTIALLY,
            body="Lo incorporamos en el objetivo 3.",
            publish=True,
        )
    notification = Notification.objects.get(user=commented.author, kind=Notification.Kind.ANSWER)
    assert notification.sent_at is None

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.deliver_pending()
    assert len(mail.outbox) == 1
    assert es("Partially incorporated") in mail.outbox[0].subject
    assert "Lo incorporamos en el objetivo 3." in mail.outbox[0].body


def test_no_mail_and_no_notification_for_a_person_who_wants_none(
    commented, other_citizen, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(
        user=commented.author, frequency=NotificationPreference.Frequency.NONE
    )
    _reply(other_citizen, commented, django_capture_on_commit_callbacks)
    assert not Notification.objects.filter(user=commented.author).exists()
    assert mail.outbox == []


@pytest.mark.parametrize("frequency", [None, *NotificationPreference.Frequency.values])
def test_a_reply_sent_from_the_page_reads_the_authors_preference_with_the_comment(
    frequency, commented, other_citizen, client, django_capture_on_commit_callbacks
):
    """The reply's page loads the comment with how its author wants to hear of it: no query of
    its own, and each choice is kept as with the query (none: at once)."""
    if frequency is not None:
        NotificationPreference.objects.create(user=commented.author, frequency=frequency)
    client.force_login(other_citizen)
    url = f"/consulta/comentarios/{commented.pk}/responder/"
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(url, {"body": "Coincido.", "client_token": "r" * 32})
    assert response.status_code == 302
    preference_reads = [
        q["sql"] for q in queries if 'FROM "consultation_notificationpreference"' in q["sql"]
    ]
    assert preference_reads == []
    stored = Notification.objects.filter(user=commented.author, kind=Notification.Kind.REPLY)
    assert stored.exists() == (frequency != NotificationPreference.Frequency.NONE)
    at_once = frequency in (None, NotificationPreference.Frequency.IMMEDIATE)
    assert [m.to for m in mail.outbox] == ([[commented.author.email]] if at_once else [])


def test_daily_digest_groups_the_days_notifications_in_one_mail(
    commented, other_citizen, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(
        user=commented.author, frequency=NotificationPreference.Frequency.DAILY
    )
    third = make_user("carla@example.mx", display_name="Carla")
    _reply(other_citizen, commented, django_capture_on_commit_callbacks, body="Primera respuesta.")
    _reply(third, commented, django_capture_on_commit_callbacks, body="Segunda respuesta.")
    assert Notification.objects.filter(user=commented.author, sent_at__isnull=True).count() == 2
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.deliver_pending() == 0  # the digest carries them, not the immediate sweep

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.deliver_digests() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == es(
        "Your daily summary: %(count)s notification",
        "Your daily summary: %(count)s notifications",
        2,
        count=2,
    )
    assert "Primera respuesta." in mail.outbox[0].body
    assert "Segunda respuesta." in mail.outbox[0].body
    assert not Notification.objects.filter(sent_at__isnull=True).exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.deliver_digests() == 0
    assert len(mail.outbox) == 1


def test_a_pending_notification_of_someone_who_switched_to_the_digest_waits_for_it(
    commented, other_citizen, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(tasks.deliver_notification, "delay", _broker_down)
    _reply(other_citizen, commented, django_capture_on_commit_callbacks)
    monkeypatch.undo()
    NotificationPreference.objects.create(
        user=commented.author, frequency=NotificationPreference.Frequency.DAILY
    )
    notification = Notification.objects.get(user=commented.author)
    assert tasks.deliver_notification(notification.pk) is False
    assert mail.outbox == []


def test_closing_reminders_are_created_once_per_person(
    commented, other_citizen, consultation, django_capture_on_commit_callbacks
):
    _reply(other_citizen, commented, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    week_before = consultation.closes_at - datetime.timedelta(days=6)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_create(at=week_before) == 2  # both people who commented
        assert reminders_create(at=week_before + datetime.timedelta(hours=1)) == 0
    assert Notification.objects.filter(kind=Notification.Kind.CLOSING_7).count() == 2
    assert len(mail.outbox) == 2
    closes_in = (
        "The consultation closes in %(days)s day",
        "The consultation closes in %(days)s days",
    )
    assert es(*closes_in, 7, days=7) in {m.subject for m in mail.outbox}

    day_before = consultation.closes_at - datetime.timedelta(hours=20)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_create(at=day_before) == 2
        assert reminders_create(at=day_before) == 0
    assert mail.outbox[-1].subject == es(*closes_in, 1, days=1)
    assert reminders_create(at=consultation.closes_at + datetime.timedelta(seconds=1)) == 0


def test_the_opening_reminder_reaches_who_took_part_before(
    commented, tech_user, django_capture_on_commit_callbacks
):
    from consultation.models import Consultation

    with django_capture_on_commit_callbacks(execute=True):
        newer = publish(tech_user, "# Objetivos\n\nOtros objetivos.\n", "Segundo borrador")
    now = timezone.now()
    second = Consultation.objects.create(
        version=newer,
        title="Segunda consulta",
        opens_at=now - datetime.timedelta(minutes=1),
        closes_at=now + datetime.timedelta(days=60),
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        created = reminders_create(at=now)
        assert reminders_create(at=now) == 0
    opening = Notification.objects.filter(kind=Notification.Kind.OPENING, consultation=second)
    assert created >= 1 and opening.filter(user=commented.author).count() == 1
    subject = es("The consultation “%(title)s” is open", title="Segunda consulta")
    assert subject in {m.subject for m in mail.outbox}


def test_a_new_version_that_changed_my_section_names_the_comparison(
    commented, tech_user, django_capture_on_commit_callbacks
):
    from consultation.tests.conftest import PNDA

    changed = PNDA.replace("Definir criterios, procedimientos", "Definir solo criterios")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the on-publish hook, on commit
        newer = publish(tech_user, changed, "Segundo borrador")

    notification = Notification.objects.get(kind=Notification.Kind.NEW_VERSION)
    assert notification.user == commented.author
    compare = f"/borradores/{commented.version.number}/comparar/{newer.number}/"
    assert notification.url == compare + "#objetivos"
    assert len(mail.outbox) == 1
    assert compare in mail.outbox[0].body
    assert "Objetivos" in mail.outbox[0].body

    assert notify_new_version(newer) == 0  # the beat sweep after the hook: nothing twice


def test_a_new_version_that_left_my_section_alone_tells_me_nothing(
    commented, tech_user, django_capture_on_commit_callbacks
):
    from consultation.tests.conftest import PNDA

    with django_capture_on_commit_callbacks(execute=True):
        publish(tech_user, PNDA.replace("orienta a los", "orienta a todos los"), "Segundo")
    assert not Notification.objects.filter(kind=Notification.Kind.NEW_VERSION).exists()


def test_a_removed_section_counts_as_changed(
    commented, tech_user, django_capture_on_commit_callbacks
):
    from consultation.tests.conftest import PNDA

    without = PNDA.split("# Objetivos")[0]
    with django_capture_on_commit_callbacks(execute=True):
        publish(tech_user, without, "Segundo")
    assert Notification.objects.filter(
        kind=Notification.Kind.NEW_VERSION, user=commented.author
    ).exists()


def test_the_new_version_hook_is_registered_by_the_app_itself():
    """In a fresh process (no test imported consultation.notifications), django.setup() registers
    the consultation's on-publish hook with drafts."""
    import subprocess
    import sys

    code = (
        "import django; django.setup(); from drafts.publishing import on_publish_hooks; "
        "print([f'{h.__module__}.{h.__name__}' for h in on_publish_hooks()] == "
        "['consultation.notifications.version_published'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "True"
