"""Which quizzes and attempts a person may open. Every quiz view loads through these."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from .models import Attempt, Quiz


def get_quiz_for_learner(request: HttpRequest, pk: int) -> Quiz:
    """A published quiz of a published course; 404 otherwise."""
    return get_object_or_404(Quiz.objects.published().select_related("course"), pk=pk)


def get_attempt_for_owner(request: HttpRequest, pk: int) -> Attempt:
    """The requester's own attempt; anyone else's answers 404."""
    return get_object_or_404(
        Attempt.objects.select_related("quiz__course"), pk=pk, user=request.user
    )


def get_open_attempt_for_owner(request: HttpRequest, pk: int) -> Attempt:
    """The requester's own attempt, for answering: only while its quiz and course are still
    published, so nothing is earned on an archived course."""
    attempt = get_attempt_for_owner(request, pk)
    if not (attempt.quiz.is_published and attempt.quiz.course.is_published):
        raise Http404
    return attempt
