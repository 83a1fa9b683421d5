"""Offers to collaborate sent through /colabora/ and the Technical Group's decision on each."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from abramos import geo
from abramos.accounts.models import Sector
from abramos.cache import PublicQuerySet, shown_on_public_pages
from abramos.demo import DemoMarked

# Collaboration ---------------------------------------------------------------------------------

MEXICO = "México"


class CollaborationOfferQuerySet(PublicQuerySet):
    def pending(self) -> CollaborationOfferQuerySet:
        return self.filter(status=CollaborationOffer.Status.PENDING)

    def accepted(self) -> CollaborationOfferQuerySet:
        return self.filter(status=CollaborationOffer.Status.ACCEPTED)


@shown_on_public_pages
class CollaborationOffer(DemoMarked, models.Model):
    """An organisation's offer to strengthen the policy, sent through /colabora/.

    What the offerer typed is theirs and stays as typed; the Technical Group accepts or declines
    it (services.collaboration_offer_decide). Accepted offers are public (the participants page and
    the open data) without the contact person or address, which only the staff ever see.
    """

    # All that the participants page and the `aliados` dataset read of an accepted offer.
    PUBLIC_FIELDS = (
        "pk",
        "organisation_name",
        "sector",
        "country",
        "state",
        "contribution",
        "description",
        "decided_at",
    )

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending review")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    class Contribution(models.TextChoices):
        TALENT = "talent", _("Talent")
        EXPERIENCE = "experience", _("Experience")
        STANDARDS = "standards", _("Standards")
        INFRASTRUCTURE = "infrastructure", _("Infrastructure")
        OTHER = "other", _("Other")

    organisation_name = models.CharField(_("organisation"), max_length=255)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    country = models.CharField(_("country"), max_length=100, default=MEXICO)
    state = models.CharField(
        _("state"),
        max_length=2,
        choices=geo.state_choices(outside=False),
        blank=True,
        help_text=_("Entidad federativa, by its INEGI code; only for organisations in Mexico."),
    )
    contribution = models.CharField(
        _("kind of contribution"), max_length=20, choices=Contribution.choices
    )
    description = models.TextField(_("description"), max_length=3000)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail address"))
    privacy_consent = models.BooleanField(_("accepted the privacy notice"), default=False)
    # The language the offer was written in: the e-mails to the offerer are sent in it.
    language = models.CharField(_("language"), max_length=10, default="es-mx", editable=False)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_reason = models.TextField(
        _("reason of the decision"),
        blank=True,
        help_text=_("Sent to the offerer by e-mail; never published."),
    )
    history = HistoricalRecords()

    objects = CollaborationOfferQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("collaboration offer")
        verbose_name_plural = _("collaboration offers")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="pending") | Q(decided_at__isnull=False),
                name="strategy_collaborationoffer_decided_has_date",
                violation_error_message=_("A decided offer needs the date of the decision."),
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decision_reason=""),
                name="strategy_collaborationoffer_declined_has_reason",
                violation_error_message=_("Write the reason why the offer is declined."),
            ),
        ]
        indexes = [models.Index(fields=["status", "organisation_name"])]

    def __str__(self) -> str:
        return self.organisation_name

    def get_absolute_url(self) -> str:
        return reverse("strategy:participants") + f"#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"aliado-{self.pk}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def in_mexico(self) -> bool:
        return self.country == MEXICO

    def get_state_name(self) -> str:
        return geo.state_name(self.state) if self.state else ""

    @property
    def location(self) -> str:
        """'Jalisco, México' or 'Colombia'."""
        state = self.get_state_name()
        return f"{state}, {self.country}" if state else self.country
