from django.db import transaction

from abramos.mail.models import Message
from abramos.queue import enqueue_on_commit


def message_store(*, to: str, subject: str, body_text: str, body_html: str = "") -> Message:
    """Store a message, pending: the caller sends it (abramos.mail.tasks.send), or the periodic
    sweep (`deliver_pending`) does."""
    message = Message(to=to, subject=subject[:250], body_text=body_text, body_html=body_html)
    message.full_clean()
    message.save()
    return message


@transaction.atomic
def message_queue(*, to: str, subject: str, body_text: str, body_html: str = "") -> Message:
    """Store a message and deliver it through Celery once the transaction commits."""
    from abramos.mail.tasks import deliver

    message = message_store(to=to, subject=subject, body_text=body_text, body_html=body_html)
    # A broker that is down must not break the request: the message stays pending and
    # `deliver_pending` (Celery beat) sends it later.
    enqueue_on_commit(deliver, message.pk)
    return message
