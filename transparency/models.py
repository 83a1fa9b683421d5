"""Spending (recursos ejercidos) of the construction process, and messages sent through the
contact form.

Amounts are Decimal pesos from the form to the CSV: never a float anywhere in between.
Expenses are public records kept with their full history; they are never deleted by the site.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from abramos import uploads
from abramos.cache import PublicQuerySet, shown_on_public_pages
from abramos.demo import DemoMarked
from strategy.models import Activity, Stage

RECEIPT_MAX_BYTES = uploads.RECEIPT_MAX_BYTES


def validate_pdf(file) -> None:
    """A receipt is a PDF by its content (abramos.uploads), of at most UPLOAD_RECEIPT_MAX_BYTES
    (10 MB)."""
    if not file or getattr(file, "_committed", False):
        return  # stored already: it was checked when it was uploaded
    limit = uploads.receipt_max_bytes()
    if file.size is not None and file.size > limit:
        raise ValidationError(
            _("The receipt must weigh at most %(limit)s MB."),
            code="receipt_too_large",
            params={"limit": limit // uploads.MB},
        )
    if uploads.detect(file) not in uploads.RECEIPT_KINDS:
        raise ValidationError(_("The receipt must be a PDF file."), code="receipt_not_pdf")


def _receipt_path(instance: Expense, filename: str) -> str:
    # Never trust the uploaded name beyond its stem: the file is always served as a PDF.
    date = instance.date or datetime.date.today()
    return f"comprobantes/{date:%Y}/{date:%m}/comprobante.pdf"


class Category(models.TextChoices):
    LOGISTICS = "logistics", _("Logistics")
    TRAVEL = "travel", _("Travel")
    COMMUNICATION = "communication", _("Communication")
    TECHNOLOGY = "technology", _("Technology")
    PROFESSIONAL_SERVICES = "professional_services", _("Professional services")
    VENUES = "venues", _("Venues")
    OTHER = "other", _("Other")


class ExpenseQuerySet(PublicQuerySet):
    def with_related(self) -> ExpenseQuerySet:
        return self.select_related("stage", "activity")

    def in_stage(self, stage: Stage | int) -> ExpenseQuerySet:
        return self.filter(stage=stage)

    def of_category(self, category: str) -> ExpenseQuerySet:
        return self.filter(category=category)

    def for_activity(self, activity: Activity | int) -> ExpenseQuerySet:
        return self.filter(activity=activity)

    def between(
        self, *, start: datetime.date | None = None, end: datetime.date | None = None
    ) -> ExpenseQuerySet:
        """Expenses dated from `start` to `end`, both included; either may be open."""
        queryset = self
        if start is not None:
            queryset = queryset.filter(date__gte=start)
        if end is not None:
            queryset = queryset.filter(date__lte=end)
        return queryset

    def total(self) -> Decimal:
        """The sum of the amounts, in the database, as Decimal (0.00 when there are none)."""
        value = self.order_by().aggregate(total=Sum("amount"))["total"]
        # SQLite returns the sum with extra zero digits: pesos and centavos, exactly.
        return Decimal("0.00") if value is None else Decimal(value).quantize(Decimal("0.01"))


@shown_on_public_pages
class Expense(DemoMarked, models.Model):
    """One expense of the process, with its receipt or invoice."""

    Category = Category

    date = models.DateField(_("date"))
    concept = models.CharField(_("concept"), max_length=255)
    category = models.CharField(_("category"), max_length=30, choices=Category)
    supplier = models.CharField(_("supplier"), max_length=255)
    amount = models.DecimalField(
        _("amount (MXN)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Mexican pesos, with centavos, VAT included."),
    )
    funding_source = models.CharField(
        _("funding source"), max_length=255, help_text=_("e.g. “Presupuesto del INAI 2024”.")
    )
    stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, related_name="expenses", verbose_name=_("stage")
    )
    activity = models.ForeignKey(
        Activity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="expenses",
        verbose_name=_("activity"),
        help_text=_("Optional; it must belong to the stage chosen."),
    )
    receipt = models.FileField(
        _("receipt"),
        upload_to=_receipt_path,
        blank=True,
        max_length=255,
        validators=[validate_pdf],
        help_text=_("The invoice or receipt, as a PDF of at most 10 MB."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    modified_at = models.DateTimeField(_("modified"), auto_now=True)
    history = HistoricalRecords()

    objects = ExpenseQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="transparency_expense_positive"),
        ]
        indexes = [
            models.Index(fields=["date"], name="transp_expense_date"),
            models.Index(fields=["stage", "date"], name="transp_expense_stage_date"),
            models.Index(fields=["category", "date"], name="transp_expense_cat_date"),
            models.Index(fields=["activity", "date"], name="transp_expense_act_date"),
            models.Index(fields=["amount"], name="transp_expense_amount"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} · {self.concept}"

    def get_absolute_url(self) -> str:
        return reverse("transparency:expense-detail", kwargs={"pk": self.pk})

    def get_receipt_url(self) -> str:
        """The download address of the receipt, or "" when there is none."""
        if not self.receipt:
            return ""
        return reverse("transparency:expense-receipt", kwargs={"pk": self.pk})

    def clean(self) -> None:
        super().clean()
        if self.activity_id and self.stage_id and self.activity.stage_id != self.stage_id:
            raise ValidationError(
                {"activity": _("This activity belongs to another stage. Choose the right stage.")}
            )


class ContactMessageQuerySet(models.QuerySet):
    def unanswered(self) -> ContactMessageQuerySet:
        return self.filter(answered=False)

    def answered(self) -> ContactMessageQuerySet:
        return self.filter(answered=True)


class ContactMessage(models.Model):
    """A message written through /contacto/. Private: only staff read it."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), max_length=254)
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"), max_length=5000)
    privacy_consent = models.BooleanField(_("accepted the privacy notice"), default=False)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    answered = models.BooleanField(_("answered"), default=False)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    acknowledged_at = models.DateTimeField(
        _("acknowledgement queued at"), null=True, blank=True, editable=False
    )

    objects = ContactMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        indexes = [models.Index(fields=["answered", "created_at"], name="transp_contact_answered")]
        constraints = [
            models.CheckConstraint(
                condition=Q(privacy_consent=True), name="transparency_contact_consented"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} · {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("admin:transparency_contactmessage_change", args=[self.pk])
