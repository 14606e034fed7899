"""CSV and XLSX exports of the completion table and the hours ledger."""

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from records.exports import safe_cell
from records.models import Assignment, CompletionRecord
from tests.conftest import make_person

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)
SHANGHAI = ZoneInfo("Asia/Shanghai")
DANGEROUS = [
    '=HYPERLINK("http://evil.example","x")',
    "+1",
    "-2",
    "@x",
    " =1+1",  # a leading space
    "＝1+1",  # fullwidth equals sign
    "\u200b=1+1",  # zero-width space
    "\ufeff+1",  # byte order mark
    "\u202e=1+1",  # right-to-left override
    "\u3000＠x",  # ideographic space, fullwidth commercial at
    "\t=1",
    "\r=1",
]


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """Pin "today" so due dates are past or future whatever day the suite runs."""
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return TODAY


@pytest.fixture
def records(units, alice, bob, make_course):
    alice.staff_number = "QS-0001"
    alice.save(update_fields=["staff_number"])
    policy = make_course("policy", lessons=1, study_hours=Decimal("2.5"), title="Policy")
    Assignment.objects.create(
        course=policy, unit=units["county"], kind="required", due_date=dt.date(2026, 3, 1)
    )
    CompletionRecord.objects.create(
        user=alice.user,
        course=policy,
        kind="completed",
        year=2026,
        hours=Decimal("2.5"),
        occurred_at=dt.datetime(2026, 2, 1, 10, tzinfo=SHANGHAI),
    )
    return {"policy": policy}


def export(client, table, fmt, **params):
    return client.get(reverse("records:export", args=[table, fmt]), params)


def csv_rows(response) -> list[list[str]]:
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark for Excel
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[tuple]:
    content = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return list(sheet.iter_rows(values_only=True))


def by_name(rows) -> dict:
    return {row[0]: row for row in rows[1:]}


# --- CSV ------------------------------------------------------------------------------------


def test_completions_csv_is_streamed_with_text_dates_and_numbers(login, hr_county, records):
    response = export(login(hr_county), "completions", "csv")
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="completions-2026.csv"'
    rows = csv_rows(response)
    assert rows[0][:4] == ["Name", "Staff number", "Unit", "Rank"]
    alice, bob = by_name(rows)["Alice"], by_name(rows)["Bob"]
    assert alice == [
        "Alice",
        "QS-0001",
        "Riverside Community",
        "Section member (科员)",
        "Yes",
        "Policy",
        "Required",
        "2026-03-01",
        "Completed",
        "2026-02-01",
        "2.5",
        "",  # certificate code and status (certificates adds them): no institution here
        "",
    ]
    assert bob[1] == "" and bob[8] == "Overdue" and bob[9] == "" and bob[10] == "0"


def test_ledger_csv(login, hr_county, records):
    response = export(login(hr_county), "ledger", "csv", year=2026)
    assert response["Content-Disposition"] == 'attachment; filename="ledger-2026.csv"'
    rows = csv_rows(response)
    assert rows[0][5:] == [
        "Year",
        "Required hours earned",
        "Elective hours earned",
        "Total hours",
        "Required hours needed",
        "Total hours needed",
        "Requirement met",
    ]
    assert by_name(rows)["Alice"][1] == "QS-0001"
    assert by_name(rows)["Alice"][5:] == ["2026", "2.5", "0", "2.5", "30", "50", "No"]


def test_chinese_names_survive(login, hr_county, records, units):
    make_person("wang", units["riverside"], is_cadre=True, full_name="王建国")
    rows = csv_rows(export(login(hr_county), "completions", "csv"))
    assert "王建国" in by_name(rows)


# --- XLSX -----------------------------------------------------------------------------------


