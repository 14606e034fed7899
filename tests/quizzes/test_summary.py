"""Before submitting: flags, the summary of what the server holds, and attempts too fast."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Answer, Attempt
from quizzes.services import Submitted, attempt_save, attempt_start, attempt_submit

from .conftest import answers_for, shown

pytestmark = pytest.mark.django_db

# Everything that tells a right answer from a wrong one: option feedback, the options
# themselves (the summary has no reason to show them), the written reference, the marks.
ANSWER_KEY = [
    "A quota fits no unit.",
    "Analyse each unit's work.",
    "Decide unit by unit",
    "Halve them as ordered",
    "Public-facing work.",
    "Groups collect demands.",
    "Both aims are good",
    "States the viewpoint",
    "✓",
    "✗",
    "is_correct",
]


def by_key(attempt) -> dict:
    return {aq.version.question.key: aq for aq in attempt.questions.select_related("version")}


def summary(client, attempt):
    return client.get(reverse("quizzes:summary", args=[attempt.pk]))


def test_the_summary_counts_answered_unanswered_and_flagged_as_the_server_holds_them(
    quiz_with_written, alice, login
):
    attempt = attempt_start(quiz=quiz_with_written, user=alice.user)
    q = by_key(attempt)
    attempt_save(
        attempt=attempt,
        answers={
            q["quota"].pk: Submitted(["b"]),
            q["measures"].pk: Submitted([], flagged=True),  # flagged, not answered
            q["blocks"].pk: Submitted(["keep"], flagged=True),  # a decision without its reason
            q["view"].pk: Submitted([], "   "),  # blank is not an answer
        },
        sequence=1,
    )
    response = summary(login(alice), attempt)
    assert response.status_code == 200
    assert (response.context["answered"], response.context["unanswered"]) == (1, 3)
    assert response.context["flagged"] == 2
    states = {aq.version.question.key: (done, flag) for aq, done, flag in response.context["rows"]}
    assert states == {
        "quota": (True, False),
        "measures": (False, True),
        "blocks": (False, True),
        "view": (False, False),
    }
    html = response.content.decode()
    assert "Once you submit you cannot change your answers." in html
    assert "3 questions are not answered" in html
    for aq in q.values():  # each question links back to its place on the attempt page
        assert f'{reverse("quizzes:attempt", args=[attempt.pk])}#q-{aq.order}"' in html
    assert f'action="{reverse("quizzes:submit", args=[attempt.pk])}"' in html
    assert "csrfmiddlewaretoken" in html
    # Completing the decision and writing an answer makes them answered.
    attempt_save(
        attempt=attempt,
        answers={
            q["blocks"].pk: Submitted(["keep", "r1"]),
            q["view"].pk: Submitted([], "Decide unit by unit."),
        },
        sequence=2,
    )
    response = summary(login(alice), attempt)
    assert (response.context["answered"], response.context["unanswered"]) == (3, 1)
    assert response.context["flagged"] == 1  # the decision's flag went with its new save


def test_the_summary_shows_no_answer_key(quiz_with_written, alice, login):
    attempt = attempt_start(quiz=quiz_with_written, user=alice.user)
    attempt_save(attempt=attempt, answers=answers_for(attempt, {"quota": ["a"]}))
    html = summary(login(alice), attempt).content.decode()
    for text in ANSWER_KEY:
        assert text not in html, text
    assert "The county orders every unit to halve its groups." in html  # the prompt, to recognise


def test_a_flag_is_saved_and_an_older_save_never_overwrites_a_newer_flag(quiz, alice):
    attempt = attempt_start(quiz=quiz, user=alice.user)
    quota = by_key(attempt)["quota"]
    attempt_save(attempt=attempt, answers={quota.pk: Submitted(["a"], flagged=True)}, sequence=5)
    answer = Answer.objects.get(attempt_question=quota)
    assert answer.flagged and answer.selected == ["a"]
    # Save 4 (sent before 5, arriving after it) unflagged: the server keeps save 5.
    late = attempt_save(
        attempt=attempt, answers={quota.pk: Submitted(["b"], flagged=False)}, sequence=4
    )
    assert not late.stored
    answer.refresh_from_db()
    assert answer.flagged and answer.selected == ["a"]
    # A newer save unflags it.
    attempt_save(attempt=attempt, answers={quota.pk: Submitted(["a"], flagged=False)}, sequence=6)
    answer.refresh_from_db()
    assert not answer.flagged


def test_the_flag_check_box_posts_through_the_save_view(quiz, alice, login):
    client = login(alice)
    attempt = attempt_start(quiz=quiz, user=alice.user)
    quota = by_key(attempt)["quota"]
    client.post(
        reverse("quizzes:save", args=[attempt.pk]),
        {f"q{quota.pk}": "a", f"q{quota.pk}_flag": "on", "sequence": "1", **shown(quota)},
    )
    assert Answer.objects.get(attempt_question=quota).flagged
    html = client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    assert re.search(rf'name="q{quota.pk}_flag"[^>]*checked', html)
    assert 'data-nav-for="1" data-answered="true" data-flagged="true"' in html
    assert 'data-nav-for="2" data-answered="false" data-flagged="false"' in html
    assert 'aria-label="Question 1: answered, flagged"' in html


def test_finish_saves_the_form_and_goes_to_the_summary(quiz, alice, login):
    client = login(alice)
    attempt = attempt_start(quiz=quiz, user=alice.user)
    quota = by_key(attempt)["quota"]
    response = client.post(
        reverse("quizzes:save", args=[attempt.pk]),
        {f"q{quota.pk}": "b", "finish": "1", **shown(quota)},
    )
    assert response.status_code == 302
    assert response.url == reverse("quizzes:summary", args=[attempt.pk])
    assert Answer.objects.get(attempt_question=quota).selected == ["b"]
    attempt.refresh_from_db()
    assert attempt.is_open  # finishing submits nothing


def test_submitting_from_the_summary_grades_what_the_server_holds(quiz, alice, login):
    client = login(alice)
    attempt = attempt_start(quiz=quiz, user=alice.user)
    attempt_save(
        attempt=attempt,
        answers=answers_for(
            attempt, {"quota": ["b"], "measures": ["a", "b", "c"], "blocks": ["keep", "r1"]}
        ),
    )
    response = client.post(reverse("quizzes:submit", args=[attempt.pk]), {})
    assert response.url == reverse("quizzes:results", args=[attempt.pk])
    attempt.refresh_from_db()
    assert (attempt.status, attempt.score) == (Attempt.Status.GRADED, 3)


def test_another_cadres_summary_is_not_found(quiz, alice, bob, login):
    attempt = attempt_start(quiz=quiz, user=alice.user)
    assert summary(login(bob), attempt).status_code == 404


def test_the_summary_of_an_archived_course_is_not_found(quiz, alice, login):
    attempt = attempt_start(quiz=quiz, user=alice.user)
    quiz.course.status = "archived"
    quiz.course.save()
    assert summary(login(alice), attempt).status_code == 404


def test_the_summary_of_a_finished_attempt_goes_to_the_results(quiz, alice, login):
    attempt = attempt_submit(attempt=attempt_start(quiz=quiz, user=alice.user))
    response = summary(login(alice), attempt)
    assert response.status_code == 302
    assert response.url == reverse("quizzes:results", args=[attempt.pk])


def test_the_summary_of_an_expired_attempt_is_closed_by_the_server(quiz, alice, login):
    quiz.time_limit_minutes = 10
    quiz.save()
    attempt = attempt_start(quiz=quiz, user=alice.user, now=timezone.now() - timedelta(minutes=11))
    response = summary(login(alice), attempt)
    assert response.url == reverse("quizzes:results", args=[attempt.pk])
    attempt.refresh_from_db()
    assert not attempt.is_open and attempt.closed_by_server


def test_a_timed_summary_shows_the_countdown(quiz, alice, login):
    quiz.time_limit_minutes = 10
    quiz.save()
    attempt = attempt_start(quiz=quiz, user=alice.user)
    html = summary(login(alice), attempt).content.decode()
    assert 'class="quiz-timer' in html and 'role="timer"' in html
    seconds = int(re.search(r'data-seconds-left="(\d+)"', html).group(1))
    assert 590 <= seconds <= 600


# --- Too fast ------------------------------------------------------------------------------


@pytest.mark.parametrize("minutes_taken, expected", [(0, True), (4, True), (5, False), (12, False)])
def test_an_attempt_submitted_sooner_than_the_minimum_is_graded_and_flagged(
    quiz, alice, minutes_taken, expected
):
    quiz.min_minutes = 5
    quiz.save()
    start = timezone.now()
    attempt = attempt_start(quiz=quiz, user=alice.user, now=start)
    attempt = attempt_submit(
        attempt=attempt,
        answers=answers_for(attempt, {"quota": ["b"]}),
        now=start + timedelta(minutes=minutes_taken),
    )
    assert attempt.status == Attempt.Status.GRADED and attempt.score == 1  # graded as usual
    attempt.refresh_from_db()
    assert attempt.too_fast is expected


def test_without_a_minimum_no_attempt_is_too_fast(quiz, alice):
    start = timezone.now()
    attempt = attempt_start(quiz=quiz, user=alice.user, now=start)
    attempt = attempt_submit(attempt=attempt, now=start + timedelta(seconds=1))
    assert not Attempt.objects.get(pk=attempt.pk).too_fast


def test_an_attempt_the_server_closes_is_not_too_fast(quiz, alice):
    quiz.min_minutes = 30
    quiz.time_limit_minutes = 10
    quiz.save()
    start = timezone.now()
    attempt = attempt_start(quiz=quiz, user=alice.user, now=start)
    attempt = attempt_submit(attempt=attempt, now=start + timedelta(minutes=20))
    assert attempt.closed_by_server and not attempt.too_fast


def test_the_attempt_page_of_an_expired_attempt_goes_to_the_results(quiz, alice, login):
    quiz.time_limit_minutes = 10
    quiz.save()
    start = timezone.now() - timedelta(minutes=11)
    attempt = attempt_start(quiz=quiz, user=alice.user, now=start)
    response = login(alice).get(reverse("quizzes:attempt", args=[attempt.pk]))
    assert response.url == reverse("quizzes:results", args=[attempt.pk])
