"""The process itself: its stages, working groups and thematic tables, activities, the documents
they produce and the immediate actions."""

from __future__ import annotations

import contextlib
import datetime
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from abramos import geo
from abramos.cache import PublicQuerySet, shown_on_public_pages
from abramos.demo import DemoMarked
from strategy.models.base import _MarkdownDescription

# Stages ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """How far the whole calendar has run: first stage's start to the last stage's end."""

    start: datetime.date
    end: datetime.date
    at: datetime.date

    @property
    def total_days(self) -> int:
        return max((self.end - self.start).days, 1)

    @property
    def elapsed_days(self) -> int:
        return min(max((self.at - self.start).days, 0), self.total_days)

    @property
    def fraction(self) -> float:
        return self.elapsed_days / self.total_days

    @property
    def percent(self) -> int:
        return round(self.fraction * 100)

    @classmethod
    def of_stages(cls, stages, *, at: datetime.date) -> Progress | None:
        stages = list(stages)
        if not stages:
            return None
        return cls(
            start=min(stage.start_date for stage in stages),
            end=max(stage.end_date for stage in stages),
            at=at,
        )


class StageQuerySet(PublicQuerySet):
    def current(self, *, at: datetime.date) -> StageQuerySet:
        return self.filter(start_date__lte=at, end_date__gte=at)

    def with_demo_dates(self) -> StageQuerySet:
        """`demo_dates`: the stage's actual dates come from invented activities (abramos/demo.py),
        so they are illustrative too (its name and plan are the seeds')."""
        invented = Activity.objects.filter(stage=models.OuterRef("pk"), is_demo=True)
        return self.annotate(demo_dates=models.Exists(invented))

    def ended(self, *, at: datetime.date) -> bool:
        """Whether the whole process is over at `at` (one query): what the pages' tense follows."""
        end = self.aggregate(end=models.Max("end_date"))["end"]
        return end is not None and end < at

    def progress(self, *, at: datetime.date) -> Progress | None:
        """The process's progress across the calendar of these stages (one query)."""
        bounds = self.aggregate(start=models.Min("start_date"), end=models.Max("end_date"))
        if bounds["start"] is None:
            return None
        return Progress(start=bounds["start"], end=bounds["end"], at=at)