def test_completions_xlsx_has_real_numbers_and_dates(login, hr_county, records):
    response = export(login(hr_county), "completions", "xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="completions-2026.xlsx"'
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    rows = xlsx_rows(response)
    assert rows[0][0] == "Name"
    alice = by_name(rows)["Alice"]
    assert alice[1] == "QS-0001"
    assert alice[7] == dt.datetime(2026, 3, 1)  # a date cell (openpyxl reads it as datetime)
    assert alice[9] == dt.datetime(2026, 2, 1)
    assert isinstance(alice[10], float) and alice[10] == 2.5
    assert by_name(rows)["Bob"][9] is None


def test_xlsx_date_cells_are_formatted_as_iso_dates(login, hr_county, records):
    content = b"".join(export(login(hr_county), "completions", "xlsx").streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    due = next(row[7] for row in sheet.iter_rows(min_row=2) if row[0].value == "Alice")
    assert due.is_date and due.number_format == "yyyy-mm-dd"


def test_ledger_xlsx_numbers(login, hr_county, records):
    rows = xlsx_rows(export(login(hr_county), "ledger", "xlsx"))
    alice = by_name(rows)["Alice"]
    assert alice[5] == 2026
    assert [alice[i] for i in range(6, 11)] == [2.5, 0, 2.5, 30, 50]
    assert all(isinstance(alice[i], int | float) for i in range(5, 11))


# --- Filters and scope ----------------------------------------------------------------------


def test_exports_respect_the_filters(login, hr_county, records, units):
    client = login(hr_county)
    overdue = by_name(csv_rows(export(client, "completions", "csv", status="overdue")))
    assert set(overdue) == {"Bob"}
    west = by_name(xlsx_rows(export(client, "ledger", "xlsx", unit=units["west"].pk)))
    assert set(west) == {"Bob"}
    assert set(by_name(csv_rows(export(client, "completions", "csv", q="ali")))) == {"Alice"}
    response = export(client, "completions", "csv", year=2027)
    assert response["Content-Disposition"] == 'attachment; filename="completions-2027.csv"'
    assert csv_rows(response)[1:] == []


def test_town_officer_exports_nothing_from_another_township(login, hr_town, records, units):
    client = login(hr_town)
    for table in ("completions", "ledger"):
        assert set(by_name(csv_rows(export(client, table, "csv")))) == {"Alice"}
        assert set(by_name(xlsx_rows(export(client, table, "xlsx")))) == {"Alice"}
    response = export(client, "completions", "csv", unit=units["west"].pk)
    assert response.status_code == 400
    assert b"Bob" not in response.content


def test_cadres_and_trainers_are_refused(login, alice, tom, records):
    assert export(login(alice), "completions", "csv").status_code == 403
    assert export(login(tom), "ledger", "xlsx").status_code == 403


def test_unknown_table_or_format_is_not_found(login, hr_county):
    client = login(hr_county)
    assert export(client, "people", "csv").status_code == 404
    assert export(client, "ledger", "pdf").status_code == 404


def test_the_export_reads_cadres_chunk_by_chunk(login, hr_county, records, units, monkeypatch):
    """Each chunk of cadres fetches its own ledger lines; every chunk's rows still come out."""
    monkeypatch.setattr("records.reports.base.EXPORT_CHUNK", 2)
    for i in range(5):
        make_person(f"extra{i}", units["hill"], is_cadre=True, full_name=f"Extra {i}")
    client = login(hr_county)
    with CaptureQueriesContext(connection) as queries:
        names = [row[0] for row in csv_rows(export(client, "completions", "csv"))[1:]]
    assert len(names) == 7 and set(names) >= {"Alice", "Bob", "Extra 4"}
    ledger_reads = [q for q in queries if 'FROM "records_completionrecord"' in q["sql"]]
    assert len(ledger_reads) == 4  # 7 cadres, 2 at a time


def test_the_csv_header_goes_before_any_cadre_is_read(login, hr_county, records, monkeypatch):
    """The first piece sent is the header alone, written without a query, so the download
    starts (and a proxy sees its first byte) however long the table; then a small first chunk
    of cadres, so the first rows follow at once."""
    from records.reports import tables

    monkeypatch.setattr(tables, "FIRST_CHUNK", 1)
    response = export(login(hr_county), "completions", "csv")
    pieces = iter(response.streaming_content)
    with CaptureQueriesContext(connection) as before_header:
        header = next(pieces)
    assert header.decode("utf-8-sig").startswith("Name,Staff number,Unit")
    assert header.count(b"\n") == 1 and len(before_header) == 0
    with CaptureQueriesContext(connection) as queries:
        rest = b"".join(pieces)
    assert rest.count(b"\n") == 2  # alice and bob
    ledger_reads = [q for q in queries if 'FROM "records_completionrecord"' in q["sql"]]
    assert len(ledger_reads) == 2  # the first chunk holds one cadre, the next the rest


# --- Formula injection ----------------------------------------------------------------------


def test_safe_cell_neutralises_formula_starts_only_in_text():
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("\tx") == "'\tx" and safe_cell("\rx") == "'\rx"
    for sly in DANGEROUS:
        assert safe_cell(sly) == "'" + sly, repr(sly)
    assert safe_cell("王建国") == "王建国" and safe_cell("a=b") == "a=b"
    assert safe_cell(" 王建国") == " 王建国" and safe_cell("\u200b") == "\u200b"
    assert safe_cell(Decimal("-2")) == Decimal("-2") and safe_cell(None) is None


@pytest.mark.parametrize("name", DANGEROUS)
def test_a_name_that_looks_like_a_formula_stays_text(login, hr_county, records, units, name):
    make_person("sly", units["riverside"], is_cadre=True, full_name=name)
    client = login(hr_county)
    csv_names = [row[0] for row in csv_rows(export(client, "completions", "csv"))]
    assert "'" + name in csv_names and name not in csv_names
    content = b"".join(export(client, "completions", "xlsx").streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = {ooxml_text(row[0].value): row[0] for row in sheet.iter_rows(min_row=2)}
    # XLSX: a string cell is never a formula, so the text is exactly what was typed.
    assert "'" + name not in cells
    assert cells[name].data_type == "s"  # text, not a formula ("f")
    assert b"<f>" not in content_of_sheet(content)


def ooxml_text(value):
    """The text of a cell as Excel reads it: control characters are stored as `_x000D_`."""
    if not isinstance(value, str):
        return value
    return re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m.group(1), 16)), value)


