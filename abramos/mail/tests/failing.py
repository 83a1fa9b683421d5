"""An e-mail backend whose server refuses every connection, for the tests of failed deliveries."""

from django.core.mail.backends.base import BaseEmailBackend


class Backend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("the SMTP server refused the connection")
