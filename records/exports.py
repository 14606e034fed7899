"""CSV and XLSX exports of the completion table and the hours ledger.

Both are written while the cadres are read, a chunk at a time (`reports.tables`), so an
export of a whole county never holds the population in memory: CSV streams straight to the
client, XLSX goes row by row into a temporary file (xlsxwriter's constant-memory mode) that is
then sent as a file.

Text typed by people (names, units, course titles) is passed through `safe_cell` in CSV, so a
spreadsheet never runs it as a formula (CSV/formula injection); XLSX writes it as string
cells, which are never formulas, so there it stays exactly as typed.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

import xlsxwriter
from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from courses.hours import format_hours

from .reports import LedgerRow, Report, Row, completion_rows, ledger_rows

# What a spreadsheet reads as the start of a formula, after NFKC folds the fullwidth
# (＝, ＋, －, ＠) and small forms into these.
FORMULA_STARTS = ("=", "+", "-", "@")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet might run the text: its first visible character starts a
    formula once spaces and invisible characters (zero-width space, BOM, bidi marks) are
    passed over, or the text begins with a control character (tab, carriage return)."""
    if text and unicodedata.category(text[0]) == "Cc":
        return True
    for char in text:
        if char.isspace() or unicodedata.category(char) in {"Cf", "Cc", "Zs", "Zl", "Zp"}:
            continue
        return unicodedata.normalize("NFKC", char)[:1] in FORMULA_STARTS
    return False


def safe_cell(value):
    """Text a spreadsheet would read as a formula, prefixed with an apostrophe so it stays text
    (OWASP's advice for CSV injection). Numbers and dates are ours, not typed text: unchanged.
    For CSV only: an XLSX string cell is never a formula, and there the apostrophe would be
    part of the text."""
    if isinstance(value, str) and _looks_like_formula(value):
        return "'" + value
    return value


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


# --- The tables -----------------------------------------------------------------------------


@dataclass
class Table:
    name: str
    headers: Callable[[], list[str]]
    rows: Callable[[QuerySet, Report], Iterable]
    values: Callable[[object], list]
    widths: list[int]


def completion_headers() -> list[str]:
    return [
        _("Name"),
        _("Unit"),
        _("Rank"),
        _("Leader"),
        _("Course"),
        _("Required or elective"),
        _("Due date"),
        _("Status"),
        _("Completed or waived on"),
        _("Hours credited"),
    ]


def completion_values(row: Row) -> list:
    return [
        row.cadre.full_name,
        row.cadre.unit_name,
        row.cadre.rank_label,
        _yes_no(row.cadre.is_leader),
        row.course.title,
        row.assignment.get_kind_display(),
        row.assignment.due_date,
        row.status_label,
        row.settled_on,
        row.hours,
    ]


def ledger_headers() -> list[str]:
    return [
        _("Name"),
        _("Unit"),
        _("Rank"),
        _("Leader"),
        _("Year"),
        _("Required hours earned"),
        _("Elective hours earned"),
        _("Total hours"),
        _("Required hours needed"),
        _("Total hours needed"),
        _("Requirement met"),
    ]


def ledger_values(row: LedgerRow) -> list:
    hours = row.hours
    return [
        row.cadre.full_name,
        row.cadre.unit_name,
        row.cadre.rank_label,
        _yes_no(row.cadre.is_leader),
        hours.year,
        hours.required,
        hours.elective,
        hours.total,
        hours.required_target,
        hours.total_target,
        _yes_no(hours.met),
    ]


TABLES = {
    "completions": Table(
        "completions",
        completion_headers,
        completion_rows,
        completion_values,
        [20, 24, 18, 8, 32, 12, 12, 14, 14, 10],
    ),
    "ledger": Table(
        "ledger",
        ledger_headers,
        ledger_rows,
        ledger_values,
        [20, 24, 18, 8, 8, 12, 12, 12, 12, 12, 10],
    ),
}
FORMATS = ("csv", "xlsx")


def table_values(table: Table, people: QuerySet, report: Report) -> Iterator[list]:
    """The table's rows as typed values, reading cadres chunk by chunk."""
    for row in table.rows(people, report):
        yield table.values(row)


# --- CSV ------------------------------------------------------------------------------------


class _Echo:
    """csv.writer writes into this and gets the line back, so lines can be yielded."""

    def write(self, value: str) -> str:
        return value


def csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return safe_cell(value)
    if isinstance(value, Decimal):
        return format_hours(value)
    return str(value)


def csv_response(headers: list[str], rows: Iterator[list], filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    # The rows are written after the view has returned: keep the request's language for them.
    language = translation.get_language()

    def lines() -> Iterator[str]:
        # The byte order mark tells Excel the file is UTF-8, so Chinese names open readable.
        yield "\ufeff" + writer.writerow([csv_text(h) for h in headers])
        with translation.override(language):
            for values in rows:
                yield writer.writerow([csv_text(v) for v in values])

    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in lines()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- XLSX -----------------------------------------------------------------------------------


def xlsx_response(
    headers: list[str], rows: Iterator[list], filename: str, sheet: str, widths: list[int]
) -> FileResponse:
    # Deleted when FileResponse closes it after sending.
    output = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115
    workbook = xlsxwriter.Workbook(
        output,
        {
            "constant_memory": True,  # each row goes to disk as written; rows strictly in order
            # Text is text: never turned into a formula, a link or a number behind our back.
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    worksheet = workbook.add_worksheet(_sheet_name(sheet))
    bold = workbook.add_format({"bold": True})
    date = workbook.add_format({"num_format": "yyyy-mm-dd"})
    # As many decimals as the value needs (2.5, 0.25, 3), like `format_hours` in the CSV.
    hours = workbook.add_format({"num_format": "General"})
    for column, width in enumerate(widths):
        worksheet.set_column(column, column, width)
    for column, header in enumerate(headers):
        worksheet.write_string(0, column, header, bold)
    worksheet.freeze_panes(1, 0)
    for number, values in enumerate(rows, start=1):
        for column, value in enumerate(values):
            if value is None:
                worksheet.write_blank(number, column, None)
            elif isinstance(value, dt.date):
                worksheet.write_datetime(number, column, value, date)
            elif isinstance(value, Decimal):
                worksheet.write_number(number, column, float(value), hours)
            elif isinstance(value, int | float):
                worksheet.write_number(number, column, value)
            else:
                # A string cell, never a formula (strings_to_formulas is off): no guard.
                worksheet.write_string(number, column, str(value))
    workbook.close()
    output.seek(0)
    return FileResponse(output, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


def _sheet_name(name: str) -> str:
    """Excel refuses sheet names over 31 characters or with []:*?/\\ in them."""
    for char in "[]:*?/\\":
        name = name.replace(char, " ")
    return name[:31] or "Sheet1"


def export(table_name: str, fmt: str, people: QuerySet, report: Report):
    """The response for one table in one format; `people` is already limited to the scope."""
    table = TABLES[table_name]
    filename = f"{table.name}-{report.filters.year}.{fmt}"
    headers = table.headers()
    rows = table_values(table, people, report)
    if fmt == "csv":
        return csv_response(headers, rows, filename)
    sheet = _("Completions") if table.name == "completions" else _("Hours ledger")
    return xlsx_response(headers, rows, filename, sheet, table.widths)
