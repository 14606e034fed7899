"""Printing: a lesson, a course, its outline and mind map, a transcript, My progress and the HR
dashboard print as documents someone would file (issue 13). Chromium prints them: the page in
print media (`emulate_media`) for what shows, and `page.pdf()` read back with pypdf for where the
pages break and what the page margins say."""

import io
import re
import unicodedata

import pytest
from django.db.models import Count, Q
from playwright.sync_api import expect

from courses.models import Course
from people.models import Profile
from quizzes.models import Attempt, Quiz
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-pass-2026"

# Every heading the reader can see, in print, with nothing visible under it in its section.
EMPTY_HEADINGS = """() => [...document.querySelectorAll(
    'main h1, main h2, main h3, main h4, main h5, main h6')]
  .filter(h => h.getClientRects().length)
  .filter(h => {
    const box = h.closest('section, article') || h.parentElement;
    return !box.innerText.replace(h.innerText, '').trim();
  })
  .map(h => h.innerText)"""


def pdf_pages(page, **options) -> list[str]:
    """The text of each page of the PDF Chromium prints of `page`."""
    from pypdf import PdfReader  # the test extra (pyproject.toml)

    reader = PdfReader(io.BytesIO(page.pdf(**options)))
    return [sheet.extract_text() for sheet in reader.pages]


def squeeze(text: str) -> str:
    """Text without its white space: a cell's words wrap differently on paper."""
    return re.sub(r"\s+", "", text)


def read_back(pages: list[str]) -> list[str]:
    """Each printed page's text (`pdf_pages`), squeezed, and with the Kangxi radicals pypdf
    reads for some Chinese characters whose glyph the font shares (⽆ for 无) read as those
    characters (NFKC)."""
    return [unicodedata.normalize("NFKC", squeeze(text)) for text in pages]


def on_paper(words: str) -> str:
    """A pattern for `words` on one of `read_back`'s sheets: pypdf reads a few more characters as
    a radical of the CJK Radicals Supplement (⻘ for 青), which nothing maps back, so one of
    those stands for any character."""
    return "".join(f"(?:{re.escape(c)}|[\u2e80-\u2eff])" for c in squeeze(words))


def graded_leader() -> Profile:
    """A demo cadre with graded answers, so the transcript's mastery table has rows."""
    return (
        Profile.objects.annotate(
            graded=Count("user__attempts", filter=Q(user__attempts__status="graded"))
        )
        .filter(graded__gt=0)
        .order_by("-graded", "user__username")
        .first()
    )


# The footer's language buttons; the demo's course in each language; the words print shows.
LANGUAGES = {"en": "English", "zh-Hans": "简体中文"}
COURSES = {"en": "paperless-office", "zh-Hans": "paperless-office-zh"}
WORDS = {
    "en": {
        "lesson line": "Course: {title} · Lesson 1 of {total}",
        "mind map": "Mind map of the analysis",
        "as a list": "The mind map as a list",
        "mastery": "Competency mastery",
        "mastery header": "Current mastery",
    },
    "zh-Hans": {
        "lesson line": "课程：{title} · 第 1 课时，共 {total} 课时",
        "mind map": "分析导图",
        "as a list": "导图的列表形式",
        "mastery": "能力维度掌握程度",
        "mastery header": "当前掌握程度",
    },
}


