"""Reads for the transparency page: filtered expenses, their totals and the charts' figures.

Every figure is summed by the database over the same filtered queryset as the list, as Decimal,
so what the page shows always adds up to the records.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum, Window
from django.db.models.functions import TruncMonth
from django.utils import formats

from abramos.charts import BarChart, bar_chart
from abramos.money import CENTAVO, format_mxn
from strategy.models import Activity, Document, Stage
from transparency.models import Category, Expense

_ZERO = Decimal("0.00")


def _pesos(value: Decimal | None) -> Decimal:
    """A database sum as pesos and centavos (SQLite returns extra zero digits; None is 0)."""
    return _ZERO if value is None else Decimal(value).quantize(CENTAVO)


def expenses(
    *,
    stage: Stage | None = None,
    category: str | None = None,
    activity: Activity | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> QuerySet[Expense]:
    """The expenses that match every filter given (None: not filtered by it)."""
    queryset = Expense.objects.all()
    if stage is not None:
        queryset = queryset.in_stage(stage)
    if category:
        queryset = queryset.of_category(category)
    if activity is not None:
        queryset = queryset.for_activity(activity)
    return queryset.between(start=start, end=end)


@dataclass(frozen=True)
class Totals:
    amount: Decimal
    count: int


def totals(queryset: QuerySet[Expense]) -> Totals:
    """The sum and the count of a set of expenses, in one query."""
    row = queryset.order_by().aggregate(amount=Sum("amount"), count=Count("pk"))
    return Totals(amount=_pesos(row["amount"]), count=row["count"])


def page_total(expenses_on_page) -> Decimal:
    """The sum of the expenses shown on one page, by the database (one query)."""
    pks = [expense.pk for expense in expenses_on_page]
    if not pks:
        return _ZERO
    return _pesos(Expense.objects.filter(pk__in=pks).aggregate(total=Sum("amount"))["total"])


def _month_label(month: datetime.date | datetime.datetime) -> str:
    if isinstance(month, datetime.datetime):
        month = month.date()
    return formats.date_format(month, "YEAR_MONTH_FORMAT")


@dataclass(frozen=True)
class Charts:
    by_stage: BarChart
    by_category: BarChart
    by_month: BarChart


def charts(queryset: QuerySet[Expense], *, titles: dict[str, str], headings: dict) -> Charts:
    """Totals by stage, by category and by month of `queryset`: three grouped queries."""
    base = queryset.order_by()
    by_stage = (
        base.values("stage__number", "stage__name")
        .annotate(total=Sum("amount"))
        .order_by("stage__number")
    )
    labels = dict(Category.choices)
    by_category = base.values("category").annotate(total=Sum("amount")).order_by("-total")
    by_month = (
        base.annotate(month=TruncMonth("date")).values("month").annotate(total=Sum("amount"))
    ).order_by("month")
    return Charts(
        by_stage=bar_chart(
            [
                (f"{row['stage__number']}. {row['stage__name']}", _pesos(row["total"]))
                for row in by_stage
            ],
            title=titles["stage"],
            value_format=format_mxn,
            label_heading=headings["stage"],
            value_heading=headings["amount"],
            chart_id="grafica-etapas",
        ),
        by_category=bar_chart(
            [
                (str(labels.get(row["category"], row["category"])), _pesos(row["total"]))
                for row in by_category
            ],
            title=titles["category"],
            value_format=format_mxn,
            label_heading=headings["category"],
            value_heading=headings["amount"],
            chart_id="grafica-categorias",
        ),
        by_month=bar_chart(
            [(_month_label(row["month"]), _pesos(row["total"])) for row in by_month],
            title=titles["month"],
            value_format=format_mxn,
            label_heading=headings["month"],
            value_heading=headings["amount"],
            chart_id="grafica-meses",
        ),
    )


def documents(
    *,
    kind: str | None = None,
    stage: Stage | None = None,
    activity: Activity | None = None,
) -> QuerySet[Document]:
    """Documents of the process; a stage also matches the documents of its activities."""
    queryset = Document.objects.with_related().select_related("activity__stage").latest_first()
    if kind:
        queryset = queryset.filter(kind=kind)
    if stage is not None:
        queryset = queryset.filter(Q(stage=stage) | Q(activity__stage=stage))
    if activity is not None:
        queryset = queryset.filter(activity=activity)
    return queryset


@dataclass(frozen=True)
class ActivitySpending:
    total: Decimal
    count: int
    expenses: list[Expense]


ACTIVITY_EXPENSES_SHOWN = 20


def activity_spending(activity: Activity) -> ActivitySpending | None:
    """What an activity cost and its first expenses, in one query (window sums), or None."""
    rows = list(
        Expense.objects.for_activity(activity)
        .annotate(activity_total=Window(Sum("amount")), activity_count=Window(Count("pk")))
        .order_by("date", "pk")[:ACTIVITY_EXPENSES_SHOWN]
    )
    if not rows:
        return None
    return ActivitySpending(
        total=_pesos(rows[0].activity_total), count=rows[0].activity_count, expenses=rows
    )
