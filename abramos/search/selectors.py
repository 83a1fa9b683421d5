"""Reading the index: which entries match a query, ranked, grouped by kind, in few queries.

PostgreSQL: `websearch_to_tsquery('es_unaccent', q)` against the stored vector (GIN index),
entries whose title matches first, then `ts_rank` over the weights (title A, body B).
SQLite: every word of the query (normalised, stemmed) with LIKE on the normalised text, entries
whose title holds every word first. A page of results costs two queries whatever the size of
the index: the results shown with the count of each kind
(window functions), and, when one kind is chosen, the counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, Count, F, FloatField, Func, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils.safestring import SafeString

from abramos.search import text
from abramos.search.models import Entry
from abramos.search.registry import Provider, providers

# Results of each kind on the page of every kind; the rest through "see all".
PER_KIND = 5
# Results per page when one kind is chosen.
PAGE_SIZE = 20
# Weights of ts_rank for the labels D, C, B (body) and A (title).
_WEIGHTS = [0.1, 0.2, 0.4, 1.0]
_SHOWN = (
    "kind", "object_key", "title", "body", "context", "url", "version", "status",
    "title_en", "body_en", "context_en",
)  # fmt: skip


@dataclass
class Result:
    entry: Entry
    excerpt: SafeString


@dataclass
class Group:
    provider: Provider
    count: int
    results: list[Result] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.provider.kind

    @property
    def has_more(self) -> bool:
        return self.count > len(self.results)


@dataclass
class Search:
    query: str
    terms: list[str]
    groups: list[Group]
    counts: dict[str, int]
    kind: str = ""

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class _TitleVector(Func):
    """Only the weight-A lexemes of the stored vector: what the title holds."""

    template = "ts_filter(%(expressions)s, '{a}'::\"char\"[])"

    def __init__(self, expression):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(expression, output_field=SearchVectorField())


def _matching(query: str, search_terms: list[str]) -> tuple[QuerySet, QuerySet]:
    """The matching entries (for counting) and the same, annotated for ranking."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank

        tsquery = SearchQuery(query, config="es_unaccent", search_type="websearch")
        matching = Entry.objects.filter(search_vector=tsquery)
        ranked = matching.alias(title_vector=_TitleVector(F("search_vector"))).annotate(
            title_hit=Case(When(title_vector=tsquery, then=Value(1)), default=Value(0)),
            rank=SearchRank(F("search_vector"), tsquery, weights=_WEIGHTS),
        )
        return matching, ranked
    # SQLite (and any other database): LIKE on the normalised words, every term required.
    if not search_terms:
        # Only stopwords or punctuation: nothing to look for (PostgreSQL finds nothing too).
        nothing = Entry.objects.none()
        return nothing, nothing.annotate(title_hit=Value(0), rank=Value(0.0))
    matching = Entry.objects.filter(*[Q(text_plain__contains=term) for term in search_terms])
    in_title = Q(*[Q(title_plain__contains=term) for term in search_terms])
    ranked = matching.annotate(
        title_hit=Case(When(in_title, then=Value(1)), default=Value(0)),
        rank=Value(0.0, output_field=FloatField()),
    )
    return matching, ranked


_ORDER = (F("title_hit").desc(), F("rank").desc(), F("pk").asc())


def _counts(matching: QuerySet, kinds) -> dict[str, int]:
    rows = matching.order_by().values("kind").annotate(n=Count("pk"))
    return {row["kind"]: row["n"] for row in rows if row["kind"] in kinds}


def search(query: str, *, kind: str = "", version: int | None = None, page: int = 1) -> Search:
    """The results of `query`: every kind (the best PER_KIND of each) or one kind, paginated."""
    query, _shortened = text.clean_query(query)
    search_terms = text.terms(query)
    kinds = {provider.kind: provider for provider in providers()}
    matching, ranked = _matching(query, search_terms)
    if version is not None:
        matching = matching.filter(version=version)
        ranked = ranked.filter(version=version)
    groups: dict[str, Group] = {}
    if kind in kinds:
        counts = _counts(matching, kinds)
        last_page = max((counts.get(kind, 0) + PAGE_SIZE - 1) // PAGE_SIZE, 1)
        offset = (min(max(page, 1), last_page) - 1) * PAGE_SIZE
        entries = []
        if counts.get(kind):
            shown = ranked.filter(kind=kind).only(*_SHOWN).order_by(*_ORDER)
            entries = list(shown[offset : offset + PAGE_SIZE])
        groups[kind] = Group(kinds[kind], counts.get(kind, 0))
    else:
        # One pass: the best PER_KIND of each kind and the number of results of each kind.
        best = (
            ranked.only(*_SHOWN)
            .annotate(
                position=Window(RowNumber(), partition_by=[F("kind")], order_by=_ORDER),
                kind_count=Window(Count("pk"), partition_by=[F("kind")]),
            )
            .filter(position__lte=PER_KIND)
            .order_by("kind", "position")
        )
        entries = [entry for entry in best if entry.kind in kinds]
        counts = {entry.kind: entry.kind_count for entry in entries}
        groups = {k: Group(kinds[k], counts[k]) for k in kinds if k in counts}
    for entry in entries:
        groups[entry.kind].results.append(
            Result(
                entry, text.excerpt(entry.shown_body, search_terms) if entry.shown_body else None
            )
        )
    ordered = [groups[k] for k in kinds if k in groups]
    return Search(query=query, terms=search_terms, groups=ordered, counts=counts, kind=kind)