def content_of_sheet(content: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


# --- Staff numbers and hours written one way ------------------------------------------------

HOURS_COLUMNS = {
    "completions": ["Hours credited"],
    "ledger": [
        "Required hours earned",
        "Elective hours earned",
        "Total hours",
        "Required hours needed",
        "Total hours needed",
    ],
}
EXPECTED_HOURS = {
    "completions": {"0", "2", "2.5"},  # bob: nothing on either course
    "ledger": {"0", "0.25", "4.5", "30", "50"},  # alice 4.5 required, bob 0.25 elective
}
# How `format_hours` writes hours: 3, 2.5, 0.25, never "2.0", "2.50", "0.0" or ".5".
ONE_WAY = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]?[1-9])?")


@pytest.fixture
def mixed_hours(records, units, alice, bob, make_course):
    """Whole, half and quarter hours and none at all, in the same columns: alice 2.5 h and 2 h
    (required), bob 0.25 h (elective) and nothing on the required courses."""
    ethics = make_course("ethics", lessons=1, study_hours=Decimal("2"), title="Ethics")
    Assignment.objects.create(
        course=ethics, unit=units["county"], kind="required", due_date=dt.date(2026, 5, 1)
    )
    brief = make_course("brief", lessons=1, study_hours=Decimal("0.25"), title="Brief")
    for person, course, hours in ((alice, ethics, "2.00"), (bob, brief, "0.25")):
        CompletionRecord.objects.create(
            user=person.user,
            course=course,
            kind="completed",
            year=2026,
            hours=Decimal(hours),
            occurred_at=dt.datetime(2026, 4, 1, 10, tzinfo=SHANGHAI),
        )


def xlsx_cells(content: bytes) -> dict[tuple[int, str], str]:
    """Each cell's stored value as the XLSX holds it ("2", "2.5"), by (row, column letter)."""
    import xml.etree.ElementTree as ET

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    cells = {}
    for cell in ET.fromstring(content_of_sheet(content)).iter(f"{main}c"):
        column, row = re.fullmatch(r"([A-Z]+)([0-9]+)", cell.get("r")).groups()
        value = cell.find(f"{main}v")
        cells[int(row), column] = value.text if value is not None else None
    return cells


