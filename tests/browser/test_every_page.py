"""Every main page, for each persona, in Chinese on a phone: it answers, it is marked as
Chinese, nothing is wider than the screen, and axe finds no serious accessibility problem."""

import pytest
from playwright.sync_api import expect

from courses.models import Course
from people.models import Profile
from quizzes.models import Question, Quiz
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pages_for(username: str) -> list[str]:
    course = Course.objects.get(slug="paperless-office-zh")
    quiz = Quiz.objects.get(course=course)
    if username == "trainer":
        question = Question.objects.filter(course=course).first()
        framework = question.current.competencies.first().framework
        return [
            "/studio/",
            f"/studio/courses/{course.slug}/",
            "/studio/import/",
            f"/studio/courses/{course.slug}/lessons/{course.lessons.first().pk}/",
            f"/studio/questions/{question.pk}/",
            f"/studio/quizzes/{quiz.pk}/",
            f"/studio/quizzes/{quiz.pk}/analysis/",
            "/studio/grading/",
            "/studio/frameworks/",
            f"/studio/frameworks/{framework.pk}/",
            "/studio/frameworks/new/",
        ]
    if username == "hr":
        person = Profile.objects.filter(user__username="cadre-07").get()
        return [
            "/records/",
            "/records/completions/",
            "/records/hours/",
            "/records/people/",
            f"/records/people/{person.pk}/",
            "/records/assignments/",
        ]
    return [
        "/",
        "/learning/",
        "/progress/",
        "/courses/",
        f"/courses/{course.slug}/",
        f"/courses/{course.slug}/lessons/{course.lessons.first().pk}/",
        f"/quizzes/{quiz.pk}/",
    ]


@pytest.mark.parametrize("username", ["cadre", "trainer", "hr"])
def test_every_page_works_in_chinese_on_a_phone(demo, phone_page, username):
    page = phone_page
    log_in(page, username, "demo-pass-2026")
    page.get_by_role("button", name="简体中文", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    for url in pages_for(username):
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator("html").get_attribute("lang") == "zh-Hans"
        # Nothing pushes the page sideways on a 375-pixel screen.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{url} is {overflow}px wider than the screen"
        assert_accessible(page, f"{username}-{url.strip('/').replace('/', '-') or 'home'}")
