"""PostgreSQL only (SQLite serialises writers). The attempt path (attempt_submit ->
attempt_graded -> completion_check) holds the attempt's row, not the person's; `refresh` locks
the person before it reads their stored facts, so an HR waiver posted while a submit refreshes
waits for it instead of being counted twice."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from courses.models import LessonProgress
from quizzes.services import attempt_start, attempt_submit
from records import summaries
from records.services import record_waive
from tests.conftest import make_person
from tests.quizzes.conftest import answers_for
from tests.records.summaries_helpers import drift, today  # noqa: F401  the pinned day

ALL_RIGHT = {"quota": ["b"], "measures": ["a", "b", "c"], "blocks": ["keep", "r1"]}


@pytest.mark.django_db(transaction=True)
def test_a_waiver_committed_while_a_submit_refreshes_is_counted_once(
    units, hr_county, make_course, quiz
):
    if connection.vendor == "sqlite":
        pytest.skip("needs PostgreSQL")
    other = make_course("other", lessons=1, study_hours=Decimal("1"))
    p = make_person("p", units["hill"], is_cadre=True)
    for lesson in quiz.course.lessons.all():
        LessonProgress.objects.create(user=p.user, lesson=lesson)
    attempt = attempt_start(quiz=quiz, user=p.user)
    answers = answers_for(attempt, ALL_RIGHT)
    real = summaries.stored_facts
    read, waived = threading.Event(), threading.Event()

    def paused(user_ids):
        out = real(user_ids)
        if threading.current_thread().name == "submit":
            read.set()
            waived.wait(3)  # the waiver is blocked on the person's lock meanwhile
        return out

    summaries.stored_facts = paused
    errors = []

    def submit():
        try:
            attempt_submit(attempt=attempt, answers=answers)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    def waive():
        try:
            read.wait(10)
            record_waive(user=p.user, course=other, reason="excused", by=hr_county.user)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            waived.set()
            connection.close()

    try:
        threads = [threading.Thread(target=submit, name="submit"), threading.Thread(target=waive)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
    finally:
        summaries.stored_facts = real
    assert errors == []
    assert drift() == []
