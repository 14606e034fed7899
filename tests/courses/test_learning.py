"""A cadre enrols, studies lesson by lesson, and sees progress; drafts stay closed."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from courses.models import Enrolment, LessonProgress
from courses.services import StudyTooSoon, lesson_mark_studied
from tests.helpers import opened, study

pytestmark = pytest.mark.django_db


def lesson_url(lesson, name="courses:lesson"):
    return reverse(name, args=[lesson.course.slug, lesson.pk])


def test_marking_a_lesson_studied_records_it_and_enrols(login, alice, make_course):
    course = make_course()
    first, second = course.lessons.all()[:2]
    opened(alice.user, first)
    response = login(alice).post(lesson_url(first, "courses:studied"))
    assert response["Location"] == lesson_url(second)  # on to the next lesson
    assert LessonProgress.objects.filter(user=alice.user, lesson=first).count() == 1
    assert Enrolment.objects.filter(user=alice.user, course=course).count() == 1


def test_a_double_submit_records_the_lesson_once(login, alice, make_course):
    lesson = make_course().lessons.first()
    opened(alice.user, lesson)
    client = login(alice)
    client.post(lesson_url(lesson, "courses:studied"))
    client.post(lesson_url(lesson, "courses:studied"))
    assert LessonProgress.objects.filter(user=alice.user, lesson=lesson).count() == 1


def test_studying_again_keeps_the_first_date(alice, make_course):
    lesson = make_course().lessons.first()
    first, created = study(alice.user, lesson)
    again, created_again = study(alice.user, lesson)
    assert created and not created_again
    assert again.studied_at == first.studied_at


@pytest.mark.django_db(transaction=True)
def test_concurrent_marks_record_one_row(alice, make_course):
    if connection.vendor == "sqlite":
        pytest.skip("concurrent writers need PostgreSQL; SQLite serialises them anyway")
    lesson = make_course().lessons.first()
    opened(alice.user, lesson)
    barrier = threading.Barrier(2)
    errors = []

    def mark():
        try:
            barrier.wait()
            lesson_mark_studied(user=alice.user, lesson=lesson)
        except Exception as exc:  # noqa: BLE001  the assertion below reports it
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=mark) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert LessonProgress.objects.filter(user=alice.user, lesson=lesson).count() == 1


@pytest.mark.django_db(transaction=True)
def test_lessons_marked_together_in_tabs_still_wait_for_each_other(alice, make_course, settings):
    """Four tabs clicked at the same instant, each lesson open long enough on its own: the
    cadre's lock makes each see the others, so one is accepted and the rest must wait."""
    if connection.vendor == "sqlite":
        pytest.skip("concurrent writers need PostgreSQL; SQLite serialises them anyway")
    settings.READING_WORDS_PER_MINUTE = 100
    course = make_course("tabs", lessons=4, minutes=8)  # about 2 minutes each: 1 minute minimum
    lessons = list(course.lessons.order_by("order"))
    for lesson in lessons:
        opened(alice.user, lesson)  # opened long ago, all at once
    barrier = threading.Barrier(len(lessons))
    accepted, refused = [], []

    def mark(lesson):
        try:
            barrier.wait()
            lesson_mark_studied(user=alice.user, lesson=lesson)
            accepted.append(lesson.order)
        except StudyTooSoon:
            refused.append(lesson.order)
        finally:
            connection.close()

    threads = [threading.Thread(target=mark, args=(lesson,)) for lesson in lessons]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert (len(accepted), len(refused)) == (1, 3)
    assert LessonProgress.objects.filter(user=alice.user).count() == 1


def test_marking_needs_a_post(login, alice, make_course):
    lesson = make_course().lessons.first()
    assert login(alice).get(lesson_url(lesson, "courses:studied")).status_code == 405


def test_only_cadres_record_study(login, tom, hr_county, make_course):
    lesson = make_course().lessons.first()
    for person in (tom, hr_county):
        assert login(person).post(lesson_url(lesson, "courses:studied")).status_code == 403
    assert not LessonProgress.objects.exists()


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_draft_and_archived_courses_are_closed_by_every_url(login, alice, make_course, status):
    course = make_course(status=status)
    lesson = course.lessons.first()
    client = login(alice)
    for url in [
        reverse("courses:course", args=[course.slug]),
        reverse("courses:outline", args=[course.slug]),
        lesson_url(lesson),
    ]:
        assert client.get(url).status_code == 404
    assert client.post(lesson_url(lesson, "courses:studied")).status_code == 404
    assert client.post(reverse("courses:enrol", args=[course.slug])).status_code == 404
    assert not LessonProgress.objects.exists()
    assert course.title not in client.get(reverse("courses:catalogue")).content.decode()


def test_a_lesson_is_only_found_under_its_own_course(login, alice, make_course):
    one, other = make_course("one"), make_course("other")
    lesson = one.lessons.first()
    url = reverse("courses:lesson", args=[other.slug, lesson.pk])
    assert login(alice).get(url).status_code == 404


def test_progress_shows_on_the_course_page_and_my_learning(login, alice, make_course):
    course = make_course(lessons=4)
    lessons = list(course.lessons.all())
    for lesson in lessons[:3]:
        study(alice.user, lesson)
    client = login(alice)
    page = client.get(reverse("courses:course", args=[course.slug])).context
    assert page["percent"] == 75
    assert page["studied"] == {lesson.pk for lesson in lessons[:3]}
    assert page["next_lesson"] == lessons[3]
    learning = client.get(reverse("records:my_learning")).context
    [enrolment] = learning["in_progress"]
    assert (enrolment.percent, enrolment.next_lesson_id) == (75, lessons[3].pk)
    study(alice.user, lessons[3])
    learning = client.get(reverse("records:my_learning")).context
    assert learning["in_progress"] == []
    assert [e.course for e in learning["finished"]] == [course]


