"""Journey: think first, then compare. On a phone, in Chinese, `cadre2` writes an answer to the
seed case on its overview before reading the analysis (saved as written, still there after a
reload), studies the lessons, sees which points of the analysis the answer made, writes a
revised answer and watches the coverage rise; the trainer then sees which points cadres most
often miss, and no cadre's words."""

import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from courses import own_answers
from courses.models import Course, OwnAnswerVersion
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DATA = Path(__file__).resolve().parents[2] / "benchmarks/coverage/data"
FIRST = "我觉得工作群太多了，应该解散一些。"


@pytest.fixture
def no_minimum(settings):
    settings.STUDY_MINIMUM_SHARE = 0


def model_answer() -> str:
    """A hand-written answer to the seed case that makes most of its points (the labelled set's
    first model answer)."""
    answers = json.loads((DATA / "answers-paperless-zh.json").read_text(encoding="utf-8"))
    return next(a["text"] for a in answers if a["style"] == "model")


def test_cadre_answers_first_then_compares_and_the_coverage_rises(demo, phone_page, no_minimum):
    page = phone_page
    log_in(page, "cadre2", "demo-pass-2026")
    page.get_by_role("button", name="简体中文", exact=True).click()
    course = Course.objects.get(slug="paperless-office-zh")
    overview = course.lessons.get(case_part=0)
    page.goto(overview.get_absolute_url())

    # Think first: the answer box on the overview, before any analysis is read.
    box = page.get_by_test_id("own-answer-text")
    expect(box).to_be_visible()
    expect(page.get_by_test_id("compare-link")).to_contain_text("学完所有课时后")
    box.fill(FIRST)
    box.blur()  # leaving the field saves at once
    expect(page.locator("#own-answer-status")).to_contain_text("已保存于")
    page.reload()
    expect(page.get_by_test_id("own-answer-text")).to_have_value(FIRST)
    assert_accessible(page, "own-answer")

    # Study every lesson, from the overview on.
    for lesson in course.lessons.order_by("order"):
        page.goto(lesson.get_absolute_url())
        page.get_by_role("button", name="标记为已学", exact=True).click()
        expect(page.get_by_test_id("studied").or_(page.get_by_test_id("percent"))).to_be_visible()

    # Compare: each point marked, the first answer's coverage shown.
    page.goto(overview.get_absolute_url())
    page.get_by_role("link", name="将你的回答与参考解析对照").click()
    table = page.get_by_test_id("compare-points")
    expect(table).to_be_visible()
    expect(page.get_by_test_id("first-share")).to_contain_text("个要点中答到")
    assert_accessible(page, "compare")
    overflow = page.evaluate(
        "Math.max(document.documentElement.scrollWidth, window.innerWidth)"
        " - document.documentElement.clientWidth"
    )
    assert overflow <= 1  # fits the phone
    # Each point's sentence has the phone's width (in a table it was squeezed to a few
    # characters a line beside its marks, and the page ran to 5,500 px).
    point = table.locator("li p").first.bounding_box()
    assert point["width"] > 300, point
    cadre2 = get_user_model().objects.get(username="cadre2")
    first = own_answers.compare(cadre2, course).first.covered

    # Revise: a new version, the first kept as it was.
    page.get_by_role("button", name="写修改后的回答").click()
    box = page.get_by_test_id("own-answer-text")
    expect(box).to_have_value(FIRST)
    box.fill(model_answer())
    box.blur()
    expect(page.locator("#own-answer-status")).to_contain_text("已保存于")
    page.reload()
    expect(page.get_by_test_id("latest-share")).to_be_visible()
    expect(page.locator("[data-testid=highlighted] mark").first).to_be_visible()
    # The demo's history holds other cadres' answers: only cadre2's are hers.
    versions = list(OwnAnswerVersion.objects.filter(answer__user=cadre2).order_by("number"))
    assert [v.number for v in versions] == [1, 2] and versions[0].text == FIRST
    comparison = own_answers.compare(cadre2, course)
    assert comparison.latest.covered > first and comparison.moved > 0
    # A point still missing links to the lesson that teaches it.
    missing = [row for row in comparison.rows if row.latest.mark != "covered" and row.lesson]
    if missing:
        expect(page.get_by_role("link", name=f"重温：{missing[0].lesson.title}")).to_be_visible()


def test_the_trainer_sees_the_points_most_often_missed_and_no_ones_words(demo, page):
    course = Course.objects.get(slug="paperless-office-zh")
    users = get_user_model().objects.filter(username__in=["cadre", "cadre2"])
    for user in users:
        own_answers.save(user=user, course=course, text=FIRST, sequence=1)
    log_in(page, "trainer", "demo-pass-2026")
    page.goto(f"/studio/courses/{course.slug}/points/")
    table = page.get_by_test_id("think-first-missed")
    expect(table).to_be_visible()
    # The demo's history holds more first answers; the counts are over all of them.
    total = own_answers.points_missed(course).total
    assert total >= own_answers.MIN_ANSWERS
    expect(table.locator("tbody tr").first).to_contain_text(f"of {total}")
    assert FIRST not in page.content()
    assert_accessible(page, "points")
