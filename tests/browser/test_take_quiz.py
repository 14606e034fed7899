"""Journey: `cadre` takes the demo quiz, saves, reloads, finishes, and reads the results."""

import pytest

from quizzes.models import Attempt
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_cadre_takes_the_demo_quiz_end_to_end(demo, page):
    log_in(page, "cadre", "demo-pass-2026")
    page.goto("/courses/paperless-office/")
    page.get_by_role("link", name="Dissolve, merge or keep? Scenario quiz").click()
    assert_accessible(page, "quiz")
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_url("**/attempts/*/")
    html = page.content()
    assert "is_correct" not in html and "Groups in units whose main work" not in html
    assert_accessible(page, "attempt")

    questions = page.locator("section.question")
    total = questions.count()
    assert total >= 15
    # Answer the first question, save with the button, and reload: the answer is still there.
    first = questions.nth(0)
    first.get_by_role("radio").first.check()
    page.get_by_role("button", name="Save answers").click()
    page.wait_for_load_state()
    page.reload()
    assert page.locator("section.question").nth(0).get_by_role("radio").first.is_checked()

    # Answer the rest: the first choice of every group; write the written answers. Autosave
    # sends each change to the server as it happens.
    for i in range(1, total):
        question = page.locator("section.question").nth(i)
        radios = question.get_by_role("radio")
        if radios.count():
            names = {radios.nth(k).get_attribute("name") for k in range(radios.count())}
            for name in sorted(names):
                question.locator(f'input[name="{name}"]').first.check()
        boxes = question.get_by_role("checkbox")
        if boxes.count():
            boxes.first.check()
        if question.locator("textarea").count():
            question.locator("textarea").fill("Both aims are good; decide unit by unit.")
    page.wait_for_timeout(2000)  # let the last autosave land
    attempt = Attempt.objects.get(user__username="cadre")
    saved = attempt.questions.exclude(answer__selected=[]).count()
    assert saved >= total - 2  # everything but the written answers has a saved choice

    page.get_by_role("button", name="Submit for grading").click()
    page.wait_for_url("**/results/")
    attempt.refresh_from_db()
    assert not attempt.is_open
    assert page.get_by_test_id("score").inner_text() == f"{attempt.percent:.0f}\xa0%"
    assert page.get_by_test_id("outcome").is_visible()
    assert page.get_by_test_id("competencies").locator("tbody tr").count() == 5
    assert page.locator(".key-points").count() >= total - 2  # feedback on the choices
    assert page.get_by_role("link", name="Read again:").first.is_visible()
    assert_accessible(page, "results")


def test_the_timer_submits_when_time_runs_out(demo, page):
    from datetime import timedelta

    from django.utils import timezone

    from quizzes.models import Quiz

    Quiz.objects.filter(course__slug="paperless-office").update(time_limit_minutes=30)
    log_in(page, "cadre", "demo-pass-2026")
    page.goto("/courses/paperless-office/")
    page.get_by_role("link", name="Dissolve, merge or keep? Scenario quiz").click()
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_url("**/attempts/*/")
    assert page.get_by_role("timer").is_visible()
    # Screen readers are told the time at set moments, not every second.
    assert page.locator("#timer-announce").inner_text() == ""
    page.locator("section.question").first.get_by_role("radio").first.check()
    page.locator("#save-status").filter(has_text="Saved at").wait_for()  # autosaved
    # Move the server's deadline to four seconds from now and reload.
    Attempt.objects.filter(user__username="cadre").update(
        deadline=timezone.now() + timedelta(seconds=4)
    )
    page.reload()
    page.wait_for_url("**/results/", timeout=15_000)
    attempt = Attempt.objects.get(user__username="cadre")
    assert not attempt.is_open
    assert attempt.questions.get(order=1).answer.selected  # the saved answer was graded
