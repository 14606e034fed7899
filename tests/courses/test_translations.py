"""One case, one credit: a course in two languages, linked as translations of one course.

The cadre picks the language; lesson positions studied, quiz attempts, the grade and the
completion are shared, and the hours are credited once, on the original."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import Course, Enrolment, LessonProgress
from quizzes.models import Attempt, Quiz
from quizzes.services import (
    AttemptRefused,
    TranslationError,
    attempt_start,
    attempt_submit,
    attempts_used,
    course_link_translation,
    course_unlink_translation,
    quiz_grade,
)
from records.models import CompletionRecord
from records.services import remaining_for
from tests.helpers import study as study_now
from tests.quizzes.conftest import answers_for, single

pytestmark = pytest.mark.django_db

RIGHT, WRONG = {"quota": ["b"]}, {"quota": ["a"]}


def one_question_quiz(course, competencies, **fields) -> Quiz:
    quiz = Quiz.objects.create(
        course=course, title=f"Quiz {course.slug}", is_published=True, shuffle_options=False
    )
    quiz.slots.create(order=0, question=single(course, [competencies["policy"]]))
    for name, value in fields.items():
        setattr(quiz, name, value)
    quiz.save()
    return quiz


@pytest.fixture
def case(make_course, competencies, tom):
    """The same case in Chinese (the original) and in English (its translation), 3 lessons
    and one quiz each, both owned by tom."""

    def build(slug="case", lessons=3):
        zh = make_course(f"{slug}-zh", lessons=lessons, language="zh-hans", owner=tom.user)
        en = make_course(f"{slug}-en", lessons=lessons, language="en", owner=tom.user)
        one_question_quiz(zh, competencies, attempts_allowed=3)
        one_question_quiz(en, competencies, attempts_allowed=5)
        course_link_translation(course=en, original=zh)
        return zh, en

    return build


_clock = {"at": None}


def study(user, lesson, step=dt.timedelta(minutes=10)):
    """Study on a clock moved by argument: each lesson ten minutes after the one before, from
    a day ago (reading begins when the previous lesson of the case was marked studied)."""
    at = _clock["at"] = (_clock["at"] or timezone.now() - dt.timedelta(days=1)) + step
    return study_now(user, lesson, now=at)


@pytest.fixture(autouse=True)
def fresh_clock():
    _clock["at"] = None


def take(quiz, user, answers):
    attempt = attempt_start(quiz=quiz, user=user)
    return attempt_submit(attempt=attempt, answers=answers_for(attempt, answers))


def lesson(course, order):
    return course.lessons.get(order=order)


def test_linking_pairs_the_quizzes_and_takes_the_originals_rules(case):
    zh, en = case()
    en.refresh_from_db()
    assert en.translation_of == zh and en.credit_course_id == zh.pk
    assert zh.family_ids() == en.family_ids() == [zh.pk, en.pk]
    quiz = Quiz.objects.get(course=en)
    assert quiz.translation_of == Quiz.objects.get(course=zh)
    assert quiz.attempts_allowed == 3  # the original's allowance, stated on both pages


def test_a_case_studied_in_two_languages_is_credited_once_on_the_original(case, alice):
    zh, en = case()
    user = alice.user
    study(user, lesson(zh, 1))
    study(user, lesson(zh, 2))
    study(user, lesson(en, 3))
    assert not CompletionRecord.objects.exists()  # the quiz is still to pass
    take(Quiz.objects.get(course=en), user, RIGHT)
    line = CompletionRecord.objects.get()
    assert (line.course, line.kind) == (zh, "completed")
    # Its evidence holds the work in both languages: lesson 3 read in English, the English
    # attempt that passed.
    assert all(item["studied_at"] for item in line.evidence["lessons"])
    assert [a["number"] for a in line.evidence["attempts"]] == [1]
    # Studying the rest again in the other language, and passing again there, writes nothing.
    for order in (1, 2):
        study(user, lesson(en, order))
    study(user, lesson(zh, 3))
    take(Quiz.objects.get(course=zh), user, RIGHT)
    assert CompletionRecord.objects.count() == 1
    hours = sum(r.hours for r in CompletionRecord.objects.filter(user=user))
    assert hours == line.hours


def test_a_lesson_studied_in_one_language_shows_studied_in_the_other(case, alice, login):
    zh, en = case()
    study(alice.user, lesson(zh, 1))
    assert LessonProgress.objects.orders_studied(alice.user, en) == {1}
    client = login(alice)
    page = client.get(reverse("courses:course", args=[en.slug]))
    assert page.context["studied"] == {lesson(en, 1).pk}
    assert page.context["done"] == 1
    page = client.get(lesson(en, 1).get_absolute_url())
    assert page.context["progress"] is not None  # no second "mark as studied" to do
    assert 'data-testid="studied"' in page.content.decode()


def test_attempts_are_shared_across_the_languages(case, alice):
    zh, en = case()
    zh_quiz, en_quiz = Quiz.objects.get(course=zh), Quiz.objects.get(course=en)
    take(zh_quiz, alice.user, WRONG)
    take(zh_quiz, alice.user, WRONG)
    third = take(en_quiz, alice.user, WRONG)
    assert third.number == 3  # numbered on across the languages
    assert attempts_used(quiz=zh_quiz, user=alice.user) == 3
    assert attempts_used(quiz=en_quiz, user=alice.user) == 3
    for quiz in (zh_quiz, en_quiz):
        with pytest.raises(AttemptRefused):
            attempt_start(quiz=quiz, user=alice.user)


def test_one_attempt_is_open_at_a_time_across_the_languages(case, alice):
    zh, en = case()
    begun = attempt_start(quiz=Quiz.objects.get(course=zh), user=alice.user)
    assert attempt_start(quiz=Quiz.objects.get(course=en), user=alice.user) == begun
    assert Attempt.objects.count() == 1


def test_the_grade_is_over_the_attempts_in_every_language(case, alice):
    zh, en = case()
    zh_quiz, en_quiz = Quiz.objects.get(course=zh), Quiz.objects.get(course=en)
    take(zh_quiz, alice.user, WRONG)
    assert quiz_grade(quiz=en_quiz, user=alice.user) == 0
    take(en_quiz, alice.user, RIGHT)
    assert quiz_grade(quiz=zh_quiz, user=alice.user) == quiz_grade(quiz=en_quiz, user=alice.user)
    assert quiz_grade(quiz=zh_quiz, user=alice.user) == 100  # highest of both languages


def test_what_remains_is_the_same_for_both_versions_with_the_quiz_in_each_language(case, alice):
    zh, en = case()
    study(alice.user, lesson(zh, 1))
    study(alice.user, lesson(en, 2))
    left = remaining_for(alice.user, [zh.pk, en.pk])
    assert (left[zh.pk].lessons_done, left[zh.pk].lessons_total) == (2, 3)
    assert (left[en.pk].lessons_done, left[en.pk].lessons_total) == (2, 3)
    assert left[zh.pk].quiz == Quiz.objects.get(course=zh)
    assert left[en.pk].quiz == Quiz.objects.get(course=en)
    study(alice.user, lesson(en, 3))
    take(Quiz.objects.get(course=zh), alice.user, RIGHT)
    left = remaining_for(alice.user, [zh.pk, en.pk])
    assert left[zh.pk].complete and left[en.pk].complete and left[en.pk].percent == 100


def test_the_catalogue_lists_the_case_once_with_a_link_to_the_other_language(
    case, alice, login, make_course
):
    zh, en = case()
    make_course("other")
    response = login(alice).get(reverse("courses:catalogue"))
    listed = [c.slug for c in response.context["courses"]]
    assert zh.slug in listed and en.slug not in listed and "other" in listed
    html = response.content.decode()
    assert f'href="{en.get_absolute_url()}" hreflang="en"' in html
    assert ">English</a>" in html


def test_a_translation_whose_original_is_not_published_stands_for_the_case(case, alice, login):
    zh, en = case()
    Course.objects.filter(pk=zh.pk).update(status=Course.Status.DRAFT)
    listed = [c.slug for c in login(alice).get(reverse("courses:catalogue")).context["courses"]]
    assert listed == [en.slug]


def test_course_and_lesson_pages_switch_to_the_same_place_in_the_other_language(case, alice, login):
    zh, en = case()
    client = login(alice)
    page = client.get(reverse("courses:course", args=[zh.slug]))
    assert page.context["versions"] == [{"url": en.get_absolute_url(), "language": "en"}]
    page = client.get(lesson(zh, 2).get_absolute_url())
    assert page.context["versions"] == [{"url": lesson(en, 2).get_absolute_url(), "language": "en"}]
    assert 'data-testid="language-versions"' in page.content.decode()


def test_catalogue_queries_do_not_grow_with_cases_in_two_languages(db_sessions, login, alice, case):
    def count_for(n: int) -> int:
        for i in range(n):
            zh, en = case(f"case-{n}-{i}", lessons=1)
            Enrolment.objects.create(user=alice.user, course=en)
        client = login(alice)
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("courses:catalogue"))
        return len(ctx.captured_queries)

    # The five of tests/courses/test_queries.py: the translations come in one prefetch.
    assert count_for(1) == count_for(4) == 5


# --- Linking in the studio ----------------------------------------------------------------------


def test_linking_refuses_a_different_number_of_lessons(make_course, tom):
    zh = make_course("zh", lessons=3, owner=tom.user)
    en = make_course("en", lessons=2, language="en", owner=tom.user)
    with pytest.raises(TranslationError, match="2 lessons"):
        course_link_translation(course=en, original=zh)
    en.refresh_from_db()
    assert en.translation_of is None


def test_linking_refuses_a_course_already_assigned(make_course, tom, units):
    """Its assignment (and any waiver of it) would be read by nobody once it is a
    translation: HR would waive a course that no page counts."""
    from records.models import Assignment

    zh = make_course("zh", lessons=2, owner=tom.user)
    en = make_course("en", lessons=2, language="en", owner=tom.user)
    Assignment.objects.create(course=en, unit=units["county"], due_date=dt.date(2030, 1, 1))
    with pytest.raises(TranslationError, match="already assigned"):
        course_link_translation(course=en, original=zh)
    Assignment.objects.update(cancelled_at=timezone.now())
    course_link_translation(course=en, original=zh)  # once cancelled, it may be linked


def test_linking_refuses_a_different_number_of_published_quizzes(make_course, competencies, tom):
    zh = make_course("zh", lessons=2, owner=tom.user)
    en = make_course("en", lessons=2, language="en", owner=tom.user)
    one_question_quiz(zh, competencies)
    with pytest.raises(TranslationError, match="published quizzes"):
        course_link_translation(course=en, original=zh)


def test_linking_refuses_the_same_language_and_translations_of_translations(case, make_course):
    zh, en = case()
    again = make_course("again", lessons=3)
    with pytest.raises(TranslationError, match="another language"):
        course_link_translation(course=again, original=zh)
    with pytest.raises(TranslationError, match="itself a translation"):
        course_link_translation(course=again, original=en)


def test_a_translation_cadres_have_studied_cannot_be_unlinked(case, alice):
    zh, en = case()
    study(alice.user, lesson(en, 1))
    with pytest.raises(TranslationError):
        course_unlink_translation(course=en)


def edit_post(course, **extra) -> dict:
    data = {
        "title": course.title,
        "slug": course.slug,
        "summary": course.summary,
        "study_hours": str(course.study_hours),
        "language": course.language,
        **extra,
    }
    return data


def test_a_trainer_marks_a_course_as_a_translation_in_the_studio(
    make_course, competencies, tom, login
):
    zh = make_course("zh", lessons=2, owner=tom.user)
    en = make_course("en", lessons=2, language="en", owner=tom.user)
    one_question_quiz(zh, competencies)
    one_question_quiz(en, competencies)
    client = login(tom)
    response = client.post(
        reverse("studio:course_edit", args=[en.slug]), edit_post(en, translation_of=zh.pk)
    )
    assert response.status_code == 302
    en.refresh_from_db()
    assert en.translation_of == zh
    assert Quiz.objects.get(course=en).translation_of == Quiz.objects.get(course=zh)


def test_the_studio_form_shows_the_reason_a_link_is_refused(make_course, tom, login):
    zh = make_course("zh", lessons=3, owner=tom.user)
    en = make_course("en", lessons=2, language="en", owner=tom.user)
    response = login(tom).post(
        reverse("studio:course_edit", args=[en.slug]), edit_post(en, translation_of=zh.pk)
    )
    assert response.status_code == 200
    assert "translation_of" in response.context["form"].errors
    assert "same lessons" in response.content.decode()
    en.refresh_from_db()
    assert en.translation_of is None


def test_a_trainer_cannot_link_to_another_trainers_course(make_course, tom, other_trainer, login):
    theirs = make_course("theirs", lessons=2, owner=other_trainer.user)
    mine = make_course("mine", lessons=2, language="en", owner=tom.user)
    response = login(tom).get(reverse("studio:course_edit", args=[mine.slug]))
    choices = response.context["form"].fields["translation_of"].queryset
    assert theirs not in choices and mine not in choices
    response = login(tom).post(
        reverse("studio:course_edit", args=[mine.slug]), edit_post(mine, translation_of=theirs.pk)
    )
    assert "translation_of" in response.context["form"].errors
    mine.refresh_from_db()
    assert mine.translation_of is None


def test_an_original_with_translations_offers_no_translation_field(case, tom, login):
    zh, _en = case()
    response = login(tom).get(reverse("studio:course_edit", args=[zh.slug]))
    assert "translation_of" not in response.context["form"].fields


def test_a_translation_quiz_follows_the_original_s_rules_and_cannot_set_its_own(case, tom, login):
    """Attempts and a grade are shared, so the closing date, pass mark and what the review
    reveals are too: else a closed original's key could be read in the other language."""
    zh, en = case()
    original, version = Quiz.objects.get(course=zh), Quiz.objects.get(course=en)
    client = login(tom)
    closed = (timezone.localtime() - dt.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("studio:quiz_edit", args=[original.pk]),
        {
            "title": original.title,
            "is_published": "on",
            "pass_mark": "80",
            "attempts_allowed": "2",
            "grading_method": "last",
            "closes_at": closed,
            "review_answers_after_attempt": "on",
            "questions": list(original.slots.values_list("question_id", flat=True)),
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    version.refresh_from_db()
    assert (version.pass_mark, version.attempts_allowed, version.grading_method) == (80, 2, "last")
    assert version.closes_at is not None and version.has_closed()
    assert not version.review_right_answers_after_attempt
    # The translation's own form has no rule fields; a posted pass mark changes nothing.
    page = client.get(reverse("studio:quiz_edit", args=[version.pk]))
    assert "pass_mark" not in page.context["form"].fields
    assert 'data-testid="rules-follow"' in page.content.decode()
    response = client.post(
        reverse("studio:quiz_edit", args=[version.pk]),
        {
            "title": "Check (English)",
            "is_published": "on",
            "pass_mark": "10",
            "attempts_allowed": "0",
            "review_right_answers_after_attempt": "on",
            "questions": list(version.slots.values_list("question_id", flat=True)),
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    version.refresh_from_db()
    assert (version.title, version.pass_mark, version.attempts_allowed) == (
        "Check (English)",
        80,
        2,
    )
    assert not version.review_right_answers_after_attempt
