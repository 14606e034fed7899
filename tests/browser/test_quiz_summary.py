"""Journeys: flag a question, finish, read the summary, go back by the navigator, submit."""

import re

import pytest
from playwright.sync_api import expect

from quizzes.models import Answer, Attempt, Quiz
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVE_URL = re.compile(r"/attempts/\d+/save/$")


def autosave_of(name: str, value: str):
    """The autosave response whose form carried `name=value`."""

    def matches(response) -> bool:
        request = response.request
        return (
            request.method == "POST"
            and request.resource_type == "fetch"
            and bool(SAVE_URL.search(request.url))
            and f'name="{name}"\r\n\r\n{value}\r\n' in (request.post_data or "")
        )

    return matches


def start_the_demo_quiz(page):
    log_in(page, "cadre", "demo-pass-2026")
    page.goto("/courses/paperless-office/")
    page.get_by_role("link", name="Dissolve, merge or keep? Scenario quiz", exact=True).click()
    page.get_by_role("button", name="Start the quiz", exact=True).click()
    expect(page).to_have_url(re.compile(r"/attempts/\d+/$"))
    return Attempt.objects.get(user__username="cadre")


def question(page, n: int):
    return page.locator(f"section.question#q-{n}")


def nav_item(page, n: int):
    return page.get_by_role("navigation", name="Question navigator").locator(
        f'[data-nav-for="{n}"]'
    )


def answer_fully(page, n: int) -> None:
    """The first choice of every group the question has (its text, if written); each change
    autosaves, and each save is awaited so that nothing is in flight when the page is left."""
    section = question(page, n)
    if section.locator("textarea").count():
        textarea = section.locator("textarea")
        with page.expect_response(autosave_of(textarea.get_attribute("name"), "My view.")):
            textarea.fill("My view.")
            textarea.blur()
        return
    inputs = section.locator("input[type=radio], input[type=checkbox]:not(.quiz-flag)")
    names = []
    for i in range(inputs.count()):
        name = inputs.nth(i).get_attribute("name")
        if name not in names:
            names.append(name)
    for name in names:
        choice = section.locator(f'input[name="{name}"]').first
        with page.expect_response(autosave_of(name, choice.get_attribute("value"))):
            choice.check()


def flag(page, n: int) -> None:
    box = question(page, n).get_by_label("Flag this question", exact=True)
    with page.expect_response(autosave_of(box.get_attribute("name"), "on")):
        box.check()


def test_flag_finish_go_back_by_the_navigator_and_submit(demo, page):
    attempt = start_the_demo_quiz(page)
    total = page.locator("section.question").count()
    assert total >= 15
    # On load every question is unanswered, by a mark and its name, not by colour alone.
    expect(nav_item(page, 1)).to_have_attribute("data-answered", "false")
    expect(nav_item(page, 1)).to_have_attribute("aria-label", "Question 1: not answered")

    answer_fully(page, 1)
    answer_fully(page, 2)
    flag(page, 3)
    # The navigator follows what is on the screen as the cadre answers.
    expect(nav_item(page, 1)).to_have_attribute("data-answered", "true")
    expect(nav_item(page, 1)).to_have_attribute("aria-label", "Question 1: answered")
    expect(nav_item(page, 3)).to_have_attribute("data-flagged", "true")
    expect(nav_item(page, 3)).to_have_attribute("aria-label", "Question 3: not answered, flagged")
    expect(nav_item(page, 3).locator(".quiz-nav-flag")).to_be_visible()
    expect(nav_item(page, 4).locator(".quiz-nav-mark")).to_be_hidden()
    # The navigator jumps to a question.
    nav_item(page, 12).click()
    expect(page).to_have_url(re.compile(r"#q-12$"))
    expect(question(page, 12)).to_be_in_viewport()
    assert_accessible(page, "attempt-navigator")

    page.get_by_role("button", name="Finish attempt…", exact=True).click()
    expect(page).to_have_url(re.compile(r"/attempts/\d+/summary/$"))
    expect(page.get_by_test_id("answered-count")).to_have_text("2")
    expect(page.get_by_test_id("unanswered-count")).to_have_text(str(total - 2))
    expect(page.get_by_test_id("flagged-count")).to_have_text("1")
    expect(page.locator("#submit-warning")).to_contain_text(
        f"Once you submit you cannot change your answers. {total - 2} questions are not answered"
    )
    row = page.locator('tr[data-question="3"]')
    expect(row).to_contain_text("Not answered")
    expect(row).to_contain_text("Flagged")
    assert not Attempt.objects.get(pk=attempt.pk).submitted_at  # finishing submitted nothing
    assert_accessible(page, "summary")

    # Back to the flagged question from the summary, answer it, finish again.
    row.get_by_role("link", name="Question 3", exact=True).click()
    expect(page).to_have_url(re.compile(r"/attempts/\d+/#q-3$"))
    expect(question(page, 3)).to_be_in_viewport()
    # The server's state on load: answered, and the flag kept.
    expect(nav_item(page, 1)).to_have_attribute("data-answered", "true")
    expect(question(page, 3).get_by_label("Flag this question", exact=True)).to_be_checked()
    answer_fully(page, 3)
    expect(nav_item(page, 3)).to_have_attribute("aria-label", "Question 3: answered, flagged")
    page.get_by_role("button", name="Finish attempt…", exact=True).click()
    expect(page.get_by_test_id("answered-count")).to_have_text("3")
    expect(page.get_by_test_id("unanswered-count")).to_have_text(str(total - 3))
    expect(page.locator('tr[data-question="3"]')).to_contain_text("Answered")

    page.get_by_role("button", name="Submit and finish", exact=True).click()
    expect(page).to_have_url(re.compile(r"/attempts/\d+/results/$"))
    attempt.refresh_from_db()
    assert not attempt.is_open and not attempt.closed_by_server
    answers = Answer.objects.filter(attempt_question__attempt=attempt)
    held = {a.attempt_question.order: a for a in answers.select_related("attempt_question")}
    assert all(held[n].selected or held[n].text for n in (1, 2, 3))  # submitted as held
    assert [n for n, a in held.items() if a.flagged] == [3]


def test_a_timed_summary_keeps_the_countdown_in_view_on_a_phone(demo, phone_page):
    page = phone_page
    Quiz.objects.filter(course__slug="paperless-office").update(time_limit_minutes=30)
    start_the_demo_quiz(page)
    # The navigator wraps at 375 px: nothing scrolls sideways.
    expect(page.get_by_role("navigation", name="Question navigator")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    flag(page, 2)
    page.get_by_role("button", name="Finish attempt…", exact=True).click()
    expect(page).to_have_url(re.compile(r"/summary/$"))
    expect(page.get_by_test_id("flagged-count")).to_have_text("1")
    submit = page.get_by_role("button", name="Submit and finish", exact=True)
    submit.scroll_into_view_if_needed()
    expect(submit).to_be_in_viewport()
    expect(page.get_by_role("timer")).to_be_in_viewport()  # sticky: scrolled with the page
    expect(page.get_by_role("timer")).to_have_text(re.compile(r"^(29|30):\d\d$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(page, "summary-phone")
