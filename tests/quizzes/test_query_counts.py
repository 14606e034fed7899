"""The quiz path costs the same few queries whatever the quiz's length (issue 15): start,
the attempt page, a save of one answer, submit and results, at 6 and at 23 questions.

Sessions come from the cache here, as they do in production with Redis (cached_db reads the
database only on a cache miss), so the counts are the site's own work."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizzes.models import Attempt, Quiz

from .conftest import decision, multiple, single, written

# What each step may cost, at most (the targets: start within 10, a save within 5,
# submit within 15), transaction bookkeeping aside (`_protocol`).
START, PAGE, SAVE, SUBMIT, RESULTS = 10, 5, 5, 15, 8


@pytest.fixture
def cached_sessions(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"


def long_quiz(make_course, competencies, questions: int) -> Quiz:
    course = make_course(f"long-{questions}", lessons=2)
    c = [competencies["policy"], competencies["situation"]]
    makers = [
        lambda n: single(course, c, key=f"s{n}"),
        lambda n: multiple(course, c, key=f"m{n}"),
        lambda n: decision(course, c, key=f"d{n}"),
    ]
    made = [makers[n % 3](n) for n in range(questions - 1)] + [written(course, c)]
    quiz = Quiz.objects.create(
        course=course, title=f"Long {questions}", is_published=True, attempts_allowed=3
    )
    for order, question in enumerate(made):
        quiz.slots.create(order=order, question=question)
    return quiz


def _protocol(sql: str) -> bool:
    """Transaction bookkeeping, not work: SQLite sends BEGIN and COMMIT through the cursor
    (PostgreSQL does not), and inside the test's transaction each outermost `atomic` becomes
    a savepoint."""
    return sql in ("BEGIN IMMEDIATE", "COMMIT") or sql.startswith(
        ("SAVEPOINT", "RELEASE SAVEPOINT")
    )


def count(fn) -> tuple[int, object, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    sql = [q["sql"] for q in ctx.captured_queries if not _protocol(q["sql"])]
    return len(sql), result, sql


def take(client, quiz) -> dict[str, int]:
    """One whole take: start, open the page, save one answer, submit, read the results."""
    counts = {}
    counts["start"], _r, _ = count(lambda: client.post(reverse("quizzes:start", args=[quiz.pk])))
    attempt = Attempt.objects.get(quiz=quiz)
    counts["page"], _r, _ = count(lambda: client.get(reverse("quizzes:attempt", args=[attempt.pk])))
    first = attempt.questions.order_by("order").select_related("version").first()
    key = first.option_order[0]
    data = {f"q{first.pk}": key, f"q{first.pk}_shown": "1", "sequence": "1"}
    counts["save"], response, _ = count(
        lambda: client.post(
            reverse("quizzes:save", args=[attempt.pk]), data, HTTP_ACCEPT="application/json"
        )
    )
    assert response.json()["stored"] is True
    first.answer.refresh_from_db()
    assert first.answer.selected == [key]
    counts["submit"], _r, _ = count(
        lambda: client.post(reverse("quizzes:submit", args=[attempt.pk]), {"from": "summary"})
    )
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.AWAITING_GRADING  # the written answer waits
    counts["results"], _r, _ = count(
        lambda: client.get(reverse("quizzes:results", args=[attempt.pk]))
    )
    return counts


def test_a_take_costs_the_same_queries_at_6_and_23_questions(
    cached_sessions, make_course, competencies, alice, login
):
    client = login(alice)
    # A first take creates what is made once per person (the xAPI pseudonym): not counted.
    take(client, long_quiz(make_course, competencies, 2))
    short = take(client, long_quiz(make_course, competencies, 6))
    long = take(client, long_quiz(make_course, competencies, 23))
    print("queries per step:", long)
    assert short == long
    limits = {"start": START, "page": PAGE, "save": SAVE, "submit": SUBMIT, "results": RESULTS}
    over = {step: (long[step], limit) for step, limit in limits.items() if long[step] > limit}
    assert not over, f"steps over their query budget (got, limit): {over}"


def test_a_post_naming_another_attempts_questions_stores_nothing_there(
    cached_sessions, quiz, alice, bob, login, client
):
    """The questions a save reads come from the requester's own answerable attempt: ids of
    another cadre's attempt find nothing, and the save answers for the requester's only."""
    from quizzes.services import attempt_start

    theirs = attempt_start(quiz=quiz, user=bob.user)
    mine = attempt_start(quiz=quiz, user=alice.user)
    target = theirs.questions.order_by("order").first()
    client = login(alice)
    response = client.post(
        reverse("quizzes:save", args=[mine.pk]),
        {f"q{target.pk}": target.option_order[0], f"q{target.pk}_shown": "1", "sequence": "1"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    target.answer.refresh_from_db()
    assert target.answer.selected == [] and target.answer.saved_at is None
    # Posting to bob's attempt itself is a 404, with or without his question ids.
    for data in ({}, {f"q{target.pk}_shown": "1", f"q{target.pk}": "a"}):
        assert client.post(reverse("quizzes:save", args=[theirs.pk]), data).status_code == 404


def test_a_save_to_an_archived_course_is_refused_even_with_its_questions(
    cached_sessions, quiz, alice, login
):
    from courses.models import Course
    from quizzes.services import attempt_start

    attempt = attempt_start(quiz=quiz, user=alice.user)
    aq = attempt.questions.order_by("order").first()
    Course.objects.filter(pk=quiz.course_id).update(status=Course.Status.ARCHIVED)
    response = login(alice).post(
        reverse("quizzes:save", args=[attempt.pk]),
        {f"q{aq.pk}": aq.option_order[0], f"q{aq.pk}_shown": "1"},
    )
    assert response.status_code == 404
    aq.answer.refresh_from_db()
    assert aq.answer.selected == []
