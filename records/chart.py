"""The mastery-over-time chart as coordinates; the template draws the SVG from them.

Drawn on the server, like the mind map: no chart script to ship to an intranet, and the CSP
forbids inline styles, so colours and dash patterns come from classes in site.css.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import dateformat, timezone

from records.services import CompetencyMastery

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 12, 36  # room for the axis labels
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
Y_TICKS = (0, 25, 50, 75, 100)
X_TICKS = 5


@dataclass
class Point:
    x: float
    y: float
    when: dt.datetime
    mastery: Decimal

    # Coordinates as text: a template would localise a float ("1,5" in some languages).
    @property
    def cx(self) -> str:
        return f"{self.x:.1f}"

    @property
    def cy(self) -> str:
        return f"{self.y:.1f}"


@dataclass
class Series:
    index: int  # picks the line's class, hence colour and dash pattern
    mastery: CompetencyMastery
    points: list[Point] = field(default_factory=list)

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass
class Tick:
    at: float
    label: object  # a number on the y axis, the date (or time) as text on the x axis

    @property
    def pos(self) -> str:
        return f"{self.at:.1f}"

    @property
    def text_pos(self) -> str:
        """Where a y-axis label's baseline goes: a third of the font size below the line."""
        return f"{self.at + 4:.1f}"


@dataclass
class Chart:
    series: list[Series]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def _y(value: Decimal) -> float:
    return TOP + PLOT_H * (1 - float(value) / 100)


SERIES_STYLES = 5  # .series-0 to .series-4 in site.css


def mastery_chart(masteries: list[CompetencyMastery]) -> Chart | None:
    """Every competency with at least one graded attempt, as a line over time; None when the
    cadre has none yet."""
    moments = [p.when for m in masteries for p in m.points]
    if not moments:
        return None
    start, end = min(moments), max(moments)
    if start == end:  # one day of attempts: centre it instead of dividing by zero
        start, end = start - dt.timedelta(days=1), end + dt.timedelta(days=1)
    span = (end - start).total_seconds()

    def x(moment: dt.datetime) -> float:
        return LEFT + PLOT_W * (moment - start).total_seconds() / span

    series = []
    for index, mastery in enumerate(masteries):
        if not mastery.points:
            continue
        line = Series(index % SERIES_STYLES, mastery)  # styles repeat past the fifth line
        line.points = [Point(x(p.when), _y(p.mastery), p.when, p.mastery) for p in mastery.points]
        series.append(line)
    x_ticks = _x_ticks(start, end)
    y_ticks = [Tick(_y(Decimal(v)), v) for v in Y_TICKS]
    return Chart(series, y_ticks, x_ticks)


def _x_ticks(start: dt.datetime, end: dt.datetime) -> list[Tick]:
    """Evenly spaced dates; over a few days, dates with the time, so ticks never repeat one
    label (attempts on one afternoon gave five ticks of the same date). A tick whose label is
    the previous one's is left out."""
    fmt = "Y-m-d" if end - start >= dt.timedelta(days=X_TICKS - 1) else "m-d H:i"
    ticks: list[Tick] = []
    for i in range(X_TICKS):
        moment = start + (end - start) * i / (X_TICKS - 1)
        moment = timezone.localtime(moment) if timezone.is_aware(moment) else moment
        label = dateformat.format(moment, fmt)
        if not ticks or ticks[-1].label != label:
            ticks.append(Tick(LEFT + PLOT_W * i / (X_TICKS - 1), label))
    return ticks
