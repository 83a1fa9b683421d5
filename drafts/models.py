"""The PNDA document: the working copy staff edit, the immutable versions they publish, the
sections a version is split into, its downloadable renditions, the approval and the adoptions.

A published Version and its Sections are public records: they never change and are never deleted
(`save()` on an existing row and `delete()` raise, in the admin, the ORM and bulk querysets). Only
a version's `status` moves, through `drafts.services`, when a newer version is published.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from abramos import geo
from abramos.cache import PublicQuerySet, shown_on_public_pages
from abramos.demo import DemoMarked
from abramos.markup import RenderedMarkdown

_MARKDOWN_HELP = _(
    "Markdown. Each heading (# Title, ## Subtitle…) starts a section that people can comment on."
)


class ImmutableError(ValidationError):
    """A published record was asked to change."""


class WorkingCopy(RenderedMarkdown, models.Model):
    """The text of the PNDA as the Technical Group edits it; published as a Version."""

    title = models.CharField(
        _("title"), max_length=200, default="Política Nacional de Datos Abiertos"
    )
    body = models.TextField(_("text"), blank=True, help_text=_MARKDOWN_HELP)
    body_html = models.TextField(_("preview"), editable=False, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    markdown_fields = {"body": "body_html"}

    class Meta:
        verbose_name = _("working copy")
        verbose_name_plural = _("working copy")

    def __str__(self) -> str:
        return self.title

    @classmethod
    def current(cls) -> WorkingCopy:
        """The one working copy (created empty the first time it is asked for)."""
        copy = cls.objects.order_by("pk").first()
        return copy or cls.objects.create()


def version_texts(prefix: str = "version__") -> list[str]:
    """A version's own texts (the whole policy in Markdown, the change summary) under a join's
    prefix, for `.defer()`: a query that joins the version to many rows (comments, sections)
    would otherwise carry a copy of the policy in each. What pages show comes from sections."""
    return [f"{prefix}{name}" for name in ("body", "change_summary", "change_summary_html")]


class VersionQuerySet(PublicQuerySet):
    def published(self) -> VersionQuerySet:
        return self.order_by("-number")

    def approved(self) -> VersionQuerySet:
        return self.filter(status=Version.Status.APPROVED)

    def latest_approved(self) -> Version | None:
        return self.approved().order_by("-number").first()

    def update(self, **kwargs):
        if set(kwargs) - {"status"}:
            raise ImmutableError(_("A published version cannot be changed."))
        return super().update(**kwargs)

    def delete(self):
        raise ImmutableError(_("A published version cannot be deleted."))


@shown_on_public_pages
class Version(DemoMarked, RenderedMarkdown, models.Model):
    """A numbered, published, immutable version of the PNDA (1st draft… approved policy)."""

    class Status(models.TextChoices):
        CONSULTATION = "consultation", _("Current draft")
        SUPERSEDED = "superseded", _("Superseded")
        APPROVED = "approved", _("Approved")

    number = models.PositiveIntegerField(_("number"), unique=True)
    label = models.CharField(_("label"), max_length=120, help_text=_("E.g. “Primer borrador”."))
    title = models.CharField(_("title"), max_length=200)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    change_summary = models.TextField(_("change summary"), blank=True)
    change_summary_html = models.TextField(editable=False, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONSULTATION
    )
    body = models.TextField(_("text (Markdown)"))

    objects = VersionQuerySet.as_manager()
    markdown_fields = {"change_summary": "change_summary_html"}

    class Meta:
        ordering = ["-number"]
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        permissions = [("publish_version", _("Can publish a version of the PNDA"))]
        constraints = [
            models.CheckConstraint(condition=models.Q(number__gte=1), name="version_number_gte_1"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.label}"

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self.pk is not None and not (update_fields and set(update_fields) <= {"status"}):
            raise ImmutableError(_("A published version cannot be changed."))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("drafts:version-detail", args=[self.number])

    def delete(self, *args, **kwargs):
        raise ImmutableError(_("A published version cannot be deleted."))

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class SectionQuerySet(PublicQuerySet):
    def update(self, **kwargs):
        raise ImmutableError(_("The sections of a published version cannot be changed."))

    def delete(self):
        raise ImmutableError(_("The sections of a published version cannot be deleted."))


@shown_on_public_pages
class Section(RenderedMarkdown, models.Model):
    """One heading of a version and the text under it, with an anchor stable across versions."""

    version = models.ForeignKey(
        Version, verbose_name=_("version"), on_delete=models.PROTECT, related_name="sections"
    )
    order = models.PositiveIntegerField(_("order"))
    level = models.PositiveSmallIntegerField(_("level"))
    heading = models.CharField(_("heading"), max_length=300)
    path = models.CharField(_("heading path"), max_length=1000)
    anchor = models.SlugField(_("anchor"), max_length=250, allow_unicode=False)
    body = models.TextField(_("text (Markdown)"), blank=True)
    body_html = models.TextField(editable=False, blank=True)

    objects = SectionQuerySet.as_manager()
    markdown_fields = {"body": "body_html"}

    class Meta:
        ordering = ["version", "order"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["version", "anchor"], name="section_anchor_unique"),
            models.UniqueConstraint(fields=["version", "order"], name="section_order_unique"),
        ]

    def __str__(self) -> str:
        return self.heading

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableError(_("The sections of a published version cannot be changed."))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"{self.version.get_absolute_url()}#{self.anchor}"

    def delete(self, *args, **kwargs):
        raise ImmutableError(_("The sections of a published version cannot be deleted."))


@shown_on_public_pages(private_fields={"queued_at"})
class Rendition(models.Model):
    """A downloadable file of a version (PDF, DOCX, HTML, Markdown) with its SHA-256."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"
        HTML = "html", "HTML"
        MARKDOWN = "md", "Markdown"

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    MEDIA_TYPES = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "html": "text/html",
        "md": "text/markdown",
    }

    version = models.ForeignKey(
        Version, verbose_name=_("version"), on_delete=models.PROTECT, related_name="renditions"
    )
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(_("file"), upload_to="versiones/", blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # When a sweep last handed it to the workers (drafts/tasks.py render_pending).
    queued_at = models.DateTimeField(null=True, blank=True, editable=False)
    error = models.TextField(_("last error"), blank=True)
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["version", "format"]
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")
        constraints = [
            models.UniqueConstraint(fields=["version", "format"], name="rendition_unique_format"),
        ]

    def __str__(self) -> str:
        return f"{self.version} · {self.get_format_display()}"

    def get_absolute_url(self) -> str:
        return reverse("drafts:rendition-download", args=[self.version.number, self.format])

    @property
    def filename(self) -> str:
        return f"pnda-version-{self.version.number}.{self.format}"

    @property
    def media_type(self) -> str:
        return self.MEDIA_TYPES[self.format]

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY


@shown_on_public_pages
class Approval(RenderedMarkdown, models.Model):
    """The approval of a version by the SNT and its publication in the Diario Oficial."""

    version = models.OneToOneField(
        Version, verbose_name=_("version"), on_delete=models.PROTECT, related_name="approval"
    )
    approving_body = models.CharField(
        _("approving body"),
        max_length=300,
        help_text=_("As it was called when it approved (institutions change names)."),
    )
    agreement = models.CharField(_("agreement"), max_length=300, blank=True)
    approved_on = models.DateField(_("approved on"))
    dof_published_on = models.DateField(
        _("published in the Diario Oficial on"), null=True, blank=True
    )
    dof_url = models.URLField(_("Diario Oficial link"), blank=True)
    notes = models.TextField(_("notes"), blank=True, help_text=_MARKDOWN_HELP)
    notes_html = models.TextField(editable=False, blank=True)
    # history: registered with the English fields in drafts/translation.py

    markdown_fields = {"notes": "notes_html"}

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")

    def __str__(self) -> str:
        return f"{self.version} · {self.approved_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("drafts:policy")


class AdoptionQuerySet(PublicQuerySet):
    def confirmed(self) -> AdoptionQuerySet:
        return self.filter(status=Adoption.Status.CONFIRMED)


@shown_on_public_pages
class Adoption(DemoMarked, models.Model):
    """A guarantor agency or obligated subject that adopted the approved policy."""

    class Order(models.TextChoices):
        FEDERAL = "federal", _("Federal")
        STATE = "state", pgettext_lazy("order of government", "State")
        MUNICIPAL = "municipal", _("Municipal")

    class Branch(models.TextChoices):
        EXECUTIVE = "executive", _("Executive")
        LEGISLATIVE = "legislative", _("Legislative")
        JUDICIAL = "judicial", _("Judicial")
        AUTONOMOUS = "autonomous", _("Autonomous body")
        OTHER = "other", _("Other obligated subject")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Not confirmed")

    version = models.ForeignKey(
        Version, verbose_name=_("version"), on_delete=models.PROTECT, related_name="adoptions"
    )
    institution = models.CharField(_("institution"), max_length=300)
    order = models.CharField(_("order of government"), max_length=20, choices=Order.choices)
    branch = models.CharField(_("branch"), max_length=20, choices=Branch.choices)
    state = models.CharField(
        _("state"), max_length=2, choices=geo.state_choices(outside=False), blank=True
    )
    adopted_on = models.DateField(_("adopted on"))
    evidence_url = models.URLField(
        _("link to the adoption"),
        blank=True,
        help_text=_("The agreement or official publication where it was adopted."),
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    history = HistoricalRecords()

    objects = AdoptionQuerySet.as_manager()

    class Meta:
        ordering = ["-adopted_on", "institution"]
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")

    def __str__(self) -> str:
        return self.institution

    def get_absolute_url(self) -> str:
        return reverse("drafts:policy") + "#adopciones"

    def get_state_name(self) -> str:
        return geo.state_name(self.state)
