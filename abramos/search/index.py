"""Keeping the index current: signals re-index one record, `rebuild()` re-indexes everything.

Each provider's model is followed with post_save and post_delete (and the models it names in
`related`), so the index changes in the same transaction as the record: a comment hidden by a
moderator is gone from the results when the moderation commits, and comes back if it is rolled
back. Rows written without signals (`bulk_create` in the demo loaders, fixtures) are indexed by
`rebuild()`: `load_demo` calls it at its end, `migrate` calls it when the index is empty, and
`manage.py search_reindex` runs it by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from modeltranslation.translator import NotRegistered, translator

from abramos.cache import shows_change
from abramos.search import text
from abramos.search.registry import Doc, Provider

_BATCH = 500


# What SearchVector(title, weight="A", config="es_unaccent") + SearchVector(body, weight="B", ...)
# compiles to, written once: built from those expressions, it cost each new comment more Python
# than the rest of its search entry (a test holds that both give the same vector).
_VECTOR_SQL = (
    "setweight(to_tsvector('es_unaccent'::regconfig, COALESCE(%s, '')), 'A') || "
    "setweight(to_tsvector('es_unaccent'::regconfig, COALESCE(%s, '')), 'B')"
)


def _vector(title: str, body: str):
    from django.contrib.postgres.search import SearchVectorField
    from django.db.models.expressions import RawSQL

    # A constant statement; the texts go as parameters.
    return RawSQL(_VECTOR_SQL, (title, body), output_field=SearchVectorField())  # noqa: S611  # nosec B611


def _translated(model) -> bool:
    """Whether `model` has English fields (modeltranslation): asked once per object indexed,
    so a lookup, not the list of registered models built again each time."""
    try:
        translator.get_options_for_model(model)
    except NotRegistered:
        return False
    return True


def _entries(provider: Provider, obj: Any) -> list:
    from abramos.search.models import Entry

    # Links are stored as the site language writes them (no /en/ prefix), whatever language
    # the request that saved the record was in; the result page adds the prefix.
    with translation.override(settings.LANGUAGE_CODE):
        docs = list(provider.documents(obj))
    english: list[Doc | None] = [None] * len(docs)
    if _translated(provider.model):
        with translation.override("en"):
            in_english = list(provider.documents(obj))
        if len(in_english) == len(docs):
            english = in_english
    return [
        _entry(Entry, provider.kind, str(obj.pk), doc, en)
        for doc, en in zip(docs, english, strict=True)
    ]


def _entry(model, kind: str, key: str, doc: Doc, english: Doc | None = None):
    """One entry; `english` is the same record read in English, kept where it differs."""

    def differing(name: str) -> str:
        value = getattr(english, name) if english else ""
        return value if value != getattr(doc, name) else ""

    title_en, body_en, context_en = differing("title"), differing("body"), differing("context")
    return model(
        kind=kind,
        object_key=key,
        title=doc.title[:500],
        body=doc.body,
        context=doc.context[:500],
        url=doc.url[:500],
        version=doc.version,
        status=doc.status,
        title_en=title_en[:500],
        body_en=body_en,
        context_en=context_en[:500],
        title_plain=text.plain(f"{doc.title} {title_en}")[:500],
        text_plain=text.plain(f"{doc.title} {doc.body} {title_en} {body_en}"),
    )


def _store(entries: list) -> None:
    """Insert entries and, on PostgreSQL, compute their search vectors in the database."""
    from abramos.search.models import Entry

    if connection.vendor == "postgresql":
        # Computed by the INSERT itself: no second write (and no dead row) per entry.
        for entry in entries:
            entry.search_vector = _vector(
                f"{entry.title} {entry.title_en}", f"{entry.body} {entry.body_en}"
            )
    Entry.objects.bulk_create(entries, batch_size=_BATCH)


@transaction.atomic
def index_object(provider: Provider, obj: Any) -> None:
    """Replace the entries of one record by what its provider says now."""
    from abramos.search.models import Entry

    Entry.objects.filter(kind=provider.kind, object_key=str(obj.pk)).delete()
    _store(_entries(provider, obj))


def remove_object(provider: Provider, pk: Any) -> None:
    from abramos.search.models import Entry

    Entry.objects.filter(kind=provider.kind, object_key=str(pk)).delete()


@transaction.atomic
def rebuild(kinds: Iterable[str] | None = None) -> int:
    """Re-index every record of every kind (or of the kinds given); returns the entries stored."""
    from abramos.search.models import Entry
    from abramos.search.registry import providers

    total = 0
    for provider in providers():
        if kinds is not None and provider.kind not in kinds:
            continue
        Entry.objects.filter(kind=provider.kind).delete()
        batch: list = []
        for obj in provider.queryset():
            batch.extend(_entries(provider, obj))
            if len(batch) >= _BATCH:
                _store(batch)
                total += len(batch)
                batch = []
        _store(batch)
        total += len(batch)
    if connection.vendor == "postgresql":
        # Fresh statistics, so the planner knows the index it was just given.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_entry")
    return total


def rebuild_if_empty(**kwargs) -> None:
    """After `migrate`: a database that had records before search existed gets them indexed."""
    from abramos.search.models import Entry

    if not Entry.objects.exists():
        rebuild()


# Signals ------------------------------------------------------------------------------------


def connect(provider: Provider) -> None:
    uid = f"abramos.search:{provider.kind}"

    def saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
        if raw or (update_fields and not shows_change(sender, update_fields)):
            return  # fixtures, or a save of fields no public page shows (a staff flag)
        if created:  # nothing to replace: its entries are stored (one INSERT, no savepoint)
            _store(_entries(provider, instance))
        else:
            index_object(provider, instance)

    def deleted(sender, instance, **kwargs):
        remove_object(provider, instance.pk)

    post_save.connect(saved, sender=provider.model, weak=False, dispatch_uid=uid)
    post_delete.connect(deleted, sender=provider.model, weak=False, dispatch_uid=uid)
    for model, objects in provider.related.items():

        def related_saved(sender, instance, created=False, raw=False, _objects=objects, **kwargs):
            # The related records are those that point to `instance` (a comment's answer): a
            # record just created has none yet.
            if not raw and not created:
                for obj in _objects(instance):
                    index_object(provider, obj)

        related_uid = f"{uid}:{model._meta.label}"
        post_save.connect(related_saved, sender=model, weak=False, dispatch_uid=related_uid)
