"""Completion, credit and correction rules; assignment reach; mastery by hand."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from people.models import Profile
from quizzes.services import attempt_start, attempt_submit
from records.models import Assignment, CompletionRecord
from records.services import (
    RecordError,
    Status,
    completion_check,
    decaying_average,
    ledger_for,
    mastery_for,
    record_void,
    record_waive,
    statuses_for,
)
from tests.conftest import make_person
from tests.helpers import study
from tests.quizzes.conftest import answers_for

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
ALL_RIGHT = {"quota": ["b"], "measures": ["a", "b", "c"], "blocks": ["keep", "r1"]}


def study_all(user, course):
    for lesson in course.lessons.all():
        study(user, lesson)


def completions(user, course):
    return CompletionRecord.objects.filter(user=user, course=course, kind="completed")


# --- Completion and credit -------------------------------------------------------------------


def test_lessons_alone_complete_a_course_without_a_quiz(alice, make_course):
    # 30 minutes of reading credit 1 h without a test (`records.credit`).
    course = make_course("plain", lessons=2, minutes=30, study_hours=Decimal("1"))
    first, second = course.lessons.all()
    study(alice.user, first)
    assert not completions(alice.user, course).exists()
    study(alice.user, second)
    [record] = completions(alice.user, course)
    assert record.hours == Decimal("1")


def test_a_course_with_a_quiz_needs_the_quiz_passed(alice, quiz):
    course = quiz.course
    study_all(alice.user, course)
    assert not completions(alice.user, course).exists()
    failed = attempt_start(quiz=quiz, user=alice.user)
    attempt_submit(attempt=failed, answers=answers_for(failed, {"quota": ["a"]}))
    assert not completions(alice.user, course).exists()
    passed = attempt_start(quiz=quiz, user=alice.user)
    attempt_submit(attempt=passed, answers=answers_for(passed, ALL_RIGHT))
    assert completions(alice.user, course).count() == 1


def test_passing_first_then_studying_completes_on_the_last_lesson(alice, quiz):
    attempt = attempt_start(quiz=quiz, user=alice.user)
    attempt_submit(attempt=attempt, answers=answers_for(attempt, ALL_RIGHT))
    assert not completions(alice.user, quiz.course).exists()
    study_all(alice.user, quiz.course)
    assert completions(alice.user, quiz.course).count() == 1


def test_hours_are_credited_once_whatever_happens_next(alice, quiz):
    study_all(alice.user, quiz.course)
    for _ in range(3):
        attempt = attempt_start(quiz=quiz, user=alice.user)
        attempt_submit(attempt=attempt, answers=answers_for(attempt, ALL_RIGHT))
    assert completion_check(user=alice.user, course=quiz.course) is None
    assert completions(alice.user, quiz.course).count() == 1
    with pytest.raises(IntegrityError):  # the database refuses a second completion outright
        CompletionRecord.objects.create(
            user=alice.user,
            course=quiz.course,
            kind="completed",
            year=2026,
            hours=1,
            occurred_at=dt.datetime(2026, 5, 1, tzinfo=SHANGHAI),
        )


@pytest.mark.parametrize(
    ("local", "year"),
    [
        (dt.datetime(2026, 12, 31, 23, 59, tzinfo=SHANGHAI), 2026),
        (dt.datetime(2027, 1, 1, 0, 1, tzinfo=SHANGHAI), 2027),  # still 2026 in UTC
    ],
)
def test_credit_goes_to_the_local_year_it_happened(alice, make_course, local, year):
    from courses.models import LessonProgress

    course = make_course("year", lessons=1)
    # Studied without the signal, so the completion is checked at the boundary moment.
    LessonProgress.objects.create(user=alice.user, lesson=course.lessons.first())
    record = completion_check(user=alice.user, course=course, now=local)
    assert (record.year, record.occurred_at) == (year, local)


# --- Append-only records and corrections ------------------------------------------------------


def test_records_cannot_be_changed_or_deleted(alice, make_course):
    course = make_course("c", lessons=1)
    study(alice.user, course.lessons.first())
    record = completions(alice.user, course).get()
    rows = CompletionRecord.objects.filter(pk=record.pk)
    before = rows.values().get()
    record.hours = Decimal("99")
    with pytest.raises(ValidationError):
        record.save()
    with pytest.raises(ValidationError):
        record.delete()

    # The QuerySet refuses bulk writes, and whatever goes around it, the database triggers refuse
    # (records/migrations/0002_ledger_append_only.py).
    def raw(sql: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, [record.pk])

    for write in (
        lambda: rows.update(hours=Decimal("99")),
        lambda: rows.delete(),
        lambda: CompletionRecord.objects.bulk_update([record], ["hours"]),
        lambda: raw("UPDATE records_completionrecord SET hours = 99 WHERE id = %s"),
        lambda: raw("DELETE FROM records_completionrecord WHERE id = %s"),
    ):
        with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
            write()
    assert rows.values().get() == before


def test_voiding_a_credit_adds_a_line_and_takes_the_hours_back(alice, hr_county, make_course):
    course = make_course("c", lessons=1, minutes=30, study_hours=Decimal("1"))
    study(alice.user, course.lessons.first())
    record = completions(alice.user, course).get()
    void = record_void(record=record, reason="Answers copied", by=hr_county.user)
    assert (void.kind, void.hours, void.year, void.corrects) == ("voided", -1, record.year, record)
    assert CompletionRecord.objects.filter(user=alice.user).count() == 2  # history kept
    [year] = [y for y in ledger_for(alice) if y.year == record.year]
    assert year.total == 0
    with pytest.raises(RecordError, match="already voided"):
        record_void(record=record, reason="again", by=hr_county.user)
    with pytest.raises(RecordError, match="reason"):
        record_void(record=void, reason=" ", by=hr_county.user)
    # A voided course cannot be earned again: the hours are earned once.
    assert completion_check(user=alice.user, course=course) is None


def test_a_waiver_ends_the_obligation_without_hours(alice, hr_county, make_course, units):
    course = make_course("c", lessons=2)
    Assignment.objects.create(course=course, unit=units["county"], due_date=dt.date(2020, 1, 1))
    assert statuses_for(alice)[0].status == Status.OVERDUE
    waiver = record_waive(user=alice.user, course=course, reason="On secondment", by=hr_county.user)
    assert (waiver.kind, waiver.hours, waiver.recorded_by) == ("waived", 0, hr_county.user)
    assert statuses_for(alice)[0].status == Status.WAIVED
    with pytest.raises(RecordError, match="already waived"):
        record_waive(user=alice.user, course=course, reason="x", by=hr_county.user)


# --- Assignments -----------------------------------------------------------------------------


def test_an_assignment_reaches_the_subtree_and_only_the_chosen_ranks(
    units, alice, bob, make_course
):
    course = make_course("c", lessons=1)
    Assignment.objects.create(course=course, unit=units["east"], due_date=dt.date(2030, 1, 1))
    leaders = make_course("leaders", lessons=1)
    Assignment.objects.create(
        course=leaders, unit=units["county"], due_date=dt.date(2030, 1, 1), leaders_only=True
    )
    ranked = make_course("ranked", lessons=1)
    Assignment.objects.create(
        course=ranked,
        unit=units["county"],
        due_date=dt.date(2030, 1, 1),
        ranks=[Profile.Rank.CLERK],
    )
    assert {s.course.slug for s in statuses_for(alice)} == {"c", "leaders"}  # leader, section
    assert {s.course.slug for s in statuses_for(bob)} == {"ranked"}  # West Town clerk


def test_a_cadre_who_joins_later_gets_the_units_assignments(units, make_course):
    course = make_course("c", lessons=1)
    Assignment.objects.create(course=course, unit=units["east"], due_date=dt.date(2030, 1, 1))
    newcomer = make_person("newcomer", units["riverside"], is_cadre=True)
    assert [s.course for s in statuses_for(newcomer)] == [course]
    newcomer.unit = units["hill"]  # moved to another township: the assignment no longer applies
    newcomer.save()
    assert statuses_for(newcomer) == []


def test_status_moves_from_not_started_to_in_progress_to_completed(units, alice, make_course):
    course = make_course("c", lessons=2)
    Assignment.objects.create(course=course, unit=units["county"], due_date=dt.date(2030, 1, 1))
    assert statuses_for(alice)[0].status == Status.NOT_STARTED
    first, second = course.lessons.all()
    study(alice.user, first)
    assert statuses_for(alice)[0].status == Status.IN_PROGRESS
    study(alice.user, second)
    assert statuses_for(alice)[0].status == Status.COMPLETED


def test_required_and_elective_hours_are_counted_apart(units, alice, make_course):
    required = make_course("req", lessons=1, minutes=30, study_hours=Decimal("1"))
    elective = make_course("ele", lessons=1, minutes=15, study_hours=Decimal("0.5"))
    Assignment.objects.create(course=required, unit=units["county"], due_date=dt.date(2030, 1, 1))
    for course in (required, elective):
        study(alice.user, course.lessons.first())
    this_year = ledger_for(alice)[0]
    assert (this_year.required, this_year.elective, this_year.total) == (1, Decimal("0.5"), 1.5)
    assert this_year.total_target == 50 and not this_year.met


# --- Mastery ---------------------------------------------------------------------------------


def test_decaying_average_by_hand():
    assert decaying_average([Decimal(40)]) == 40
    # 0.65 × 60 + 0.35 × 40 = 39 + 14 = 53
    assert decaying_average([Decimal(40), Decimal(60)]) == 53
    # 0.65 × 100 + 0.35 × mean(40, 60) = 65 + 17.5 = 82.5
    assert decaying_average([Decimal(40), Decimal(60), Decimal(100)]) == Decimal("82.5")


def test_mastery_follows_attempts_on_each_competency(alice, quiz):
    # "measures" is tagged only on the multiple-response question (1 point).
    for picks in (["a"], ["a", "b"], ["a", "b", "c"]):  # 33.3 %, 66.7 %, 100 %
        attempt = attempt_start(quiz=quiz, user=alice.user)
        attempt_submit(attempt=attempt, answers=answers_for(attempt, {"measures": picks}))
    measures = next(m for m in mastery_for(alice.user) if m.competency.code == "measures")
    assert [p.score for p in measures.points] == [
        Decimal("33.0"),
        Decimal("67.0"),
        Decimal("100.0"),
    ]
    # 0.65 × 67 + 0.35 × 33 = 43.55 + 11.55 = 55.1; then 0.65 × 100 + 0.35 × 50 = 82.5
    assert [p.mastery for p in measures.points] == [
        Decimal("33.0"),
        Decimal("55.1"),
        Decimal("82.5"),
    ]


def test_the_ledger_triggers_exist():
    """A later migration that alters the ledger's table can drop its triggers on SQLite (the
    table is rebuilt): this says so at once rather than when a row is changed."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                ["records_completionrecord"],
            )
            expected = {"records_ledger_no_update", "records_ledger_no_delete"}
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'records_completionrecord'::regclass"
                " AND NOT tgisinternal"
            )
            expected = {"records_ledger_append_only"}
        assert {row[0] for row in cursor.fetchall()} == expected
