"""Journey on a phone: the trainer sees what a course will credit before publishing it, then
changes its declared hours with a reason; the trail shows on the course page."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from courses.models import HoursChange
from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_trainer_publishes_with_the_credit_in_view_and_changes_the_hours(
    phone_page, make_course, tom
):
    course = make_course("long-read", lessons=2, minutes=20, status="draft", study_hours=Decimal(2))
    course.owner = tom.user
    course.save()
    page = phone_page
    log_in(page, tom.user.username, PASSWORD)
    page.goto(f"/studio/courses/{course.slug}/")
    page.get_by_role("link", name="Publish…", exact=True).click()
    expect(page.get_by_test_id("over-declared")).to_have_text(
        "This course declares 2 h; its content supports 0.5 h; it will credit 0.5 h."
    )
    expect(page.get_by_test_id("no-test")).to_be_visible()
    assert_accessible(page, "publish-confirm")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_test_id("course-status")).to_have_text("Published")

    page.get_by_role("link", name="Change study hours", exact=True).click()
    page.get_by_label("New study hours").fill("0.5")
    page.get_by_role("button", name="Show what it would credit", exact=True).click()
    expect(page.get_by_test_id("proposed").get_by_test_id("credit-credited")).to_have_text("0.5 h")
    assert not HoursChange.objects.exists()
    page.get_by_label("Reason for the change").fill("Declare what the reading supports")
    assert_accessible(page, "hours-change")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("button", name="Change the hours", exact=True).click()
    trail = page.get_by_test_id("hours-trail")
    expect(trail).to_contain_text("2 → 0.5")
    expect(trail).to_contain_text("Declare what the reading supports")
    assert_accessible(page, "course-with-trail")
