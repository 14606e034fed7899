"""Which quizzes and attempts a person may open. Every quiz view loads through these."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from courses.models import Course
from training.access import require_role

from .models import Attempt, Quiz


def get_quiz_for_learner(request: HttpRequest, pk: int) -> Quiz:
    """A published quiz of a published course; 404 otherwise."""
    return get_object_or_404(Quiz.objects.published().select_related("course"), pk=pk)


def get_attempt_for_owner(request: HttpRequest, pk: int) -> Attempt:
    """The requester's own attempt; anyone else's answers 404."""
    return get_object_or_404(
        Attempt.objects.select_related("quiz__course"), pk=pk, user=request.user
    )


def get_quiz_for_author(request: HttpRequest, pk: int) -> Quiz:
    """A quiz of a course the trainer owns or co-owns; 403 for non-trainers, 404 for others'."""
    require_role(request, "trainer")
    return get_object_or_404(
        Quiz.objects.select_related("course").filter(
            course__in=Course.objects.editable_by(request.user)
        ),
        pk=pk,
    )


def get_open_attempt_for_owner(request: HttpRequest, pk: int) -> Attempt:
    """The requester's own attempt, for answering: only while its quiz and course are still
    published, so nothing is earned on an archived course."""
    attempt = get_attempt_for_owner(request, pk)
    if not (attempt.quiz.is_published and attempt.quiz.course.is_published):
        raise Http404
    return attempt
