"""Participation on a published version: the consultation window, comments on sections and
their replies, support, flags and moderation, official answers, in-person sessions and their
contributions, and the notifications people receive.

Comments and answers are public records: never deleted. Withdrawing keeps the row (status
"withdrawn"), moderation hides it with a public reason, account deletion anonymises the author.
Markdown is rendered once, on save, into `*_html` through abramos.markup.
"""

from __future__ import annotations

import datetime
from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from abramos import geo
from abramos.accounts import public
from abramos.accounts.models import Sector
from abramos.cache import PublicQuerySet, shown_on_public_pages
from abramos.demo import DemoMarked
from abramos.markup import RenderedMarkdown
from drafts.models import Section, Version

EDIT_WINDOW = datetime.timedelta(minutes=15)


class ConsultationQuerySet(PublicQuerySet):
    def open(self, *, at: datetime.datetime | None = None) -> ConsultationQuerySet:
        at = at or timezone.now()
        return self.filter(opens_at__lte=at, closes_at__gte=at)

    def newest_open(self, *, at: datetime.datetime | None = None) -> Consultation | None:
        """The consultation taking comments now; the newest if a staff edit left two open (the
        one /consulta/ shows, report.current_consultation)."""
        return self.open(at=at).order_by("-opens_at").first()


@shown_on_public_pages
class Consultation(DemoMarked, RenderedMarkdown, models.Model):
    """The window in which a published version takes comments (two months by default)."""

    version = models.OneToOneField(
        Version, verbose_name=_("version"), on_delete=models.PROTECT, related_name="consultation"
    )
    title = models.CharField(_("title"), max_length=200)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(
        _("closes at"), help_text=_("Comments are accepted until this moment, to the second.")
    )
    description = models.TextField(_("description"), blank=True)
    description_html = models.TextField(editable=False, blank=True)

    objects = ConsultationQuerySet.as_manager()
    markdown_fields = {"description": "description_html"}

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="consultation_closes_after_open",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultation:overview")

    def is_open(self, *, at: datetime.datetime | None = None) -> bool:
        """Open from `opens_at` (inclusive) until `closes_at` (inclusive), to the second."""
        at = at or timezone.now()
        return self.opens_at <= at <= self.closes_at

    def has_closed(self, *, at: datetime.datetime | None = None) -> bool:
        return (at or timezone.now()) > self.closes_at

    def progress(self, *, at: datetime.datetime | None = None) -> int:
        """Percentage of the window elapsed (0–100)."""
        at = at or timezone.now()
        total = (self.closes_at - self.opens_at).total_seconds()
        done = (min(max(at, self.opens_at), self.closes_at) - self.opens_at).total_seconds()
        return round(100 * done / total) if total > 0 else 100


