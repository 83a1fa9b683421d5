"""What the construction process offers to the search (abramos.search): activities, their
documents and the organisations taking part. Registered from `StrategyConfig.ready()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from abramos.search.registry import Doc, Provider, register
from abramos.search.text import from_html
from strategy.models import Activity, Document, Organisation, Stage


def _activity_documents(activity: Activity):
    yield Doc(
        title=activity.title,
        body=" ".join(filter(None, [from_html(activity.description_html), activity.location])),
        url=activity.get_absolute_url(),
        context=f"{activity.stage.number}. {activity.stage.name} · {activity.start_date:%Y-%m-%d}",
    )


def _document_documents(document: Document):
    yield Doc(
        title=document.title,
        body=document.description,
        url=document.get_absolute_url(),
        context=" · ".join(
            filter(
                None, [document.activity.title if document.activity_id else "", document.extension]
            )
        ),
    )


def _organisation_documents(organisation: Organisation):
    yield Doc(
        title=str(organisation),
        body=organisation.website,
        url=organisation.get_absolute_url(),
        context=organisation.website,
    )


def register_all() -> None:
    register(
        Provider(
            kind="actividad",
            label=_("Activities"),
            item_label=_("Activity"),
            model=Activity,
            documents=_activity_documents,
            queryset=lambda: Activity.objects.select_related("stage"),
            related={Stage: lambda stage: stage.activities.select_related("stage")},
            order=40,
        )
    )
    register(
        Provider(
            kind="documento",
            label=_("Documents"),
            item_label=_("Document"),
            model=Document,
            documents=_document_documents,
            queryset=lambda: Document.objects.select_related("activity"),
            # The link and the context name the activity.
            related={Activity: lambda activity: activity.documents.select_related("activity")},
            order=50,
        )
    )
    register(
        Provider(
            kind="organizacion",
            label=_("Organisations"),
            item_label=_("Organisation"),
            model=Organisation,
            documents=_organisation_documents,
            queryset=Organisation.objects.all,
            order=60,
        )
    )
