"""Journey: a demo cadre with a year of history reads My progress; `cadre` sees what is due."""

import pytest

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
    assert page.get_by_role("heading", level=1).inner_text() == "My progress"

    chart = page.get_by_role("img", name="Mastery per competency over time, 0 to 100 %")
    assert chart.is_visible()
    assert page.locator("svg.mastery-chart polyline").count() == 5  # every competency
    assert page.locator("svg.mastery-chart circle").count() >= 5
    assert page.locator(".chart-legend li").count() == 5

    rows = page.get_by_test_id("mastery-history").locator("tbody tr")
    assert rows.count() == page.locator("svg.mastery-chart circle").count()
    mastery = page.get_by_test_id("current-mastery")
    assert mastery.count() == 5
    # The table's current mastery is the last point of each line.
    last = rows.nth(rows.count() - 1).locator("td").nth(2).inner_text()
    assert last == mastery.nth(4).inner_text()
    assert page.get_by_test_id("ledger-table").get_by_text("Completed").first.is_visible()
    assert_accessible(page, "my-progress")

    page.emulate_media(media="print")
    assert not page.get_by_role("navigation").is_visible()
    assert chart.is_visible()


def test_cadre_sees_the_overdue_course_first_on_my_learning(demo, page):
    log_in(page, "cadre", "demo-pass-2026")
    page.get_by_role("link", name="My learning", exact=True).click()
    banner = page.get_by_test_id("due-banner")
    assert banner.is_visible()
    assert "无纸化办公与基层工作群" in banner.get_by_test_id("due-overdue").inner_text()
    first = page.get_by_test_id("assignment").first
    assert "Overdue" in first.get_by_test_id("assignment-status").inner_text()
    assert_accessible(page, "my-learning-assigned")

    page.get_by_role("link", name="My progress", exact=True).click()
    assert page.get_by_test_id("no-attempts").is_visible()
    assert_accessible(page, "my-progress-empty")
