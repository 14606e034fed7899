"""Grading written answers: who reaches the queue, anonymity, grading once, the cadre's view."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from demo.quizzes import seed_framework
from quizzes.grading import GradingError, answer_grade, pending_answers_for
from quizzes.models import Answer, Attempt, Quiz, ScoreChange
from quizzes.services import attempt_start, attempt_submit
from tests.conftest import make_person
from tests.quizzes.conftest import answers_for, written

pytestmark = pytest.mark.django_db

ALL_RIGHT = {"quota": ["b"], "measures": ["a", "b", "c"], "blocks": ["keep", "r1"]}
TEXT = "Groups that serve residents should stay; duplicated reporting groups can go."
COMMENT = "A clear view; name one concrete measure next time."


@pytest.fixture
def course_of_tom(quiz_with_written, tom):  # noqa: F811
    quiz_with_written.course.owner = tom.user
    quiz_with_written.course.save()
    return quiz_with_written


def submitted(on_quiz, profile, text=TEXT) -> Attempt:
    attempt = attempt_start(quiz=on_quiz, user=profile.user)
    return attempt_submit(
        attempt=attempt, answers=answers_for(attempt, {**ALL_RIGHT, "view": text})
    )


def written_answer(attempt: Attempt) -> Answer:
    return Answer.objects.select_related("attempt_question__version").get(
        attempt_question__attempt=attempt, attempt_question__version__kind="written"
    )


def marks_post(answer: Answer, *marks: str, comment: str = COMMENT) -> dict:
    criteria = answer.attempt_question.version.rubric.all()
    data = {f"criterion_{c.pk}": mark for c, mark in zip(criteria, marks, strict=True)}
    return {**data, "comment": comment}


def grade_url(answer: Answer) -> str:
    return reverse("studio:grade", args=[answer.pk])


# --- Who may grade --------------------------------------------------------------------------


def test_cadres_and_hr_are_refused_the_queue_and_the_grade_page(
    course_of_tom, alice, hr_county, login
):
    answer = written_answer(submitted(course_of_tom, alice))
    for profile in (alice, hr_county):
        client = login(profile)
        assert client.get(reverse("studio:grading")).status_code == 403
        assert client.get(grade_url(answer)).status_code == 403
        assert client.post(grade_url(answer), marks_post(answer, "2", "2")).status_code == 403
    assert Answer.objects.get(pk=answer.pk).score is None


def test_a_trainer_who_does_not_own_the_course_sees_no_answer(course_of_tom, alice, units, login):
    answer = written_answer(submitted(course_of_tom, alice))
    other = make_person("tina", units["archives"], is_trainer=True)
    client = login(other)
    html = client.get(reverse("studio:grading")).content.decode()
    assert 'data-testid="queue-empty"' in html
    assert client.get(grade_url(answer)).status_code == 404
    assert client.post(grade_url(answer), marks_post(answer, "2", "2")).status_code == 404
    assert Answer.objects.get(pk=answer.pk).score is None
    # A co-owner grades like the owner.
    course_of_tom.course.co_owners.add(other.user)
    assert client.get(grade_url(answer)).status_code == 200


def test_answers_of_attempts_in_progress_are_not_shown(course_of_tom, alice, tom, login):
    attempt = attempt_start(quiz=course_of_tom, user=alice.user)
    assert not pending_answers_for(tom.user).exists()
    assert login(tom).get(grade_url(written_answer(attempt))).status_code == 404


# --- The queue and the page -----------------------------------------------------------------


def test_the_queue_counts_waiting_answers_and_links_the_oldest(
    course_of_tom, alice, bob, tom, login
):
    first = written_answer(submitted(course_of_tom, alice))
    submitted(course_of_tom, bob)
    html = login(tom).get(reverse("studio:grading")).content.decode()
    table = html[html.index('data-testid="grading-queue"') :]
    assert course_of_tom.title in table and "<td>2</td>" in table
    assert html.count(f'href="{grade_url(first)}"') == 2  # the button and the quiz's row
    assert list(pending_answers_for(tom.user)) == [first, written_answer(Attempt.objects.last())]


def test_the_grade_page_is_anonymous_unless_names_are_asked_for(course_of_tom, alice, tom, login):
    answer = written_answer(submitted(course_of_tom, alice))
    client = login(tom)
    html = client.get(grade_url(answer)).content.decode()
    version = answer.attempt_question.version
    assert f"Answer #{answer.pk}" in html
    assert TEXT in html
    assert version.prompt_html in html and version.reference_html in html
    assert "States the viewpoint" in html and "Gives countermeasures" in html
    assert not re.search(r"\balice\b", html, re.IGNORECASE)  # neither full name nor username
    assert "Riverside" not in html
    assert f'href="{grade_url(answer)}?names=1"' in html
    named = client.get(grade_url(answer), {"names": "1"}).content.decode()
    assert "<strong>Alice</strong>" in named


# --- Grading --------------------------------------------------------------------------------


def test_grading_scores_the_answer_and_completes_the_attempt(course_of_tom, alice, tom, login):
    attempt = submitted(course_of_tom, alice)
    assert (attempt.status, attempt.score, attempt.passed) == ("awaiting", 3, None)
    answer = written_answer(attempt)
    response = login(tom).post(grade_url(answer), marks_post(answer, "1.5", "1"))
    assert response.status_code == 302
    assert response.url == reverse("studio:grading")  # nothing else waits
    answer.refresh_from_db()
    criteria = list(answer.attempt_question.version.rubric.all())
    assert answer.score == Decimal("2.50")  # 2.5 of the rubric's 4, on a 4-point question
    assert answer.rubric_marks == {str(criteria[0].pk): "1.5", str(criteria[1].pk): "1"}
    assert answer.grader_comment == COMMENT
    assert answer.graded_by == tom.user and answer.graded_at is not None
    attempt.refresh_from_db()
    assert attempt.score == Decimal("5.50")
    assert attempt.percent == Decimal("78.57")  # 5.5 of 7
    assert (attempt.status, attempt.passed) == (Attempt.Status.GRADED, True)
    change = ScoreChange.objects.get()
    assert (change.attempt, change.reason, change.old_score, change.new_score) == (
        attempt,
        ScoreChange.Reason.GRADED,
        Decimal("3"),
        Decimal("5.5"),
    )
    assert change.changed_by == tom.user


def test_after_grading_the_next_waiting_answer_opens(course_of_tom, alice, bob, tom, login):
    first = written_answer(submitted(course_of_tom, alice))
    second = written_answer(submitted(course_of_tom, bob))
    response = login(tom).post(grade_url(first), marks_post(first, "2", "2"))
    assert response.url == grade_url(second)


def test_posting_the_same_grade_twice_changes_nothing(course_of_tom, alice, tom, login):
    answer = written_answer(submitted(course_of_tom, alice))
    client = login(tom)
    client.post(grade_url(answer), marks_post(answer, "2", "1"))
    graded = Answer.objects.get(pk=answer.pk)
    again = client.post(grade_url(answer), marks_post(answer, "2", "1"))
    assert again.status_code == 302 and again.url == grade_url(answer)
    client.post(grade_url(answer), marks_post(answer, "0", "0", comment="Changed my mind"))
    after = Answer.objects.get(pk=answer.pk)
    assert (after.score, after.graded_at, after.grader_comment) == (
        graded.score,
        graded.graded_at,
        COMMENT,
    )
    assert ScoreChange.objects.count() == 1
    assert Attempt.objects.get().score == Decimal("6.00")
    # The graded answer reads back without a form.
    html = client.get(grade_url(answer)).content.decode()
    assert 'data-testid="rubric-marks"' in html and '<form method="post" data-once' not in html


def test_a_mark_above_the_criterion_points_is_refused_next_to_the_field(
    course_of_tom, alice, tom, login
):
    answer = written_answer(submitted(course_of_tom, alice))
    criterion = answer.attempt_question.version.rubric.first()
    response = login(tom).post(grade_url(answer), marks_post(answer, "3", "1"))
    assert response.status_code == 200
    html = response.content.decode()
    field = f"id_criterion_{criterion.pk}"
    # crispy puts the error right after the input it belongs to, and marks the input invalid
    assert re.search(
        rf'<input[^>]*id="{field}"[^>]*>\s*<div id="{field}_error" class="invalid-feedback">\s*'
        rf'<(?:p|span) id="error_1_{field}">'
        r"<strong>Ensure this value is less than or equal to 2\.<",
        html,
    )
    assert re.search(rf'<input[^>]*class="[^"]*is-invalid[^"]*"[^>]*id="{field}"', html)
    assert Answer.objects.get(pk=answer.pk).score is None
    assert not ScoreChange.objects.exists()
    assert Attempt.objects.get().status == Attempt.Status.AWAITING_GRADING


def test_the_cadre_sees_the_grade_and_comment_but_not_the_grader(course_of_tom, alice, tom, login):
    attempt = submitted(course_of_tom, alice)
    # The trainer shows marks and feedback right after each attempt (the default waits for
    # the last attempt: see tests/quizzes/test_review.py).
    Quiz.objects.filter(pk=attempt.quiz_id).update(
        review_correctness_after_attempt=True, review_feedback_after_attempt=True
    )
    answer = written_answer(attempt)
    login(tom).post(grade_url(answer), marks_post(answer, "1.5", "1"))
    html = login(alice).get(reverse("quizzes:results", args=[attempt.pk])).content.decode()
    assert 'data-testid="outcome">Passed' in html
    assert "2.50 of 4 points" in html
    assert "States the viewpoint: 1.50 of 2 points" in html
    assert COMMENT in html
    assert not re.search(r"\btom\b", html, re.IGNORECASE)


# --- The service's own refusals -------------------------------------------------------------


def test_the_attempt_waits_until_its_last_written_answer_is_graded(course_of_tom, alice, tom):
    public = seed_framework()["public"]
    second = written(course_of_tom.course, [public])
    course_of_tom.slots.create(order=11, question=second)
    attempt = submitted(course_of_tom, alice)
    first, last = Answer.objects.filter(
        attempt_question__attempt=attempt, attempt_question__version__kind="written"
    ).order_by("attempt_question__order")
    full = {c.pk: c.points for c in first.attempt_question.version.rubric.all()}
    attempt = answer_grade(answer=first, marks=full, comment="", grader=tom.user)
    assert (attempt.status, attempt.score, attempt.passed) == ("awaiting", 7, None)
    full = {c.pk: c.points for c in last.attempt_question.version.rubric.all()}
    attempt = answer_grade(answer=last, marks=full, comment="", grader=tom.user)
    assert (attempt.status, attempt.score, attempt.percent, attempt.passed) == (
        "graded",
        11,
        100,
        True,
    )
    assert ScoreChange.objects.count() == 2


def test_the_service_refuses_what_the_form_would_not_send(course_of_tom, alice, bob, tom):
    attempt = submitted(course_of_tom, alice)
    answer = written_answer(attempt)
    first, second = answer.attempt_question.version.rubric.all()
    refused = [
        {first.pk: Decimal("2")},  # a criterion missing
        {first.pk: Decimal("2"), second.pk: Decimal("2.5")},  # above its points
        {first.pk: Decimal("-1"), second.pk: Decimal("2")},  # below zero
        {first.pk: Decimal("2"), second.pk: Decimal("2"), 999999: Decimal("1")},  # unknown
    ]
    for marks in refused:
        with pytest.raises(GradingError):
            answer_grade(answer=answer, marks=marks, comment="", grader=tom.user)
    full = {first.pk: Decimal("2"), second.pk: Decimal("2")}
    with pytest.raises(GradingError):  # someone who may not edit the course
        answer_grade(answer=answer, marks=full, comment="", grader=bob.user)
    single = Answer.objects.get(attempt_question__attempt=attempt, attempt_question__order=1)
    with pytest.raises(GradingError):  # not a written answer
        answer_grade(answer=single, marks={}, comment="", grader=tom.user)
    open_attempt = attempt_start(quiz=course_of_tom, user=bob.user)
    with pytest.raises(GradingError):  # still in progress
        answer_grade(answer=written_answer(open_attempt), marks=full, comment="", grader=tom.user)
    assert Answer.objects.get(pk=answer.pk).score is None
    assert not ScoreChange.objects.exists()
