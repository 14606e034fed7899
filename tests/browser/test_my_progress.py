"""Journey: a demo cadre with a year of history reads My progress; `cadre` sees what is due."""

import pytest
from playwright.sync_api import expect

from quizzes.models import Attempt
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_cadre_with_history_reads_the_chart_and_the_table(demo, page):
    username = (
        Attempt.objects.filter(passed=True, user__profile__is_leader=True)
        .order_by("user__username")
        .values_list("user__username", flat=True)
        .first()
    )
    log_in(page, username, "demo-pass-2026")
    page.get_by_role("link", name="My progress", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My progress")

    # The chart's name is its title and its description, which sums the data up.
    chart = page.get_by_role("img", name="Mastery per competency over time, 0 to 100 %")
    expect(chart).to_be_visible()
    expect(page.locator("svg.mastery-chart polyline")).to_have_count(5)  # every competency
    assert page.locator("svg.mastery-chart circle").count() >= 5
    expect(page.locator(".chart-legend li")).to_have_count(5)

    rows = page.get_by_test_id("mastery-history").locator("tbody tr")
    expect(rows).to_have_count(page.locator("svg.mastery-chart circle").count())
    mastery = page.get_by_test_id("current-mastery")
    expect(mastery).to_have_count(5)
    # The table's current mastery is the last point of each line.
    last = rows.nth(rows.count() - 1).locator("td").nth(2).inner_text()
    assert last == mastery.nth(4).inner_text()
    expect(page.get_by_test_id("ledger-table").get_by_text("Completed").first).to_be_visible()
    assert_accessible(page, "my-progress")

    navigation = page.get_by_role("navigation", name="Main navigation", include_hidden=True)
    expect(navigation).to_be_visible()
    page.emulate_media(media="print")
    expect(navigation).to_be_hidden()
    expect(chart).to_be_visible()


def test_cadre_sees_the_overdue_course_first_on_my_learning(demo, page):
    log_in(page, "cadre", "demo-pass-2026")
    page.get_by_role("link", name="My learning", exact=True).click()
    banner = page.get_by_test_id("due-banner")
    expect(banner).to_be_visible()
    expect(banner.get_by_test_id("due-overdue")).to_contain_text("无纸化办公与基层工作群")
    first = page.get_by_test_id("assignment").first
    expect(first.get_by_test_id("assignment-status")).to_contain_text("Overdue")
    assert_accessible(page, "my-learning-assigned")

    page.get_by_role("link", name="My progress", exact=True).click()
    expect(page.get_by_test_id("no-attempts")).to_be_visible()
    assert_accessible(page, "my-progress-empty")
