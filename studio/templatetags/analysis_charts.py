"""Layout of the item analysis's bar charts: each bar under its label, the label wrapped over as
many lines as it needs (never cut), so an option or decision is shown by its own text."""

from __future__ import annotations

from dataclasses import dataclass

from django import template

from courses.mindmap import wrap

register = template.Library()

LINE = 16  # px between label lines
BAR = 16  # bar height
GAP = 10  # after each bar
WIDTH_UNITS = 52  # label width in units (a CJK character is two) at 13 px on a 400 px chart


@dataclass
class BarRow:
    item: object
    lines: list[tuple[int, str]]  # (baseline y, text)
    bar_y: int
    text_y: int  # the value's baseline, beside the bar


@dataclass
class BarChart:
    rows: list[BarRow]
    height: int


@register.filter
def bar_rows(items, text_attr: str) -> BarChart:
    """Rows of a bar chart for `items`, labelled by each item's `text_attr`."""
    rows, y = [], 0
    for item in items:
        lines = wrap(str(getattr(item, text_attr)), WIDTH_UNITS)
        placed = [(y + LINE * (n + 1) - 3, line) for n, line in enumerate(lines)]
        bar_y = y + LINE * len(lines) + 2
        rows.append(BarRow(item, placed, bar_y, bar_y + BAR - 3))
        y = bar_y + BAR + GAP
    return BarChart(rows, y)
