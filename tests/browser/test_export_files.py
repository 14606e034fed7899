"""Journey: the county officer wants the completion table in Excel, but the county is too long
to build while they wait. The XLSX button leads to a page that asks the task worker for it;
its page follows the build by itself and offers the file when ready, on a phone, in both
languages. The file holds the rows the CSV of the same table holds."""

import csv
import io

import openpyxl
import pytest
from playwright.sync_api import expect

from records.export_files import build
from records.models import ExportFile
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-pass-2026"


def test_hr_asks_the_worker_for_a_long_xlsx_and_downloads_it(demo, phone_page, settings):
    settings.EXPORT_DIRECT_CADRES = 1  # the demo county counts as long
    page = phone_page
    log_in(page, "hr", PASSWORD)
    page.goto("/records/")  # on a phone the navigation is folded away
    page.get_by_role("link", name="Completion table", exact=True).click()
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="CSV (completion table)").click()
    with open(csv_download.value.path(), encoding="utf-8-sig") as f:
        csv_rows = list(csv.reader(f))

    page.get_by_role("link", name="Excel (XLSX) (completion table)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Completion table as an Excel file")
    expect(page.get_by_test_id("export-ask-size")).to_contain_text("cadres")
    assert_accessible(page, "export-ask")
    assert not ExportFile.objects.exists()  # following the link queues nothing
    page.get_by_role("button", name="Build the Excel file").click()
    expect(page.get_by_test_id("export-file-status")).to_have_text("Waiting for the task worker")

    build(ExportFile.objects.get().pk)  # what the task worker does
    # No reload by the test: the page's own refresh brings the result.
    link = page.get_by_test_id("export-file-download")
    expect(link).to_be_visible()
    assert_accessible(page, "export-ready")
    assert (
        page.evaluate(
            "Math.max(document.documentElement.scrollWidth, window.innerWidth)"
            " - document.documentElement.clientWidth"
        )
        <= 1
    )  # no wider than the screen
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.startswith("completions-")
    book = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    xlsx_rows = [
        ["" if v is None else str(v) for v in row]
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
    ]
    assert len(xlsx_rows) == len(csv_rows) > 1
    assert [row[0] for row in xlsx_rows] == [row[0] for row in csv_rows]  # same people, same order

    page.get_by_role("button", name="简体中文", exact=True).click()
    expect(page.get_by_test_id("export-file-status")).to_have_text("可以下载")
    expect(page.get_by_test_id("export-file-download")).to_have_text("下载 Excel 文件")
