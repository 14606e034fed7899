"""Every page in each persona's navigation, in Chinese and in English, on a phone: it answers,
it is marked with its language, nothing is wider than the screen, and axe finds no serious or
critical accessibility problem. On a desktop: the navbar's line is straight and the site has
its icon."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from courses.models import Course
from people.models import Profile
from quizzes.grading import answer_grade
from quizzes.models import Answer, Attempt, Question, QuestionVersion, Quiz
from quizzes.services import Submitted, attempt_start, attempt_submit
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The footer's language buttons, and the lang attribute each one gives the page.
LANGUAGES = {"zh-Hans": "简体中文", "en": "English"}
COURSES = {"zh-Hans": "paperless-office-zh", "en": "paperless-office"}


def answers_leaving_one_out(attempt: Attempt) -> dict[int, Submitted]:
    """The first option of each group for every question but the first choice question,
    which is left unanswered; a written answer gets a sentence."""
    out = {}
    skipped = False
    for aq in attempt.questions.select_related("version").prefetch_related("version__options"):
        options = list(aq.version.options.all())
        if aq.version.kind == QuestionVersion.Kind.WRITTEN:
            out[aq.pk] = Submitted([], "Decide unit by unit, as the case says.")
        elif not skipped:
            skipped = True
        else:
            groups = sorted({o.group for o in options})
            out[aq.pk] = Submitted([next(o.key for o in options if o.group == g) for g in groups])
    return out


def cadre_attempts(quiz: Quiz) -> dict[str, int]:
    """The demo cadre has no history: give them a graded attempt with an unanswered question
    (the results page, and My progress's tables), and an open one (the attempt and summary
    pages)."""
    users = get_user_model().objects
    cadre, trainer = users.get(username="cadre"), users.get(username="trainer")
    attempt = attempt_start(quiz=quiz, user=cadre)
    attempt = attempt_submit(attempt=attempt, answers=answers_leaving_one_out(attempt))
    written = Answer.objects.filter(
        attempt_question__attempt=attempt, attempt_question__version__kind="written"
    ).select_related("attempt_question__version")
    for answer in written:
        marks = {c.pk: c.points for c in answer.attempt_question.version.rubric.all()}
        attempt = answer_grade(answer=answer, marks=marks, comment="Clear.", grader=trainer)
    assert attempt.status == Attempt.Status.GRADED
    unanswered = Answer.objects.filter(attempt_question__attempt=attempt, selected=[], text="")
    assert unanswered.count() == 1
    open_attempt = attempt_start(quiz=quiz, user=cadre)
    return {"done": attempt.pk, "open": open_attempt.pk}


def pages_for(username: str, language: str) -> list[str]:
    course = Course.objects.get(slug=COURSES[language])
    quiz = Quiz.objects.get(course=course)
    lesson = course.lessons.first()
    common = ["/", "/courses/", "/records/rules/", "/accounts/password/"]
    if username == "trainer":
        question = Question.objects.filter(course=course).first()
        framework = question.current.competencies.first().framework
        return common + [
            "/studio/",
            f"/studio/courses/{course.slug}/",
            f"/studio/courses/{course.slug}/edit/",
            f"/studio/courses/{course.slug}/hours/",
            f"/studio/courses/{course.slug}/assign/",
            f"/studio/courses/{course.slug}/preview/",
            f"/studio/courses/{course.slug}/lessons/{lesson.pk}/",
            f"/studio/questions/{question.pk}/",
            f"/studio/quizzes/{quiz.pk}/",
            f"/studio/quizzes/{quiz.pk}/analysis/",
            f"/studio/quizzes/{quiz.pk}/regrade/",
            "/studio/import/",
            "/studio/grading/",
            "/studio/frameworks/",
            f"/studio/frameworks/{framework.pk}/",
            "/studio/frameworks/new/",
        ]
    if username == "hr":
        person = Profile.objects.get(user__username="cadre-07")
        return common + [
            "/records/",
            "/records/completions/",
            "/records/hours/",
            "/records/people/",
            f"/records/people/{person.pk}/",
            "/records/assignments/",
            "/records/certificates/",
        ]
    attempts = cadre_attempts(quiz)
    return common + [
        "/learning/",
        "/progress/",
        f"/courses/{course.slug}/",
        f"/courses/{course.slug}/outline/",
        f"/courses/{course.slug}/lessons/{lesson.pk}/",
        f"/quizzes/{quiz.pk}/",
        f"/attempts/{attempts['open']}/",
        f"/attempts/{attempts['open']}/summary/",
        f"/attempts/{attempts['done']}/results/",
    ]


def links_in(page, selector: str) -> set[str]:
    return set(page.locator(selector).evaluate_all("links => links.map(a => a.pathname)"))


def text_box(locator) -> dict:
    """Where an element's text is drawn: the box of its contents, whatever its padding."""
    return locator.evaluate(
        "element => { const range = document.createRange(); range.selectNodeContents(element);"
        " const box = range.getBoundingClientRect(); return {top: box.top, bottom: box.bottom}; }"
    )


# Each table header's text: its length and how many lines it is drawn on.
HEADER_LINES = """() => [...document.querySelectorAll('.table-responsive thead th')].map(th => {
    const range = document.createRange(); range.selectNodeContents(th);
    const drawn = [...range.getClientRects()].filter(r => r.width > 1);  // not visually-hidden
    const tops = new Set(drawn.map(r => Math.round(r.top)));
    return [th.textContent.trim(), tops.size];
})"""


