from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.core.mail import EmailMultiAlternatives
from django.utils.html import strip_tags

from abramos.http import client_ip
from abramos.mail.services import message_queue


class AccountAdapter(DefaultAccountAdapter):
    """allauth, the portal's way: its e-mails go through the outbox, and its rate limits count
    the client's address as ours do (behind the load balancer, from X-Forwarded-For)."""

    def get_client_ip(self, request) -> str:
        return client_ip(request)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render as allauth does, then store the message; Celery delivers it after commit.

        A broker that is down, or an SMTP server that is slow, never fails a sign-up or a
        password reset: the message waits in the outbox (see abramos.mail).
        """
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        body_text, body_html = message.body, ""
        if isinstance(message, EmailMultiAlternatives):
            body_html = next(
                (content for content, mimetype in message.alternatives if mimetype == "text/html"),
                "",
            )
        elif message.content_subtype == "html":
            # Only an HTML template exists: the outbox still wants a text part.
            body_text, body_html = strip_tags(message.body), message.body
        for recipient in message.to:
            message_queue(
                to=recipient, subject=message.subject, body_text=body_text, body_html=body_html
            )
