"""Journey: `trainer` turns a new case into a published course with a quiz; `cadre` finds it."""

import pytest
from playwright.sync_api import expect

from courses.models import Course
from tests.browser.conftest import assert_accessible, log_in
from tests.courses.cases import VILLAGE_ZH

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def add_single_choice(page, course_title):
    page.get_by_role("link", name="New single choice", exact=True).click()
    page.get_by_label("Short title").fill("Quota")
    page.get_by_label("Question (Markdown)").fill(
        "The county orders every village to halve its groups."
    )
    page.get_by_label("Policy understanding").check()
    page.get_by_label("Option 1", exact=True).fill("Halve them")
    page.locator("#id_option_0_feedback").fill("No quota fits every unit.")
    page.get_by_label("Option 2", exact=True).fill("Decide unit by unit")
    page.locator("#id_option_1_correct").check()
    page.locator("#id_option_1_feedback").fill("Analyse each unit's work.")
    page.get_by_role("button", name="Save question", exact=True).click()
    expect(page.get_by_role("heading", name=course_title, exact=True)).to_be_visible()


def add_decision(page, course_title):
    page.get_by_role("link", name="New scenario decision", exact=True).click()
    page.get_by_label("Short title").fill("Village flood group")
    page.get_by_label("Question (Markdown)").fill("A village warns residents of floods in a group.")
    page.get_by_label("Kind of unit described").select_option("village")
    page.get_by_label("Serving the public").check()
    # The case's own decisions, written by the trainer; the third is right.
    for i, (text, feedback) in enumerate(
        [
            ("Dissolve the group", "Residents lose warnings."),
            ("Merge it with the town's", "Different needs."),
            ("Keep it and set rules", "Public-facing work."),
        ]
    ):
        page.get_by_label(f"Decision {i + 1}", exact=True).fill(text)
        page.locator(f"#id_decision_{i}_feedback").fill(feedback)
    page.locator("#id_decision_2_correct").check()
    page.locator("#id_reason_0_text").fill("Residents rely on it for warnings")
    page.locator("#id_reason_0_correct").check()
    page.locator("#id_reason_0_feedback").fill("Right.")
    page.locator("#id_reason_1_text").fill("The county set a quota")
    page.locator("#id_reason_1_feedback").fill("A quota fits no unit.")
    page.get_by_role("button", name="Save question", exact=True).click()
    expect(page.get_by_role("heading", name=course_title, exact=True)).to_be_visible()


def test_trainer_imports_edits_adds_questions_publishes_and_cadre_sees_it(
    demo, browser, live_server
):
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, "trainer", "demo-pass-2026")
    page.get_by_role("link", name="Studio", exact=True).click()
    assert_accessible(page, "studio-home")
    page.get_by_role("link", name="Import a case", exact=True).click()
    page.get_by_label("Case text", exact=True).fill(VILLAGE_ZH)
    page.get_by_label("Course title", exact=True).fill("村级工作群清理")
    page.get_by_role("button", name="Check the case", exact=True).click()
    expect(page.get_by_test_id("parsed-parts").locator("> li")).to_have_count(6)
    expect(page.locator("svg.mindmap-wide")).to_be_visible()
    assert not Course.objects.filter(title="村级工作群清理").exists()  # nothing saved yet
    assert_accessible(page, "import-preview")
    page.get_by_role("button", name="Create the draft course", exact=True).click()
    expect(page.get_by_role("heading", name="村级工作群清理", exact=True)).to_be_visible()
    course = Course.objects.get(title="村级工作群清理")
    assert course.lessons.count() == 7 and course.status == "draft"
    assert_accessible(page, "studio-course")

    # Edit a lesson: the live preview renders as the trainer types.
    page.get_by_role("link", name="Edit 点明现象", exact=True).click()
    body = page.get_by_label("Content (Markdown)", exact=True)
    body.fill("## 现象\n\n**一刀切**解散工作群，群众办事找不到人。<script>alert(1)</script>")
    preview = page.get_by_test_id("live-preview")
    expect(preview.locator("strong")).to_have_text("一刀切")
    expect(preview.locator("script")).to_have_count(0)
    assert "<script" not in preview.inner_html()
    assert_accessible(page, "lesson-editor")
    page.get_by_role("button", name="Save lesson", exact=True).click()
    expect(page.get_by_role("heading", name="村级工作群清理", exact=True)).to_be_visible()

    add_single_choice(page, "村级工作群清理")
    add_decision(page, "村级工作群清理")
    page.get_by_role("link", name="New quiz", exact=True).click()
    page.get_by_role("textbox", name="Title*", exact=True).fill("村级工作群测验")
    page.get_by_label("Published", exact=True).check()
    page.get_by_label("Quota (Single choice)", exact=True).check()
    page.get_by_label("Village flood group (Scenario decision)", exact=True).check()
    page.get_by_role("button", name="Save quiz", exact=True).click()
    page.get_by_role("link", name="Publish…", exact=True).click()
    expect(page.get_by_test_id("credit-credited")).to_be_visible()  # what it will credit
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_test_id("course-status")).to_have_text("Published")
    context.close()

    # The cadre finds the new course and its quiz.
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    page = context.new_page()
    log_in(page, "cadre", "demo-pass-2026")
    page.get_by_role("link", name="My learning", exact=True).click()
    page.get_by_role("link", name="村级工作群清理", exact=True).click()
    expect(page.get_by_role("link", name="村级工作群测验", exact=True)).to_be_visible()
    page.get_by_role("link", name="点明现象", exact=True).click()
    expect(page.locator(".lesson-body strong")).to_have_text("一刀切")
    context.close()


def test_the_live_preview_pauses_when_the_server_refuses_more(demo, page, settings):
    """Past PREVIEW_RATE the preview keeps what it showed, says it is paused, and saving the
    lesson still works."""
    settings.PREVIEW_RATE = "1/d"  # the page's first preview is the only one served
    course = Course.objects.filter(owner__username="trainer").order_by("pk").first()
    lesson = course.lessons.order_by("order").first()
    log_in(page, "trainer", "demo-pass-2026")
    page.goto(f"/studio/courses/{course.slug}/lessons/{lesson.pk}/")
    preview = page.get_by_test_id("live-preview")
    shown = preview.inner_text()
    page.get_by_label("Content (Markdown)", exact=True).fill("**Refused text**")
    expect(page.get_by_test_id("preview-status")).to_contain_text("Preview paused")
    expect(preview.locator("strong", has_text="Refused text")).to_have_count(0)
    assert preview.inner_text() == shown
    page.get_by_role("button", name="Save lesson", exact=True).click()
    expect(page.get_by_role("heading", name=course.title, exact=True)).to_be_visible()
    lesson.refresh_from_db()
    assert lesson.body_md == "**Refused text**"