def squeezed_headers(page) -> list[str]:
    """Column headers broken about one character per line (a squeezed table in Chinese drew
    "干部人数" as a column of single characters)."""
    return [
        text for text, lines in page.evaluate(HEADER_LINES) if lines > 1 and len(text) < 2 * lines
    ]


def problems_on(page, url: str, lang: str, name: str) -> list[str]:
    response = page.goto(url)
    if response.status != 200:
        return [f"{url}: status {response.status}"]
    found = []
    if page.locator("html").get_attribute("lang") != lang:
        found.append(f"{url}: not marked {lang}")
    # On a phone a page wider than the screen widens the window too (innerWidth grows to fit
    # it, zoomed out), so scrollWidth - innerWidth alone reads 0: measure against the screen.
    overflow = page.evaluate(
        "Math.max(document.documentElement.scrollWidth, window.innerWidth)"
        " - document.documentElement.clientWidth"
    )
    if overflow > 1:
        found.append(f"{url} is {overflow}px wider than the screen")
    if squeezed := squeezed_headers(page):
        found.append(f"{url}: headers about one character per line: {squeezed}")
    try:
        assert_accessible(page, name)
    except AssertionError as error:
        found.append(str(error))
    # Moderate, so assert_accessible lets it pass; but two landmarks of one name leave a
    # screen-reader user unable to tell them apart (it was on /records/assignments/).
    landmarks = Axe().run(page, options={"runOnly": ["landmark-unique"]})
    found += [f"{url}: {v['help']}" for v in landmarks.response["violations"]]
    return found


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("username", ["cadre", "trainer", "hr"])
def test_every_page_fits_a_phone_in_both_languages(demo, phone_page, username, language):
    page = phone_page
    log_in(page, username, "demo-pass-2026")
    page.get_by_role("button", name=LANGUAGES[language], exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    urls = pages_for(username, language)
    # Every area the navigation offers this person (and HR's section tabs) is visited.
    offered = links_in(page, "#main-nav .navbar-nav a")
    if username == "hr":
        page.goto("/records/")
        offered |= links_in(page, "main .nav-tabs a")
    assert offered <= set(urls), f"not visited: {offered - set(urls)}"
    found = []
    for url in urls:
        name = f"{username}-{language}-{url.strip('/').replace('/', '-') or 'home'}"
        found += problems_on(page, url, language, name)
    assert not found, "\n".join(found)


# Each link's own words, its text outside the visually hidden "#1": the lines they are drawn
# on, measured by their client rects as squeezed_headers measures a header.
LINK_LINES = """links => links.map(a => {
    const tops = new Set();
    for (const node of a.childNodes) {
        if (node.nodeType !== Node.TEXT_NODE) continue;
        const range = document.createRange(); range.selectNodeContents(node);
        for (const box of range.getClientRects()) tops.add(Math.round(box.top));
    }
    return [a.textContent.trim(), tops.size];
})"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_attempts_review_and_continue_links_stay_on_one_line_on_a_phone(
    demo, phone_page, language
):
    """On the quiz page at 375 px the attempts table is squeezed: "查看" broke into one
    character per line."""
    page = phone_page
    quiz = Quiz.objects.get(course__slug=COURSES[language])
    cadre_attempts(quiz)  # one graded (Review), one open (Continue)
    log_in(page, "cadre", "demo-pass-2026")
    page.get_by_role("button", name=LANGUAGES[language], exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.goto(f"/quizzes/{quiz.pk}/")
    links = page.get_by_role("link", name=re.compile(r"^(Review|查看|Continue|继续作答) #\d+$"))
    expect(links).to_have_count(2)
    lines = links.evaluate_all(LINK_LINES)
    assert sorted(text.split(" #")[0] for text, _n in lines) == sorted(
        {"en": ["Continue", "Review"], "zh-Hans": ["查看", "继续作答"]}[language]
    )
    assert all(n == 1 for _text, n in lines), lines


def test_desktop_navbar_is_level_and_the_site_has_an_icon(demo, page):
    # Anonymous first: browsers ask for /favicon.ico on the login page too.
    icon = page.request.get("/favicon.ico", max_redirects=0)
    assert icon.status == 301
    icon = page.request.get("/favicon.ico")
    assert icon.ok and icon.headers["content-type"].startswith("image/")
    log_in(page, "hr", "demo-pass-2026")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/records/")
    linked = page.locator('link[rel="icon"]')
    expect(linked).to_have_count(1)
    assert page.request.get(linked.get_attribute("href")).ok
    nav = page.locator("#main-nav")
    user = text_box(page.get_by_test_id("current-user"))
    for item in (
        nav.get_by_role("link", name="Records", exact=True),
        nav.get_by_role("link", name="Change password", exact=True),
        nav.get_by_role("button", name="Log out", exact=True),
    ):
        box = text_box(item)
        # The words themselves on one line, within two pixels, not just the boxes around them.
        assert abs(user["top"] - box["top"]) <= 2, (user, box)
        assert abs(user["bottom"] - box["bottom"]) <= 2, (user, box)
