"""My learning says what remains of a course, and shows 100 % only when it is complete."""

import pytest
from django.urls import reverse

from quizzes.services import attempt_start, attempt_submit
from records.services import remaining_for
from tests.helpers import study
from tests.quizzes.conftest import answers_for

pytestmark = pytest.mark.django_db

ALL_RIGHT = {"quota": ["b"], "measures": ["a", "b", "c"], "blocks": ["keep", "r1"]}
ALL_WRONG = {"quota": ["a"], "measures": [], "blocks": ["dissolve", "r2"]}


def read_every_lesson(user, course):
    for lesson in course.lessons.all():
        study(user, lesson)


def test_lessons_read_and_quiz_failed_is_not_100_percent_and_says_pass_the_quiz(quiz, alice, login):
    course = quiz.course
    read_every_lesson(alice.user, course)
    attempt = attempt_start(quiz=quiz, user=alice.user)
    attempt_submit(attempt=attempt, answers=answers_for(attempt, ALL_WRONG))
    left = remaining_for(alice.user, [course.pk])[course.pk]
    assert (left.lessons_done, left.complete, left.quiz) == (course.lessons.count(), False, quiz)
    assert left.percent == 99
    body = login(alice).get(reverse("records:my_learning")).content.decode()
    assert f"next: pass the quiz “{quiz.title}”" in body
    assert 'data-testid="percent">99' in body


def test_written_answers_waiting_say_so(quiz_with_written, alice):
    course = quiz_with_written.course
    read_every_lesson(alice.user, course)
    attempt = attempt_start(quiz=quiz_with_written, user=alice.user)
    attempt_submit(attempt=attempt, answers=answers_for(attempt, {**ALL_RIGHT, "view": "Both."}))
    left = remaining_for(alice.user, [course.pk])[course.pk]
    assert left.awaiting_grading and not left.complete and left.percent == 99


def test_a_complete_course_is_100_percent(quiz, alice, login):
    course = quiz.course
    read_every_lesson(alice.user, course)
    attempt = attempt_start(quiz=quiz, user=alice.user)
    attempt_submit(attempt=attempt, answers=answers_for(attempt, ALL_RIGHT))
    left = remaining_for(alice.user, [course.pk])[course.pk]
    assert left.complete and left.percent == 100 and left.quiz is None
    assert "Course complete" in login(alice).get(reverse("records:my_learning")).content.decode()
