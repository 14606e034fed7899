"""Journeys: what a cadre answered is what the server holds, whatever the network does."""

import random
import re

import pytest
from playwright.sync_api import expect

from quizzes.models import Answer, Attempt
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVE_URL = re.compile(r"/attempts/\d+/save/$")


def start_the_demo_quiz(page):
    log_in(page, "cadre", "demo-pass-2026")
    page.goto("/courses/paperless-office/")
    page.get_by_role("link", name="Dissolve, merge or keep? Scenario quiz", exact=True).click()
    page.get_by_role("button", name="Start the quiz", exact=True).click()
    expect(page).to_have_url(re.compile(r"/attempts/\d+/$"))
    return Attempt.objects.get(user__username="cadre")


def choice_questions(page, count):
    """The choices (radio buttons or check boxes) of the first `count` questions that have
    them."""
    found = []
    sections = page.locator("section.question")
    for i in range(sections.count()):
        choices = sections.nth(i).locator("input[type=radio], input[type=checkbox]")
        if choices.count() >= 2:
            found.append(choices)
        if len(found) == count:
            break
    return found


def test_twenty_answers_30_ms_apart_over_a_reordering_network_are_all_kept(demo, page):
    attempt = start_the_demo_quiz(page)
    rng = random.Random(7)
    held = []  # the saves in flight, released below in a shuffled order
    page.route(SAVE_URL, lambda route: held.append(route))
    questions = choice_questions(page, 20)
    assert len(questions) == 20
    # Answer each question, then change every answer (a check box question keeps both): 30 ms
    # apart, the pace of a fast clicker (not a wait for anything).
    for radios in questions:
        radios.nth(0).check()
        page.wait_for_timeout(30)
    last = []
    for radios in questions:
        radios.nth(1).check()
        last.append((radios.nth(1).get_attribute("name"), radios.nth(1).get_attribute("value")))
        page.wait_for_timeout(30)
    assert len(held) >= 40
    rng.shuffle(held)  # the network delivers them in any order: older saves land last
    for route in held:
        route.continue_()
    page.unroute(SAVE_URL)
    expect(page.locator("#save-status")).to_have_attribute("data-state", "saved", timeout=30_000)
    page.reload()
    for name, value in last:
        expect(page.locator(f'input[name="{name}"][value="{value}"]')).to_be_checked()
    held = {
        f"q{a.attempt_question_id}": a.selected
        for a in Answer.objects.filter(attempt_question__attempt=attempt)
    }
    for name, value in last:
        question = name.split("_")[0]
        assert value in held[question], (name, value, held[question])


def test_a_failing_network_shows_the_warning_and_the_retry_saves(demo, page):
    attempt = start_the_demo_quiz(page)
    refused = []

    def fail(route):
        refused.append(route.request.url)
        route.abort()

    page.route(SAVE_URL, fail)
    radios = choice_questions(page, 1)[0]
    radios.nth(1).check()
    status = page.locator("#save-status")
    expect(status).to_have_attribute("data-state", "failed")
    expect(status).to_contain_text("Not saved yet")
    assert refused
    assert not any(a.selected for a in Answer.objects.filter(attempt_question__attempt=attempt))
    page.unroute(SAVE_URL)  # the network is back: the next retry goes through
    expect(status).to_have_attribute("data-state", "saved", timeout=20_000)
    expect(status).to_contain_text("Saved at")
    page.reload()
    expect(choice_questions(page, 1)[0].nth(1)).to_be_checked()


def test_a_slow_server_says_saving_until_the_answer_is_stored(demo, page):
    start_the_demo_quiz(page)
    held = []
    page.route(SAVE_URL, lambda route: held.append(route))
    choice_questions(page, 1)[0].nth(0).check()
    status = page.locator("#save-status")
    expect(status).to_have_attribute("data-state", "saving")
    expect(status).to_have_text("Saving…")
    expect(status).not_to_have_attribute("data-state", "saved")
    for route in held:
        route.continue_()  # the server answers at last
    page.unroute(SAVE_URL)
    expect(status).to_have_attribute("data-state", "saved")


def test_a_second_tab_numbers_on_from_the_server_and_its_answer_is_kept(demo, page):
    """Two tabs on one attempt: the second was loaded before the first saved, so its first
    save carries an older number and the server ignores it. The page must not say "saved":
    it takes the server's number and saves again, and the answer on its screen is kept."""
    attempt = start_the_demo_quiz(page)
    second = page.context.new_page()
    second.goto(page.url)  # both tabs loaded at sequence 0
    first_tab = choice_questions(page, 3)
    for choices in first_tab:
        choices.nth(0).check()
    expect(page.locator("#save-status")).to_have_attribute("data-state", "saved")
    attempt.refresh_from_db()
    assert attempt.save_sequence >= 3
    choices = choice_questions(second, 4)[3]
    name, value = choices.nth(1).get_attribute("name"), choices.nth(1).get_attribute("value")
    choices.nth(1).check()
    expect(second.locator("#save-status")).to_have_attribute("data-state", "saved")
    question = int(name.split("_")[0][1:])
    assert value in Answer.objects.get(attempt_question_id=question).selected
    second.close()
