from celery import shared_task
from django.db import transaction
from django.utils import timezone

from consultation.models import Notification


@shared_task
def deliver_notification(notification_pk: int) -> bool:
    """Hand one stored notification to the mail outbox. Idempotent: sent once."""
    from consultation.notifications import notification_message

    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("user", "comment", "consultation")
            .filter(pk=notification_pk, sent_at__isnull=True)
            .first()
        )
        if notification is None:
            return False
        notification_message(notification)
        notification.sent_at = timezone.now()
        notification.save(update_fields=["sent_at"])
    return True


@shared_task
def deliver_pending() -> int:
    """Celery beat: notifications stored while the broker was down, for people who want mail now."""
    from consultation.models import NotificationPreference

    pks = list(
        Notification.objects.filter(sent_at__isnull=True)
        .exclude(user__notification_preference__frequency__in=[
            NotificationPreference.Frequency.DAILY,
            NotificationPreference.Frequency.NONE,
        ])
        .values_list("pk", flat=True)[:500]
    )  # fmt: skip
    for pk in pks:
        deliver_notification.delay(pk)
    return len(pks)
