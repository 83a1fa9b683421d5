"""/transparencia/: what the process spent, with totals and charts, and its documents."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from abramos import uploads
from abramos.cache import reads_query
from transparency import selectors
from transparency.forms import DEFAULT_SORT, SORTS, DocumentFilterForm, ExpenseFilterForm
from transparency.models import Expense

EXPENSES_PER_PAGE = 50
DOCUMENTS_PER_PAGE = 50
LATEST_DOCUMENTS = 5

# Columns that sort, and the direction a first click sorts them in.
_SORT_COLUMNS = [("fecha", "-fecha"), ("concepto", "concepto"), ("monto", "-monto")]


def _query_without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _sort_links(request: HttpRequest, current: str) -> dict[str, dict]:
    """For each sortable column: the address that sorts by it, and its aria-sort state."""
    base = _query_without(request, "orden", "pagina")
    links = {}
    for column, first in _SORT_COLUMNS:
        if current == column:
            target, state = f"-{column}", "ascending"
        elif current == f"-{column}":
            target, state = column, "descending"
        else:
            target, state = first, ""
        query = f"{base}&orden={target}" if base else f"orden={target}"
        links[column] = {"url": f"?{query}#gastos", "state": state}
    return links


@reads_query(*ExpenseFilterForm.base_fields, "pagina")
@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    form = ExpenseFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else {}
    sort = form.sort() if form.is_bound else DEFAULT_SORT
    queryset = selectors.expenses(
        stage=filters.get("etapa"),
        category=filters.get("categoria"),
        activity=filters.get("actividad"),
        start=filters.get("desde"),
        end=filters.get("hasta"),
    )
    summary = selectors.totals(queryset)
    paginator = Paginator(queryset.with_related().order_by(*SORTS[sort]), EXPENSES_PER_PAGE)
    paginator.count = summary.count  # known already: no second COUNT query
    page = paginator.get_page(request.GET.get("pagina"))
    charts = selectors.charts(
        queryset,
        titles={
            "stage": _("Spending by stage"),
            "category": _("Spending by category"),
            "month": _("Spending by month"),
        },
        headings={
            "stage": _("Stage"),
            "category": _("Category"),
            "month": _("Month"),
            "amount": _("Amount"),
        },
    )
    filtered = any(value is not None for name, value in filters.items() if name != "orden")
    context = {
        "form": form,
        "filtered": filtered,
        "summary": summary,
        "page": page,
        "page_total": selectors.page_total(page.object_list),
        "charts": charts,
        "sort": sort,
        "sort_links": _sort_links(request, sort),
        "page_query": _query_without(request, "pagina"),
        "documents": selectors.documents()[:LATEST_DOCUMENTS],
    }
    return render(request, "transparency/expense_overview.html", context)


@require_safe
def expense_detail(request: HttpRequest, pk: int) -> HttpResponse:
    expense = get_object_or_404(Expense.objects.with_related(), pk=pk)
    return render(request, "transparency/expense_detail.html", {"expense": expense})


@require_safe
def expense_receipt(request: HttpRequest, pk: int) -> FileResponse:
    expense = get_object_or_404(Expense, pk=pk)
    if not expense.receipt:
        raise Http404("This expense has no receipt")
    return uploads.download_response(
        expense.receipt, filename=f"comprobante-gasto-{expense.pk}.pdf"
    )


@reads_query(*DocumentFilterForm.base_fields, "pagina")
@require_safe
def document_list(request: HttpRequest) -> HttpResponse:
    form = DocumentFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else {}
    queryset = selectors.documents(
        kind=filters.get("tipo"), stage=filters.get("etapa"), activity=filters.get("actividad")
    )
    page = Paginator(queryset, DOCUMENTS_PER_PAGE).get_page(request.GET.get("pagina"))
    context = {
        "form": form,
        "filtered": any(value is not None for value in filters.values()),
        "page": page,
        "page_query": _query_without(request, "pagina"),
    }
    return render(request, "transparency/document_list.html", context)