def switch_to(page, language: str) -> None:
    """The footer's language button, as a person would press it."""
    page.get_by_role("button", name=LANGUAGES[language], exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_printed_lesson_names_its_course(demo, page, language):
    course = Course.objects.get(slug=COURSES[language])
    lesson = course.lessons.order_by("order").first()
    log_in(page, "cadre", PASSWORD)
    switch_to(page, language)
    page.goto(lesson.get_absolute_url())
    line = page.get_by_test_id("print-course")
    expect(line).to_be_hidden()  # on screen the breadcrumb says it
    # A Django {# #} comment over two lines printed itself at the top of every lesson.
    expect(page.locator("main")).not_to_contain_text("{#")

    page.emulate_media(media="print")
    expect(
        page.get_by_role("navigation", name=re.compile("^(Breadcrumb|导航路径)$"))
    ).to_be_hidden()
    expect(line).to_be_visible()
    words = WORDS[language]["lesson line"]
    expect(line).to_have_text(words.format(title=course.title, total=course.lessons.count()))
    assert page.evaluate(EMPTY_HEADINGS) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_mind_map_prints_with_its_heading_and_without_the_list_toggle(demo, page, language):
    course = Course.objects.get(slug=COURSES[language])
    words = WORDS[language]
    log_in(page, "cadre", PASSWORD)
    switch_to(page, language)
    page.goto(f"/courses/{course.slug}/outline/")
    toggle = page.locator("summary", has_text=words["as a list"])
    expect(toggle).to_be_visible()

    page.emulate_media(media="print")
    expect(toggle).to_be_hidden()
    expect(page.get_by_test_id("mindmap-list")).to_be_hidden()
    expect(page.locator("svg.mindmap-wide")).to_be_visible()
    assert page.evaluate(EMPTY_HEADINGS) == []

    # On paper: the heading is on the page its map starts on, and no control is printed.
    printed = read_back(pdf_pages(page, format="A4"))
    heading = on_paper(words["mind map"])
    with_heading = [i for i, text in enumerate(printed) if re.search(heading, text)]
    assert len(with_heading) == 1, printed
    root = on_paper(squeeze(course.mindmap_tree()["question"])[:6])  # its first box's start
    assert re.search(f"{heading}.*{root}", printed[with_heading[0]]), printed[with_heading[0]]
    assert not any(re.search(on_paper(words["as a list"]), text) for text in printed)


def test_the_course_page_prints_its_quiz_and_no_empty_heading(demo, page):
    course = Course.objects.get(slug="paperless-office")
    quiz = course.quizzes.get(is_published=True)
    log_in(page, "cadre", PASSWORD)
    page.goto(course.get_absolute_url())
    page.emulate_media(media="print")
    # Paper hides buttons; the quiz link is one, and left the "Quiz" heading empty.
    section = page.locator("section", has=page.get_by_role("heading", name="Quiz", exact=True))
    expect(section).to_contain_text(quiz.title)
    expect(section.get_by_text(quiz.title)).to_be_visible()
    assert page.evaluate(EMPTY_HEADINGS) == []


def test_a_course_without_a_quiz_has_no_quiz_heading_on_screen_or_paper(demo, page):
    course = Course.objects.get(slug="paperless-office")
    Quiz.objects.filter(course=course).update(is_published=False)
    log_in(page, "cadre", PASSWORD)
    for path in (course.get_absolute_url(), f"/courses/{course.slug}/outline/"):
        page.emulate_media(media="screen")
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_have_text(course.title)
        expect(page.get_by_role("heading", name="Quiz", exact=True)).to_have_count(0)
        page.emulate_media(media="print")
        expect(page.get_by_role("heading", name="Quiz", exact=True)).to_have_count(0)
        assert page.evaluate(EMPTY_HEADINGS) == [], path


def test_a_printed_transcript_has_its_institution_repeated_headers_and_page_numbers(
    demo, page, settings
):
    settings.INSTITUTION_NAME = "青山县委组织部"
    person = graded_leader()
    log_in(page, "hr", PASSWORD)
    page.goto(f"/records/people/{person.pk}/")
    heading = page.get_by_test_id("print-header")
    expect(heading).to_be_hidden()

    page.emulate_media(media="print")
    expect(heading).to_be_visible()
    expect(heading).to_have_text("青山县委组织部")
    mastery = page.get_by_test_id("mastery")
    expect(mastery.locator("tbody tr").first).to_be_visible()
    header = mastery.locator("thead")
    assert header.evaluate("e => getComputedStyle(e).display") == "table-header-group"
    row = mastery.locator("tbody tr").first
    assert row.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    assert page.evaluate(EMPTY_HEADINGS) == []

    # Every page is numbered "n / total" in its margin.
    pages = pdf_pages(page, format="A4")
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert re.search(rf"(?<!\d){number}\s*/\s*{len(pages)}(?!\d)", text), (number, text)

    # Printed on paper of every height from 8 to 29 cm: the section's heading is on the page its
    # table starts on, and the table's header is on every page with its rows and on no page
    # without one (Chromium left it alone at a page's foot at some heights).
    labels = [squeeze(text) for text in mastery.locator("tbody th").all_inner_texts()]
    runs_over = False
    for height in range(8, 30):
        sheets = [squeeze(text) for text in pdf_pages(page, width="14cm", height=f"{height}cm")]
        title = {i for i, text in enumerate(sheets) if "Competencymastery" in text}
        rows = {i for i, text in enumerate(sheets) if any(label in text for label in labels)}
        header = {i for i, text in enumerate(sheets) if "Currentmastery" in text}
        assert title and title <= rows, (height, title, rows)
        assert header == rows, (height, header, rows)
        runs_over = runs_over or len(rows) > 1
    assert runs_over  # some height did break the table, so the header did have to repeat


def test_a_printed_transcript_in_chinese_has_its_heading_its_table_and_page_numbers(
    demo, page, settings
):
    settings.INSTITUTION_NAME = "青山县委组织部"
    person = graded_leader()
    words = WORDS["zh-Hans"]
    log_in(page, "hr", PASSWORD)
    switch_to(page, "zh-Hans")
    page.goto(f"/records/people/{person.pk}/")
    heading = page.get_by_test_id("print-header")
    expect(heading).to_be_hidden()

    page.emulate_media(media="print")
    expect(heading).to_be_visible()
    expect(heading).to_have_text("青山县委组织部")
    expect(page.get_by_role("heading", name=words["mastery"], exact=True)).to_be_visible()
    mastery = page.get_by_test_id("mastery")
    expect(mastery.locator("thead")).to_contain_text(words["mastery header"])
    expect(mastery.locator("tbody tr").first).to_be_visible()
    assert page.evaluate(EMPTY_HEADINGS) == []

    # On A4: every page numbered "n / total"; the mastery heading on the page its table starts
    # on, and the table's header on each page with its rows.
    pages = pdf_pages(page, format="A4")
    for number, text in enumerate(pages, start=1):
        assert re.search(rf"(?<!\d){number}\s*/\s*{len(pages)}(?!\d)", text), (number, text)
    printed = read_back(pages)
    assert re.search(on_paper("青山县委组织部"), printed[0]), printed[0]

    def on(words: str) -> set[int]:
        return {i for i, text in enumerate(printed) if re.search(on_paper(words), text)}

    labels = mastery.locator("tbody th").all_inner_texts()
    rows = set().union(*(on(label) for label in labels))
    assert on(words["mastery"]) and on(words["mastery"]) <= rows, (on(words["mastery"]), rows)
    assert rows <= on(words["mastery header"]), (on(words["mastery header"]), rows)


def test_my_progress_prints_whose_record_it_is_under_the_site_name(demo, page):
    username = (
        Attempt.objects.filter(status="graded")
        .order_by("user__username")
        .values_list("user__username", flat=True)
        .first()
    )
    profile = Profile.objects.get(user__username=username)
    log_in(page, username, PASSWORD)
    page.goto("/progress/")
    heading = page.get_by_test_id("print-header")
    expect(heading).to_be_hidden()
    page.emulate_media(media="print")
    # No INSTITUTION_NAME: the site's own name heads the page.
    expect(heading.locator(".print-institution")).to_have_text("Cadre Training")
    expect(heading).to_contain_text(profile.full_name)
    expect(heading).to_contain_text("Printed on")
    assert page.evaluate(EMPTY_HEADINGS) == []


def test_heatmap_cells_print_their_level_in_words(demo, page):
    log_in(page, "hr", PASSWORD)
    page.goto("/records/")
    cell = page.get_by_test_id("heatmap").locator("td:has(.heat-word)").first
    word = cell.locator(".heat-word")
    assert word.bounding_box()["width"] <= 1  # on screen, for screen readers only
    page.emulate_media(media="print")
    # A black-and-white copy loses the colours: the level prints beside the number.
    assert word.bounding_box()["width"] > 5
    assert re.fullmatch(r"\d+ \((weak|fair|good)\)", cell.inner_text().strip())
