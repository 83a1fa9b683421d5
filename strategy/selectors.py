"""Reads for the strategy pages: each returns everything a page shows in a fixed number of
queries, whatever the number of activities, documents or members."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch

from abramos.accounts.models import Sector
from strategy.models import (
    Activity,
    CollaborationOffer,
    Document,
    Membership,
    Organisation,
    Progress,
    Stage,
    ThematicTable,
    WorkingGroup,
)

HOME_ACTIVITIES = 5
HOME_DOCUMENTS = 5


@dataclass
class HomeOverview:
    stages: list[Stage]
    current_stage: Stage | None
    progress: Progress | None
    activities: list[Activity]
    activities_are_upcoming: bool
    documents: list[Document]

    @property
    def ended(self) -> bool:
        """Every stage is over: the pages speak of the process in the past tense."""
        return Stage.all_done(self.stages)


def home_overview(*, at: datetime.date) -> HomeOverview:
    """Where the process stands at `at`: 3 or 4 queries."""
    stages = list(Stage.objects.with_demo_dates())
    for stage in stages:
        stage.status = stage.status_at(at)
    current = next((s for s in stages if s.status == Stage.Status.CURRENT), None)
    activities = list(Activity.objects.with_related().upcoming(at=at)[:HOME_ACTIVITIES])
    upcoming = bool(activities)
    if not upcoming:
        activities = list(Activity.objects.with_related().recent(at=at)[:HOME_ACTIVITIES])
    documents = list(Document.objects.with_related().latest_first()[:HOME_DOCUMENTS])
    return HomeOverview(
        stages=stages,
        current_stage=current,
        progress=Progress.of_stages(stages, at=at),
        activities=activities,
        activities_are_upcoming=upcoming,
        documents=documents,
    )


def process_stages(*, at: datetime.date) -> list[Stage]:
    """Stages with their activities, the activities' documents and the stage's own documents."""
    activities = Activity.objects.select_related("responsible_group").prefetch_related(
        Prefetch("documents", queryset=Document.objects.order_by("date", "title"))
    )
    stage_documents = Document.objects.filter(activity__isnull=True).order_by("date", "title")
    stages = list(
        Stage.objects.with_demo_dates().prefetch_related(
            Prefetch("activities", queryset=activities),
            Prefetch("documents", queryset=stage_documents, to_attr="own_documents"),
        )
    )
    for stage in stages:
        stage.status = stage.status_at(at)
    return stages


def loose_documents() -> list[Document]:
    """Documents tied to neither a stage nor an activity."""
    return list(Document.objects.filter(activity__isnull=True, stage__isnull=True))


def activity_detail(slug: str) -> Activity:
    """One activity with its stage, group and documents (2 queries); raises DoesNotExist."""
    return (
        Activity.objects.with_related()
        .prefetch_related(
            Prefetch("documents", queryset=Document.objects.order_by("date", "title"))
        )
        .get(slug=slug)
    )


@dataclass
class SectorGroup:
    sector: str
    label: str
    organisations: list[Organisation]


@dataclass
class Participants:
    groups: list[WorkingGroup]
    sectors: list[SectorGroup]
    people_count: int
    # Organisations whose offer to collaborate was accepted (/colabora/).
    allies: list[CollaborationOffer] = field(default_factory=list)


def participants(*, sector: str | None = None, stage: Stage | None = None) -> Participants:
    """Working groups with their tables and members, organisations by sector, and the allies
    (6 queries)."""
    memberships = Membership.objects.with_related()
    if sector:
        memberships = memberships.of_sector(sector)
    if stage:
        memberships = memberships.in_stage(stage)
    tables = ThematicTable.objects.prefetch_related(
        Prefetch("memberships", queryset=memberships, to_attr="members")
    )
    groups = list(
        WorkingGroup.objects.prefetch_related(
            Prefetch("memberships", queryset=memberships, to_attr="members"),
            Prefetch("thematic_tables", queryset=tables, to_attr="tables"),
        )
    )
    organisations = Organisation.objects.order_by("name")
    if sector:
        organisations = organisations.filter(sector=sector)
    if stage:
        organisations = organisations.filter(
            pk__in=Membership.objects.in_stage(stage).values("organisation")
        )
    by_sector: dict[str, list[Organisation]] = {}
    for organisation in organisations:
        by_sector.setdefault(organisation.sector, []).append(organisation)
    sectors = [
        SectorGroup(value, label, by_sector[value])
        for value, label in Sector.choices
        if value in by_sector
    ]
    # A person may sit in several groups; their anchor goes on the first row that shows them.
    seen: set[int] = set()
    for group in groups:
        for membership in [*group.members, *(m for t in group.tables for m in t.members)]:
            membership.person_anchor = membership.person_id not in seen
            seen.add(membership.person_id)
    return Participants(
        groups=groups, sectors=sectors, people_count=len(seen), allies=allies(sector=sector)
    )


def allies(*, sector: str | None = None) -> list[CollaborationOffer]:
    """Accepted offers to collaborate, by organisation name (one query). Only public fields are
    loaded: the contact person and address never reach the template."""
    offers = CollaborationOffer.objects.accepted().only(*CollaborationOffer.PUBLIC_FIELDS)
    if sector:
        offers = offers.filter(sector=sector)
    return list(offers.order_by("organisation_name", "pk"))
