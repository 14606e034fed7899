"""Hours from evidence: a lesson's reading time from its text, its first opening, and
"studied" refused until a share of that time has passed. The clock moves by argument."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from courses.models import Enrolment, Lesson, LessonOpening, LessonProgress
from courses.reading import minimum_seconds, reading_seconds, text_size
from courses.services import StudyTooSoon, lesson_mark_studied, lesson_open
from tests.helpers import opened, run_python
from training.settings import env_bounded_int

pytestmark = pytest.mark.django_db

SPEEDS = {"READING_CHARS_PER_MINUTE": 300, "READING_WORDS_PER_MINUTE": 200}
T0 = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC)


def url(lesson, name="courses:lesson"):
    return reverse(name, args=[lesson.course.slug, lesson.pk])


@pytest.fixture
def long_lesson(make_course) -> Lesson:
    """Three thousand Chinese characters: ten minutes at 300 a minute, five to wait at 50 %."""
    course = make_course("long", lessons=2)
    lesson = course.lessons.get(order=1)
    lesson.title = "第一课"
    lesson.body_md = "干部" * 1498 + "学"  # with the title's three: 3,000 characters
    lesson.save()
    assert (lesson.cjk_chars, lesson.latin_words) == (3000, 0)
    return lesson


# --- The estimate ------------------------------------------------------------------------------


@override_settings(**SPEEDS)
def test_chinese_text_is_read_character_by_character():
    assert text_size("基层减负，不搞一刀切。") == (9, 0)
    assert text_size("干部" * 300) == (600, 0)
    assert reading_seconds(600, 0) == 120  # 600 characters at 300 a minute
    with override_settings(READING_CHARS_PER_MINUTE=150):
        assert reading_seconds(600, 0) == 240


@override_settings(**SPEEDS)
def test_english_text_is_read_word_by_word():
    assert text_size("Units differ: don't set one quota for 2,026 groups.") == (0, 9)
    assert text_size("word " * 400) == (0, 400)
    assert reading_seconds(0, 400) == 120
    with override_settings(READING_WORDS_PER_MINUTE=100):
        assert reading_seconds(0, 400) == 240


@override_settings(**SPEEDS)
def test_mixed_text_adds_both_speeds_and_the_lesson_stores_its_counts(make_course):
    assert text_size("学习 policy 文件 in 2026") == (4, 3)
    lesson = make_course("mixed", lessons=1).lessons.get()
    lesson.title = "政策 briefing"
    lesson.body_md = "文件" * 150 + " " + "word " * 99
    lesson.save()
    lesson.refresh_from_db()
    assert (lesson.cjk_chars, lesson.latin_words) == (302, 100)
    # 302 / 300 + 100 / 200 minutes = 90.4 s, rounded up; 2 minutes on the page.
    assert (lesson.reading_seconds, lesson.reading_minutes) == (91, 2)
    with override_settings(READING_CHARS_PER_MINUTE=3000, READING_WORDS_PER_MINUTE=2000):
        assert (lesson.reading_seconds, lesson.reading_minutes) == (10, 1)  # never 0 minutes


def test_markdown_link_targets_images_and_tags_are_not_read():
    assert text_size("See [the rules](https://example.com/rules/of/study/for/cadres).") == (0, 3)
    assert text_size("![](images/photo-of-the-meeting-in-the-township.png)") == (0, 0)
    assert text_size("[通知](https://example.com/文件/通知/全文)") == (2, 0)
    assert text_size('<span class="note">要点</span>') == (2, 0)


@override_settings(STUDY_MINIMUM_SHARE=0.5)
def test_the_minimum_is_the_configured_share_of_the_reading_time():
    assert minimum_seconds(600) == 300
    with override_settings(STUDY_MINIMUM_SHARE=0.8):
        assert minimum_seconds(600) == 480


# --- The service: refused, then accepted -------------------------------------------------------


def test_studied_is_refused_when_the_lesson_was_never_opened(alice, long_lesson):
    with pytest.raises(StudyTooSoon, match="Open and read the lesson first.") as refusal:
        lesson_mark_studied(user=alice.user, lesson=long_lesson, now=T0)
    assert refusal.value.seconds_left is None
    assert not LessonProgress.objects.exists()
    assert not Enrolment.objects.exists()  # a refusal enrols nobody


@override_settings(**SPEEDS, STUDY_MINIMUM_SHARE=0.5)
def test_studied_is_refused_before_the_minimum_and_accepted_after(alice, long_lesson):
    lesson_open(user=alice.user, lesson=long_lesson, now=T0)
    with translation.override("en"):
        with pytest.raises(StudyTooSoon) as refusal:
            lesson_mark_studied(
                user=alice.user, lesson=long_lesson, now=T0 + dt.timedelta(seconds=61)
            )
        assert str(refusal.value) == (
            "You began this lesson 1 minute ago (counted from when you opened it or marked the "
            "lesson before it studied, whichever came later); it takes about 10 minutes to "
            "read. You can mark it studied in 4 minutes."
        )
        assert refusal.value.seconds_left == 239  # 300 - 61, shown rounded up
        with pytest.raises(StudyTooSoon) as refusal:
            lesson_mark_studied(
                user=alice.user, lesson=long_lesson, now=T0 + dt.timedelta(seconds=290)
            )
        assert str(refusal.value).endswith("You can mark it studied in 10 seconds.")
    assert not LessonProgress.objects.exists()

    at = T0 + dt.timedelta(seconds=300)
    progress, created = lesson_mark_studied(user=alice.user, lesson=long_lesson, now=at)
    assert created and progress.studied_at == at
    progress.refresh_from_db()
    assert progress.studied_at == at  # the moment given is the one recorded
    assert Enrolment.objects.filter(user=alice.user, course=long_lesson.course).exists()


@override_settings(**SPEEDS, STUDY_MINIMUM_SHARE=0.5)
def test_a_lesson_already_studied_stays_studied_whenever_it_is_marked_again(alice, long_lesson):
    lesson_open(user=alice.user, lesson=long_lesson, now=T0)
    first, _ = lesson_mark_studied(
        user=alice.user, lesson=long_lesson, now=T0 + dt.timedelta(hours=1)
    )
    again, created = lesson_mark_studied(user=alice.user, lesson=long_lesson, now=T0)
    assert (again.pk, again.studied_at, created) == (first.pk, first.studied_at, False)
    assert LessonProgress.objects.count() == 1


@override_settings(**SPEEDS, STUDY_MINIMUM_SHARE=0.8)
def test_a_larger_share_means_a_longer_wait(alice, long_lesson):
    lesson_open(user=alice.user, lesson=long_lesson, now=T0)
    with pytest.raises(StudyTooSoon) as refusal:
        lesson_mark_studied(user=alice.user, lesson=long_lesson, now=T0 + dt.timedelta(seconds=300))
    assert refusal.value.seconds_left == 180
    lesson_mark_studied(user=alice.user, lesson=long_lesson, now=T0 + dt.timedelta(seconds=480))


def test_the_first_opening_is_kept(alice, long_lesson):
    first = lesson_open(user=alice.user, lesson=long_lesson, now=T0)
    again = lesson_open(user=alice.user, lesson=long_lesson, now=T0 + dt.timedelta(hours=3))
    assert (again.pk, again.opened_at) == (first.pk, T0)
    assert LessonOpening.objects.get().opened_at == T0


# --- The pages ---------------------------------------------------------------------------------


def test_a_second_visit_keeps_the_first_opening(login, alice, long_lesson):
    client = login(alice)
    client.get(url(long_lesson))
    first = LessonOpening.objects.get(user=alice.user, lesson=long_lesson).opened_at
    client.get(url(long_lesson))
    client.get(url(long_lesson.course.lessons.get(order=2)))
    assert (
        LessonOpening.objects.filter(user=alice.user, lesson=long_lesson).get().opened_at == first
    )
    assert LessonOpening.objects.filter(user=alice.user).count() == 2


def test_trainers_previewing_and_hr_visiting_leave_no_opening(
    login, tom, hr_county, alice, long_lesson
):
    preview = reverse("studio:preview_lesson", args=[long_lesson.course.slug, long_lesson.pk])
    assert login(tom).get(preview).status_code == 200
    assert login(tom).get(url(long_lesson)).status_code == 200
    assert login(hr_county).get(url(long_lesson)).status_code == 200
    assert not LessonOpening.objects.exists()
    login(alice).get(url(long_lesson))
    assert list(LessonOpening.objects.values_list("user", flat=True)) == [alice.user.pk]


def test_a_script_posting_studied_without_opening_a_lesson_is_refused(login, alice, make_course):
    # The case: five lessons marked studied in 0.26 s, none of them opened.
    course = make_course("five", lessons=5)
    client = login(alice)
    for lesson in course.lessons.all():
        response = client.post(url(lesson, "courses:studied"))
        assert response["Location"] == url(lesson)  # back to the lesson, not on to the next
        assert [str(m) for m in get_messages(response.wsgi_request)][-1] == (
            "Open and read the lesson first."
        )
    assert not LessonProgress.objects.exists()
    assert not Enrolment.objects.exists()


@override_settings(**SPEEDS, STUDY_MINIMUM_SHARE=0.5)
def test_the_lesson_page_says_how_long_to_read_and_from_when_it_can_be_marked(
    login, alice, long_lesson
):
    client = login(alice)
    body = client.get(url(long_lesson)).content.decode()
    assert "About 10 minutes to read" in body
    opening = LessonOpening.objects.get(user=alice.user, lesson=long_lesson)
    ready = timezone.localtime(opening.opened_at + dt.timedelta(seconds=300))
    assert f"You can mark it studied from {ready:%H:%M}." in body
    assert "setInterval" not in body and "setTimeout" not in body  # no timer on the page

    # Marked at once: refused, shown as an error on the lesson itself.
    response = client.post(url(long_lesson, "courses:studied"), follow=True)
    assert response.redirect_chain == [(url(long_lesson), 302)]
    page = response.content.decode()
    assert "it takes about 10 minutes to read. You can mark it studied in 5 minutes." in page
    assert "alert-danger" in page or "alert-error" in page
    assert not LessonProgress.objects.exists()

    # Once the time has passed (the opening is older), the hint goes and "studied" is accepted.
    opened(alice.user, long_lesson)
    body = client.get(url(long_lesson)).content.decode()
    assert "You can mark it studied from" not in body
    response = client.post(url(long_lesson, "courses:studied"))
    assert response["Location"] == url(long_lesson.course.lessons.get(order=2))
    assert LessonProgress.objects.filter(user=alice.user, lesson=long_lesson).exists()


@override_settings(**SPEEDS)
def test_the_course_page_lists_each_lessons_minutes(login, alice, long_lesson):
    body = login(alice).get(reverse("courses:course", args=[long_lesson.course.slug]))
    minutes = [lesson.reading_minutes for lesson in body.context["lessons"]]
    assert minutes == [10, 1]
    assert "10 min" in body.content.decode()


@override_settings(**SPEEDS)
def test_the_trainer_sees_the_reading_time_while_writing_the_lesson(login, tom, long_lesson):
    course = long_lesson.course
    course.owner = tom.user
    course.save()
    body = login(tom).get(reverse("studio:lesson_edit", args=[course.slug, long_lesson.pk]))
    text = body.content.decode()
    assert "About 10 minutes to read" in text
    assert "3000 Chinese characters and 0 other words" in text


# --- The settings ------------------------------------------------------------------------------


def test_reading_speeds_out_of_range_stop_the_start_up(monkeypatch):
    monkeypatch.delenv("SPEED", raising=False)
    assert env_bounded_int("SPEED", 300, 50, 3000) == 300
    monkeypatch.setenv("SPEED", "120")
    assert env_bounded_int("SPEED", 300, 50, 3000) == 120
    for bad in ("49", "3001", "-5", "fast", "1.5"):
        monkeypatch.setenv("SPEED", bad)
        with pytest.raises(ImproperlyConfigured, match="SPEED must be a whole number from 50"):
            env_bounded_int("SPEED", 300, 50, 3000)


def test_the_site_does_not_start_with_a_nonsense_reading_speed():
    result = run_python("import django; django.setup()", READING_CHARS_PER_MINUTE="0")
    assert result.returncode != 0
    assert "READING_CHARS_PER_MINUTE must be a whole number from 50 to 3000" in result.stderr


@override_settings(**SPEEDS, STUDY_MINIMUM_SHARE=0.5)
def test_lessons_opened_side_by_side_are_still_read_one_after_another(alice, make_course):
    """A cadre (or a script) opens every lesson in its own tab at once and waits: the clock of
    each lesson starts when the one before was marked studied, so the course takes at least
    the sum of its lessons' minimum times, never only the longest one's."""
    course = make_course("tabs", lessons=3)
    lessons = list(course.lessons.order_by("order"))
    for lesson in lessons:
        lesson.body_md = "word " * 400  # 2 minutes at 200 words a minute: 60 s minimum
        lesson.save()
        lesson_open(user=alice.user, lesson=lesson, now=T0)
    minimum = dt.timedelta(seconds=minimum_seconds(lessons[0].reading_seconds))
    assert minimum == dt.timedelta(seconds=60)
    done = T0 + minimum
    assert lesson_mark_studied(user=alice.user, lesson=lessons[0], now=done)[1]
    # Lesson 2 was open all along, but its reading counts from lesson 1's "studied".
    with pytest.raises(StudyTooSoon) as refusal:
        lesson_mark_studied(user=alice.user, lesson=lessons[1], now=done + dt.timedelta(seconds=1))
    assert refusal.value.seconds_left == 59
    assert lesson_mark_studied(user=alice.user, lesson=lessons[1], now=done + minimum)[1]
    with pytest.raises(StudyTooSoon):
        lesson_mark_studied(user=alice.user, lesson=lessons[2], now=done + minimum)
    assert lesson_mark_studied(user=alice.user, lesson=lessons[2], now=done + 2 * minimum)[1]
