"""The e-mail a notification becomes (Spanish, text and HTML), queued in the mail outbox."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from abramos.mail.services import message_queue


def notification_message(notification) -> None:
    context = {
        "notification": notification,
        "user": notification.user,
        "url": settings.SITE_ROOT + notification.url,
        "SITE_ROOT": settings.SITE_ROOT,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = str(notification.get_kind_display())
        text = render_to_string("consultation/email/notification.txt", context)
        html = render_to_string("consultation/email/notification.html", context)
    message_queue(to=notification.user.email, subject=subject, body_text=text, body_html=html)
