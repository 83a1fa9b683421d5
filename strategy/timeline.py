"""Geometry of the process timeline, drawn as inline SVG by `strategy/includes/timeline.html`.

A Gantt-like picture: a time axis from the first stage's start to the last stage's end, each
stage as a band with its activities below it, one row per activity. The template only places
what this module computes; colours come from CSS classes in `static/css/strategy.css`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

WIDTH = 960
LABEL_WIDTH = 380  # the column of activity titles, left of the time axis
PLOT_RIGHT_PAD = 28  # room for the last year's label right of its January line
AXIS_HEIGHT = 48
STAGE_ROW = 34
ACTIVITY_ROW = 26
BOTTOM_PAD = 12
MIN_BAR = 6
LABEL_CHARS = 50  # what fits in LABEL_WIDTH at the font size the CSS sets


@dataclass
class Tick:
    x: float
    date: datetime.date
    major: bool  # a new year: a darker line and the year's label
    labelled: bool  # quarters carry the month's name


@dataclass
class YearLabel:
    x: float
    year: int
    anchor: str  # SVG text-anchor: "start", or "end" near the right edge


@dataclass
class Bar:
    x: float
    width: float
    bar_y: float
    text_y: float
    label: str
    title: str
    milestone: bool  # a one-day activity: drawn as a diamond
    done: bool
    points: str = ""  # the diamond's polygon, computed here so the template only places it


@dataclass
class Band:
    number: int
    name: str
    months: str
    status: str
    x: float
    width: float
    y: float
    height: float
    label_y: float
    rule_y: float
    # The stage's plan and its actual dates, side by side in the stage's row: two thin bars.
    actual_y: float = 0
    plan_x: float | None = None
    plan_width: float = 0
    plan_y: float = 0
    bars: list[Bar] = field(default_factory=list)


@dataclass
class Timeline:
    width: int
    height: int
    plot_left: int
    plot_right: int
    start: datetime.date
    end: datetime.date
    ticks: list[Tick]
    years: list[YearLabel]
    bands: list[Band]
    today_x: float | None
    activity_count: int


def _shorten(text: str, limit: int = LABEL_CHARS) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def _month_starts(start: datetime.date, end: datetime.date):
    month = datetime.date(start.year, start.month, 1)
    if month < start:
        month = _next_month(month)
    while month <= end:
        yield month
        month = _next_month(month)


def _next_month(day: datetime.date) -> datetime.date:
    return datetime.date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _year_labels(start, ticks, plot_left, plot_right) -> list[YearLabel]:
    """Each year's label beside its January line; the first year's at the axis start too."""
    room = 44  # what a year's label needs
    labels = []
    majors = [tick for tick in ticks if tick.major]
    if not majors:
        labels.append(YearLabel(plot_left + 4, start.year, "start"))
    elif majors[0].x - plot_left >= room - 6:
        # The first (partial) year ends at the first January line: label it just before.
        labels.append(YearLabel(majors[0].x - 4, start.year, "end"))
    for tick in majors:
        if WIDTH - tick.x < room:
            labels.append(YearLabel(tick.x - 4, tick.date.year, "end"))
        else:
            labels.append(YearLabel(tick.x + 4, tick.date.year, "start"))
    return labels


def build_timeline(stages, *, at: datetime.date) -> Timeline | None:
    """Lay out `stages` (with their `activities` prefetched) on one time axis."""
    stages = list(stages)
    if not stages:
        return None
    start = min(min(stage.start_date, stage.planned_start or stage.start_date) for stage in stages)
    # The axis runs to the day after the last stage so the last day has a width.
    end = max(
        max(stage.end_date, stage.planned_end or stage.end_date) for stage in stages
    ) + datetime.timedelta(days=1)
    plot_left, plot_right = LABEL_WIDTH, WIDTH - PLOT_RIGHT_PAD
    span_days = max((end - start).days, 1)

    def x_of(day: datetime.date) -> float:
        day = min(max(day, start), end)
        return round(plot_left + (day - start).days / span_days * (plot_right - plot_left), 1)

    ticks = [
        Tick(x_of(m), m, major=m.month == 1, labelled=m.month in (1, 4, 7, 10))
        for m in _month_starts(start, end)
    ]
    years = _year_labels(start, ticks, plot_left, plot_right)
    bands = []
    y = AXIS_HEIGHT
    count = 0
    for stage in stages:
        activities = list(stage.activities.all())
        plan_x = x_of(stage.planned_start) if stage.has_plan else None
        plan_width = (
            round(x_of(stage.planned_end + datetime.timedelta(days=1)) - plan_x, 1)
            if stage.has_plan
            else 0
        )
        band = Band(
            number=stage.number,
            name=stage.name,
            months=stage.months,
            status=stage.status_at(at),
            x=x_of(stage.start_date),
            width=round(
                x_of(stage.end_date + datetime.timedelta(days=1)) - x_of(stage.start_date), 1
            ),
            y=y,
            height=STAGE_ROW + ACTIVITY_ROW * len(activities),
            label_y=y + STAGE_ROW / 2 + 5,
            rule_y=y,
            plan_x=plan_x,
            plan_width=plan_width,
            plan_y=y + 7,
            actual_y=y + 19,
        )
        y += STAGE_ROW
        for index, activity in enumerate(activities, start=1):
            x1 = x_of(activity.start_date)
            x2 = x_of(activity.last_date + datetime.timedelta(days=1))
            middle = y + ACTIVITY_ROW / 2
            bar = Bar(
                x=x1,
                width=max(round(x2 - x1, 1), MIN_BAR),
                bar_y=middle - 6,
                text_y=middle + 4.5,
                label=f"{stage.number}.{index} {_shorten(activity.title)}",
                title=activity.title,
                milestone=not activity.is_multiday,
                done=activity.is_done,
                points=f"{x1},{middle - 7} {x1 + 7},{middle} {x1},{middle + 7} {x1 - 7},{middle}",
            )
            band.bars.append(bar)
            y += ACTIVITY_ROW
            count += 1
        bands.append(band)
    today_x = x_of(at) if start <= at < end else None
    return Timeline(
        width=WIDTH,
        height=int(y + BOTTOM_PAD),
        plot_left=plot_left,
        plot_right=plot_right,
        start=start,
        end=end - datetime.timedelta(days=1),
        ticks=ticks,
        years=years,
        bands=bands,
        today_x=today_x,
        activity_count=count,
    )
