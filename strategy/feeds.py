"""Atom feeds of the process (served by `transparency` at /datos/<slug>.atom): the activities and
the documents, newest change first. Registered from `StrategyConfig.ready()`.

An entry's dates come from the record's history: published when it was first recorded, updated
at its last change (an activity's own dates may lie in the future: they say when it happens, not
when the portal announced it).
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from collections.abc import Iterator

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from abramos.feeds import FEED_SIZE, Entry, FeedSource, register
from strategy.models import Activity, Document


def _with_history_dates(queryset):
    history = queryset.model.history.model.objects.filter(id=OuterRef("pk"))
    return queryset.annotate(
        first_recorded=Subquery(history.order_by("history_date").values("history_date")[:1]),
        last_changed=Subquery(history.order_by("-history_date").values("history_date")[:1]),
    ).order_by("-last_changed", "-pk")


def _at_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=timezone.get_default_timezone())


def _activity_entries() -> Iterator[Entry]:
    activities = _with_history_dates(Activity.objects.select_related("stage"))[:FEED_SIZE]
    for activity in activities:
        published = activity.first_recorded or _at_midnight(activity.start_date)
        when = activity.start_date.isoformat()
        if activity.is_multiday:
            when += f" – {activity.end_date.isoformat()}"
        summary = " · ".join(
            part
            for part in (
                when,
                activity.location,
                activity.get_status_display(),
                str(activity.stage),
            )
            if part
        )
        yield Entry(
            title=activity.title,
            path=activity.get_absolute_url(),
            published=published,
            updated=activity.last_changed or published,
            summary=summary,
            categories=(activity.get_kind_display(),),
            key=f"actividad-{activity.pk}",
        )


def _document_entries() -> Iterator[Entry]:
    documents = _with_history_dates(Document.objects.select_related("activity"))[:FEED_SIZE]
    for document in documents:
        published = document.first_recorded or _at_midnight(document.date)
        yield Entry(
            title=document.title,
            path=document.get_absolute_url(),
            published=published,
            updated=document.last_changed or published,
            summary=document.description or document.get_kind_display(),
            categories=(document.get_kind_display(),),
            enclosure_url=document.get_download_url() if document.file else "",
            enclosure_type=mimetypes.guess_type(document.filename)[0] or "application/octet-stream",
            enclosure_length=document.size,
            key=f"documento-{document.slug}",
        )


def register_all() -> None:
    register(
        FeedSource(
            slug="actividades",
            title=_("Activities of the National Open Data Policy process"),
            description=_("New and updated activities of the construction process."),
            link_url_name="strategy:process",
            entries=_activity_entries,
        )
    )
    register(
        FeedSource(
            slug="documentos",
            title=_("Documents of the National Open Data Policy process"),
            description=_("New and updated documents of the construction process."),
            link_url_name="strategy:process",
            entries=_document_entries,
        )
    )
