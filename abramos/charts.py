"""Horizontal bar charts drawn on the server, with the same figures as a table beside them.

The report of the consultation and the transparency page both show totals as charts. A chart is
a picture for sighted readers; the table next to it carries the same numbers for everyone else
(the bars are `aria-hidden`, the table has the caption). Each row is HTML: the label and the
value are text that keeps its size on a phone (it never shrinks with a picture), and only the
bar is a small SVG whose width is an attribute. No JavaScript, no inline style: it passes the
strict CSP, and prints in the PDF (WeasyPrint draws inline SVG).

    chart = bar_chart(
        [(label, value), ...],
        title=_("Comments by sector"),
        value_format=intcomma,            # how a value is written (default: str)
    )
    {% include "includes/bar_chart.html" with chart=chart %}

Values may be int or Decimal; the widths are computed from them without floats where money is
concerned (the written figure is always the exact value, formatted by `value_format`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

# The largest bar's width in SVG user units; each bar's SVG stretches to its column.
SPAN = 244


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | Decimal
    text: str  # the value as written in the chart and the table
    width: int  # in SVG units, proportional to the largest value (of SPAN)
    share: Decimal | None = None  # of the total, 0..100, one decimal


@dataclass
class BarChart:
    title: str
    bars: list[Bar] = field(default_factory=list)
    total_text: str = ""
    value_heading: str = ""
    label_heading: str = ""
    chart_id: str = ""

    @property
    def span(self) -> int:
        """The width, in SVG units, of the largest bar (each bar's own small SVG)."""
        return SPAN


def bar_chart(
    items: Iterable[tuple[str, int | Decimal]],
    *,
    title: str,
    value_format: Callable[[int | Decimal], str] = str,
    label_heading: str = "",
    value_heading: str = "",
    chart_id: str = "",
    with_shares: bool = True,
) -> BarChart:
    items = list(items)
    total = sum((value for _, value in items), start=0)
    largest = max((value for _, value in items), default=0)
    span = SPAN
    bars = []
    for label, value in items:
        width = int(Decimal(value) * span / Decimal(largest)) if largest > 0 else 0
        share = None
        if with_shares and total:
            share = (Decimal(value) * 100 / Decimal(total)).quantize(Decimal("0.1"))
        bars.append(
            Bar(
                label=label,
                value=value,
                text=value_format(value),
                width=max(width, 1) if value else 0,
                share=share,
            )
        )
    return BarChart(
        title=title,
        bars=bars,
        total_text=value_format(total),
        label_heading=label_heading,
        value_heading=value_heading,
        chart_id=chart_id,
    )
