"""Studio: item analysis of a quiz (facility, discrimination, options, misconceptions)."""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from quizzes.analysis import FLAG_PERCENT, Misconception, analyse_quiz

from ..access import get_quiz_to_edit
from ..templatetags.analysis_charts import BarChart, bar_rows

KIND_HEADING = 20  # px for a kind's name above its bars
KIND_GAP = 12


@dataclass
class KindBlock:
    misconception: Misconception
    chart: BarChart
    y: int


@dataclass
class KindChart:
    blocks: list[KindBlock]
    height: int


def _misconceptions_chart(misconceptions: list[Misconception]) -> KindChart:
    """One block per kind of unit: its name, then a bar per wrong decision, stacked."""
    blocks, y = [], 0
    for m in misconceptions:
        chart = bar_rows(m.wrong, "text")
        blocks.append(KindBlock(m, chart, y))
        y += KIND_HEADING + chart.height + KIND_GAP
    return KindChart(blocks, y)


def analysis(request: HttpRequest, pk: int) -> HttpResponse:
    quiz = get_quiz_to_edit(request, pk)
    report = analyse_quiz(quiz)
    return render(
        request,
        "studio/analysis.html",
        {
            "quiz": quiz,
            "report": report,
            "flag_percent": FLAG_PERCENT,
            "misconceptions_chart": _misconceptions_chart(report.misconceptions),
        },
    )
