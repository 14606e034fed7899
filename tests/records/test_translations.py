"""One case, one credit, as the records see it: an assignment of the original is reached, started
and completed by work in its translation; only originals are assigned; My learning lists the
case once."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrolment
from people.models import OrgUnit
from quizzes.models import Quiz
from quizzes.services import attempt_start, attempt_submit, course_link_translation
from records import reports
from records.forms import AssignmentForm
from records.models import Assignment, CompletionRecord
from records.services import Status, statuses_for
from tests.helpers import study as study_now
from tests.quizzes.conftest import answers_for, single

pytestmark = pytest.mark.django_db


def study_all(user, course, start=None) -> None:
    """Every lesson of `course`, ten minutes apart on a clock moved by argument."""
    at = start or timezone.now() - dt.timedelta(days=1)
    for lesson in course.lessons.order_by("order"):
        at += dt.timedelta(minutes=10)
        study_now(user, lesson, now=at)


def pass_quiz(user, course) -> None:
    attempt = attempt_start(quiz=Quiz.objects.get(course=course), user=user)
    attempt_submit(attempt=attempt, answers=answers_for(attempt, {"quota": ["b"]}))


@pytest.fixture
def case(make_course, competencies, tom):
    def build(slug="case", lessons=2):
        zh = make_course(f"{slug}-zh", lessons=lessons, owner=tom.user, title=f"{slug} 中文")
        en = make_course(
            f"{slug}-en", lessons=lessons, language="en", owner=tom.user, title=f"{slug} English"
        )
        for course in (zh, en):
            quiz = Quiz.objects.create(
                course=course, title="Check", is_published=True, shuffle_options=False
            )
            quiz.slots.create(order=0, question=single(course, [competencies["policy"]]))
        course_link_translation(course=en, original=zh)
        return zh, en

    return build


def assign(course, unit, days=30) -> Assignment:
    return Assignment.objects.create(
        course=course,
        unit=unit,
        kind=Assignment.Kind.REQUIRED,
        due_date=timezone.localdate() + dt.timedelta(days),
    )


def test_an_assignment_of_the_original_is_started_and_completed_in_the_translation(
    case, alice, units, hr_county, login
):
    zh, en = case()
    # The table shows one year, this one by default; in late December the due date is next year.
    due_year = assign(zh, units["county"]).due_date.year
    assert statuses_for(alice)[0].status == Status.NOT_STARTED
    began = timezone.now() - dt.timedelta(days=1)
    study_now(alice.user, en.lessons.get(order=1), now=began)
    assert statuses_for(alice)[0].status == Status.IN_PROGRESS
    study_all(alice.user, en, start=began)
    pass_quiz(alice.user, en)
    assert CompletionRecord.objects.get(user=alice.user).course == zh
    assert statuses_for(alice)[0].status == Status.COMPLETED
    assert [a.status for a in reports.transcript(alice).assigned] == [Status.COMPLETED]
    response = login(hr_county).get(reverse("records:completions"), {"year": due_year})
    rows = {(r.cadre.full_name, r.course.slug): r.status for r in response.context["rows"]}
    assert rows[(alice.full_name, zh.slug)] == Status.COMPLETED


def test_the_hr_tables_count_work_in_the_translation_as_started(
    case, alice, units, hr_county, login
):
    zh, en = case()
    due_year = assign(zh, units["county"]).due_date.year
    study_now(alice.user, en.lessons.get(order=1))
    response = login(hr_county).get(reverse("records:completions"), {"year": due_year})
    rows = {(r.cadre.full_name, r.course.slug): r.status for r in response.context["rows"]}
    assert rows[(alice.full_name, zh.slug)] == Status.IN_PROGRESS


def test_only_originals_can_be_assigned(case, units):
    zh, en = case()
    form = AssignmentForm(
        {
            "course": en.pk,
            "unit": units["county"].pk,
            "kind": "required",
            "due_date": (timezone.localdate() + dt.timedelta(days=9)).isoformat(),
        },
        units=OrgUnit.objects.all(),
        courses=type(zh).objects.published(),
    )
    assert not form.is_valid() and "course" in form.errors
    assert list(form.fields["course"].queryset) == [zh]


def test_the_studio_sends_a_trainer_assigning_a_translation_to_the_original(case, tom, login):
    _zh, en = case()
    response = login(tom).get(reverse("studio:course_assign", args=[en.slug]))
    assert response.status_code == 302
    assert not Assignment.objects.exists()


def test_my_learning_lists_a_case_enrolled_in_both_languages_once(case, alice, units, login):
    zh, en = case()
    Enrolment.objects.create(user=alice.user, course=zh)
    Enrolment.objects.create(user=alice.user, course=en)
    response = login(alice).get(reverse("records:my_learning"))
    shown = [e.course for e in response.context["in_progress"]]
    assert shown == [en]  # the version in her interface's language (English here)
    assert [c.pk for c in response.context["available"]] == []


def test_an_assigned_case_shows_in_the_language_the_cadre_studies_it_in(case, alice, units, login):
    zh, en = case()
    assign(zh, units["county"])
    study_now(alice.user, en.lessons.get(order=1))  # enrols her in the English version
    response = login(alice).get(reverse("records:my_learning"))
    (item, enrolment, remaining) = response.context["assigned"][0]
    assert item.course == zh and enrolment.course == en
    assert remaining.lessons_done == 1 and remaining.quiz.course == en
    assert response.context["in_progress"] == []  # not listed a second time
    html = response.content.decode()
    assigned = html.split('id="assigned-heading"', 1)[1].split("</section>", 1)[0]
    assert "case English" in assigned and "case 中文" not in assigned


def test_my_learning_queries_do_not_grow_with_cases_in_two_languages(
    db_sessions, login, alice, units, case
):
    def count_for(n: int) -> int:
        for i in range(n):
            zh, en = case(f"case-{n}-{i}", lessons=2)
            assign(zh, units["county"], i)
            Enrolment.objects.create(user=alice.user, course=zh)
            study_now(alice.user, en.lessons.get(order=1))
        client = login(alice)
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("records:my_learning"))
        return len(ctx.captured_queries)

    # The fifteen of test_progress.py, plus the attempts now that the courses have a quiz.
    assert count_for(1) == count_for(4) == 16


def test_my_learning_queries_do_not_grow_with_courses_read_in_translation(
    db_sessions, login, alice, case
):
    """Courses in progress in their English version show the original's declared hours
    (`Course.declared_hours`): read with the enrolments, not one query per course."""

    def count_for(n: int) -> int:
        for i in range(n):
            _zh, en = case(f"read-{n}-{i}", lessons=2)
            study_now(alice.user, en.lessons.get(order=1))
        client = login(alice)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("records:my_learning"))
        return len(response.context["in_progress"]), len(ctx.captured_queries)

    (one, queries_one), (five, queries_five) = count_for(1), count_for(4)
    assert (one, five) == (1, 5)  # each case listed once, in English
    assert queries_one == queries_five