@shown_on_public_pages
class Stage(_MarkdownDescription):
    """One of the three stages of the construction process."""

    class Status(models.TextChoices):
        DONE = "done", _("Finished")
        CURRENT = "current", _("In progress")
        PLANNED = "planned", _("Planned")

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    months = models.CharField(
        _("months"), max_length=100, help_text=_("As announced, e.g. “Noviembre – Marzo”.")
    )
    planned_start = models.DateField(
        _("planned start"),
        null=True,
        blank=True,
        help_text=_("The first day of the month the plan gave for the stage's start."),
    )
    planned_end = models.DateField(
        _("planned end"),
        null=True,
        blank=True,
        help_text=_("The last day of the month the plan gave for the stage's end."),
    )
    start_date = models.DateField(
        _("start date"), help_text=_("The day the stage actually started.")
    )
    end_date = models.DateField(
        _("end date"),
        help_text=_("The day the stage actually ended (or is now expected to end)."),
    )
    # history: registered with the English fields in strategy/translation.py

    objects = StageQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="strategy_stage_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="strategy_stage_number_gte_1"),
            models.CheckConstraint(
                condition=Q(planned_end__gte=F("planned_start"))
                | Q(planned_start__isnull=True)
                | Q(planned_end__isnull=True),
                name="strategy_stage_planned_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("strategy:process") + f"#{self.anchor}"

    def clean(self):
        super().clean()
        if (self.planned_start is None) != (self.planned_end is None):
            raise ValidationError(_("Give both the planned start and the planned end, or neither."))
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            raise ValidationError({"planned_end": _("The plan cannot end before it starts.")})

    @property
    def has_plan(self) -> bool:
        return self.planned_start is not None and self.planned_end is not None

    @property
    def anchor(self) -> str:
        return f"etapa-{self.number}"

    @staticmethod
    def all_done(stages) -> bool:
        """Every stage of an already-read list is over (their `status` set by a selector): the
        pages then speak of the process in the past tense. StageQuerySet.ended asks the
        database the same."""
        return bool(stages) and all(s.status == Stage.Status.DONE for s in stages)

    def status_at(self, at: datetime.date) -> Stage.Status:
        if at < self.start_date:
            return self.Status.PLANNED
        if at > self.end_date:
            return self.Status.DONE
        return self.Status.CURRENT


# Working groups --------------------------------------------------------------------------------


@shown_on_public_pages
class WorkingGroup(_MarkdownDescription):
    """Grupo Impulsor, Grupo Técnico, Grupo Especializado."""

    class Kind(models.TextChoices):
        DRIVING = "impulsor", _("Driving group")
        TECHNICAL = "tecnico", _("Technical group")
        SPECIALIZED = "especializado", _("Specialised group")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    purpose = models.TextField(_("purpose"), help_text=_("One sentence: what the group is for."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # history: registered with the English fields in strategy/translation.py

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("strategy:participants") + f"#{self.slug}"


@shown_on_public_pages
class ThematicTable(_MarkdownDescription):
    """A thematic table (mesa temática) of a working group, usually the Specialised Group."""

    working_group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.PROTECT,
        related_name="thematic_tables",
        verbose_name=_("working group"),
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # history: registered with the English fields in strategy/translation.py

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("thematic table")
        verbose_name_plural = _("thematic tables")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("strategy:participants") + f"#{self.slug}"


# Activities ------------------------------------------------------------------------------------


class ActivityQuerySet(PublicQuerySet):
    def with_related(self) -> ActivityQuerySet:
        return self.select_related("stage", "responsible_group")

    def done(self) -> ActivityQuerySet:
        return self.filter(status=Activity.Status.DONE)

    def planned(self) -> ActivityQuerySet:
        return self.filter(status=Activity.Status.PLANNED)

    def upcoming(self, *, at: datetime.date) -> ActivityQuerySet:
        """Planned activities that have not ended by `at`, soonest first."""
        not_over = Q(end_date__gte=at) | Q(end_date__isnull=True, start_date__gte=at)
        return self.planned().filter(not_over).order_by("start_date", "order", "pk")

    def recent(self, *, at: datetime.date) -> ActivityQuerySet:
        """Activities that started on or before `at`, latest first."""
        return self.filter(start_date__lte=at).order_by("-start_date", "-order", "-pk")


@shown_on_public_pages
class Activity(DemoMarked, _MarkdownDescription):
    """Something that happens in a stage: a meeting, a forum, a draft, a publication..."""

    class Kind(models.TextChoices):
        INSTALLATION = "installation", _("Installation")
        MEETING = "meeting", _("Meeting")
        DOCUMENT = "document", _("Document preparation")
        DIALOGUE_TABLE = "dialogue_table", _("Dialogue table")
        FORUM = "forum", _("Forum")
        CONSULTATION = "consultation", _("Public consultation")
        PRESENTATION = "presentation", _("Presentation")
        APPROVAL = "approval", _("Approval")
        PUBLICATION = "publication", _("Publication")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")

    stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, related_name="activities", verbose_name=_("stage")
    )
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Leave empty for a one-day activity.")
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    state = models.CharField(
        _("state"),
        max_length=2,
        choices=geo.state_choices(outside=False),
        blank=True,
        help_text=_("Entidad federativa where it takes place, if only one."),
    )
    responsible_group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("responsible group"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Orders activities that start on the same day.")
    )
    # history: registered with the English fields in strategy/translation.py

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "order", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="strategy_activity_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["status", "start_date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:activity-detail", kwargs={"slug": self.slug})

    @property
    def last_date(self) -> datetime.date:
        return self.end_date or self.start_date

    @property
    def is_multiday(self) -> bool:
        return self.end_date is not None and self.end_date > self.start_date

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    def get_state_name(self) -> str:
        return geo.state_name(self.state) if self.state else ""

    @property
    def location(self) -> str:
        """Place and state, the state left out when the place already names it."""
        state = self.get_state_name()
        if not state or state in self.place:
            return self.place
        return f"{self.place}, {state}" if self.place else state


# Documents -------------------------------------------------------------------------------------


class DocumentQuerySet(PublicQuerySet):
    def with_related(self) -> DocumentQuerySet:
        return self.select_related("activity", "stage")

    def latest_first(self) -> DocumentQuerySet:
        return self.order_by("-date", "-pk")


@shown_on_public_pages
class Document(models.Model):
    """A working document of the process: the strategy, the methodology, minutes, drafts..."""

    class Kind(models.TextChoices):
        STRATEGY = "strategy", _("Strategy")
        METHODOLOGY = "methodology", _("Methodology")
        CRITICAL_PATH = "critical_path", _("Critical path")
        MINUTES = "minutes", _("Minutes")
        DRAFT = "draft", _("Draft")
        REPORT = "report", _("Report")
        SUMMARY = "summary", _("Summary")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="documentos/%Y/", blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True, editable=False)
    date = models.DateField(_("date"))
    activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("activity"),
    )
    stage = models.ForeignKey(
        Stage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("stage"),
    )
    description = models.TextField(_("description"), blank=True)
    # history: registered with the English fields in strategy/translation.py

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # The size is read once, here, so listing documents never touches the storage.
        if not self.file:
            self.size = None
        else:
            # A file gone from storage keeps the size last known.
            with contextlib.suppress(OSError):
                self.size = self.file.size
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        if self.activity_id:
            return reverse("strategy:activity-detail", kwargs={"slug": self.activity.slug})
        return reverse("strategy:process") + f"#documento-{self.slug}"

    def get_download_url(self) -> str:
        return reverse("strategy:document-download", kwargs={"slug": self.slug})

    @property
    def filename(self) -> str:
        return PurePath(self.file.name).name if self.file else ""

    @property
    def extension(self) -> str:
        """'PDF', 'TXT'...: shown beside the download link."""
        return PurePath(self.file.name).suffix.lstrip(".").upper() if self.file else ""


# Immediate actions -----------------------------------------------------------------------------


@shown_on_public_pages
class Action(_MarkdownDescription):
    """An immediate action (acción inmediata) announced with the strategy."""

    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=255)
    activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("activity"),
        help_text=_("The activity in which it is addressed."),
    )
    done = models.BooleanField(_("done"), default=False)
    # history: registered with the English fields in strategy/translation.py

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["order"]
        verbose_name = _("immediate action")
        verbose_name_plural = _("immediate actions")
        constraints = [
            models.UniqueConstraint(fields=["order"], name="strategy_action_unique_order"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("strategy:policy") + f"#accion-{self.order}"
