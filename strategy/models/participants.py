"""Who takes part: organisations, people and their memberships of groups and tables."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from abramos.accounts.models import Sector
from abramos.cache import PublicQuerySet, shown_on_public_pages
from abramos.demo import DemoMarked
from strategy.models.process import Stage, ThematicTable, WorkingGroup

# Participants ----------------------------------------------------------------------------------


@shown_on_public_pages
class Organisation(DemoMarked, models.Model):
    class Kind(models.TextChoices):
        GUARANTOR = "guarantor", _("Guarantor agency")
        PUBLIC_INSTITUTION = "public_institution", _("Public institution")
        ACADEMIC = "academic", _("Academic institution")
        CIVIL_SOCIETY = "civil_society", _("Civil society organisation")
        COMPANY = "company", _("Company or business association")
        COMMUNITY = "community", _("Open data community")
        INTERNATIONAL = "international", _("International organisation")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    website = models.URLField(_("website"), blank=True)
    history = HistoricalRecords()

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self) -> str:
        return reverse("strategy:participants") + f"#organizacion-{self.slug}"

    @property
    def short_name(self) -> str:
        return self.acronym or self.name


@shown_on_public_pages
class Person(DemoMarked, models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    position = models.CharField(
        _("position"), max_length=255, blank=True, help_text=_("e.g. “Comisionado del INAI”.")
    )
    history = HistoricalRecords()

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("strategy:participants") + f"#persona-{self.slug}"


class MembershipQuerySet(PublicQuerySet):
    def with_related(self) -> MembershipQuerySet:
        return self.select_related("person", "organisation", "stage")

    def in_stage(self, stage: Stage) -> MembershipQuerySet:
        """Who takes part in `stage`: joined in it, or throughout the process (no stage)."""
        return self.filter(Q(stage=stage) | Q(stage__isnull=True))

    def of_sector(self, sector: str) -> MembershipQuerySet:
        return self.filter(organisation__sector=sector)


@shown_on_public_pages
class Membership(DemoMarked, models.Model):
    """A person's seat in a working group or in a thematic table (exactly one of the two)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    working_group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("working group"),
    )
    thematic_table = models.ForeignKey(
        ThematicTable,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("thematic table"),
    )
    role = models.CharField(
        _("role"), max_length=100, help_text=_("e.g. “enlace técnico”, “coordinación”.")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    stage = models.ForeignKey(
        Stage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("stage"),
        help_text=_("The stage in which the person takes part; empty for the whole process."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["order", "person__name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(working_group__isnull=False, thematic_table__isnull=True)
                    | Q(working_group__isnull=True, thematic_table__isnull=False)
                ),
                name="strategy_membership_group_xor_table",
                violation_error_message=_(
                    "Choose either a working group or a thematic table, not both."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.role} · {self.working_group or self.thematic_table}"

    def get_absolute_url(self) -> str:
        return self.person.get_absolute_url()
