"""Grading written answers against their rubric.

Rules enforced here, whatever the page sends:
- only written answers of submitted attempts are graded, by a trainer who may edit the course;
- an answer is graded once: the attempt row is locked and a graded answer is refused, so a
  second POST of the same form (or two graders at once) changes nothing;
- every criterion gets a mark between 0 and its points, and nothing else is accepted;
- the attempt's total is recomputed from all its answers and the change is recorded as a
  `ScoreChange`; once no written answer is left, the attempt is graded and passed or not.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Course

from . import scoring
from .models import Answer, Attempt, QuestionVersion, ScoreChange
from .services import announce_if_graded, lock_attempt, set_result


class GradingError(Exception):
    """The grade was not recorded; the message says why, for the grader."""


def _written_answers_of_courses_editable_by(user) -> QuerySet[Answer]:
    # A trainer who also studies the course never sees (or grades) their own answers.
    return Answer.objects.filter(
        attempt_question__version__kind=QuestionVersion.Kind.WRITTEN,
        attempt_question__attempt__quiz__course__in=Course.objects.editable_by(user).values("pk"),
    ).exclude(attempt_question__attempt__user=user)


def pending_answers_for(user) -> QuerySet[Answer]:
    """Ungraded written answers of submitted attempts in the user's courses, oldest first."""
    return (
        _written_answers_of_courses_editable_by(user)
        .filter(
            score__isnull=True,
            attempt_question__attempt__status=Attempt.Status.AWAITING_GRADING,
        )
        .order_by(
            "attempt_question__attempt__submitted_at",
            "attempt_question__attempt_id",
            "attempt_question__order",
        )
    )


def answers_for_grader(user) -> QuerySet[Answer]:
    """What the grading page may open: pending answers, and written answers already graded,
    of courses the user owns or co-owns. Answers of attempts still in progress stay hidden."""
    return _written_answers_of_courses_editable_by(user).filter(
        Q(score__isnull=True, attempt_question__attempt__status=Attempt.Status.AWAITING_GRADING)
        | Q(score__isnull=False)
    )


@transaction.atomic
def answer_grade(*, answer: Answer, marks: dict[int, Decimal], comment: str, grader) -> Attempt:
    """Record the rubric marks of one written answer and rescore its attempt."""
    attempt = lock_attempt(Attempt(pk=answer.attempt_question.attempt_id))
    # Read again under the lock: the caller's copy may predate another grader's save.
    answer = Answer.objects.select_related(
        "attempt_question__version", "attempt_question__attempt__quiz__course"
    ).get(pk=answer.pk)
    aq = answer.attempt_question
    if aq.version.kind != QuestionVersion.Kind.WRITTEN:
        raise GradingError(_("Only written answers are graded by hand."))
    if aq.attempt.user_id == grader.pk:
        raise GradingError(_("Nobody grades their own answer."))
    if not aq.attempt.quiz.course.can_edit(grader):
        raise GradingError(_("Only the course's owners may grade its answers."))
    if attempt.status == Attempt.Status.IN_PROGRESS:
        raise GradingError(_("This attempt is still in progress; it can be graded once submitted."))
    if answer.score is not None:
        raise GradingError(_("This answer has already been graded."))
    criteria = list(aq.version.rubric.all())
    rubric_total = sum((c.points for c in criteria), Decimal(0))
    if not rubric_total:
        raise GradingError(_("This question has no rubric with points to grade against."))
    if set(marks) - {c.pk for c in criteria}:
        raise GradingError(_("The marks name a criterion this question does not have."))
    for criterion in criteria:
        mark = marks.get(criterion.pk)
        if mark is None:
            raise GradingError(
                _("Give a mark for “%(criterion)s”.") % {"criterion": criterion.text}
            )
        # NaN and infinities compare badly; the form never sends them, other callers might.
        if not Decimal(mark).is_finite() or not Decimal(0) <= mark <= criterion.points:
            raise GradingError(
                _("The mark for “%(criterion)s” must be between 0 and %(points)s.")
                % {"criterion": criterion.text, "points": criterion.points}
            )
    earned = sum((marks[c.pk] for c in criteria), Decimal(0))
    answer.score = (earned * aq.points / rubric_total).quantize(scoring.CENT, ROUND_HALF_UP)
    answer.rubric_marks = {str(c.pk): str(marks[c.pk]) for c in criteria}
    answer.grader_comment = comment.strip()
    answer.graded_by = grader
    answer.graded_at = timezone.now()
    answer.save(update_fields=["score", "rubric_marks", "grader_comment", "graded_by", "graded_at"])
    scores = list(
        Answer.objects.filter(attempt_question__attempt=attempt).values_list("score", flat=True)
    )
    total, pending = scoring.attempt_total(scores)  # only written answers wait for a score
    old_score = attempt.score
    set_result(attempt, total, pending)
    attempt.save()
    ScoreChange.objects.create(
        attempt=attempt,
        reason=ScoreChange.Reason.GRADED,
        old_score=old_score,
        new_score=total,
        changed_by=grader,
    )
    announce_if_graded(attempt)
    return attempt
