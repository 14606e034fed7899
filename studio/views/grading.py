"""Studio: the grading queue for written answers, and grading one answer against its rubric.

Grading is anonymous by default: the page names the answer ("Answer #12"), not the cadre, so
the mark goes to what was written. `?names=1` reveals the name for a trainer who needs it.
A trainer reaches only answers of courses they own or co-own; any other answer is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from courses import own_answers
from people.access import profile_of
from quizzes.grading import GradingError, answer_grade, pending_answers_for
from quizzes.models import Answer, Quiz

from ..access import get_answer_to_grade, require_trainer
from ..forms import GradeForm


@dataclass
class QueueRow:
    quiz: Quiz
    waiting: int
    next_answer: int  # the pk of its oldest waiting answer


def _queue(user) -> list[QueueRow]:
    # Two integers per waiting answer, grouped here: the queue keeps its oldest-first order
    # and each quiz's first answer is its oldest, without a subquery per quiz.
    pairs = list(pending_answers_for(user).values_list("pk", "attempt_question__attempt__quiz"))
    first: dict[int, int] = {}
    waiting: dict[int, int] = {}
    for answer_pk, quiz_pk in pairs:
        first.setdefault(quiz_pk, answer_pk)
        waiting[quiz_pk] = waiting.get(quiz_pk, 0) + 1
    quizzes = Quiz.objects.select_related("course").in_bulk(list(first))
    return [QueueRow(quizzes[pk], waiting[pk], first[pk]) for pk in first]


def queue(request: HttpRequest) -> HttpResponse:
    require_trainer(request)
    rows = _queue(request.user)
    return render(
        request,
        "studio/grading_queue.html",
        {
            "rows": rows,
            "total": sum(row.waiting for row in rows),
            "next_answer": rows[0].next_answer if rows else None,
        },
    )


def _next_pending(user, *, quiz_id: int, after: Answer) -> Answer | None:
    """The oldest answer still waiting, in the same quiz first: graders work quiz by quiz."""
    pending = pending_answers_for(user).exclude(pk=after.pk)
    return pending.filter(attempt_question__attempt__quiz_id=quiz_id).first() or pending.first()


def grade(request: HttpRequest, pk: int) -> HttpResponse:
    answer = get_answer_to_grade(request, pk)
    aq = answer.attempt_question
    attempt = aq.attempt
    criteria = list(aq.version.rubric.all())
    if request.method == "POST" and answer.score is not None:
        # The same form posted again (a double click, a reload): the first grade stands.
        messages.info(request, _("This answer has already been graded; the grade was not changed."))
        return redirect("studio:grade", answer.pk)
    form = GradeForm(request.POST or None, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        try:
            answer_grade(
                answer=answer,
                marks=form.marks(),
                comment=form.cleaned_data["comment"],
                grader=request.user,
            )
        except GradingError as refusal:
            form.add_error(None, str(refusal))
        else:
            answer.refresh_from_db(fields=["score"])
            messages.success(
                request,
                _("Answer #%(n)s graded: %(score)s of %(points)s points.")
                % {
                    "n": answer.pk,
                    "score": floatformat(answer.score, -2),
                    "points": floatformat(aq.points, -2),
                },
            )
            following = _next_pending(request.user, quiz_id=attempt.quiz_id, after=answer)
            if following is None:
                messages.info(request, _("No more answers are waiting for grading."))
                return redirect("studio:grading")
            return redirect("studio:grade", following.pk)
    show_names = request.GET.get("names") == "1"
    following = _next_pending(request.user, quiz_id=attempt.quiz_id, after=answer)
    course = attempt.quiz.course
    # The case's points the answer makes, as a suggestion beside the rubric: it changes no mark.
    suggestion = (
        own_answers.matcher_for(course).coverage(answer.text)
        if answer.text and course.reference_points.exists()
        else None
    )
    return render(
        request,
        "studio/grade_answer.html",
        {
            "answer": answer,
            "aq": aq,
            "attempt": attempt,
            "quiz": attempt.quiz,
            "form": form,
            "criteria": criteria,
            "rubric_total": sum(c.points for c in criteria),
            "marks": [(c, answer.rubric_marks.get(str(c.pk))) for c in criteria],
            # Loaded only when asked for, so the anonymous page cannot show it by mistake.
            "cadre": profile_of(attempt.user) if show_names else None,
            "show_names": show_names,
            "next_answer": following,
            "suggestion": suggestion,
        },
    )
