"""Regressions from the security review: separation of duties, archived courses, leaks."""

import datetime as dt

import pytest
from django.urls import reverse

from courses.markdown import render_markdown
from demo.quizzes import seed_framework
from quizzes.grading import GradingError, answer_grade, pending_answers_for
from quizzes.models import Attempt, Option, ScoreChange
from quizzes.services import OptionData, attempt_start, attempt_submit, question_save
from records.models import Assignment
from records.services import RecordError, record_waive
from tests.quizzes.conftest import answers_for

pytestmark = pytest.mark.django_db


def test_hr_cannot_waive_their_own_course(units, hr_town, make_course):
    hr_town.is_cadre = True
    hr_town.save()
    course = make_course("own", lessons=1)
    Assignment.objects.create(course=course, unit=units["east"], due_date=dt.date(2030, 1, 1))
    with pytest.raises(RecordError, match="own records"):
        record_waive(user=hr_town.user, course=course, reason="busy", by=hr_town.user)


def test_a_trainer_who_is_also_a_cadre_cannot_grade_their_own_answer(quiz_with_written, tom):
    tom.is_cadre = True
    tom.save()
    quiz_with_written.course.owner = tom.user
    quiz_with_written.course.save()
    attempt = attempt_start(quiz=quiz_with_written, user=tom.user)
    attempt_submit(attempt=attempt, answers=answers_for(attempt, {"view": "My own view."}))
    assert not pending_answers_for(tom.user).exists()
    answer = attempt.questions.get(version__kind="written").answer
    marks = {c.pk: c.points for c in answer.attempt_question.version.rubric.all()}
    with pytest.raises(GradingError, match="own answer"):
        answer_grade(answer=answer, marks=marks, comment="", grader=tom.user)


def test_a_co_owner_may_regrade(quiz, alice, tom, other_trainer, login):
    quiz.course.owner = tom.user
    quiz.course.save()
    quiz.course.co_owners.add(other_trainer.user)
    attempt = attempt_start(quiz=quiz, user=alice.user)
    attempt_submit(attempt=attempt, answers=answers_for(attempt, {"quota": ["b"]}))
    attempt.refresh_from_db()
    assert attempt.score == 1  # the quota question right; nothing else answered
    # An edit after the attempt: "Halve them" (a) is right after all, so alice's b is not.
    question_save(
        question=quiz.slots.get(question__key="quota").question,
        kind="single",
        title="Quota",
        prompt="Edited.",
        options=[
            OptionData("a", "Halve them", True),
            OptionData("b", "Decide unit by unit", False),
        ],
    )

    response = login(other_trainer).post(reverse("studio:regrade", args=[quiz.pk]))

    assert response.status_code == 302
    change = ScoreChange.objects.get()
    assert (change.attempt, change.reason, change.changed_by) == (
        attempt,
        ScoreChange.Reason.REGRADED,
        other_trainer.user,
    )
    assert (change.old_score, change.new_score) == (1, 0)
    attempt.refresh_from_db()
    assert attempt.score == 0


def test_nothing_is_answered_on_an_archived_course(quiz, alice, login):
    client = login(alice)
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    quiz.course.status = "archived"
    quiz.course.save()
    for name in ("quizzes:save", "quizzes:submit"):
        assert client.post(reverse(name, args=[attempt.pk])).status_code == 404
    assert client.get(reverse("quizzes:attempt", args=[attempt.pk])).status_code == 404
    attempt.refresh_from_db()
    assert attempt.is_open and attempt.score is None


def test_hidden_correctness_shows_competency_scores_but_no_answer_key(quiz, alice, login):
    quiz.review_correctness_after_attempt = False
    quiz.save()
    client = login(alice)
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    html = client.post(reverse("quizzes:submit", args=[attempt.pk]), follow=True).content.decode()
    # Competency scores teach where to study again; which options were right is not told.
    assert 'data-testid="competencies"' in html
    assert "✓" not in html and "✗" not in html


def test_a_new_option_never_takes_a_deleted_options_key(quiz, tom, login, alice):
    quiz.course.owner = tom.user
    quiz.course.save()
    attempt_submit(attempt=attempt_start(quiz=quiz, user=alice.user))
    question = quiz.slots.get(question__key="quota").question
    data = {
        "title": "Quota",
        "prompt": "Edited.",
        "points": "1",
        "competencies": [str(seed_framework()["policy"].pk)],
        # Row 0 was "a": now empty (deleted). Rows 1-2 keep b, c. Row 3 is new and right.
        "option_1_text": "Decide unit by unit",
        "option_1_key": "b",
        "option_1_feedback": "x",
        "option_2_text": "Dissolve them all",
        "option_2_key": "c",
        "option_2_feedback": "x",
        "option_3_text": "Ask residents first",
        "option_3_correct": "on",
        "option_3_feedback": "x",
    }
    response = login(tom).post(reverse("studio:question_edit", args=[question.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    question.refresh_from_db()
    keys = set(Option.objects.filter(version=question.current).values_list("key", flat=True))
    assert keys == {"b", "c", "d"}


def test_lesson_html_carries_no_id_attributes():
    html = render_markdown('<span id="submit-attempt">x</span> <p id="main">y</p>')
    assert "id=" not in html


def test_a_course_is_waived_once(units, alice, hr_county, make_course):
    course = make_course("w", lessons=1)
    record_waive(user=alice.user, course=course, reason="secondment", by=hr_county.user)
    with pytest.raises(RecordError, match="already waived"):
        record_waive(user=alice.user, course=course, reason="again", by=hr_county.user)
