"""Completion is checked whenever learning is recorded: a lesson studied, an attempt graded."""

from django.dispatch import receiver

from courses.signals import lesson_studied
from quizzes.signals import attempt_graded

from .services import completion_check


@receiver(lesson_studied)
def on_lesson_studied(sender, *, user, lesson, **kwargs) -> None:
    completion_check(user=user, course=lesson.course)


@receiver(attempt_graded)
def on_attempt_graded(sender, *, attempt, now, **kwargs) -> None:
    completion_check(user=attempt.user, course=attempt.quiz.course, now=now)
