"""Query counts of the records pages that list rows: the hours ledger, the assignments, a
transcript and My progress cost as many queries with 2 rows as with 12.

Each test builds its rows at both sizes and expects one fixed count, with a comment naming each
query. The dashboard's, the completion table's and My learning's counts are in
test_dashboard.py and test_progress.py; the people list's in tests/people/test_scope.py.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Quiz
from quizzes.services import attempt_start, attempt_submit
from records.models import Assignment, CompletionRecord
from records.services import record_void, record_waive
from tests.conftest import make_person
from tests.helpers import study
from tests.quizzes.conftest import answers_for, single

pytestmark = pytest.mark.django_db

SIZES = [2, 12]


def credit(profile, course, when: dt.datetime) -> CompletionRecord:
    return CompletionRecord.objects.create(
        user=profile.user,
        course=course,
        kind="completed",
        year=timezone.localtime(when).year,
        hours=course.study_hours,
        occurred_at=when,
    )


@pytest.mark.parametrize("count", SIZES)
def test_hours_ledger_queries_do_not_grow_with_cadres(
    count, db_sessions, login, hr_county, units, make_course, django_assert_num_queries
):
    required = make_course("required", lessons=1, study_hours=Decimal("2"))
    elective = make_course("elective", lessons=1, study_hours=Decimal("3"))
    Assignment.objects.create(
        course=required, unit=units["county"], kind="required", due_date=dt.date(2030, 1, 1)
    )
    now = timezone.now()
    for i in range(count):
        cadre = make_person(f"c{i}", units["riverside" if i % 2 else "hill"], is_cadre=True)
        line = credit(cadre, required, now)
        if i % 2:
            credit(cadre, elective, now)
        if i % 3 == 0:
            record_void(record=line, reason="Entered twice", by=hr_county.user)
    client = login(hr_county)
    # 1 session, 2 user, 3 profile of the officer (navigation), 4 hr_units of the officer,
    # 5 active assignments in scope, 6 count of the filtered cadres (paginator), 7 the page's
    # cadres as values, 8 their ledger lines, 9 units for the filter's select, 10 courses for
    # the filter's select
    with django_assert_num_queries(10):
        response = client.get(reverse("records:ledger"))
    assert len(response.context["rows"]) == count


@pytest.mark.parametrize("count", SIZES)
def test_assignments_page_queries_do_not_grow_with_assignments(
    count, db_sessions, login, hr_county, tom, units, make_course, django_assert_num_queries
):
    for i in range(count):
        Assignment.objects.create(
            course=make_course(f"course-{i}", lessons=1),
            unit=units[("county", "riverside", "hill")[i % 3]],
            kind=("required", "elective")[i % 2],
            ranks=["clerk"] if i % 4 == 0 else [],
            leaders_only=i % 5 == 0,
            due_date=dt.date(2030, 1, 1) + dt.timedelta(days=i),
            assigned_by=(hr_county.user, tom.user, None)[i % 3],
        )
    client = login(hr_county)
    # 1 session, 2 user, 3 profile of the officer (navigation), 4 hr_units of the officer (her
    # scope's roots), 5 published courses (the form's course choices), 6 their translations
    # (each choice is named in all its languages), 7 the units of her scope (the form's unit
    # choices), 8 the assignments in scope with course, unit and the assigner's profile joined
    with django_assert_num_queries(8):
        response = client.get(reverse("records:assignments"))
    assert len(response.context["assignments"]) == count


@pytest.fixture
def history(alice, hr_county, units, make_course, competencies):
    """`count` assigned courses with a one-question quiz each, in turn in every state a
    transcript shows: credited, credited and voided, waived, failed, untouched."""

    def build(count: int) -> None:
        for i in range(count):
            course = make_course(f"course-{i}", lessons=1, study_hours=Decimal("2"))
            Assignment.objects.create(
                course=course,
                unit=units["riverside"],
                kind=("required", "elective")[i % 2],
                due_date=dt.date(2030, 1, 1),
            )
            quiz = Quiz.objects.create(
                course=course, title=f"Quiz {i}", is_published=True, shuffle_options=False
            )
            quiz.slots.create(order=0, question=single(course, [competencies["policy"]]))
            state = i % 5
            if state in (0, 1, 3):  # passed, or failed
                attempt = attempt_start(quiz=quiz, user=alice.user)
                pick = ["a"] if state == 3 else ["b"]
                attempt_submit(attempt=attempt, answers=answers_for(attempt, {"quota": pick}))
            if state in (0, 1):  # passed and studied: a credit
                study(alice.user, course.lessons.get())
            if state == 1:
                line = CompletionRecord.objects.get(user=alice.user, course=course)
                record_void(record=line, reason="Studied by a colleague", by=hr_county.user)
            if state == 2:
                record_waive(user=alice.user, course=course, reason="Secondment", by=hr_county.user)

    return build


# The smaller history has every state once; the larger three times.
HISTORY_SIZES = [5, 15]


@pytest.mark.parametrize("count", HISTORY_SIZES)
def test_transcript_queries_do_not_grow_with_courses_lines_and_attempts(
    count, history, db_sessions, login, hr_county, alice, django_assert_num_queries
):
    history(count)
    client = login(hr_county)
    # 1 session, 2 user, 3 profile of the officer (role check and navigation), 4 hr_units of
    # the officer, 5 the cadre (get_profile_for_hr), 6 the cadre's ledger lines, 7 her attempts
    # with quiz and course; statuses_for: 8 assignments reaching her unit, 9 her ledger lines,
    # 10 courses with a lesson studied, 11 quizzes attempted; ledger_for: 12 assignments, 13
    # ledger lines; mastery_for: 14 competencies, 15 answer scores per competency; the waive
    # form: 16 open courses exist, 17 open courses; the void form: 18 standing credits
    # exist, 19 standing credits with their course; the withdraw form: 20 standing waivers
    # exist, 21 standing waivers with their course
    with django_assert_num_queries(21):
        response = client.get(reverse("records:person", args=[alice.pk]))
    assert len(response.context["transcript"].assigned) == count


@pytest.mark.parametrize("count", HISTORY_SIZES)
def test_my_progress_queries_do_not_grow_with_attempts_and_ledger_lines(
    count, history, db_sessions, login, alice, django_assert_num_queries
):
    history(count)
    client = login(alice)
    # 1 session, 2 user, 3 profile (role check and navigation); mastery_for: 4 competencies,
    # 5 answer scores per competency; ledger_for: 6 her unit (its path), 7 assignments
    # reaching it, 8 her ledger lines; 9 the ledger lines with course and corrected line;
    # 10 her own answers to cases (with them, their versions and the cases' points: two more)
    with django_assert_num_queries(10):
        response = client.get(reverse("records:progress"))
    assert CompletionRecord.objects.filter(user=alice.user).count() == len(
        response.context["ledger"]
    )
