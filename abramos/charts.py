"""Bar charts drawn on the server as SVG, with the same figures as a table beside them.

The report of the consultation and the transparency page both show totals as charts. A chart is
a picture for sighted readers; the table next to it carries the same numbers for everyone else
(the SVG is `aria-hidden`, the table has the caption). No JavaScript, no inline style: the SVG
uses attributes and the classes in `static/css/charts.css`, so it passes the strict CSP and
prints in the PDF (WeasyPrint draws inline SVG).

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

# Geometry in SVG user units; the SVG scales to its container's width.
WIDTH = 640
LABEL_WIDTH = 220
VALUE_WIDTH = 160
BAR_HEIGHT = 22
GAP = 10


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | Decimal
    text: str  # the value as written in the chart and the table
    y: int
    width: int  # in SVG units, proportional to the largest value
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
    def height(self) -> int:
        return max(len(self.bars), 1) * (BAR_HEIGHT + GAP) + GAP

    @property
    def width(self) -> int:
        return WIDTH

    @property
    def label_width(self) -> int:
        return LABEL_WIDTH

    @property
    def bar_x(self) -> int:
        return LABEL_WIDTH + 8

    @property
    def text_offset(self) -> int:
        return BAR_HEIGHT // 2 + 5

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT


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
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 16
    bars = []
    for index, (label, value) in enumerate(items):
        width = int(Decimal(value) * span / Decimal(largest)) if largest > 0 else 0
        share = None
        if with_shares and total:
            share = (Decimal(value) * 100 / Decimal(total)).quantize(Decimal("0.1"))
        bars.append(
            Bar(
                label=label,
                value=value,
                text=value_format(value),
                y=GAP + index * (BAR_HEIGHT + GAP),
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