@pytest.mark.parametrize("table", ["completions", "ledger"])
def test_hours_are_written_one_way_in_csv_and_xlsx(login, hr_county, mixed_hours, table):
    client = login(hr_county)
    rows = csv_rows(export(client, table, "csv", year=2026))
    content = b"".join(export(client, table, "xlsx", year=2026).streaming_content)
    stored = xlsx_cells(content)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    written = set()
    for name in HOURS_COLUMNS[table]:
        index = rows[0].index(name)
        letter = openpyxl.utils.get_column_letter(index + 1)
        for number, row in enumerate(rows[1:], start=2):
            text = row[index]
            assert ONE_WAY.fullmatch(text), (name, text)
            # The XLSX holds the same figure, as a number shown with "General".
            assert stored[number, letter] == text, (name, number)
            cell = sheet[f"{letter}{number}"]
            assert cell.data_type == "n" and cell.number_format == "General"
            written.add(text)
    # Whole, fractional and zero hours really were in these columns.
    assert written == EXPECTED_HOURS[table]


def test_a_bare_number_is_refused_rather_than_written_another_way():
    from records.exports import Hours, csv_text

    assert csv_text(Hours(Decimal("2.00"))) == "2" and csv_text(Hours(Decimal("0"))) == "0"
    assert csv_text(Hours(Decimal("0.25"))) == "0.25" and csv_text(Hours(None)) == ""
    assert Hours(Decimal("2.50")).number == 2.5
    for bare in (Decimal("2.0"), 2.0):
        with pytest.raises(TypeError):
            csv_text(bare)
    assert csv_text(2026) == "2026"  # a year is an int: written as is


def test_the_staff_number_is_text_in_both_formats(login, hr_county, records, alice, units):
    alice.staff_number = "00123"  # leading zeros are part of the number
    alice.save(update_fields=["staff_number"])
    client = login(hr_county)
    for table in ("completions", "ledger"):
        rows = csv_rows(export(client, table, "csv"))
        assert rows[0][1] == "Staff number"
        assert by_name(rows)["Alice"][1] == "00123" and by_name(rows)["Bob"][1] == ""
        content = b"".join(export(client, table, "xlsx").streaming_content)
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        cell = next(row[1] for row in sheet.iter_rows(min_row=2) if row[0].value == "Alice")
        assert cell.value == "00123" and cell.data_type == "s"


def test_the_exports_search_by_staff_number(login, hr_county, records):
    rows = csv_rows(export(login(hr_county), "completions", "csv", q="qs-0001"))
    assert set(by_name(rows)) == {"Alice"}


# --- Past Excel's sheet limit ---------------------------------------------------------------


def test_an_xlsx_longer_than_a_sheet_goes_on_in_more_sheets_and_loses_nothing(
    login, hr_county, records, monkeypatch
):
    """With the limit made small (a header and one row a sheet), every row of the CSV is in
    the XLSX, in order, across sheets that each carry the header."""
    from records import exports as module

    client = login(hr_county)
    csv_data = csv_rows(export(client, "ledger", "csv"))
    monkeypatch.setattr(module, "SHEET_ROWS", 2)
    content = b"".join(export(client, "ledger", "xlsx").streaming_content)
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert len(csv_data) - 1 >= 2  # more rows than one small sheet holds
    sheets = book.worksheets
    assert [s.title for s in sheets][:2] == ["Hours ledger", "Hours ledger (2)"]
    assert len(sheets) == len(csv_data) - 1
    rows = []
    for sheet in sheets:
        values = list(sheet.iter_rows(values_only=True))
        assert list(values[0]) == csv_data[0]  # the header on every sheet
        assert len(values) == 2
        rows += values[1:]
    assert [row[0] for row in rows] == [row[0] for row in csv_data[1:]]


def test_an_empty_xlsx_is_one_headed_sheet(login, hr_town, db):
    content = b"".join(export(login(hr_town), "ledger", "xlsx").streaming_content)
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert len(book.worksheets) == 1
    assert len(list(book.worksheets[0].iter_rows(values_only=True))) == 1


def test_a_continuation_sheet_keeps_its_number_however_long_the_name():
    from records.exports import _sheet_name

    assert _sheet_name("工作" * 20, " (12)").endswith(" (12)")
    assert len(_sheet_name("x" * 40, " (2)")) == 31
