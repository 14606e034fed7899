"""Journey: the demo cadre finishes the demo course, opens her certificate in English and in
Chinese, downloads its PDF in each language, and its verification address says "valid"."""

import io
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from certificates.models import Certificate
from courses.models import Course
from quizzes.grading import answer_grade
from quizzes.models import Answer
from quizzes.services import Submitted, attempt_start, attempt_submit
from tests.browser.conftest import assert_accessible, log_in
from tests.helpers import study

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-pass-2026"


def finish_the_demo_course(username: str) -> Certificate:
    """Through the services, as the site records it: every lesson studied, the quiz answered
    right, the written answer graded in full by the course's trainer; the last grade completes
    the course, which issues the certificate."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    course = Course.objects.get(slug="paperless-office-zh")  # the original; English translates it
    for lesson in course.lessons.order_by("order"):
        study(user, lesson)
    quiz = course.quizzes.get(is_published=True)
    attempt = attempt_start(quiz=quiz, user=user)
    answers = {}
    for aq in attempt.questions.select_related("version").prefetch_related("version__options"):
        if aq.version.kind == "written":
            answers[aq.pk] = Submitted([], "按单位实际分析，不搞一刀切。")
        else:
            answers[aq.pk] = Submitted([o.key for o in aq.version.options.all() if o.is_correct])
    attempt = attempt_submit(attempt=attempt, answers=answers)
    for answer in Answer.objects.filter(
        attempt_question__attempt=attempt, attempt_question__version__kind="written"
    ).select_related("attempt_question__version"):
        marks = {c.pk: c.points for c in answer.attempt_question.version.rubric.all()}
        answer_grade(answer=answer, marks=marks, comment="", grader=course.owner)
    return Certificate.objects.get(user=user)


def pdf_text(download) -> str:
    with open(download.path(), "rb") as file:
        data = file.read()
    assert data.startswith(b"%PDF") and len(data) < 500 * 1024
    return re.sub(r"\s+", "", PdfReader(io.BytesIO(data)).pages[0].extract_text())


def test_the_cadre_gets_opens_downloads_and_verifies_her_certificate(demo, page):
    certificate = finish_the_demo_course("cadre")
    log_in(page, "cadre", PASSWORD)
    page.get_by_role("link", name="My progress", exact=True).click()
    page.get_by_test_id("my-certificates").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My certificates")
    page.get_by_role("link", name="Paperless office and grassroots work groups").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Certificate of completion")
    expect(page.get_by_test_id("certificate-name")).to_have_text("王建国")
    expect(page.get_by_test_id("certificate-institution")).to_have_text(
        "Party School of the CPC Qingshan County Committee"
    )
    expect(page.get_by_test_id("certificate-statement")).to_contain_text("0.75 study hours")
    expect(page.get_by_test_id("certificate-code")).to_have_text(certificate.code)
    expect(page.locator("svg.certificate-qr")).to_be_visible()
    expect(page.locator("img.certificate-seal")).to_be_visible()
    assert_accessible(page, "certificate-en")
    with page.expect_download() as english:
        page.get_by_test_id("certificate-pdf").click()
    assert english.value.suggested_filename == f"certificate-{certificate.code}-en.pdf"
    text = pdf_text(english.value)
    assert "Certificateofcompletion" in text and "王建国" in text and certificate.code in text
    assert "Paperlessofficeandgrassrootsworkgroups" in text  # the English version's title

    page.get_by_role("button", name="简体中文", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.get_by_test_id("certificate-institution")).to_have_text("中共青山县委党校")
    expect(page.get_by_test_id("certificate-statement")).to_contain_text("无纸化办公与基层工作群")
    assert_accessible(page, "certificate-zh")
    with page.expect_download() as chinese:
        page.get_by_test_id("certificate-pdf").click()
    assert chinese.value.suggested_filename == f"certificate-{certificate.code}-zh-hans.pdf"
    text = pdf_text(chinese.value)
    for words in ("王建国", "无纸化办公与基层工作群", "中共青山县委党校", "学时"):
        assert words in text, words

    # Anyone, signed out, checks the code at the address the QR code holds.
    page.context.clear_cookies()
    page.goto(reverse("certificates:verify", args=[certificate.code]))
    expect(page.get_by_test_id("verify-status")).to_contain_text("Valid")
    expect(page.get_by_test_id("verify-facts")).to_contain_text("王建国")
    assert_accessible(page, "verify")


def test_hr_asks_for_a_towns_certificates_as_a_zip_and_downloads_it(demo, page):
    """The township officer asks for the ZIP, watches its page (which reloads itself) while the
    worker builds it, and downloads it: one PDF per valid certificate of the town, in the
    language asked for, and the list of them all."""
    import csv
    import zipfile

    from certificates.archives import build
    from certificates.models import CertificateArchive
    from certificates.services import certificates_for
    from people.models import Profile

    officer = Profile.objects.get(user__username="hr-town")
    expected = {c.code for c in certificates_for(officer.hr_roots)}
    assert expected  # the demo's history holds some
    log_in(page, "hr-town", PASSWORD)
    page.get_by_role("link", name="Records", exact=True).click()
    page.get_by_role("link", name="Certificates", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Certificates as a ZIP")
    assert_accessible(page, "archives")
    page.get_by_label("Language of the certificates").select_option("zh-hans")
    page.get_by_role("button", name="Build the ZIP").click()
    expect(page.get_by_test_id("archive-status")).to_have_text("Waiting for the task worker")

    archive = CertificateArchive.objects.get()
    build(archive.pk)  # what the task worker does
    # No reload by the test: the page's own refresh brings the result.
    download_link = page.get_by_test_id("archive-download")
    expect(download_link).to_be_visible()
    expect(page.get_by_test_id("archive-status")).to_have_text("Ready to download")
    assert_accessible(page, "archive-ready")
    with page.expect_download() as download:
        download_link.click()
    assert download.value.suggested_filename.startswith("certificates-")
    with zipfile.ZipFile(download.value.path()) as zf:
        index = zf.read("index.csv").decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(index)))
        assert {row["verification_code"] for row in rows} == expected
        first = zf.read(rows[0]["file"])
    text = re.sub(r"\s+", "", PdfReader(io.BytesIO(first)).pages[0].extract_text())
    assert "结业证书" in text and rows[0]["name"] in text

    page.get_by_role("button", name="简体中文", exact=True).click()
    expect(page.get_by_test_id("archive-status")).to_have_text("可以下载")
    page.get_by_role("link", name="你申请的全部压缩包").click()
    expect(page.get_by_test_id("archives-table")).to_contain_text("可以下载")
