"""Which courses and lessons a person may open. Every course view loads through these."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from .models import Course, Lesson


def get_course_for_learner(request: HttpRequest, slug: str) -> Course:
    """A published course; drafts and archived courses answer 404, whatever the URL says."""
    return get_object_or_404(Course.objects.published(), slug=slug)


def get_lesson_for_learner(request: HttpRequest, slug: str, pk: int) -> Lesson:
    lesson = (
        Lesson.objects.select_related("course")
        .filter(pk=pk, course__slug=slug, course__status=Course.Status.PUBLISHED)
        .first()
    )
    if lesson is None:
        raise Http404
    return lesson
