"""Studio: item analysis of a quiz (facility, discrimination, options, misconceptions), and
the attempts submitted sooner than the quiz's minimum time."""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from courses import own_answers
from quizzes.analysis import FLAG_PERCENT, Misconception, QuestionStats, analyse_quiz
from quizzes.models import Answer, Attempt, QuestionVersion, Quiz

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


@dataclass
class MissedPoints:
    """Per point of the case, how many answers missed it (of how many): counts, no texts."""

    question: QuestionStats | None  # None: the cadres' own answers to the case
    missed: own_answers.Missed


def _points_missed(quiz: Quiz, questions: list[QuestionStats]) -> list[MissedPoints]:
    """For each written question, the case's points its latest submitted answers most often
    miss; then the same for the cadres' own first answers to the case."""
    course = quiz.course
    if not course.reference_points.exists():
        return []
    out = []
    for stats in questions:
        if stats.kind != QuestionVersion.Kind.WRITTEN:
            continue
        texts = (
            Answer.objects.filter(
                attempt_question__attempt__quiz=quiz,
                attempt_question__attempt__submitted_at__isnull=False,
                attempt_question__version__question_id=stats.question_id,
            )
            .exclude(text="")
            .order_by("-pk")
            .values_list("text", flat=True)[: own_answers.WRITTEN_COUNTED]
        )
        missed = own_answers.written_missed(course, texts)
        if missed.total:
            out.append(MissedPoints(stats, missed))
    own = own_answers.points_missed(course)
    if own.total:
        out.append(MissedPoints(None, own))
    return out


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
            "points_missed": _points_missed(quiz, report.questions),
            "written_counted": own_answers.WRITTEN_COUNTED,
            "min_answers": own_answers.MIN_ANSWERS,
        },
    )
