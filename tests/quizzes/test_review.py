"""Reviews that teach, not leak: which options were right is shown only once the cadre has no
attempt left or the quiz has closed, unless the trainer chose otherwise; until then the review
shows the score per competency and the lesson to read again."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.grading import answer_grade
from quizzes.models import Answer, Attempt, QuestionVersion, Quiz
from quizzes.services import attempt_start, attempt_submit
from tests.quizzes.conftest import answers_for

pytestmark = pytest.mark.django_db

# quota: single, right "b"; measures: multiple, right a b c; blocks: decision, right keep + r1.
HALF_RIGHT = {"quota": ["a"], "measures": ["a", "b", "c"], "blocks": ["keep", "r2"]}
FEEDBACK = [
    "A quota fits no unit.",  # on the wrong pick "a" of quota
    "Meetings are a burden.",
    "No quota fits every unit.",
]


@pytest.fixture
def lessons(quiz):
    """Each question of the quiz comes from the course's first lesson."""
    lesson = quiz.course.lessons.order_by("order").first()
    QuestionVersion.objects.filter(question__slots__quiz=quiz).update(source_lesson=lesson)
    return lesson


def take(quiz, user, answers=HALF_RIGHT) -> Attempt:
    attempt = attempt_start(quiz=quiz, user=user)
    return attempt_submit(attempt=attempt, answers=answers_for(attempt, answers))


def results(client, attempt) -> str:
    response = client.get(reverse("quizzes:results", args=[attempt.pk]))
    assert response.status_code == 200
    return response.content.decode()


def assert_no_answer_key(html: str) -> None:
    assert "✓" not in html and "✗" not in html
    for text in FEEDBACK:
        assert text not in html
    assert " of 1 points" not in html  # no points per question (the quiz has 3 in all)


def assert_answer_key(html: str) -> None:
    assert "✓" in html and "✗" in html
    assert "A quota fits no unit." in html


def test_attempt_one_of_three_hides_the_answer_key_and_teaches(quiz, lessons, alice, login):
    quiz.closes_at = timezone.now() + timedelta(days=7)
    quiz.save()
    attempt = take(quiz, alice.user)
    html = results(login(alice), attempt)
    assert_no_answer_key(html)
    # Still shown: the overall score, the outcome, the score per competency, the lessons.
    assert 'data-testid="score"' in html and "1.50 of 3 points" in html
    assert 'data-testid="competencies"' in html
    assert html.count(f"Read again: {lessons.title}") == 3
    assert lessons.get_absolute_url() in html
    assert "The right answers are shown after your last attempt or when the quiz closes on" in html
    # The cadre's own choices are still there.
    assert "Halve them as ordered" in html


def test_the_review_never_sends_hidden_parts_to_the_page(quiz, alice, login):
    attempt = take(quiz, alice.user)
    response = login(alice).get(reverse("quizzes:results", args=[attempt.pk]))
    review = response.context["review"]
    assert review.show["phase"] == "attempt" and not review.show["correctness"]
    assert all(not row.show_correct for q in review.questions for row in q.options)
    assert all(q.feedback == [] and not q.points_shown for q in review.questions)


def test_after_the_last_attempt_correctness_and_right_answers_are_shown(
    quiz, lessons, alice, login
):
    first = take(quiz, alice.user)
    take(quiz, alice.user)
    client = login(alice)
    assert_no_answer_key(results(client, first))
    take(quiz, alice.user)  # the third and last
    html = results(client, first)
    assert_answer_key(html)
    assert "Decide unit by unit" in html and "✓ right" in html
    assert " of 1 points" in html
    assert 'data-testid="full-review-note"' not in html
    assert f"Read again: {lessons.title}" in html


def test_an_open_last_attempt_keeps_the_key_hidden_on_earlier_reviews(quiz, alice, login):
    """With attempt 3 of 3 open, every attempt is used, yet the cadre can still answer: the
    review of attempt 2 must not show the key in another tab."""
    take(quiz, alice.user)
    second = take(quiz, alice.user)
    attempt_start(quiz=quiz, user=alice.user)
    assert_no_answer_key(results(login(alice), second))


def test_an_expired_last_attempt_is_closed_and_the_review_opens(quiz, alice, login):
    quiz.time_limit_minutes = 10
    quiz.save()
    take(quiz, alice.user)
    second = take(quiz, alice.user)
    third = attempt_start(quiz=quiz, user=alice.user)
    Attempt.objects.filter(pk=third.pk).update(deadline=timezone.now() - timedelta(minutes=5))
    assert_answer_key(results(login(alice), second))
    third.refresh_from_db()
    assert not third.is_open and third.closed_by_server


def test_after_the_quiz_closes_the_answer_key_is_shown(quiz, alice, login):
    attempt = take(quiz, alice.user)
    client = login(alice)
    assert_no_answer_key(results(client, attempt))
    quiz.closes_at = timezone.now() - timedelta(minutes=1)
    quiz.save()
    assert_answer_key(results(client, attempt))


def test_the_trainer_may_show_whether_answers_were_right_after_each_attempt(quiz, alice, login):
    quiz.review_correctness_after_attempt = True
    quiz.save()
    attempt = take(quiz, alice.user)
    html = results(login(alice), attempt)
    # Right or wrong on the cadre's own choices, but not which unchosen option was right.
    assert "✗ wrong" in html and "✓ right" in html
    review = login(alice).get(reverse("quizzes:results", args=[attempt.pk])).context["review"]
    quota = review.questions[0]
    assert [(r.option.key, r.show_correct) for r in quota.options] == [
        ("a", True),
        ("b", False),
        ("c", False),
    ]
    # Feedback stays off, as the trainer left it.
    assert "A quota fits no unit." not in html
    assert "The right answers are shown after your last attempt." in html