def test_progress_is_personal(login, alice, bob, make_course):
    course = make_course()
    study(alice.user, course.lessons.first())
    page = login(bob).get(reverse("courses:course", args=[course.slug])).context
    assert page["percent"] == 0


def test_enrolling_twice_keeps_one_enrolment(login, alice, make_course):
    course = make_course()
    client = login(alice)
    client.post(reverse("courses:enrol", args=[course.slug]))
    client.post(reverse("courses:enrol", args=[course.slug]))
    assert Enrolment.objects.filter(user=alice.user, course=course).count() == 1
    learning = client.get(reverse("records:my_learning")).context
    assert list(learning["available"]) == []


def test_my_learning_is_for_cadres(login, tom):
    assert login(tom).get(reverse("records:my_learning")).status_code == 403


def test_lesson_page_shows_content_key_points_and_neighbours(login, alice, make_course):
    course = make_course(lessons=3)
    first, middle, last = course.lessons.all()
    response = login(alice).get(lesson_url(middle))
    body = response.content.decode()
    assert "<p>Body 2</p>" in body
    assert "Point 2" in body
    assert response.context["previous"] == first
    assert response.context["next"] == last
    assert "Mark as studied" in body
    study(alice.user, middle)
    body = login(alice).get(lesson_url(middle)).content.decode()
    assert "Mark as studied" not in body
    assert 'data-testid="studied"' in body


def test_course_page_draws_the_mind_map_of_an_imported_case(login, alice):
    from courses.services import course_import_case

    from .cases import MEETINGS_EN

    course = course_import_case(data=MEETINGS_EN, status="published")
    body = login(alice).get(reverse("courses:course", args=[course.slug])).content.decode()
    # The question, 3 parts, 2 core sentences (part 3 opens with a heading only) and 7
    # sub-points, in the phone and the desktop layout.
    assert body.count('class="mindmap-node') == 2 * (1 + 3 + 2 + 7)
    assert 'data-testid="mindmap-list"' in body


def test_printable_outline_holds_every_lesson(login, alice, make_course):
    course = make_course(lessons=3)
    body = login(alice).get(reverse("courses:outline", args=[course.slug])).content.decode()
    assert all(f"<p>Body {n}</p>" in body for n in (1, 2, 3))
    assert "css/print.css" in body


def test_my_learning_queries_do_not_grow_with_courses_or_lessons(
    db_sessions, login, alice, make_course, django_assert_num_queries
):
    def count_for(n_courses: int) -> int:
        from django.test.utils import CaptureQueriesContext

        for i in range(n_courses):
            course = make_course(f"course-{n_courses}-{i}", lessons=4 + i)
            study(alice.user, course.lessons.first())
        make_course(f"open-{n_courses}", lessons=2)  # one not enrolled
        client = login(alice)
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("records:my_learning"))
        return len(ctx.captured_queries)

    assert count_for(1) == count_for(6)
    # 1 session, 2 user, 3 profile (role check and navigation share it), 4 her unit's path and
    # 5 the assignments reaching it (statuses_for; with assigned courses it adds completions,
    # lessons studied and attempts: three more, however many, see test_progress.py),
    # 6 enrolments with progress and next lesson annotated, 7-11 what remains of each course
    # (the courses' originals, a translation standing where its original stands; lessons,
    # lessons studied, published quizzes, completions; attempts are read only when a course
    # has a published quiz), 12 available courses
    client = login(alice)
    with django_assert_num_queries(12):
        client.get(reverse("records:my_learning"))


def test_course_page_queries_do_not_grow_with_lessons(
    db_sessions, login, alice, make_course, django_assert_num_queries
):
    small, large = make_course("small", lessons=2), make_course("large", lessons=25)
    for course in (small, large):
        for lesson in course.lessons.all()[:2]:
            study(alice.user, lesson)
    client = login(alice)
    # 1 session, 2 user, 3 course, 4 lessons, 5 lesson positions studied (in any language),
    # 6 enrolment exists, 7 published quizzes, 8 other published language versions (the
    # language switch), 9 profile (navigation)
    for course in (small, large):
        with django_assert_num_queries(9):
            client.get(reverse("courses:course", args=[course.slug]))


def test_before_enrolment_a_cadre_has_one_way_in(login, alice, make_course):
    course = make_course(lessons=2)
    client = login(alice)
    html = client.get(reverse("courses:course", args=[course.slug])).content.decode()
    assert html.count('data-testid="start-course"') == 1
    assert ">Enrol<" not in html and "Start the course" in html
    response = client.post(reverse("courses:enrol", args=[course.slug]), {"start": "1"})
    assert response["Location"] == course.lessons.order_by("order").first().get_absolute_url()
    assert Enrolment.objects.filter(user=alice.user, course=course).exists()
    html = client.get(reverse("courses:course", args=[course.slug])).content.decode()
    assert html.count('data-testid="start-course"') == 1  # now a link to the lesson


def test_starting_again_opens_the_first_lesson_not_yet_studied(login, alice, make_course):
    course = make_course(lessons=3)
    first, second, _third = course.lessons.order_by("order")
    study(alice.user, first)
    Enrolment.objects.filter(user=alice.user, course=course).delete()
    response = login(alice).post(reverse("courses:enrol", args=[course.slug]), {"start": "1"})
    assert response["Location"] == second.get_absolute_url()


def test_a_trainer_reads_a_course_without_enrolling(login, tom, make_course):
    course = make_course(lessons=1)
    html = login(tom).get(reverse("courses:course", args=[course.slug])).content.decode()
    assert html.count('data-testid="start-course"') == 1
    assert reverse("courses:enrol", args=[course.slug]) not in html
