"""Hours credited from evidence: the credit rule (`records.credit`), its configuration, the
evidence kept on a completion, the transcript and the rule's own page."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from courses.models import LessonOpening, LessonProgress
from courses.services import HoursChangeError, course_change_hours
from quizzes.models import Quiz
from quizzes.services import attempt_start, attempt_submit
from records.credit import (
    CreditRule,
    check_credit_rule,
    course_credit,
    credit_for,
    parse_bands,
)
from records.models import CompletionRecord
from tests.helpers import run_manage, study
from tests.quizzes.conftest import answers_for, single

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture(autouse=True)
def slow_readers(settings):
    """Slow stated reading speeds, so a lesson of a few hundred words is many minutes."""
    settings.READING_WORDS_PER_MINUTE = 30
    settings.READING_CHARS_PER_MINUTE = 50


def with_quiz(course, competencies, *, published=True) -> Quiz:
    """One single-choice question ("quota": "b" is right), pass mark 60 %."""
    quiz = Quiz.objects.create(
        course=course, title="Check", is_published=published, shuffle_options=False
    )
    quiz.slots.create(order=0, question=single(course, [competencies["policy"]]))
    return quiz


def take(quiz, user, choice):
    attempt = attempt_start(quiz=quiz, user=user)
    return attempt_submit(attempt=attempt, answers=answers_for(attempt, {"quota": [choice]}))


def complete(user, course, quiz=None):
    for lesson in course.lessons.order_by("order"):
        study(user, lesson)
    if quiz is not None:
        take(quiz, user, "b")
    return CompletionRecord.objects.get(user=user, course=course, kind="completed")


# --- The rule -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "has_quiz", "supported"),
    [
        (5, False, "0.25"),
        (5, True, "0.75"),
        (20, False, "0.5"),
        (20, True, "1"),
        (45, False, "1"),
        (45, True, "1.5"),
    ],
)
def test_the_default_rule_credits_by_length_and_a_passed_test(
    make_course, competencies, minutes, has_quiz, supported
):
    course = make_course("c", lessons=3, minutes=minutes, study_hours=D(50))
    with_quiz(course, competencies, published=has_quiz)  # a draft quiz is no test
    credit = course_credit(course)
    assert credit.minutes == minutes
    assert (credit.has_test, credit.supported, credit.credited) == (
        has_quiz,
        D(supported),
        D(supported),
    )


def test_band_edges_are_whole_minutes_of_reading():
    rule = CreditRule.from_settings()

    def band(seconds):
        return credit_for(rule=rule, seconds=seconds, lessons=1, has_test=False, declared=D(9))

    assert band(30 * 60).band_hours == 1
    assert band(30 * 60 - 1).band_hours == D("0.5")
    assert band(15 * 60).band_hours == D("0.5")
    assert band(15 * 60 - 1).band_hours == D("0.25")
    assert band(0).band_hours == D("0.25")


def test_the_rule_in_words():
    assert CreditRule.from_settings().describe()[:4] == [
        "30 minutes or more of reading: 1 h",
        "15 to 30 minutes of reading: 0.5 h",
        "under 15 minutes of reading: 0.25 h",
        "A passed test adds 0.5 h; a course without a published quiz gets no test hours.",
    ]


def test_an_administrator_sets_other_bands_and_test_hours(settings, make_course, competencies):
    settings.CREDIT_BANDS = "60:2, 20:1, 0:0"
    settings.CREDIT_TEST_HOURS = "1"
    assert check_credit_rule() == []
    long = make_course("long", lessons=3, minutes=45, study_hours=D(50))
    with_quiz(long, competencies)
    short = make_course("short", lessons=1, minutes=10, study_hours=D(50))
    assert course_credit(long).supported == 2  # 20-60 minutes: 1 h, and 1 h for the test
    assert course_credit(short).supported == 0
    assert CreditRule.from_settings().describe()[:3] == [
        "60 minutes or more of reading: 2 h",
        "20 to 60 minutes of reading: 1 h",
        "under 20 minutes of reading: 0 h",
    ]


@pytest.mark.parametrize(
    "bands",
    [
        "",
        "30:1,15",  # no hours
        "15:0.5,30:1,0:0.25",  # not from the longest down
        "30:1,30:0.5,0:0.25",  # the same minutes twice
        "30:1,15:0.5",  # no band from 0
        "30:-1,0:0.25",  # negative hours
        "30:1.333,0:0.25",  # more than 2 decimals
        "30:one,0:0.25",
        "half:1,0:0.25",
        "²:1,0:0.25",  # a digit to isdigit(), not to int()
        "３０:1,0:0.25",  # fullwidth digits
        "99999999999999999999:1,0:0.25",  # past a week of reading
    ],
)
def test_a_wrong_band_setting_is_refused(settings, bands):
    with pytest.raises(ImproperlyConfigured, match="CREDIT_BANDS"):
        parse_bands(bands)
    settings.CREDIT_BANDS = bands
    [error] = check_credit_rule()
    assert error.id == "records.E001" and "CREDIT_BANDS" in error.msg


def test_a_wrong_test_hours_setting_is_refused(settings):
    settings.CREDIT_TEST_HOURS = "-0.5"
    [error] = check_credit_rule()
    assert "CREDIT_TEST_HOURS" in error.msg


def test_the_site_does_not_start_with_a_wrong_rule():
    result = run_manage("check", CREDIT_BANDS="15:0.5,30:1", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "records.E001" in result.stderr and "CREDIT_BANDS" in result.stderr


# --- What a completion credits ----------------------------------------------------------------


def test_an_over_declared_course_is_flagged_and_credits_what_its_content_supports(
    alice, make_course, competencies
):
    course = make_course("c", lessons=2, minutes=20, study_hours=D(2))
    quiz = with_quiz(course, competencies)
    credit = course_credit(course)
    assert credit.over_declared and credit.credited == 1
    assert credit.over_declared_message == (
        "This course declares 2 h; its content supports 1 h; it will credit 1 h."
    )
    assert complete(alice.user, course, quiz).hours == 1


def test_an_under_declared_course_credits_what_it_declares(alice, make_course, competencies):
    course = make_course("c", lessons=2, minutes=45, study_hours=D(1))
    quiz = with_quiz(course, competencies)
    credit = course_credit(course)
    assert not credit.over_declared and credit.supported == D("1.5")
    assert complete(alice.user, course, quiz).hours == 1


def test_a_copy_without_its_quiz_credits_only_the_reading_band(alice, make_course):
    course = make_course("copy", lessons=2, minutes=45, study_hours=D("1.5"))
    credit = course_credit(course)
    assert not credit.has_test and credit.credited == 1
    assert "No published quiz" in " ".join(credit.explanation)
    assert complete(alice.user, course).hours == 1


def test_a_completion_keeps_the_rule_and_the_evidence(alice, make_course, competencies):
    course = make_course("c", lessons=2, minutes=45, study_hours=D(2))
    quiz = with_quiz(course, competencies)
    take(quiz, alice.user, "a")  # attempt 1 fails
    for lesson in course.lessons.order_by("order"):
        study(alice.user, lesson)
    second = take(quiz, alice.user, "b")
    record = CompletionRecord.objects.get(user=alice.user, course=course, kind="completed")
    evidence = record.evidence
    assert record.hours == D("1.5")
    assert evidence["rule"]["bands"] == [[30, "1.00"], [15, "0.50"], [0, "0.25"]]
    assert evidence["rule"]["test_hours"] == "0.50"
    assert evidence["rule"]["words_per_minute"] == 30
    assert (evidence["minutes"], evidence["band_minutes"]) == (45, 30)
    assert (evidence["band_hours"], evidence["test_hours"]) == ("1.00", "0.50")
    assert (evidence["declared"], evidence["credited"]) == ("2.00", "1.50")
    first = course.lessons.get(order=1)
    opened = LessonOpening.objects.get(user=alice.user, lesson=first).opened_at
    studied = LessonProgress.objects.get(user=alice.user, lesson=first).studied_at
    assert evidence["lessons"][0] == {
        "title": "Lesson 1",
        "order": 1,
        "opened_at": opened.isoformat(),
        "studied_at": studied.isoformat(),
    }
    assert len(evidence["lessons"]) == 2
    [attempt] = evidence["attempts"]
    assert D(attempt.pop("pass_mark")) == quiz.pass_mark == 60
    assert attempt == {
        "quiz": "Check",
        "number": 2,
        "percent": str(second.percent),
        "submitted_at": second.submitted_at.isoformat(),
    }


def test_the_evidence_costs_the_same_queries_for_more_lessons_and_attempts(
    alice, make_course, competencies, django_assert_num_queries
):
    from records.credit import completion_evidence

    def queries(slug, lessons):
        course = make_course(slug, lessons=lessons, minutes=5)
        quiz = with_quiz(course, competencies)
        for lesson in course.lessons.all():
            study(alice.user, lesson)
        for _ in range(lessons):
            take(quiz, alice.user, "a")
        credit = course_credit(course)
        # the course's language versions, lessons, openings, lessons studied, published
        # quizzes, graded attempts (of every language)
        with django_assert_num_queries(6):
            completion_evidence(alice.user, course, credit)

    queries("small", 1)
    queries("large", 3)


# --- Hours changed on a published course -------------------------------------------------


def test_changed_hours_leave_earlier_credits_and_later_completions_credit_the_new_value(
    alice, bob, tom, make_course, competencies
):
    course = make_course("c", lessons=2, minutes=45, study_hours=D(1))
    quiz = with_quiz(course, competencies)
    earlier = complete(alice.user, course, quiz)
    change = course_change_hours(
        course=course, hours=D("1.5"), reason="Audit: the case needs the full hour", by=tom.user
    )
    assert (change.old_hours, change.new_hours, change.changed_by) == (1, D("1.5"), tom.user)
    course.refresh_from_db()
    assert course.study_hours == D("1.5")
    earlier.refresh_from_db()
    assert earlier.hours == 1 and earlier.evidence["declared"] == "1.00"
    assert complete(bob.user, course, quiz).hours == D("1.5")
    # Raised beyond what the content supports: later completions are capped by the rule.
    course_change_hours(course=course, hours=D(9), reason="Typed too much", by=tom.user)
    course.refresh_from_db()
    assert course_credit(course).credited == D("1.5")


@pytest.mark.parametrize(
    ("hours", "reason", "message"),
    [
        (D(2), "  ", "reason"),
        (D("0.1"), "r", "0.25 to 50"),
        (D("50.5"), "r", "0.25 to 50"),
        (D("1.005"), "r", "two decimals"),
        (D(1), "r", "already declares"),
    ],
)
def test_a_change_of_hours_needs_a_reason_and_a_sensible_value(
    make_course, tom, hours, reason, message
):
    course = make_course("c", lessons=1, study_hours=D(1))
    with pytest.raises(HoursChangeError, match=message):
        course_change_hours(course=course, hours=hours, reason=reason, by=tom.user)
    assert not course.hours_changes.exists()


# --- The transcript and the rule's page -----------------------------------------------------


def test_the_transcript_shows_the_rule_and_the_evidence_of_each_credit(
    login, alice, hr_county, make_course, competencies
):
    course = make_course("c", lessons=2, minutes=45, study_hours=D(2))
    quiz = with_quiz(course, competencies)
    record = complete(alice.user, course, quiz)
    old = make_course("old", lessons=1)
    CompletionRecord.objects.create(
        user=alice.user,
        course=old,
        kind="completed",
        year=record.year,
        hours=D(2),
        occurred_at=record.occurred_at - dt.timedelta(days=400),
    )
    html = login(hr_county).get(reverse("records:person", args=[alice.pk])).content.decode()
    assert (
        "30 minutes or more of reading (45 min): 1 h + passed test 0.5 h; declared 2 h; "
        "capped at 1.5 h"
    ) in html
    assert "Why 1.5 h: rule and evidence" in html
    opened = LessonOpening.objects.filter(user=alice.user).order_by("lesson__order").first()
    from django.utils import timezone

    assert f"first opened {timezone.localtime(opened.opened_at):%Y-%m-%d %H:%M}" in html
    assert "Passed “Check”, attempt 1: 100 % (pass mark 60 %)" in html
    assert "Credited before evidence was recorded." in html
    assert reverse("records:credit_rules") in html


@pytest.mark.parametrize("persona", ["alice", "hr_county", "tom"])
def test_anyone_signed_in_reads_how_hours_are_credited(login, request, persona, settings):
    settings.STUDY_MINIMUM_SHARE = 0.4
    html = login(request.getfixturevalue(persona)).get(reverse("records:credit_rules"))
    html = html.content.decode()
    assert "30 minutes or more of reading: 1 h" in html
    assert "under 15 minutes of reading: 0.25 h" in html
    assert "50 Chinese characters a minute, 30 words a minute" in html
    assert "once 40 % of its estimated reading time has passed" in html


def test_the_rules_page_follows_the_configured_rule(login, alice, settings):
    settings.CREDIT_BANDS = "40:3,0:1"
    html = login(alice).get(reverse("records:credit_rules")).content.decode()
    assert "40 minutes or more of reading: 3 h" in html and "under 40 minutes" in html


def test_my_progress_links_to_the_rule(login, alice):
    html = login(alice).get(reverse("records:progress")).content.decode()
    assert reverse("records:credit_rules") in html


def test_the_demo_case_declares_what_its_content_supports(settings):
    from demo.courses import DEMO_HOURS, load_courses

    settings.READING_WORDS_PER_MINUTE, settings.READING_CHARS_PER_MINUTE = 200, 300
    for course in load_courses():
        credit = course_credit(course)
        # Its quiz (demo.quizzes) must be passed: the reading band plus the test hours.
        assert credit.band_hours + credit.rule.test_hours == DEMO_HOURS, course.slug


def test_the_cadre_sees_the_rule_and_evidence_of_her_own_hours(
    alice, make_course, competencies, login
):
    course = make_course("mine", lessons=2, minutes=5)
    complete(alice.user, course, with_quiz(course, competencies))
    html = login(alice).get(reverse("records:progress")).content.decode()
    assert 'data-testid="credit-rule"' in html
    assert html.count("first opened") == 2 * 2  # 2 lessons, folded on screen and for print
    assert "Passed “Check”, attempt 1" in html
