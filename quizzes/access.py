"""Which quizzes and attempts a person may open. Every quiz view loads through these."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from courses.models import Course

from .models import Attempt, AttemptQuestion, Option, Quiz


def get_quiz_for_learner(request: HttpRequest, pk: int) -> Quiz:
    """A published quiz of a published course; 404 otherwise."""
    return get_object_or_404(Quiz.objects.published().select_related("course"), pk=pk)


def get_attempt_for_owner(request: HttpRequest, pk: int) -> Attempt:
    """The requester's own attempt; anyone else's answers 404."""
    return get_object_or_404(
        Attempt.objects.select_related("quiz__course"), pk=pk, user=request.user
    )


def _answerable(request: HttpRequest):
    """The requester's own attempts whose quiz and course are still published: the ones they
    may answer, so nothing is earned on an archived course."""
    return Attempt.objects.filter(
        user=request.user,
        quiz__is_published=True,
        quiz__course__status=Course.Status.PUBLISHED,
    )


def get_open_attempt_for_owner(request: HttpRequest, pk: int) -> Attempt:
    """The requester's own attempt, for answering (`_answerable`); 404 otherwise."""
    return get_object_or_404(_answerable(request).select_related("quiz__course"), pk=pk)


def get_posted_questions_for_owner(
    request: HttpRequest, pk: int, ids: list[int]
) -> list[AttemptQuestion]:
    """The questions `ids` of the requester's answerable attempt `pk`, each with that attempt
    (quiz and course), its answer, version and options: what a save or a submit reads, in
    two queries. Empty when none qualifies; the caller then loads the attempt alone
    (`get_open_attempt_for_owner`), which answers 404 where it must."""
    if not ids:
        return []
    return list(
        AttemptQuestion.objects.filter(attempt__in=_answerable(request), attempt_id=pk, pk__in=ids)
        .select_related("attempt__quiz__course", "answer", "version")
        .prefetch_related(
            Prefetch("version__options", queryset=Option.objects.order_by("group", "order"))
        )
        .order_by("order")
    )