@shown_on_public_pages
class Session(DemoMarked, models.Model):
    """An in-person space where contributions were collected (forum, table, Open Data Day)."""

    class Kind(models.TextChoices):
        REGIONAL_FORUM = "regional_forum", _("Regional forum")
        DIALOGUE_TABLE = "dialogue_table", _("Dialogue table")
        OPEN_DATA_DAY = "open_data_day", _("Open Data Day space")
        TRANSPARENCY_WEEK = "transparency_week", _("National Transparency Week table")

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    state = models.CharField(_("state"), max_length=2, choices=geo.state_choices(outside=False))
    place = models.CharField(_("place"), max_length=200, blank=True)
    thematic_table = models.ForeignKey(
        "strategy.ThematicTable",
        verbose_name=_("thematic table"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organisers = models.CharField(_("organisers"), max_length=300, blank=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["date", "state"]
        verbose_name = _("in-person session")
        verbose_name_plural = _("in-person sessions")

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("consultation:overview") + f"#sesion-{self.pk}"

    def get_state_name(self) -> str:
        return geo.state_name(self.state)


class CommentQuerySet(PublicQuerySet):
    def with_related(self) -> CommentQuerySet:
        return self.select_related("author", "section", "session", "answer")


@shown_on_public_pages(private_fields={"read_by_staff"})
class Comment(DemoMarked, RenderedMarkdown, models.Model):
    """A comment on a section of a version (or on the version as a whole), or a reply to one."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")

    class Status(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        WITHDRAWN = "withdrawn", _("Withdrawn by its author")
        HIDDEN = "hidden", _("Hidden by moderation")

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.PROTECT,
        related_name="comments",
    )
    version = models.ForeignKey(
        Version, verbose_name=_("version"), on_delete=models.PROTECT, related_name="comments"
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        related_name="comments",
        null=True,
        blank=True,
        help_text=_("Empty for a comment on the version as a whole."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        on_delete=models.PROTECT,
        related_name="replies",
        null=True,
        blank=True,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="comments",
        null=True,
        blank=True,
        help_text=_("Empty for a contribution recorded at an in-person session."),
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.ONLINE
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("in-person session"),
        on_delete=models.PROTECT,
        related_name="contributions",
        null=True,
        blank=True,
    )
    # Who spoke at an in-person session (recorded by staff on their behalf).
    participant_name = models.CharField(_("participant's name"), max_length=120, blank=True)
    participant_sector = models.CharField(
        _("participant's sector"), max_length=20, choices=Sector.choices, blank=True
    )
    participant_state = models.CharField(
        _("participant's state"), max_length=2, choices=geo.state_choices(), blank=True
    )
    # The participant agreed that their name, sector and state be published with their words.
    participant_consent = models.BooleanField(
        _("the participant agreed to be named"), default=False
    )
    body = models.TextField(_("comment"))
    body_html = models.TextField(editable=False, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.VISIBLE
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    support_count = models.PositiveIntegerField(_("supports"), default=0)
    reply_count = models.PositiveIntegerField(_("replies"), default=0)
    read_by_staff = models.BooleanField(_("read by the Technical Group"), default=False)
    # A token from the form, so a double submission (a double click, a retried request) stores
    # the comment once.
    client_token = models.CharField(max_length=64, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()
    markdown_fields = {"body": "body_html"}

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        permissions = [("moderate_comment", _("Can hide and restore comments"))]
        indexes = [
            models.Index(fields=["version", "section", "status"], name="comment_section_idx"),
            models.Index(fields=["author", "created_at"], name="comment_author_idx"),
            # A signed-in reader's own comments on a version, asked for each version page they
            # read (consultation.selectors.comment_marks). Without it, PostgreSQL read every
            # comment of the version whenever its statistics lagged behind a busy table.
            models.Index(fields=["author", "version"], name="comment_author_version_idx"),
            # The version page: each section's count and its first comments in order, read
            # from the index alone (consultation.selectors.comment_blocks).
            models.Index(
                fields=["version", "section", "created_at", "id"],
                condition=Q(parent__isnull=True),
                name="comment_top_order_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel="online", author__isnull=False)
                | Q(channel="in_person", session__isnull=False),
                name="comment_online_has_author_in_person_has_session",
            ),
            models.UniqueConstraint(
                fields=["author", "client_token"],
                condition=~Q(client_token=""),
                name="comment_stored_once_per_submission",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} · {self.public_author_name}"

    def get_absolute_url(self) -> str:
        """Its own page, which always contains it (the version page shows a few per section)."""
        return reverse("consultation:comment-detail", args=[self.pk])

    @cached_property  # read three to five times per comment on the version page
    def public_participant(self):
        """Who the comment is shown as (abramos/accounts/public.py): the one rule for the page,
        the datasets, search and e-mails."""
        if self.channel == self.Channel.IN_PERSON:
            return public.of_in_person(
                name=self.participant_name, sector=self.participant_sector,
                state=self.participant_state, consented=self.participant_consent,
            )  # fmt: skip
        if self.author_id:
            return self.author.public
        return public.PublicParticipant(name="", sector="", state="")

    @property
    def public_author_name(self) -> str:
        return self.public_participant.name

    @property
    def public_sector(self) -> str:
        return self.public_participant.sector_label

    @property
    def public_state_name(self) -> str:
        return self.public_participant.state_name

    def may_be_edited(self, *, at: datetime.datetime | None = None) -> bool:
        at = at or timezone.now()
        return self.status == self.Status.VISIBLE and at - self.created_at <= EDIT_WINDOW


@shown_on_public_pages
class Support(models.Model):
    """One "apoyo" per person per comment."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.PROTECT, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="support_once_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} → #{self.comment_id}"


@shown_on_public_pages
class CommentEdit(RenderedMarkdown, models.Model):
    """A text a comment had before its author edited it: every edit stays visible on the
    comment's page, so an answer or a reply never seems to address words that are gone."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.PROTECT, related_name="edits"
    )
    body = models.TextField(_("earlier text"))
    body_html = models.TextField(editable=False, blank=True)
    written_at = models.DateTimeField(_("written at"))
    replaced_at = models.DateTimeField(_("replaced at"))

    markdown_fields = {"body": "body_html"}

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["comment", "replaced_at", "pk"]
        verbose_name = _("earlier version of a comment")
        verbose_name_plural = _("earlier versions of comments")

    def __str__(self) -> str:
        return f"#{self.comment_id} · {self.replaced_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return self.comment.get_absolute_url()


class Flag(models.Model):
    """Someone asks the moderators to look at a comment."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.PROTECT, related_name="flags"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT
    )
    reason = models.CharField(_("reason"), max_length=500)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="flag_once_per_person")
        ]

    def __str__(self) -> str:
        return f"#{self.comment_id}: {self.reason[:40]}"


