"""Journey: an hour cannot be earned faster than its lessons can be read, and HR sees why
each hour was credited. The clock is never slept on: "time passes" by moving the cadre's
first opening back in the database (tests/helpers.py), as if she had read for that long."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import LessonProgress
from quizzes.models import Quiz
from records.models import CompletionRecord
from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import PASSWORD
from tests.helpers import opened, study
from tests.quizzes.conftest import single

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def course(make_course, competencies, settings):
    settings.READING_WORDS_PER_MINUTE = 100  # each lesson: about 2 minutes to read
    course = make_course("evidence", lessons=2, minutes=4, title="Reading evidence")
    quiz = Quiz.objects.create(
        course=course, title="Check", is_published=True, shuffle_options=False
    )
    quiz.slots.create(order=0, question=single(course, [competencies["policy"]]))
    return course


def test_studied_waits_for_the_reading_and_the_transcript_says_why(course, page, alice, hr_county):
    first, second = course.lessons.order_by("order")
    log_in(page, alice.user.username, PASSWORD)
    page.goto(first.get_absolute_url())
    expect(page.get_by_text(re.compile(r"About \d+ minutes to read"))).to_be_visible()
    expect(page.get_by_test_id("studied-from")).to_be_visible()
    page.get_by_role("button", name="Mark as studied", exact=True).click()
    expect(page.locator(".alert-danger")).to_contain_text(
        re.compile(r"You can mark it studied in \d+ minutes?\.")
    )
    assert not LessonProgress.objects.exists()
    assert_accessible(page, "lesson-too-soon")

    opened(alice.user, first)  # she has read it for its whole reading time
    page.reload()
    page.get_by_role("button", name="Mark as studied", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(second.title)
    # Lesson 2 was just opened: marking it at once is refused too.
    page.get_by_role("button", name="Mark as studied", exact=True).click()
    expect(page.locator(".alert-danger")).to_contain_text("You can mark it studied in")
    study(alice.user, second)  # read it for as long, then marked

    page.goto(Quiz.objects.get().get_absolute_url())
    page.get_by_role("button", name="Start the quiz", exact=True).click()
    page.get_by_label("Decide unit by unit").check()
    page.get_by_role("button", name="Finish attempt…", exact=True).click()
    page.get_by_role("button", name="Submit and finish", exact=True).click()
    expect(page.get_by_test_id("outcome")).to_have_text("Passed")
    line = CompletionRecord.objects.get(user=alice.user)
    assert str(line.hours) == "0.75"  # under 15 minutes of reading: 0.25 h, plus the test 0.5 h

    page.context.clear_cookies()
    log_in(page, hr_county.user.username, PASSWORD)
    page.goto(f"/records/people/{alice.pk}/")
    evidence = page.get_by_test_id("credit-lessons").first
    expect(evidence).to_contain_text("first opened")
    expect(evidence).to_contain_text(second.title)
    expect(page.get_by_test_id("credit-attempt").first).to_contain_text("Passed “Check”, attempt 1")
    expect(page.get_by_test_id("credit-rule").first).to_contain_text("0.25 h")
