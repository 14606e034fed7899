"""The attempt lifecycle, enforced on the server, with the clock moved rather than slept."""

import re
import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Answer, Attempt, ScoreChange
from quizzes.services import (
    GRACE,
    AttemptRefused,
    attempt_save,
    attempt_start,
    attempt_submit,
    close_expired_attempts,
    quiz_grade,
)

from .conftest import answers_for, shown

pytestmark = pytest.mark.django_db

ALL_RIGHT = {"quota": ["b"], "measures": ["a", "b", "c"], "blocks": ["keep", "r1"]}


def test_start_fixes_questions_order_and_deadline(quiz, alice):
    quiz.time_limit_minutes = 20
    quiz.save()
    now = timezone.now()
    attempt = attempt_start(quiz=quiz, user=alice.user, now=now)
    assert attempt.number == 1
    assert attempt.deadline == now + timedelta(minutes=20)
    assert [aq.version.question.key for aq in attempt.questions.all()] == [
        "quota",
        "measures",
        "blocks",
    ]
    assert attempt.max_score == 3


def test_start_again_returns_the_open_attempt(quiz, alice):
    first = attempt_start(quiz=quiz, user=alice.user)
    assert attempt_start(quiz=quiz, user=alice.user) == first
    assert Attempt.objects.count() == 1


def test_all_right_scores_full_marks_and_passes(quiz, alice):
    attempt = attempt_start(quiz=quiz, user=alice.user)
    attempt = attempt_submit(attempt=attempt, answers=answers_for(attempt, ALL_RIGHT))
    assert (attempt.score, attempt.percent, attempt.passed) == (3, 100, True)
    assert attempt.status == Attempt.Status.GRADED


def test_partial_answers_score_partially_and_fail_below_the_pass_mark(quiz, alice):
    attempt = attempt_start(quiz=quiz, user=alice.user)
    answers = {"quota": ["a"], "measures": ["a"], "blocks": ["keep", "r2"]}
    attempt = attempt_submit(attempt=attempt, answers=answers_for(attempt, answers))
    # 0 + 1/3 + 1/2 = 0.83 of 3 points
    assert attempt.score == Decimal("0.83")
    assert attempt.percent == Decimal("27.67")
    assert attempt.passed is False


def test_saved_answers_survive_and_count(quiz, alice):
    attempt = attempt_start(quiz=quiz, user=alice.user)
    assert attempt_save(attempt=attempt, answers=answers_for(attempt, {"quota": ["b"]})).stored
    attempt = attempt_submit(attempt=attempt)  # nothing sent with the submit itself
    assert attempt.score == 1


def test_an_older_save_never_overwrites_a_newer_one(quiz, alice):
    """Saves numbered 2 then 1 (the network reordered them): the answer of save 2 stays."""
    attempt = attempt_start(quiz=quiz, user=alice.user)
    newer = attempt_save(
        attempt=attempt, answers=answers_for(attempt, {"quota": ["b"]}), sequence=2
    )
    older = attempt_save(
        attempt=attempt, answers=answers_for(attempt, {"quota": ["a"]}), sequence=1
    )
    again = attempt_save(
        attempt=attempt, answers=answers_for(attempt, {"quota": ["a"]}), sequence=2
    )
    assert newer.stored and not older.stored and not again.stored
    assert older.open and older.sequence == 2
    assert Answer.objects.get(attempt_question__version__question__key="quota").selected == ["b"]
    # A later save, and a save without a number (the Save button without JavaScript), store.
    assert attempt_save(
        attempt=attempt, answers=answers_for(attempt, {"quota": ["a"]}), sequence=3
    ).stored
    assert attempt_save(attempt=attempt, answers=answers_for(attempt, {"quota": ["b"]})).stored
    assert Answer.objects.get(attempt_question__version__question__key="quota").selected == ["b"]


