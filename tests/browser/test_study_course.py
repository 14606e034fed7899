"""Journey: `cadre` studies the demo course from start to finish."""

import pytest

from courses.models import Course, LessonProgress
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_cadre_studies_every_lesson_and_reaches_100_percent(demo, page):
    log_in(page, "cadre", "demo-pass-2026")
    page.get_by_role("link", name="My learning", exact=True).click()
    assert_accessible(page, "my-learning")
    page.get_by_role("link", name="Paperless office and grassroots work groups").click()
    assert page.locator("svg.mindmap-wide").is_visible()
    assert page.get_by_test_id("percent").inner_text() == "0\xa0%"
    assert_accessible(page, "course")

    page.get_by_role("link", name="Start the course").click()
    course = Course.objects.get(slug="paperless-office")
    total = course.lessons.count()
    for n in range(1, total + 1):
        assert (
            page.get_by_role("heading", level=1).inner_text() == course.lessons.get(order=n).title
        )
        if n == 1:
            assert page.locator("blockquote").is_visible()  # the question, posed first
            assert_accessible(page, "lesson")
        page.get_by_role("button", name="Mark as studied").click()
        page.wait_for_load_state()
    # After the last lesson the course page shows the whole course studied.
    assert page.url.endswith(course.get_absolute_url())
    assert page.get_by_test_id("percent").inner_text() == "100\xa0%"
    assert page.locator("svg.mindmap-wide").is_visible()
    assert page.locator("svg.mindmap-wide g.mindmap-node").count() == 1 + 4 + 6
    page.get_by_text("The mind map as a list").click()
    assert page.get_by_test_id("mindmap-list").is_visible()
    assert (
        LessonProgress.objects.filter(user__username="cadre", lesson__course=course).count()
        == total
    )


def test_chinese_interface_on_a_phone_shows_the_chinese_course(demo, phone_page):
    page = phone_page
    log_in(page, "cadre2", "demo-pass-2026")
    page.get_by_role("button", name="简体中文").click()
    page.goto("/courses/paperless-office-zh/")
    assert page.get_by_role("heading", level=1).inner_text() == "无纸化办公与基层工作群"
    assert page.get_by_role("heading", name="分析导图").is_visible()
    narrow = page.locator("svg.mindmap-narrow")
    assert narrow.is_visible() and not page.locator("svg.mindmap-wide").is_visible()
    # Drawn at about 1:1 on the phone: the SVG is no wider than the screen and not shrunk.
    width = narrow.bounding_box()["width"]
    assert 300 <= width <= 375
    assert_accessible(page, "course-zh-phone")
    page.get_by_role("link", name="开始学习").click()
    assert page.get_by_role("heading", level=1).inner_text() == "案例导入：你会怎么做？"
    page.get_by_role("button", name="标记为已学").click()
    assert page.get_by_role("heading", level=1).inner_text() == "1. 点明现象"
    assert_accessible(page, "lesson-zh-phone")
