"""Cadre pages for quizzes: the quiz, an attempt, saving, submitting, the results."""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people.access import require_role

from . import services
from .access import (
    get_attempt_for_owner,
    get_open_attempt_for_owner,
    get_posted_questions_for_owner,
    get_quiz_for_learner,
)
from .forms import AnswerTooLong, AttemptForm
from .models import Attempt, AttemptQuestion, Option
from .results import attempts_left, review


def _questions(attempt: Attempt, *, review: bool = False) -> list[AttemptQuestion]:
    """The attempt's questions with their answers and options; with what the review shows
    too (competencies, rubric, the lesson to read again) for the results page."""
    questions = attempt.questions.select_related("answer", "version").prefetch_related(
        Prefetch("version__options", queryset=Option.objects.order_by("group", "order"))
    )
    if review:
        questions = questions.select_related("version__source_lesson__course").prefetch_related(
            "version__competencies", "version__rubric"
        )
    return list(questions.order_by("order"))


def _posted_ids(data) -> list[int]:
    """The questions a post carries: the page marks each with `q<pk>_shown`."""
    return [
        int(middle)
        for name in data
        if name.startswith("q")
        and name.endswith("_shown")
        and (middle := name[1:-6]).isascii()
        and middle.isdigit()
        and len(middle) < 19
    ]


def _answering(request: HttpRequest, pk: int) -> tuple[Attempt, list[AttemptQuestion]]:
    """The attempt a save or a submit answers, and the questions its post carries: read
    together (`get_posted_questions_for_owner`), or the attempt alone when the post carries
    none of its questions (the summary's submit), which 404s for anyone else's."""
    questions = get_posted_questions_for_owner(request, pk, _posted_ids(request.POST))
    if questions:
        return questions[0].attempt, questions
    return get_open_attempt_for_owner(request, pk), []


def quiz_detail(request: HttpRequest, pk: int) -> HttpResponse:
    quiz = get_quiz_for_learner(request, pk)
    # The attempts in every language of the quiz: they share one allowance (the original's).
    attempts = list(
        Attempt.objects.filter(quiz__in=quiz.family(), user=request.user)
        .select_related("quiz")
        .order_by("number")
    )
    for attempt in attempts:
        if services.attempt_close_if_expired(attempt):
            attempt.refresh_from_db()
    open_attempt = next((a for a in attempts if a.is_open), None)
    allowed = quiz.original().attempts_allowed
    remaining = None if not allowed else max(0, allowed - len(attempts))
    return render(
        request,
        "quizzes/quiz.html",
        {
            "quiz": quiz,
            "attempts": attempts,
            "open_attempt": open_attempt,
            "remaining": remaining,
            "grade": services.quiz_grade(quiz=quiz, user=request.user),
            "question_count": quiz.slots.count(),
            "is_open": quiz.is_open(),
        },
    )


@require_POST
def start(request: HttpRequest, pk: int) -> HttpResponse:
    require_role(request, "cadre")
    quiz = get_quiz_for_learner(request, pk)
    try:
        attempt = services.attempt_start(quiz=quiz, user=request.user)
    except services.AttemptRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(quiz)
    return redirect(attempt)


def _finished(request: HttpRequest, attempt: Attempt) -> HttpResponse | None:
    """The results page, for an attempt that is no longer open: its deadline passed (the
    server closes and grades it now, saying so) or it was submitted."""
    if services.attempt_close_if_expired(attempt):
        messages.warning(request, _("Time ran out. Your saved answers were submitted."))
        return redirect("quizzes:results", attempt.pk)
    if not attempt.is_open:
        return redirect("quizzes:results", attempt.pk)
    return None


def attempt_page(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = get_open_attempt_for_owner(request, pk)
    if finished := _finished(request, attempt):
        return finished
    questions = _questions(attempt)
    form = AttemptForm(questions=questions)
    return render(
        request,
        "quizzes/attempt.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "items": form.items(),
            "form": form,
            "seconds_left": attempt.seconds_left(),
        },
    )


@require_POST
def save(request: HttpRequest, pk: int) -> HttpResponse:
    attempt, questions = _answering(request, pk)
    form = AttemptForm(request.POST, questions=questions)
    sequence = _sequence(request.POST.get("sequence", ""))
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        answers = form.submitted()
    except AnswerTooLong as refusal:
        # Refused whole, never cut short: the page says so and keeps the text on screen.
        if wants_json:
            return JsonResponse({"stored": False, "open": True, "error": str(refusal)}, status=400)
        messages.error(request, str(refusal))
        return redirect("quizzes:attempt", attempt.pk)
    result = services.attempt_save(
        attempt=attempt, answers=answers, sequence=sequence, questions=questions
    )
    if wants_json:
        return JsonResponse(
            {
                "stored": result.stored,
                "open": result.open,
                "sequence": result.sequence,
                "next": attempt.get_absolute_url(),
                "saved_at": timezone.localtime().strftime("%H:%M:%S"),
            },
            status=200 if result.open else 409,
        )
    if not result.open:
        messages.warning(request, _("Time ran out. Your saved answers were submitted."))
        return redirect("quizzes:attempt", attempt.pk)
    # "Finish attempt…" saves like Save, then shows the summary before anything is submitted.
    if "finish" in request.POST:
        return redirect("quizzes:summary", attempt.pk)
    messages.success(request, _("Your answers are saved."))
    return redirect("quizzes:attempt", attempt.pk)


def summary(request: HttpRequest, pk: int) -> HttpResponse:
    """Before submitting: every question answered, not answered or flagged, as the server
    holds it, each linked back to the attempt page. Nothing about correctness."""
    attempt = get_open_attempt_for_owner(request, pk)
    if finished := _finished(request, attempt):
        return finished
    rows = [(aq, services.is_answered(aq), aq.answer.flagged) for aq in _questions(attempt)]
    answered = sum(1 for _aq, done, _flag in rows if done)
    return render(
        request,
        "quizzes/summary.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "rows": rows,
            "answered": answered,
            "unanswered": len(rows) - answered,
            "flagged": sum(1 for _aq, _done, flag in rows if flag),
            "seconds_left": attempt.seconds_left(),
        },
    )


def _sequence(value: str) -> int | None:
    """The page's save number: ASCII digits within what its counter holds, else none."""
    if not (value.isascii() and value.isdigit()) or len(value) > 16:
        return None
    number = int(value)
    return number if 0 < number <= services.SEQUENCE_MAX else None


@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    # Only the questions the post carries are stored (`AttemptForm.submitted`): the summary's
    # form carries none, so it submits what the server holds.
    attempt, questions = _answering(request, pk)
    try:
        answers = AttemptForm(request.POST, questions=questions).submitted()
    except AnswerTooLong as refusal:
        messages.error(request, str(refusal))
        return redirect("quizzes:attempt", attempt.pk)
    attempt = services.attempt_submit(attempt=attempt, answers=answers, questions=questions)
    if attempt.closed_by_server:
        messages.warning(request, _("Time ran out. Your saved answers were submitted."))
    return redirect("quizzes:results", attempt.pk)


def results(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = get_attempt_for_owner(request, pk)
    if attempt.is_open:
        return redirect("quizzes:attempt", attempt.pk)
    now = timezone.now()
    left = attempts_left(quiz=attempt.quiz, user=request.user, now=now)
    return render(
        request,
        "quizzes/results.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "review": review(
                attempt, _questions(attempt, review=True), now=now, attempts_left=left
            ),
        },
    )
