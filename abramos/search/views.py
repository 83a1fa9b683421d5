"""/buscar/?q=...: one page of results over every kind of record, grouped, ranked, filterable."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from abramos.cache import reads_query
from abramos.search import text
from abramos.search.registry import providers, version_choices
from abramos.search.selectors import PAGE_SIZE, search


def _int(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if 0 < number < 10**6 else None


@reads_query("q", "tipo", "version", "page")
@require_GET
def results(request):
    query, shortened = text.clean_query(request.GET.get("q", ""))
    kinds = providers()
    kind = request.GET.get("tipo", "")
    if kind not in {provider.kind for provider in kinds}:
        kind = ""
    version = _int(request.GET.get("version"))
    page_number = _int(request.GET.get("page")) or 1
    found = search(query, kind=kind, version=version, page=page_number) if query else None
    page = None
    if found is not None and kind:
        # The counts query already knows the total: the paginator does not count again.
        paginator = Paginator(range(found.counts.get(kind, 0)), PAGE_SIZE)
        page = paginator.get_page(page_number)
    base = {"q": query, **({"version": version} if version else {})}
    language = get_language()
    context = {
        # Links are indexed without a language prefix (the site language's).
        "url_prefix": "" if language == settings.LANGUAGE_CODE else f"/{language}",
        "page_query": urlencode({**base, **({"tipo": kind} if kind else {})}),
        "all_kinds_query": urlencode(base),
        "query": query,
        "shortened": shortened,
        "max_length": text.MAX_QUERY_LENGTH,
        "kinds": kinds,
        "kind": kind,
        "version": version,
        "versions": version_choices(),
        "search": found,
        "page": page,
    }
    return render(request, "search/search_results.html", context)