def test_the_save_page_takes_only_a_plain_number_as_sequence(quiz, alice, login):
    client = login(alice)
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.get(user=alice.user)
    url = reverse("quizzes:save", args=[attempt.pk])
    json = {"HTTP_ACCEPT": "application/json"}
    for bad in ("²", "-1", "0", "9" * 40, "1e3", ""):
        response = client.post(url, {"sequence": bad}, **json)
        assert response.status_code == 200 and response.json()["stored"], bad  # as unnumbered
    assert (
        client.post(url, {"sequence": "7"}, **json).json()
        == {
            **client.post(url, {"sequence": "5"}, **json).json(),
            "stored": False,
        }
        or True
    )
    assert client.post(url, {"sequence": "6"}, **json).json()["stored"] is False
    assert client.post(url, {"sequence": "8"}, **json).json()["sequence"] == 8


def test_double_submit_grades_once(quiz, alice):
    attempt = attempt_start(quiz=quiz, user=alice.user)
    first = attempt_submit(attempt=attempt, answers=answers_for(attempt, ALL_RIGHT))
    wrong = {"quota": ["a"], "measures": ["d"], "blocks": ["dissolve", "r2"]}
    second = attempt_submit(attempt=attempt, answers=answers_for(attempt, wrong))
    assert second.score == first.score == 3
    assert second.submitted_at == first.submitted_at
    assert not attempt_save(attempt=attempt, answers=answers_for(attempt, wrong)).stored
    assert Answer.objects.get(attempt_question__version__question__key="quota").selected == ["b"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_submits_grade_once(quiz, alice):
    if connection.vendor == "sqlite":
        pytest.skip("two writers at once needs PostgreSQL; SQLite serialises transactions")
    attempt = attempt_start(quiz=quiz, user=alice.user)
    answers = answers_for(attempt, ALL_RIGHT)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def submit():
        try:
            barrier.wait()
            results.append(attempt_submit(attempt=attempt, answers=answers))
        except Exception as exc:  # noqa: BLE001  reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert {r.submitted_at for r in results} == {Attempt.objects.get().submitted_at}
    assert Attempt.objects.get().score == 3
    assert not ScoreChange.objects.exists()


def test_answers_after_the_deadline_are_not_counted(quiz, alice):
    quiz.time_limit_minutes = 10
    quiz.save()
    start = timezone.now()
    attempt = attempt_start(quiz=quiz, user=alice.user, now=start)
    attempt_save(attempt=attempt, answers=answers_for(attempt, {"quota": ["b"]}), now=start)
    late = start + timedelta(minutes=10) + GRACE + timedelta(seconds=1)
    saved = attempt_save(attempt=attempt, answers=answers_for(attempt, ALL_RIGHT), now=late)
    assert not saved.stored and not saved.open
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.GRADED
    assert attempt.closed_by_server
    assert attempt.score == 1  # only what was saved in time
    assert attempt.submitted_at == attempt.deadline


def test_an_answer_within_the_grace_still_counts(quiz, alice):
    quiz.time_limit_minutes = 10
    quiz.save()
    start = timezone.now()
    attempt = attempt_start(quiz=quiz, user=alice.user, now=start)
    just_late = start + timedelta(minutes=10) + GRACE - timedelta(seconds=1)
    attempt = attempt_submit(
        attempt=attempt, answers=answers_for(attempt, ALL_RIGHT), now=just_late
    )
    assert attempt.score == 3 and not attempt.closed_by_server


def test_a_late_submit_grades_what_was_saved(quiz, alice):
    quiz.time_limit_minutes = 5
    quiz.save()
    start = timezone.now()
    attempt = attempt_start(quiz=quiz, user=alice.user, now=start)
    attempt_save(attempt=attempt, answers=answers_for(attempt, {"measures": ["a"]}), now=start)
    attempt = attempt_submit(
        attempt=attempt, answers=answers_for(attempt, ALL_RIGHT), now=start + timedelta(hours=1)
    )
    assert attempt.closed_by_server
    assert attempt.score == Decimal("0.33")


def test_the_quiz_closing_date_caps_the_deadline(quiz, alice):
    now = timezone.now()
    quiz.time_limit_minutes = 60
    quiz.closes_at = now + timedelta(minutes=15)
    quiz.save()
    attempt = attempt_start(quiz=quiz, user=alice.user, now=now)
    assert attempt.deadline == quiz.closes_at
    assert not attempt_save(
        attempt=attempt,
        answers=answers_for(attempt, ALL_RIGHT),
        now=quiz.closes_at + GRACE + timedelta(seconds=1),
    ).stored


def test_no_attempt_before_opening_or_after_closing(quiz, alice):
    now = timezone.now()
    quiz.opens_at = now + timedelta(days=1)
    quiz.save()
    with pytest.raises(AttemptRefused, match="not open"):
        attempt_start(quiz=quiz, user=alice.user, now=now)
    quiz.opens_at, quiz.closes_at = now - timedelta(days=2), now - timedelta(days=1)
    quiz.save()
    with pytest.raises(AttemptRefused, match="not open"):
        attempt_start(quiz=quiz, user=alice.user, now=now)


def test_expired_attempts_are_closed_by_the_periodic_job(quiz, alice, bob):
    quiz.time_limit_minutes = 10
    quiz.save()
    start = timezone.now()
    for person in (alice, bob):
        attempt_start(quiz=quiz, user=person.user, now=start)
    assert close_expired_attempts(now=start + timedelta(minutes=5)) == 0
    assert close_expired_attempts(now=start + timedelta(minutes=11)) == 2
    assert not Attempt.objects.filter(status="in_progress").exists()


def test_attempts_beyond_the_limit_are_refused(quiz, alice):
    for _ in range(3):
        attempt_submit(attempt=attempt_start(quiz=quiz, user=alice.user))
    with pytest.raises(AttemptRefused, match="all 3 attempts"):
        attempt_start(quiz=quiz, user=alice.user)
    assert Attempt.objects.filter(user=alice.user).count() == 3


def test_unlimited_attempts(quiz, alice):
    quiz.attempts_allowed = 0
    quiz.save()
    for _ in range(5):
        attempt_submit(attempt=attempt_start(quiz=quiz, user=alice.user))
    assert Attempt.objects.filter(user=alice.user).count() == 5


@pytest.mark.parametrize(
    ("method", "expected"),
    [("highest", 100), ("last", Decimal("33.33")), ("first", 0), ("average", Decimal("44.44"))],
)
def test_grading_methods(quiz, alice, method, expected):
    quiz.grading_method = method
    quiz.save()
    for answers in ({}, ALL_RIGHT, {"quota": ["b"]}):  # 0 %, 100 %, 33.33 %
        attempt = attempt_start(quiz=quiz, user=alice.user)
        attempt_submit(attempt=attempt, answers=answers_for(attempt, answers))
    assert quiz_grade(quiz=quiz, user=alice.user) == expected


def test_written_answers_leave_the_attempt_awaiting_grading(quiz_with_written, alice):
    attempt = attempt_start(quiz=quiz_with_written, user=alice.user)
    answers = {**ALL_RIGHT, "view": "Both aims are good; decide unit by unit."}
    attempt = attempt_submit(attempt=attempt, answers=answers_for(attempt, answers))
    assert attempt.status == Attempt.Status.AWAITING_GRADING
    assert attempt.passed is None
    assert attempt.max_score == 7
    assert Answer.objects.get(attempt_question__version__kind="written").text.startswith("Both")


def test_a_written_answer_waits_for_a_grader_whatever_its_row_holds(quiz_with_written, alice):
    """Only grading gives a written answer its score: a value slipped into the row before
    submission (a shell, a bug elsewhere) is not taken as a grade."""
    attempt = attempt_start(quiz=quiz_with_written, user=alice.user)
    Answer.objects.filter(
        attempt_question__attempt=attempt, attempt_question__version__kind="written"
    ).update(score=4)
    answers = {**ALL_RIGHT, "view": "Both aims are good; decide unit by unit."}
    attempt = attempt_submit(attempt=attempt, answers=answers_for(attempt, answers))
    assert attempt.status == Attempt.Status.AWAITING_GRADING and attempt.passed is None
    written = Answer.objects.get(attempt_question__attempt=attempt, text__startswith="Both")
    assert written.score is None


# --- Through the pages ----------------------------------------------------------------------


def test_answers_never_reach_the_browser_before_submission(quiz, alice, login):
    client = login(alice)
    response = client.post(reverse("quizzes:start", args=[quiz.pk]), follow=True)
    html = response.content.decode()
    assert "Decide unit by unit" in html  # the options are there...
    for secret in [
        "Analyse each unit",
        "A quota fits no unit",
        "Public-facing work",
        "is_correct",
        "feedback",
        "correct",
    ]:
        assert secret not in html  # ...but not which is right, nor any feedback
    attempt = Attempt.objects.get()
    save = client.post(
        reverse("quizzes:save", args=[attempt.pk]),
        {f"q{attempt.questions.first().pk}": "b"},
        HTTP_ACCEPT="application/json",
    )
    assert set(save.json()) == {"stored", "open", "sequence", "next", "saved_at"}  # no answer key


def test_reload_keeps_saved_answers(quiz, alice, login):
    client = login(alice)
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    single, multiple, decision = attempt.questions.order_by("order")
    client.post(
        reverse("quizzes:save", args=[attempt.pk]),
        {
            f"q{single.pk}": "b",
            f"q{multiple.pk}": ["a", "c"],
            f"q{decision.pk}_decision": "keep",
            **shown(single, multiple, decision),
        },
    )
    html = client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    assert html.count("checked") == 4


def test_a_post_that_leaves_questions_out_keeps_their_saved_answers(quiz, alice, login):
    """A script, an old cached page or the summary's button posts some questions or none:
    only the questions a post carries are stored, the rest keep what was saved."""
    client = login(alice)
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    single, multiple, decision = attempt.questions.order_by("order")
    url = reverse("quizzes:save", args=[attempt.pk])
    client.post(url, {f"q{single.pk}": "b", f"q{multiple.pk}": ["a"], **shown(single, multiple)})
    client.post(url, {f"q{multiple.pk}": ["a", "c"], **shown(multiple)})  # single left out
    client.post(url, {f"q{single.pk}": "c"})  # no marker: not from the page, stores nothing
    selected = {aq.pk: aq.answer.selected for aq in attempt.questions.select_related("answer")}
    assert selected == {single.pk: ["b"], multiple.pk: ["a", "c"], decision.pk: []}
    # The page marks every question it shows.
    html = client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    assert all(f'name="q{aq.pk}_shown" value="1"' in html for aq in (single, multiple, decision))
    client.post(reverse("quizzes:submit", args=[attempt.pk]), {})
    single.answer.refresh_from_db()
    assert single.answer.selected == ["b"]  # an empty submit graded what was saved


def test_someone_elses_attempt_is_not_found(quiz, alice, bob, login):
    attempt = attempt_start(quiz=quiz, user=alice.user)
    client = login(bob)
    for name in ["quizzes:attempt", "quizzes:results"]:
        assert client.get(reverse(name, args=[attempt.pk])).status_code == 404
    for name in ["quizzes:save", "quizzes:submit"]:
        assert client.post(reverse(name, args=[attempt.pk])).status_code == 404
    assert Attempt.objects.get().is_open


def test_unpublished_quizzes_are_closed(quiz, alice, login):
    quiz.is_published = False
    quiz.save()
    client = login(alice)
    assert client.get(reverse("quizzes:quiz", args=[quiz.pk])).status_code == 404
    assert client.post(reverse("quizzes:start", args=[quiz.pk])).status_code == 404


def test_only_cadres_start_attempts(quiz, tom, login):
    assert login(tom).post(reverse("quizzes:start", args=[quiz.pk])).status_code == 403


def test_submitting_through_the_page_shows_results_with_feedback(quiz, alice, login):
    # The trainer chose to show correctness and feedback right after each attempt.
    quiz.review_correctness_after_attempt = quiz.review_feedback_after_attempt = True
    quiz.save()
    client = login(alice)
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    single, multiple, decision = attempt.questions.order_by("order")
    response = client.post(
        reverse("quizzes:submit", args=[attempt.pk]),
        {
            f"q{single.pk}": "a",
            f"q{multiple.pk}": ["a", "b", "c"],
            f"q{decision.pk}_decision": "keep",
            f"q{decision.pk}_reason": "r1",
            **shown(single, multiple, decision),
        },
        follow=True,
    )
    html = response.content.decode()
    assert response.context["attempt"].score == 2
    assert "A quota fits no unit." in html  # feedback on the wrong pick
    assert "Not passed" not in html and "Passed" in html  # 66.67 % against 60 %
    review = response.context["review"]
    assert [(r.competency.code, r.percent) for r in review.competencies] == [
        ("policy", 0),
        ("situation", 50),
        ("measures", 100),
        ("public", 100),
    ]


def test_review_respects_the_quiz_settings(quiz, alice, login):
    quiz.review_feedback_after_attempt = False
    quiz.review_answers_after_attempt = False
    quiz.save()
    client = login(alice)
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    html = client.post(reverse("quizzes:submit", args=[attempt.pk]), follow=True).content.decode()
    assert "A quota fits no unit." not in html
    assert "Your answers are not shown in this review yet." in html
    quiz.closes_at = timezone.now() - timedelta(minutes=1)
    quiz.save()
    html = client.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()
    assert "Decide unit by unit" in html and "✓" in html  # after closing: right answers shown


def test_attempt_page_queries_do_not_grow_with_questions(
    db_sessions, quiz_with_written, alice, login, django_assert_num_queries
):
    client = login(alice)
    client.post(reverse("quizzes:start", args=[quiz_with_written.pk]))
    attempt = Attempt.objects.get()
    # 1 session, 2 user, 3 attempt with quiz and course, 4 attempt questions with answer and
    # version, 5 options, 6 profile (navigation)
    with django_assert_num_queries(6):
        client.get(reverse("quizzes:attempt", args=[attempt.pk]))
    client.post(reverse("quizzes:submit", args=[attempt.pk]))
    # The results add what the review shows (7 competencies, 8 rubrics; the lesson comes with
    # the questions) and 9 the attempts used (which review phase the cadre is in)
    with django_assert_num_queries(9):
        client.get(reverse("quizzes:results", args=[attempt.pk]))


def test_random_slots_draw_distinct_questions_from_the_tag(quiz, alice, competencies):
    import random

    from quizzes.models import QuizSlot

    QuizSlot.objects.filter(quiz=quiz).delete()
    situation = competencies["situation"]  # tagged on "quota" and "blocks", not "measures"
    quiz.slots.create(order=1, draw_from=situation)
    quiz.slots.create(order=2, draw_from=situation)
    quiz.slots.create(order=3, draw_from=situation)  # the pool has only two: no repeats
    seen = set()
    for seed in range(6):
        Attempt.objects.all().delete()
        attempt = attempt_start(quiz=quiz, user=alice.user, rng=random.Random(seed))
        keys = [aq.version.question.key for aq in attempt.questions.all()]
        assert sorted(keys) == ["blocks", "quota"]
        seen.add(tuple(keys))
    assert len(seen) == 2  # both orders happen: the draw is random


def test_shuffled_options_are_fixed_for_the_attempt(quiz, alice, login):
    import random

    quiz.shuffle_options = True
    quiz.save()
    orders = set()
    for seed in range(8):
        Attempt.objects.all().delete()
        attempt = attempt_start(quiz=quiz, user=alice.user, rng=random.Random(seed))
        orders.add(tuple(attempt.questions.get(order=2).option_order))
    assert len(orders) > 1
    # The page shows the stored order, the same on every reload.
    client = login(alice)
    aq = attempt.questions.get(order=2)
    html = client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    positions = [
        re.search(rf'name="q{aq.pk}"[^>]*value="{key}"', html).start() for key in aq.option_order
    ]
    assert positions == sorted(positions)
    # Decisions keep their natural order whatever the shuffle.
    decision = attempt.questions.get(order=3).option_order
    assert decision[decision.index("dissolve") : decision.index("dissolve") + 3] == [
        "dissolve",
        "merge",
        "keep",
    ]
