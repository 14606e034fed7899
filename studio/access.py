"""Who may do what in the studio. Every studio view loads its objects through these helpers.

- Only trainers enter the studio: everyone else gets 403 on every studio URL.
- Any trainer may view (and copy) any course; only its owner and co-owners may change it,
  grade its written answers, regrade or read its item analysis: others get 403 there, since
  they can see the course exists.
- Any trainer may read every competency framework; only its creator edits it and its
  competencies (403 for others). The seed framework, made by a migration, has no creator and is
  read-only in the studio.
- A written answer is found only among those the trainer may grade (404 otherwise: answers are
  anonymous, and whether one exists is not for others to learn).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from courses.models import Course, Lesson
from people.access import require_role
from quizzes.grading import answers_for_grader
from quizzes.models import Answer, Competency, CompetencyFramework, Question, Quiz


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


def get_lesson_to_view(request: HttpRequest, slug: str, pk: int) -> Lesson:
    course = get_course_to_view(request, slug)
    return get_object_or_404(Lesson.objects.select_related("course"), course=course, pk=pk)


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


def get_answer_to_grade(request: HttpRequest, pk: int) -> Answer:
    """A written answer in the trainer's grading queue or graded history."""
    require_trainer(request)
    return get_object_or_404(
        answers_for_grader(request.user).select_related(
            "attempt_question__version",
            "attempt_question__attempt__quiz__course",
            "graded_by__profile",
        ),
        pk=pk,
    )


def get_framework_to_view(request: HttpRequest, pk: int) -> CompetencyFramework:
    """Any trainer may read any competency framework (questions of any course may use it)."""
    require_trainer(request)
    return get_object_or_404(CompetencyFramework.objects.select_related("created_by"), pk=pk)


def get_framework_to_edit(request: HttpRequest, pk: int) -> CompetencyFramework:
    """Only its creator changes a framework; the seed's, created by no one, is read-only."""
    framework = get_framework_to_view(request, pk)
    if not framework.can_edit(request.user):
        raise PermissionDenied
    return framework


def get_competency_to_edit(request: HttpRequest, framework_pk: int, pk: int) -> Competency:
    """A competency of that framework only: another framework's id is not found here."""
    framework = get_framework_to_edit(request, framework_pk)
    return get_object_or_404(
        Competency.objects.select_related("framework"), framework=framework, pk=pk
    )
