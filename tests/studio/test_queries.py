"""Query counts of the studio's lists: the trainer's home and the grading queue cost as many
queries with 2 rows as with 12.

The item analysis's count is in test_analysis.py.
"""

import pytest
from django.urls import reverse

from quizzes.models import Quiz
from quizzes.services import attempt_start, attempt_submit
from tests.conftest import make_person
from tests.quizzes.conftest import answers_for, written

pytestmark = pytest.mark.django_db

SIZES = [2, 12]


@pytest.mark.parametrize("count", SIZES)
def test_studio_home_queries_do_not_grow_with_courses(
    count, db_sessions, login, tom, other_trainer, make_course, django_assert_num_queries
):
    for i in range(count):
        status = ("draft", "published", "archived")[i % 3]
        make_course(f"mine-{i}", lessons=1 + i % 3, status=status, owner=tom.user)
        theirs = make_course(f"theirs-{i}", lessons=1, status=status, owner=other_trainer.user)
        if i % 2:
            theirs.co_owners.add(tom.user)  # co-owned: listed with his own
        make_course(f"nobodys-{i}", lessons=1, status=status)  # no owner at all
    client = login(tom)
    # 1 session, 2 user, 3 profile (role check and navigation), 4 the courses he owns or
    # co-owns with their lesson count, 5 every other course with its lesson count and its
    # owner's profile joined
    with django_assert_num_queries(5):
        response = client.get(reverse("studio:home"))
    assert len(response.context["mine"]) == count + count // 2
    assert len(response.context["others"]) == count + (count - count // 2)


@pytest.mark.parametrize("count", SIZES)
def test_grading_queue_queries_do_not_grow_with_quizzes_or_answers(
    count, db_sessions, login, tom, units, make_course, competencies, django_assert_num_queries
):
    cadres = [make_person(f"cadre-{n}", units["riverside"], is_cadre=True) for n in range(2)]
    for i in range(count):
        course = make_course(f"course-{i}", lessons=1, owner=tom.user)
        quiz = Quiz.objects.create(
            course=course, title=f"Quiz {i}", is_published=True, shuffle_options=False
        )
        quiz.slots.create(order=0, question=written(course, [competencies["policy"]]))
        for cadre in cadres[: 1 + i % 2]:  # one or two answers waiting per quiz
            attempt = attempt_start(quiz=quiz, user=cadre.user)
            attempt_submit(attempt=attempt, answers=answers_for(attempt, {"view": "My view."}))
    client = login(tom)
    # 1 session, 2 user, 3 profile (role check and navigation), 4 the waiting answers as
    # (answer, quiz) pairs, 5 their quizzes with course joined
    with django_assert_num_queries(5):
        response = client.get(reverse("studio:grading"))
    assert len(response.context["rows"]) == count
    assert response.context["total"] == count + count // 2
