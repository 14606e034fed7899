"""Journey: `cadre` studies the demo course from start to finish."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import Course, LessonProgress
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def no_minimum(settings):
    """Journeys click through at once: no share of the reading time to wait (the minimum is
    tested with a clock moved by argument, tests/courses/test_study_time.py)."""
    settings.STUDY_MINIMUM_SHARE = 0


def test_cadre_studies_every_lesson_and_reaches_100_percent(demo, page, no_minimum):
    log_in(page, "cadre", "demo-pass-2026")
    page.get_by_role("link", name="My learning", exact=True).click()
    assert_accessible(page, "my-learning")
    page.get_by_role("link", name="Paperless office and grassroots work groups", exact=True).click()
    expect(page.locator("svg.mindmap-wide")).to_be_visible()
    expect(page.get_by_test_id("percent")).to_have_text("0\xa0%")
    assert_accessible(page, "course")

    page.get_by_role("link", name="Start the course", exact=True).click()
    course = Course.objects.get(slug="paperless-office")
    total = course.lessons.count()
    for n in range(1, total + 1):
        title = course.lessons.get(order=n).title
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        if n == 1:
            expect(page.locator("blockquote")).to_be_visible()  # the question, posed first
            assert_accessible(page, "lesson")
        page.get_by_role("button", name="Mark as studied", exact=True).click()
    # After the last lesson the course page shows the whole course studied.
    expect(page).to_have_url(re.compile(re.escape(course.get_absolute_url()) + "$"))
    expect(page.get_by_test_id("percent")).to_have_text("100\xa0%")
    expect(page.locator("svg.mindmap-wide")).to_be_visible()
    # The question, 4 parts, the core sentences of parts 1-3 and 6 sub-points.
    expect(page.locator("svg.mindmap-wide g.mindmap-node")).to_have_count(1 + 4 + 3 + 6)
    page.get_by_text("The mind map as a list", exact=True).click()
    expect(page.get_by_test_id("mindmap-list")).to_be_visible()
    assert (
        LessonProgress.objects.filter(user__username="cadre", lesson__course=course).count()
        == total
    )


def test_chinese_interface_on_a_phone_shows_the_chinese_course(demo, phone_page, no_minimum):
    page = phone_page
    log_in(page, "cadre2", "demo-pass-2026")
    page.get_by_role("button", name="简体中文", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    page.goto("/courses/paperless-office-zh/")
    expect(page.get_by_role("heading", level=1)).to_have_text("无纸化办公与基层工作群")
    expect(page.get_by_role("heading", name="分析导图", exact=True)).to_be_visible()
    narrow = page.locator("svg.mindmap-narrow")
    expect(narrow).to_be_visible()
    expect(page.locator("svg.mindmap-wide")).to_be_hidden()
    # Drawn at about 1:1 on the phone: the SVG is no wider than the screen and not shrunk.
    width = narrow.bounding_box()["width"]
    assert 300 <= width <= 375
    assert_accessible(page, "course-zh-phone")
    page.get_by_role("link", name="开始学习", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("案例导入：你会怎么做？")
    page.get_by_role("button", name="标记为已学", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("点明现象")
    assert_accessible(page, "lesson-zh-phone")
