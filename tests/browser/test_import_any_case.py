"""Journey: `trainer` imports a case on another topic from a Word file, names it, and a cadre reads
its whole mind map on a phone."""

import io

import docx
import pytest
from playwright.sync_api import expect

from courses.models import Course
from tests.browser.conftest import assert_accessible, log_in
from tests.courses.cases import PHOTOS_ZH

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def word_file(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_trainer_imports_a_word_case_and_a_cadre_reads_all_of_its_map(demo, page, phone_page):
    log_in(page, "trainer", "demo-pass-2026")
    page.goto("/studio/import/")
    page.get_by_label("Study hours", exact=False).fill("1")
    page.locator("input[type=file]").set_input_files(
        files=[
            {
                "name": "拍照打卡.docx",
                "mimeType": "application/vnd.openxmlformats-officedocument"
                ".wordprocessingml.document",
                "buffer": word_file(PHOTOS_ZH),
            }
        ]
    )
    page.get_by_role("button", name="Check the case", exact=True).click()
    expect(page.get_by_test_id("read-as")).to_have_text("Read from a Word document")
    expect(page.get_by_test_id("parsed-parts").locator(":scope > li")).to_have_count(4)
    title = page.get_by_label("Course title")
    expect(title).to_have_value("某乡镇要求村干部每完成一项工作都要拍照上传到政务App")
    expect(page.get_by_test_id("address")).to_contain_text("/courses/mou-xiang-zhen-yao-qiu")
    assert_accessible(page, "import-preview")
    title.fill("拍照打卡与基层减负")
    page.get_by_role("button", name="Create the draft course", exact=True).click()
    expect(page.get_by_role("heading", name="拍照打卡与基层减负", exact=True)).to_be_visible()

    course = Course.objects.get(title="拍照打卡与基层减负")
    assert course.slug == "pai-zhao-da-ka-yu-ji-ceng-jian-fu"
    assert "工作群" not in " ".join(course.lessons.values_list("body_md", flat=True))
    course.status = Course.Status.PUBLISHED
    course.save()

    log_in(phone_page, "cadre", "demo-pass-2026")
    phone_page.goto(course.get_absolute_url())
    narrow = phone_page.locator("svg.mindmap-narrow")
    expect(narrow).to_be_visible()
    assert narrow.bounding_box()["width"] <= 375
    # Every sub-point is in the map, whole: the last countermeasure's measure is not lost.
    whole = course.outline["parts"][3]["points"][3]
    expect(narrow.locator("g.mindmap-node title", has_text=whole)).to_have_count(1)
    leaves = narrow.locator("g.mindmap-node.leaf")
    expect(leaves).to_have_count(
        sum(len(p["points"]) + bool(p["core"]) for p in course.outline["parts"])
    )
    assert_accessible(phone_page, "course-imported-phone")
