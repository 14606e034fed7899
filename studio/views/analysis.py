"""Studio: item analysis of a quiz (facility, discrimination, options, misconceptions), and
the attempts submitted sooner than the quiz's minimum time."""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from quizzes.analysis import FLAG_PERCENT, Misconception, analyse_quiz
from quizzes.models import Attempt, Quiz

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


@dataclass
class TooFast:
    """An attempt submitted sooner than the quiz's minimum time (graded as usual)."""

    attempt: Attempt
    name: str
    minutes: int
    seconds: int


def _too_fast(quiz: Quiz) -> list[TooFast]:
    """The quiz's flagged attempts, latest first. One query."""
    rows = []
    attempts = (
        Attempt.objects.filter(quiz=quiz, too_fast=True, submitted_at__isnull=False)
        .select_related("user__profile")
        .order_by("-submitted_at", "-pk")
    )
    for attempt in attempts:
        taken = int((attempt.submitted_at - attempt.started_at).total_seconds())
        profile = getattr(attempt.user, "profile", None)
        name = str(profile) if profile else attempt.user.get_username()
        rows.append(TooFast(attempt, name, *divmod(max(taken, 0), 60)))
    return rows


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
            "too_fast": _too_fast(quiz),
        },
    )