def test_the_trainer_may_keep_the_key_even_after_the_last_attempt(quiz, alice, login):
    quiz.attempts_allowed = 1
    quiz.review_correctness_after_last = quiz.review_right_answers_after_last = False
    quiz.review_feedback_after_last = False
    quiz.save()
    attempt = take(quiz, alice.user)
    html = results(login(alice), attempt)
    assert_no_answer_key(html)
    assert "The right answers are not shown for this quiz." in html


def test_feedback_without_correctness_is_not_shown(quiz, alice, login):
    """Option feedback says why a choice was right or wrong: it would give the key away."""
    quiz.review_feedback_after_attempt = True
    quiz.save()
    assert_no_answer_key(results(login(alice), take(quiz, alice.user)))


def test_unlimited_attempts_show_the_key_only_when_the_quiz_closes(quiz, alice, login):
    quiz.attempts_allowed = 0
    quiz.closes_at = timezone.now() + timedelta(days=3)
    quiz.save()
    for _i in range(4):
        attempt = take(quiz, alice.user)
    html = results(login(alice), attempt)
    assert_no_answer_key(html)
    assert "The right answers are shown when the quiz closes on" in html


def test_a_harvesting_script_ticking_every_option_learns_no_option_correctness(quiz, alice, login):
    """Attempt 1 of 3 ticks every option of every question, as the public scripts do."""
    client = login(alice)
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    data = {}
    for aq in attempt.questions.select_related("version"):
        for option in aq.version.options.all():
            name = f"q{aq.pk}" if option.group == "choice" else f"q{aq.pk}_{option.group}"
            data.setdefault(name, []).append(option.key)
    response = client.post(reverse("quizzes:submit", args=[attempt.pk]), data, follow=True)
    html = response.content.decode()
    assert_no_answer_key(html)
    review = response.context["review"]
    assert sum(len(q.options) for q in review.questions) == 3 + 5 + 6
    assert not any(row.show_correct for q in review.questions for row in q.options)


def test_rubric_marks_and_comments_wait_for_the_full_review(quiz_with_written, alice, tom, login):
    quiz = quiz_with_written
    quiz.course.owner = tom.user
    quiz.course.save()
    attempt = take(quiz, alice.user, {**HALF_RIGHT, "view": "Decide unit by unit."})
    answer = Answer.objects.get(attempt_question__attempt=attempt, text__startswith="Decide")
    criteria = list(answer.attempt_question.version.rubric.all())
    answer_grade(
        answer=answer,
        marks={c.pk: Decimal("1") for c in criteria},
        comment="Name the countermeasures.",
        grader=tom.user,
    )
    client = login(alice)
    html = results(client, attempt)
    assert 'data-testid="rubric-marks"' not in html
    assert "Name the countermeasures." not in html
    quiz.closes_at = timezone.now() - timedelta(seconds=1)
    quiz.save()
    html = results(client, attempt)
    assert 'data-testid="rubric-marks"' in html
    assert "Name the countermeasures." in html


def test_answers_hidden_still_lists_the_lessons_to_read_again(quiz, lessons, alice, login):
    quiz.review_answers_after_attempt = False
    quiz.save()
    html = results(login(alice), take(quiz, alice.user))
    assert "Halve them as ordered" not in html
    assert html.count(f"Read again: {lessons.title}") == 1  # one lesson, listed once
    assert 'data-testid="competencies"' in html


@pytest.mark.parametrize(
    ("allowed", "left", "closed", "phase"),
    [
        (3, 2, False, "attempt"),
        (3, 0, False, "last"),
        (3, -1, False, "last"),
        (3, None, False, "attempt"),  # unknown: the protective side
        (0, None, False, "attempt"),  # unlimited (no count of attempts left): no last one
        (3, 2, True, "close"),
        (3, 0, True, "close"),
    ],
)
def test_review_phase(allowed, left, closed, phase):
    now = timezone.now()
    quiz = Quiz(attempts_allowed=allowed, closes_at=now - timedelta(1) if closed else None)
    options = quiz.review_options(now, attempts_left=left)
    assert options["phase"] == phase
    assert options["correctness"] is (phase != "attempt")  # the protective defaults
    assert options["answers"] is True


@pytest.fixture
def translation(quiz, make_course):
    """The quiz in another language: it shares the attempts of the original."""
    course = make_course("work-groups-en", lessons=2, language="en")
    other = Quiz.objects.create(
        course=course,
        title="Dissolve, merge or keep (English)",
        is_published=True,
        attempts_allowed=3,
        shuffle_options=False,
        translation_of=quiz,
    )
    for slot in quiz.slots.all():
        other.slots.create(order=slot.order, question=slot.question)
    return other


def test_attempts_in_every_language_count_towards_the_last_one(quiz, translation, alice, login):
    first = take(quiz, alice.user)
    take(quiz, alice.user)
    client = login(alice)
    open_there = attempt_start(quiz=translation, user=alice.user)
    assert_no_answer_key(results(client, first))  # the third, in English, is still open
    attempt_submit(attempt=open_there, answers=answers_for(open_there, HALF_RIGHT))
    assert_answer_key(results(client, first))
