"""Regrading: moving finished attempts to the current versions of their questions, with a trail."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch

from ..models import Attempt, AttemptQuestion, Quiz, ScoreChange
from .attempts import announce_if_graded, lock_attempt, score_attempt, set_result


@dataclass
class RegradeRow:
    attempt: Attempt
    old_score: Decimal
    new_score: Decimal

    @property
    def changed(self) -> bool:
        return self.old_score != self.new_score


def _regraded_score(attempt: Attempt) -> Decimal:
    """The total the attempt would have against the current versions (nothing saved)."""
    total, _pending = score_attempt(list(attempt.questions.all()), current=True)
    return total


def _regrade_candidates(quiz: Quiz):
    return (
        Attempt.objects.filter(quiz=quiz)
        .finished()
        .select_related("user__profile", "quiz")
        .prefetch_related(
            Prefetch(
                "questions",
                queryset=AttemptQuestion.objects.select_related(
                    "answer", "version__question__current"
                ).prefetch_related("version__question__current__options"),
            )
        )
        .order_by("user__username", "number")
    )


def regrade_preview(*, quiz: Quiz) -> list[RegradeRow]:
    """Which finished attempts' scores would change if scored against the current versions."""
    rows = []
    for attempt in _regrade_candidates(quiz):
        if all(aq.version_id == aq.version.question.current_id for aq in attempt.questions.all()):
            continue
        rows.append(RegradeRow(attempt, attempt.score or Decimal(0), _regraded_score(attempt)))
    return rows


@transaction.atomic
def regrade_apply(*, quiz: Quiz, by) -> list[RegradeRow]:
    """Move finished attempts to the current versions and rescore them, with a trail.

    Each attempt is locked first and its answers read again under the lock, so a grade given
    between the preview and now is neither lost nor undone."""
    rows = []
    for candidate in regrade_preview(quiz=quiz):
        attempt = lock_attempt(candidate.attempt)
        if attempt.is_open:
            continue
        old_score = attempt.score or Decimal(0)
        questions = list(
            attempt.questions.select_related(
                "answer", "version__question__current"
            ).prefetch_related("version__question__current__options")
        )
        before = {aq.pk: aq.answer.score for aq in questions}
        total, pending = score_attempt(questions, current=True)
        for aq in questions:
            if aq.answer.score != before[aq.pk]:
                aq.answer.save(update_fields=["score"])
            if aq.version_id != aq.version.question.current_id:
                aq.version = aq.version.question.current
                aq.save(update_fields=["version"])
        row = RegradeRow(attempt, old_score, total)
        if row.changed:
            ScoreChange.objects.create(
                attempt=attempt,
                reason=ScoreChange.Reason.REGRADED,
                old_score=old_score,
                new_score=total,
                changed_by=by,
            )
        set_result(attempt, total, pending)
        attempt.save()
        announce_if_graded(attempt)
        rows.append(row)
    return rows
