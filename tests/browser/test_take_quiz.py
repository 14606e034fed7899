"""Journey: `cadre` takes the demo quiz, saves, reloads, finishes, and reads the results."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from quizzes.models import Attempt, Quiz
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVE_URL = re.compile(r"/attempts/\d+/save/$")
WRITTEN = "Both aims are good; decide unit by unit."


def autosave_of(name: str, value: str):
    """Matches the autosave response whose form carries `name=value`: the save one change
    sent, not an earlier one still on its way."""

    def matches(response) -> bool:
        request = response.request
        return (
            request.method == "POST"
            and request.resource_type == "fetch"
            and bool(SAVE_URL.search(request.url))
            and f'name="{name}"\r\n\r\n{value}\r\n' in (request.post_data or "")
        )

    return matches


def open_the_demo_quiz(page) -> None:
    page.goto("/courses/paperless-office/")
    page.get_by_role("link", name="Dissolve, merge or keep? Scenario quiz", exact=True).click()
    expect(page.get_by_role("button", name="Start the quiz", exact=True)).to_be_visible()


def test_cadre_takes_the_demo_quiz_end_to_end(demo, page):
    log_in(page, "cadre", "demo-pass-2026")
    open_the_demo_quiz(page)
    assert_accessible(page, "quiz")
    page.get_by_role("button", name="Start the quiz", exact=True).click()
    expect(page).to_have_url(re.compile(r"/attempts/\d+/$"))
    html = page.content()
    assert "is_correct" not in html and "Groups in units whose main work" not in html
    assert_accessible(page, "attempt")

    questions = page.locator("section.question")
    total = questions.count()
    assert total >= 15
    attempt = Attempt.objects.get(user__username="cadre")
    first_question = attempt.questions.get(order=1)

    # Save saves: with every autosave refused, choose an answer, press Save and reload.
    refused = []

    def refuse_autosave(route):
        if route.request.resource_type == "fetch":
            refused.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route(SAVE_URL, refuse_autosave)
    first_radio = questions.nth(0).get_by_role("radio").first
    first_radio.check()
    page.get_by_role("button", name="Save answers", exact=True).click()
    expect(page.get_by_text("Your answers are saved.", exact=True)).to_be_visible()
    page.unroute(SAVE_URL)
    assert refused, "the change did not try to autosave"
    first_question.answer.refresh_from_db()
    assert first_question.answer.selected  # written by Save alone
    page.reload()
    expect(page.locator("section.question").nth(0).get_by_role("radio").first).to_be_checked()

    # Answer the rest, the first choice of every group: each change autosaves on its own.
    written = []
    for i in range(1, total):
        question = page.locator("section.question").nth(i)
        if question.locator("textarea").count():
            written.append(question.locator("textarea"))
            continue
        radios = question.get_by_role("radio")
        names = sorted({radios.nth(k).get_attribute("name") for k in range(radios.count())})
        choices = [question.locator(f'input[name="{name}"]').first for name in names]
        options = question.locator("input[type=checkbox]:not(.quiz-flag)")  # not the flag
        if options.count():
            choices.append(options.first)
        for choice in choices:
            with page.expect_response(
                autosave_of(choice.get_attribute("name"), choice.get_attribute("value"))
            ):
                choice.check()
    saved = attempt.questions.exclude(answer__selected=[]).count()
    assert saved == total - len(written)  # every choice is on the server before Submit
    # Written answers autosave a moment after the typing stops.
    for textarea in written:
        with page.expect_response(autosave_of(textarea.get_attribute("name"), WRITTEN)):
            textarea.fill(WRITTEN)

    page.get_by_role("button", name="Finish attempt…", exact=True).click()
    expect(page).to_have_url(re.compile(r"/summary/$"))
    page.get_by_role("button", name="Submit and finish", exact=True).click()
    expect(page).to_have_url(re.compile(r"/results/$"))
    attempt.refresh_from_db()
    assert not attempt.is_open
    expect(page.get_by_test_id("score")).to_have_text(f"{attempt.percent:.0f}\xa0%")
    expect(page.get_by_test_id("outcome")).to_be_visible()
    expect(page.get_by_test_id("competencies").locator("tbody tr")).to_have_count(5)
    # Attempt 1 of 3: the review teaches without handing out the answer key.
    expect(page.get_by_test_id("full-review-note")).to_be_visible()
    expect(page.locator(".key-points")).to_have_count(0)  # no feedback on the choices
    assert "✓" not in page.content() and "✗" not in page.content()
    expect(page.get_by_role("link", name="Read again:").first).to_be_visible()
    assert_accessible(page, "results")


def test_the_timer_submits_at_the_deadline_with_the_saved_answer(demo, page):
    Quiz.objects.filter(course__slug="paperless-office").update(time_limit_minutes=30)
    log_in(page, "cadre", "demo-pass-2026")
    open_the_demo_quiz(page)
    page.get_by_role("button", name="Start the quiz", exact=True).click()
    expect(page).to_have_url(re.compile(r"/attempts/\d+/$"))
    expect(page.get_by_role("timer")).to_be_visible()
    # Screen readers are told the time at set moments, not every second.
    expect(page.locator("#timer-announce")).to_have_text("")

    # The first question answered rightly, in every group it has; each choice autosaves.
    attempt = Attempt.objects.get(user__username="cadre")
    first = attempt.questions.select_related("version").get(order=1)
    section = page.locator("section.question").first
    for option in first.version.options.filter(is_correct=True):
        radio = section.get_by_role("radio", name=option.text, exact=True)
        with page.expect_response(autosave_of(radio.get_attribute("name"), option.key)):
            radio.check()
    expect(page.locator("#save-status")).to_contain_text("Saved at")

    # Move the server's deadline to four seconds from now and reload: the page's timer runs
    # out and submits by itself.
    deadline = timezone.now() + timedelta(seconds=4)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=deadline)
    page.reload()
    expect(page.get_by_role("timer")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/results/$"), timeout=15_000)

    attempt.refresh_from_db()
    assert not attempt.is_open
    # Submitted by the page's timer when it ran out, not by the server closing it later.
    assert abs(attempt.submitted_at - deadline) < timedelta(seconds=3)
    assert not attempt.closed_by_server
    answer = first.answer
    assert sorted(answer.selected) == sorted(
        first.version.options.filter(is_correct=True).values_list("key", flat=True)
    )
    assert answer.score == first.points  # the saved answer was scored, and scored right
    assert attempt.percent > 0
    expect(page.get_by_test_id("score")).to_have_text(f"{attempt.percent:.0f}\xa0%")
