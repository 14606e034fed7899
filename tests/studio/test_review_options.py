"""The quiz's review options as a grid, the minimum time, and attempts flagged too fast."""

from datetime import timedelta

import pytest
from django.urls import reverse

from quizzes.models import Attempt, Quiz
from quizzes.services import attempt_start, attempt_submit
from studio.forms.questions import REVIEW_FIELDS

pytestmark = pytest.mark.django_db


def quiz_post(**extra) -> dict:
    return {
        "title": "Check",
        "pass_mark": "60",
        "attempts_allowed": "3",
        "grading_method": "highest",
        **extra,
    }


def test_a_new_quiz_form_offers_the_protective_defaults_as_a_grid(login, tom, owned):
    response = login(tom).get(reverse("studio:quiz_create", args=[owned.slug]))
    html = response.content.decode()
    assert 'data-testid="review-grid"' in html
    for header in ["Right after each attempt", "After their last attempt", "After the quiz closes"]:
        assert f'<th scope="col" class="text-center">{header}</th>' in html
    form = response.context["form"]
    grid = {label: [field.value() for field in fields] for label, fields in form.review_grid()}
    assert grid == {
        "Their answers": [True, True, True],
        "Whether each answer was right": [False, True, True],
        "Feedback on their choices": [False, True, True],
        "The right answers": [False, True, True],
    }
    assert "harvest the answer key" in html
    assert 'class="alert alert-warning small" data-testid="review-warning"' in html
    # Each checkbox has its own label for screen readers: row and column together.
    assert "Right after each attempt: Whether each answer was right</label>" in html


def test_the_quiz_form_saves_the_review_grid_and_the_minimum_time(login, tom, owned):
    chosen = {
        "review_answers_after_attempt",
        "review_correctness_after_attempt",
        "review_right_answers_after_last",
        "review_feedback_after_close",
    }
    data = quiz_post(min_minutes="5", **dict.fromkeys(chosen, "on"))
    response = login(tom).post(reverse("studio:quiz_create", args=[owned.slug]), data)
    assert response.status_code == 302, response.context["form"].errors
    quiz = Quiz.objects.get()
    assert {name for name in REVIEW_FIELDS if getattr(quiz, name)} == chosen
    assert quiz.min_minutes == 5
    # Editing shows the leak loudly: correctness right after each attempt is on.
    html = login(tom).get(reverse("studio:quiz_edit", args=[quiz.pk])).content.decode()
    assert 'class="alert alert-danger small" data-testid="review-warning"' in html


@pytest.mark.parametrize(("value", "valid"), [("-1", False), ("601", False), ("600", True)])
def test_the_minimum_time_is_bounded(login, tom, owned, value, valid):
    response = login(tom).post(
        reverse("studio:quiz_create", args=[owned.slug]), quiz_post(min_minutes=value)
    )
    assert (response.status_code == 302) is valid
    assert Quiz.objects.exists() is valid
    if not valid:
        assert "min_minutes" in response.context["form"].errors


def test_the_minimum_time_cannot_exceed_the_time_limit(login, tom, owned):
    """Else the timer's own submission at zero would be flagged as too fast."""
    url = reverse("studio:quiz_create", args=[owned.slug])
    response = login(tom).post(url, quiz_post(min_minutes="20", time_limit_minutes="15"))
    assert "min_minutes" in response.context["form"].errors
    assert not Quiz.objects.exists()
    assert (
        login(tom).post(url, quiz_post(min_minutes="15", time_limit_minutes="15")).status_code
        == 302
    )


@pytest.fixture
def flagged(quiz, alice, bob, tom):
    """Alice's second attempt took 40 s against a 2-minute minimum; bob took his time."""
    quiz.course.owner = tom.user
    quiz.course.save()
    quiz.min_minutes = 2
    quiz.save()
    attempt_submit(attempt=attempt_start(quiz=quiz, user=alice.user))
    attempt = attempt_start(quiz=quiz, user=alice.user)
    attempt_submit(attempt=attempt, now=attempt.started_at + timedelta(seconds=40))
    slow = attempt_start(quiz=quiz, user=bob.user)
    attempt_submit(attempt=slow, now=slow.started_at + timedelta(minutes=5))
    # The flag is set at submit; set it here too, so this test reads only what the page shows.
    Attempt.objects.filter(user=alice.user, number=2).update(
        too_fast=True, submitted_at=attempt.started_at + timedelta(seconds=40)
    )
    Attempt.objects.filter(user=alice.user, number=1).update(too_fast=False)
    Attempt.objects.filter(user=bob.user).update(too_fast=False)
    return quiz


def test_the_owner_sees_the_attempts_submitted_too_fast(flagged, login, tom):
    response = login(tom).get(reverse("studio:analysis", args=[flagged.pk]))
    html = response.content.decode()
    rows = response.context["too_fast"]
    assert [(r.attempt.user.username, r.attempt.number) for r in rows] == [("alice", 2)]
    assert (rows[0].minutes, rows[0].seconds) == (0, 40)
    assert "1 attempt was submitted sooner than the minimum time you set (2 min)" in html
    assert "graded as usual" in html
    table = html[html.index('data-testid="too-fast-list"') :]
    table = table[: table.index("</table>")]
    assert ">Alice</th>" in table
    assert "0 min 40 s" in table
    assert "bob" not in table.lower()


def test_another_trainer_and_cadres_cannot_see_the_flags(flagged, login, other_trainer, alice):
    assert (
        login(other_trainer).get(reverse("studio:analysis", args=[flagged.pk])).status_code == 403
    )
    assert login(alice).get(reverse("studio:analysis", args=[flagged.pk])).status_code == 403
