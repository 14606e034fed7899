"""The demo's year of history: assignments, study, attempts, completions dated in the past.

The tests read one demo built for the module (tests/demo/conftest.py)."""

import datetime as dt

import pytest
from django.utils import timezone

from courses.models import Course, LessonOpening, LessonProgress
from courses.signals import lesson_studied
from demo.history import records_dated_by_us
from people.models import OrgUnit, Profile
from quizzes.models import Answer, Attempt, Competency, Quiz
from quizzes.signals import attempt_graded
from records.models import Assignment, CompletionRecord
from records.services import Status, mastery_by_user, statuses_for

pytestmark = pytest.mark.django_db


def test_completions_happened_during_the_past_year(demo):
    now = timezone.now()
    records = list(CompletionRecord.objects.all())
    assert len(records) >= 5
    assert all(
        now - dt.timedelta(days=366) < r.occurred_at < now - dt.timedelta(hours=12) for r in records
    )
    assert all(r.year == timezone.localtime(r.occurred_at).year for r in records)
    assert all(r.kind == "completed" and r.hours > 0 for r in records)


def test_attempts_and_lessons_are_in_the_past_and_some_pass_and_some_fail(demo):
    now = timezone.now()
    attempts = Attempt.objects.all()
    assert attempts.filter(passed=True).exists() and attempts.filter(passed=False).exists()
    assert not attempts.exclude(status=Attempt.Status.GRADED).exists()  # nothing left to grade
    assert not attempts.filter(submitted_at__gte=now - dt.timedelta(hours=12)).exists()
    assert not LessonProgress.objects.filter(studied_at__gte=now - dt.timedelta(hours=12)).exists()
    graded = Answer.objects.filter(graded_by__username="trainer")
    assert graded.exists() and not graded.filter(graded_at__gte=now - dt.timedelta(hours=1))


def test_every_lesson_studied_was_opened_its_reading_time_before(demo):
    openings = {(o.user_id, o.lesson_id): o.opened_at for o in LessonOpening.objects.all()}
    progress = list(LessonProgress.objects.select_related("lesson"))
    assert progress
    for row in progress:
        opened_at = openings[(row.user_id, row.lesson_id)]
        assert opened_at + dt.timedelta(seconds=row.lesson.reading_seconds) <= row.studied_at


def test_hekou_has_overdue_cadres_and_the_county_its_assignments(demo):
    hekou = OrgUnit.objects.get(code="hekou")
    cadres = Profile.objects.cadres().in_units([hekou]).select_related("unit", "user")
    overdue = [
        p
        for p in cadres
        if any(
            s.status == Status.OVERDUE and s.course.slug == "paperless-office-zh"
            for s in statuses_for(p)
        )
    ]
    assert 3 <= len(overdue) < len(cadres)  # several, not all: some finished in time
    kinds = set(Assignment.objects.values_list("course__slug", "unit__code", "kind"))
    # Only the case's original (the Chinese course) is assigned; it reaches the English one.
    assert kinds == {
        ("paperless-office-zh", "qingshan", "required"),
        ("paperless-office-zh", "hekou", "required"),
    }


def test_the_english_and_chinese_courses_are_one_case_credited_once(demo):
    english = Course.objects.get(slug="paperless-office")
    chinese = Course.objects.get(slug="paperless-office-zh")
    assert english.translation_of == chinese
    assert Quiz.objects.get(course=english).translation_of == Quiz.objects.get(course=chinese)
    # Some cadres read the case in both languages; each was credited once, on the original.
    both = (
        LessonProgress.objects.filter(lesson__course=english)
        .filter(user__in=LessonProgress.objects.filter(lesson__course=chinese).values("user"))
        .values("user")
        .distinct()
    )
    assert both.exists()
    assert not CompletionRecord.objects.filter(course=english).exists()
    completed = CompletionRecord.objects.filter(kind="completed").values_list("user", flat=True)
    assert len(completed) == len(set(completed))
    assert {r.course_id for r in CompletionRecord.objects.all()} == {chinese.pk}


def test_the_login_accounts_start_fresh_and_some_cadres_have_nothing(demo):
    for model in (LessonProgress, Attempt, CompletionRecord):
        assert not model.objects.filter(user__username__in=["cadre", "cadre2"]).exists()
    cadres = Profile.objects.cadres()
    active = set(LessonProgress.objects.values_list("user", flat=True).distinct())
    assert 0.45 < len(active) / cadres.count() < 0.7
    assert cadres.exclude(user__in=active).count() >= 10


def test_several_leaders_have_mastery_on_every_competency(demo):
    leaders = list(Profile.objects.cadres().filter(is_leader=True).values_list("user", flat=True))
    mastery = mastery_by_user(leaders)
    every = set(Competency.objects.values_list("pk", flat=True))
    assert sum(set(m) == every for m in mastery.values()) >= 5


def test_the_records_receivers_are_connected_again_after_the_replay(db):
    before = (len(lesson_studied.receivers), len(attempt_graded.receivers))
    with records_dated_by_us():
        assert len(lesson_studied.receivers) == before[0] - 1
        assert len(attempt_graded.receivers) == before[1] - 1
    assert (len(lesson_studied.receivers), len(attempt_graded.receivers)) == before
    with pytest.raises(ZeroDivisionError), records_dated_by_us():
        1 / 0  # noqa: B018
    assert (len(lesson_studied.receivers), len(attempt_graded.receivers)) == before


def test_most_cadres_answered_the_case_first_and_the_trainer_sees_what_they_missed(demo):
    """The demo's history writes cadres' own answers before their lessons, so the trainer's
    "points most often missed" has figures; the two login accounts start with none."""
    from courses import own_answers
    from courses.models import Course, OwnAnswerVersion

    firsts = OwnAnswerVersion.objects.filter(number=1)
    # Before the lessons, but for a case read again in its other language (studied already).
    assert firsts.filter(before_analysis=True).count() >= 10
    assert not firsts.filter(answer__user__username__in=["cadre", "cadre2"]).exists()
    rows = own_answers.points_missed(Course.objects.get(slug="paperless-office-zh")).rows
    assert rows and rows[0][2] >= own_answers.MIN_ANSWERS and rows[0][1] > rows[-1][1]
