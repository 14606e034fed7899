"""Editing a question that has attempts makes a new version; regrading is explicit."""

import pytest
from django.urls import reverse

from quizzes.models import Attempt, QuestionVersion, ScoreChange
from quizzes.services import (
    OptionData,
    attempt_start,
    attempt_submit,
    question_save,
    regrade_apply,
    regrade_preview,
)

from .conftest import answers_for

pytestmark = pytest.mark.django_db


def edit_quota(question, right="a"):
    """The trainer decides option a ("Halve them") is right after all: a key change."""
    return question_save(
        question=question,
        kind="single",
        title="Quota (edited)",
        prompt="Edited prompt.",
        options=[
            OptionData("a", "Halve them as ordered", right == "a"),
            OptionData("b", "Decide unit by unit", right == "b"),
            OptionData("c", "Dissolve them all", right == "c"),
        ],
    )


def quota_question(quiz):
    return quiz.slots.get(question__key="quota").question


def test_editing_an_unused_question_changes_it_in_place(quiz):
    question = quota_question(quiz)
    version = question.current
    edit_quota(question)
    question.refresh_from_db()
    assert question.current == version
    assert question.versions.count() == 1
    assert question.current.title == "Quota (edited)"


def test_editing_a_question_with_attempts_makes_a_new_version(quiz, alice):
    attempt = attempt_start(quiz=quiz, user=alice.user)
    attempt = attempt_submit(attempt=attempt, answers=answers_for(attempt, {"quota": ["b"]}))
    question = quota_question(quiz)
    old = question.current
    edit_quota(question)
    question.refresh_from_db()
    assert question.current.number == 2
    # The old attempt still shows and scores the version it was taken on.
    aq = attempt.questions.get(version__question=question)
    assert aq.version == old
    assert aq.version.title == "Quota" and aq.version.options.get(key="b").is_correct
    attempt.refresh_from_db()
    assert attempt.score == 1
    # A new attempt gets the new version.
    again = attempt_start(quiz=quiz, user=alice.user)
    assert again.questions.get(version__question=question).version.number == 2


def test_regrade_preview_lists_the_scores_that_would_change(quiz, alice, bob):
    for person, pick in ((alice, "b"), (bob, "a")):
        attempt = attempt_start(quiz=quiz, user=person.user)
        attempt_submit(attempt=attempt, answers=answers_for(attempt, {"quota": [pick]}))
    edit_quota(quota_question(quiz), right="a")
    rows = {row.attempt.user.username: row for row in regrade_preview(quiz=quiz)}
    assert (rows["alice"].old_score, rows["alice"].new_score) == (1, 0)
    assert (rows["bob"].old_score, rows["bob"].new_score) == (0, 1)
    # A preview changes nothing.
    assert list(Attempt.objects.order_by("user__username").values_list("score", flat=True)) == [
        1,
        0,
    ]
    assert not ScoreChange.objects.exists()


def test_regrade_apply_moves_attempts_and_leaves_a_trail(quiz, alice, tom):
    attempt = attempt_start(quiz=quiz, user=alice.user)
    attempt_submit(attempt=attempt, answers=answers_for(attempt, {"quota": ["b"]}))
    edit_quota(quota_question(quiz), right="a")
    regrade_apply(quiz=quiz, by=tom.user)
    attempt.refresh_from_db()
    assert attempt.score == 0
    change = ScoreChange.objects.get()
    assert (change.old_score, change.new_score, change.changed_by) == (1, 0, tom.user)
    assert regrade_preview(quiz=quiz) == []  # nothing left on an old version
    assert QuestionVersion.objects.filter(question__key="quota").count() == 2  # old kept


def test_regrade_page_is_for_the_courses_trainer_only(quiz, alice, tom, login, units):
    from tests.conftest import make_person

    other = make_person("other-trainer", units["archives"], is_trainer=True)
    quiz.course.owner = tom.user
    quiz.course.save()
    url = reverse("studio:regrade", args=[quiz.pk])
    assert login(alice).get(url).status_code == 403
    assert login(other).get(url).status_code == 403  # a trainer sees the course; may not act
    attempt = attempt_start(quiz=quiz, user=alice.user)
    attempt_submit(attempt=attempt, answers=answers_for(attempt, {"quota": ["b"]}))
    edit_quota(quota_question(quiz), right="a")
    client = login(tom)
    preview = client.get(url)
    assert len(preview.context["changed"]) == 1
    client.post(url)
    attempt.refresh_from_db()
    assert attempt.score == 0
