from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(sent_at__isnull=True, attempts__lt=Message.MAX_ATTEMPTS)


class Message(models.Model):
    """An e-mail stored before it is handed to Celery, so a broker that is down loses nothing."""

    MAX_ATTEMPTS = 10

    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=250)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("e-mail message")
        verbose_name_plural = _("e-mail messages")
        indexes = [models.Index(fields=["sent_at", "attempts"], name="mail_pending_idx")]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"
