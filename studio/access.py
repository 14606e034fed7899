"""Who may do what in the studio. Every studio view loads its objects through these helpers.

- Only trainers enter the studio: everyone else gets 403 on every studio URL.
- Any trainer may view (and copy) any course; only its owner and co-owners may change it,
  grade its written answers or read its item analysis: others get 403 there.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from courses.models import Course, Lesson
from people.access import require_role
from quizzes.models import Question, Quiz


def require_trainer(request: HttpRequest) -> None:
    require_role(request, "trainer")


def get_course_to_view(request: HttpRequest, slug: str) -> Course:
    require_trainer(request)
    return get_object_or_404(Course, slug=slug)


def get_course_to_edit(request: HttpRequest, slug: str) -> Course:
    course = get_course_to_view(request, slug)
    if not course.can_edit(request.user):
        raise PermissionDenied
    return course


def get_lesson_to_edit(request: HttpRequest, slug: str, pk: int) -> Lesson:
    course = get_course_to_edit(request, slug)
    return get_object_or_404(Lesson, course=course, pk=pk)


def get_quiz_to_edit(request: HttpRequest, pk: int) -> Quiz:
    require_trainer(request)
    quiz = get_object_or_404(Quiz.objects.select_related("course"), pk=pk)
    if not quiz.course.can_edit(request.user):
        raise PermissionDenied
    return quiz


def get_question_to_edit(request: HttpRequest, pk: int) -> Question:
    require_trainer(request)
    question = get_object_or_404(Question.objects.select_related("course", "current"), pk=pk)
    if question.course is None or not question.course.can_edit(request.user):
        raise PermissionDenied
    return question
