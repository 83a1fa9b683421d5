from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from abramos.mail.models import Message

# An SMTP server that accepts and then hangs is cut off by EMAIL_TIMEOUT (10 s); these limits
# bound the whole task whatever else goes slow: past the soft one the attempt is recorded and
# retried later, past the hard one the pool process is replaced.
DELIVER_SOFT_SECONDS, DELIVER_HARD_SECONDS = 60, 90


@shared_task(
    bind=True,
    max_retries=5,
    default_retry_delay=60,
    soft_time_limit=DELIVER_SOFT_SECONDS,
    time_limit=DELIVER_HARD_SECONDS,
)
def deliver(self, pk: int) -> bool:
    """Send one stored message. Idempotent: a message already sent is never sent again."""
    outcome = send(pk)
    if isinstance(outcome, Exception):
        raise self.retry(exc=outcome)
    return outcome


def send(pk: int) -> bool | Exception:
    """Send one stored message now, once: True when sent, False when it was sent already (or is
    gone), the error when this attempt failed (recorded on the message, which stays pending).
    `deliver` calls it, and so does a task that stores a message and sends it itself
    (consultation.tasks.deliver_notification): one task per e-mail instead of two."""
    error = None
    with transaction.atomic():
        # The row lock makes two workers holding the same pk send it once.
        message = Message.objects.select_for_update().filter(pk=pk, sent_at__isnull=True).first()
        if message is None:
            return False
        email = EmailMultiAlternatives(message.subject, message.body_text, to=[message.to])
        if message.body_html:
            email.attach_alternative(message.body_html, "text/html")
        message.attempts += 1
        try:
            email.send()
        except Exception as exc:  # SMTP, socket, timeout and soft time limit: record, then retry
            error = exc
            message.last_error = f"{exc.__class__.__name__}: {exc}"[:2000]
        else:
            message.sent_at = timezone.now()
            message.last_error = ""
        message.save(update_fields=["attempts", "sent_at", "last_error"])
    return error if error is not None else True


@shared_task
def deliver_pending() -> int:
    """Hand every message still pending (stored while the broker was down) to `deliver`."""
    pks = list(Message.objects.pending().values_list("pk", flat=True)[:500])
    for pk in pks:
        deliver.delay(pk)
    return len(pks)