@shown_on_public_pages  # the comments dataset says when moderation last changed
class ModerationAction(models.Model):
    """Every hide and restore, with who and when: the public record of moderation."""

    class Action(models.TextChoices):
        HIDE = "hide", _("Hidden")
        RESTORE = "restore", _("Restored")
        DISMISS = "dismiss", _("Reports dismissed, kept visible")

    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.PROTECT, related_name="moderation"
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("moderator"), on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")

    def __str__(self) -> str:
        return f"{self.get_action_display()} #{self.comment_id}"


@shown_on_public_pages
class Answer(DemoMarked, RenderedMarkdown, models.Model):
    """The Technical Group's official answer to a comment (drafted, then published)."""

    class Outcome(models.TextChoices):
        INCORPORATED = "incorporated", _("Incorporated")
        PARTIALLY = "partially", _("Partially incorporated")
        NOT_INCORPORATED = "not_incorporated", _("Not incorporated")
        OUT_OF_SCOPE = "out_of_scope", _("Out of scope")

    comment = models.OneToOneField(
        Comment, verbose_name=_("comment"), on_delete=models.PROTECT, related_name="answer"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    body = models.TextField(_("answer"))
    body_html = models.TextField(editable=False, blank=True)
    target_section = models.ForeignKey(
        Section,
        verbose_name=_("section where the change landed"),
        on_delete=models.PROTECT,
        related_name="answers",
        null=True,
        blank=True,
        help_text=_("A section of a later version, when the comment changed the text."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    markdown_fields = {"body": "body_html"}

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} · #{self.comment_id}"

    def get_absolute_url(self) -> str:
        return self.comment.get_absolute_url()

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class NotificationPreference(models.Model):
    """How a person wants to hear about their comments: at once, a daily digest, or not at all."""

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("Immediately")
        DAILY = "daily", _("Daily digest")
        NONE = "none", _("Never")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_frequency_display()}"


class Notification(models.Model):
    """Something a person should hear about, stored before any mail is sent."""

    class Kind(models.TextChoices):
        REPLY = "reply", _("A reply to your comment")
        ANSWER = "answer", _("An answer to your comment")
        NEW_VERSION = "new_version", _("A new version changed a section you commented on")
        OPENING = "opening", _("The consultation opened")
        CLOSING_7 = "closing_7", _("The consultation closes in 7 days")
        CLOSING_1 = "closing_1", _("The consultation closes in 1 day")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    comment = models.ForeignKey(
        Comment,
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["sent_at", "user"], name="notification_pending_idx")]
        constraints = [
            # The same reminder is never created twice for a person.
            models.UniqueConstraint(
                fields=["user", "kind", "consultation"],
                condition=Q(kind__in=["opening", "closing_7", "closing_1"]),
                name="notification_reminder_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.user}"
