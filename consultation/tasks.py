"""Celery tasks of the consultation: they take primary keys, load, and call the code that does the
work. Each is idempotent: running one twice never sends two e-mails."""

from celery import shared_task
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from abramos.mail import tasks as mail
from abramos.mail.tasks import DELIVER_HARD_SECONDS, DELIVER_SOFT_SECONDS
from abramos.queue import enqueue
from consultation.models import Notification, NotificationPreference

Frequency = NotificationPreference.Frequency
BATCH = 500


def _frequency(user) -> str:
    try:
        return user.notification_preference.frequency
    except NotificationPreference.DoesNotExist:
        return Frequency.IMMEDIATE


@shared_task(soft_time_limit=DELIVER_SOFT_SECONDS, time_limit=DELIVER_HARD_SECONDS)
def deliver_notification(notification_pk: int) -> bool:
    """Store one notification's e-mail and send it. Idempotent: sent once.

    One task for both (a reply's notification took two, and a third of the worker's time went to
    the second): the e-mail is stored with the notification marked sent, then sent once that has
    committed, as `deliver` would send it. An attempt that fails leaves the e-mail pending with
    its error, and `deliver` tries it again later."""
    from consultation.notifications import notification_message

    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            # The person's preference with them. Not the comment's section and author: each
            # join more made PostgreSQL plan this query for longer than two lookups by key take.
            .select_related("user__notification_preference", "comment")
            .filter(pk=notification_pk, sent_at__isnull=True)
            .first()
        )
        # The person may have chosen the digest (it will carry it) or no mail since it was stored.
        if notification is None or _frequency(notification.user) != Frequency.IMMEDIATE:
            return False
        message = notification_message(notification)
        notification.sent_at = timezone.now()
        notification.save(update_fields=["sent_at"])
    if isinstance(mail.send(message.pk), Exception):
        enqueue(mail.deliver, message.pk, countdown=mail.deliver.default_retry_delay)
    return True


@shared_task
def deliver_pending() -> int:
    """Celery beat: notifications stored while the broker was down, for people who want mail now."""
    pks = list(
        Notification.objects.filter(sent_at__isnull=True)
        .exclude(user__notification_preference__frequency__in=[Frequency.DAILY, Frequency.NONE])
        .order_by("pk")
        .values_list("pk", flat=True)[:BATCH]
    )  # fmt: skip
    for pk in pks:
        deliver_notification.delay(pk)
    return len(pks)


@shared_task
def deliver_digest(user_pk: int) -> int:
    """One e-mail with a person's unsent notifications; they are marked sent with it."""
    from consultation.notifications import digest_message

    user = get_user_model().objects.get(pk=user_pk)
    with transaction.atomic():
        notifications = list(
            Notification.objects.select_for_update(of=("self",))
            .select_related("user", "comment__section", "comment__answer", "consultation")
            .filter(user=user, sent_at__isnull=True)
            .order_by("created_at", "pk")
        )
        if not notifications:
            return 0
        digest_message(user, notifications)
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
            sent_at=timezone.now()
        )
    return len(notifications)


@shared_task
def deliver_digests() -> int:
    """Celery beat, once a day: each daily-digest person's unsent notifications in one e-mail."""
    users = (
        Notification.objects.filter(
            sent_at__isnull=True, user__notification_preference__frequency=Frequency.DAILY
        )
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )
    count = 0
    for user_pk in users:
        deliver_digest.delay(user_pk)
        count += 1
    return count


@shared_task
def send_reminders() -> int:
    """Celery beat, hourly: the opening and closing (7 days, 1 day) reminders that are due."""
    from consultation.notifications import reminders_create

    return reminders_create()


@shared_task
def notify_new_version_task(version_pk: int) -> int:
    """After a version is published: who commented on a section it changed hears about it."""
    from consultation.notifications import notify_new_version
    from drafts.models import Version

    version = Version.objects.filter(pk=version_pk).first()
    return notify_new_version(version) if version else 0


@shared_task
def notify_recent_versions(days: int = 2) -> int:
    """Celery beat: the same for the versions of the last days, in case the broker was down when
    one was published (notify_new_version creates each notification once)."""
    import datetime

    from consultation.notifications import notify_new_version
    from drafts.models import Version

    since = timezone.now() - datetime.timedelta(days=days)
    return sum(
        notify_new_version(version)
        for version in Version.objects.filter(published_at__gte=since).order_by("number")
    )


@shared_task(soft_time_limit=240, time_limit=300)
def render_report_pdf(consultation_pk: int, language: str) -> bool:
    """Draw the report's PDF for the current figures and store it (idempotent)."""
    from consultation import report_pdf

    return report_pdf.store(consultation_pk, language) is not None
