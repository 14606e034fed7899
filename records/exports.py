"""CSV and XLSX exports of the completion table and the hours ledger.

Both are written while the cadres are read, a chunk at a time (`reports.tables`), so an
export of a whole county never holds the population in memory: CSV streams straight to the
client, XLSX goes row by row into a temporary file (xlsxwriter's constant-memory mode) that is
then sent as a file, continuing on further sheets past Excel's 1,048,576 rows (`SHEET_ROWS`).

Text typed by people (names, staff numbers, units, course titles) is passed through `safe_cell`
in CSV, so a spreadsheet never runs it as a formula (CSV/formula injection); XLSX writes it as
string cells, which are never formulas, so there it stays exactly as typed.

Study hours are `Hours` values, written by `courses.hours.format_hours` in both formats (3, 2.5,
0.25), so one column never mixes "0" and "2.0"; a bare Decimal or float is refused rather than
written some other way.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice

import xlsxwriter
from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from courses.hours import format_hours
from people.models import Profile

from .models import Assignment
from .reports import EXPORT_CHUNK, LedgerRow, Report, Row, completion_rows, ledger_rows
from .rules import Status

# What a spreadsheet reads as the start of a formula, after NFKC folds the fullwidth
# (＝, ＋, －, ＠) and small forms into these.
FORMULA_STARTS = ("=", "+", "-", "@")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@functools.lru_cache(maxsize=65_536)
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


@functools.lru_cache(maxsize=256)
def _label(language: str, choices: type, value) -> str:
    """A choice's label in `language`: looked up once per export language and value, not once
    per cell (translation lookups were half the time of a large export)."""
    with translation.override(language):
        if choices is bool:
            return _("Yes") if value else _("No")
        return str(choices(value).label) if value in choices.values else ""


def _yes_no(value: bool, language: str | None = None) -> str:
    return _label(language or translation.get_language(), bool, bool(value))


def _choice(choices: type, value, language: str | None = None) -> str:
    return _label(language or translation.get_language(), choices, value)


@dataclass(frozen=True)
class Hours:
    """A study-hours figure in a table: its text is `format_hours`'s, in CSV and XLSX alike."""

    value: Decimal | None

    @property
    def text(self) -> str:
        return format_hours(self.value)

    @property
    def number(self) -> float | None:
        """The number the text reads as (2.5 for "2.5"), for a numeric XLSX cell."""
        return float(self.text) if self.text else None


def _not_hours(value) -> TypeError:
    return TypeError(f"{value!r}: an export writes hours as Hours(...), not as a bare number")


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
        _("Staff number"),
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
    language = translation.get_language()
    return [
        row.cadre.full_name,
        row.cadre.staff_number,
        row.cadre.unit_name,
        _choice(Profile.Rank, row.cadre.rank, language),
        _yes_no(row.cadre.is_leader, language),
        row.course.title,
        _choice(Assignment.Kind, row.assignment.kind, language),
        row.assignment.due_date,
        _choice(Status, row.status, language),
        row.settled_on,
        Hours(row.hours),
    ]


def ledger_headers() -> list[str]:
    return [
        _("Name"),
        _("Staff number"),
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
        row.cadre.staff_number,
        row.cadre.unit_name,
        _choice(Profile.Rank, row.cadre.rank),
        _yes_no(row.cadre.is_leader),
        hours.year,
        Hours(hours.required),
        Hours(hours.elective),
        Hours(hours.total),
        Hours(hours.required_target),
        Hours(hours.total_target),
        _yes_no(hours.met),
    ]


TABLES = {
    "completions": Table(
        "completions",
        completion_headers,
        completion_rows,
        completion_values,
        [20, 12, 24, 18, 8, 32, 12, 12, 14, 14, 10],
    ),
    "ledger": Table(
        "ledger",
        ledger_headers,
        ledger_rows,
        ledger_values,
        [20, 12, 24, 18, 8, 8, 12, 12, 12, 12, 12, 10],
    ),
}
FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class ExtraColumns:
    """Columns an app above records puts at the end of the completion table (certificates:
    each row's code and status), handed over at start-up with `add_completion_columns`, so
    records never imports that app. `values` gets a batch of rows and returns each row's
    values, in order: one query a batch, whatever its size."""

    headers: Callable[[], list[str]]
    values: Callable[[list[Row]], list[list]]
    widths: list[int]


COMPLETION_EXTRAS: list[ExtraColumns] = []


def add_completion_columns(extra: ExtraColumns) -> None:
    if extra not in COMPLETION_EXTRAS:
        COMPLETION_EXTRAS.append(extra)


def _extras(table: Table) -> list[ExtraColumns]:
    return COMPLETION_EXTRAS if table.name == "completions" else []


def table_headers(table: Table) -> list[str]:
    return table.headers() + [h for extra in _extras(table) for h in extra.headers()]


def table_values(table: Table, people: QuerySet, report: Report) -> Iterator[list]:
    """The table's rows as typed values, reading cadres chunk by chunk (and the extra
    columns' values a batch of rows at a time)."""
    extras = _extras(table)
    if not extras:
        for row in table.rows(people, report):
            yield table.values(row)
        return
    rows = iter(table.rows(people, report))
    while batch := list(islice(rows, EXPORT_CHUNK)):
        added = [extra.values(batch) for extra in extras]
        for index, row in enumerate(batch):
            yield table.values(row) + [v for values in added for v in values[index]]


# --- CSV ------------------------------------------------------------------------------------


CSV_BLOCK = 32_768  # characters per piece sent


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
    if isinstance(value, Hours):
        return value.text
    if isinstance(value, Decimal | float):
        raise _not_hours(value)  # str() would write "2.0" or "2.50"
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

    def blocks() -> Iterator[bytes]:
        # The header goes at once, before any cadre is read: the download starts in the
        # browser and a proxy sees its first byte whatever the size of the table.
        all_lines = lines()
        yield next(all_lines).encode("utf-8")
        # Then a few hundred lines per write, not one: the server sends each yielded piece as
        # a write of its own, and a line at a time was a system call per row.
        pending, size = [], 0
        for line in all_lines:
            pending.append(line)
            size += len(line)
            if size >= CSV_BLOCK:
                yield "".join(pending).encode("utf-8")
                pending, size = [], 0
        if pending:
            yield "".join(pending).encode("utf-8")

    response = StreamingHttpResponse(blocks(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- XLSX -----------------------------------------------------------------------------------


# Rows a worksheet holds, its header included (Excel's limit, and xlsxwriter's: past it a write
# is silently dropped). A longer table goes on in a second sheet, and a third, each with the
# header, so an export is always whole. Tests make it small.
SHEET_ROWS = 1_048_576
# How often a worker's build reports its progress, in rows.
PROGRESS_ROWS = 5_000


class _Sheets:
    """The worksheets of one table: a new one, headed and sized like the first, whenever the
    current one is full."""

    def __init__(self, workbook, name: str, headers: list[str], widths: list[int]):
        self.workbook, self.name, self.headers, self.widths = workbook, name, headers, widths
        self.bold = workbook.add_format({"bold": True})
        self.count = 0
        self.sheet = None
        self.row = SHEET_ROWS  # full: the first row written opens the first sheet

    def next_row(self):
        """The sheet and row number the next data row goes to."""
        if self.row >= SHEET_ROWS - 1:
            self.count += 1
            suffix = f" ({self.count})" if self.count > 1 else ""
            self.sheet = self.workbook.add_worksheet(_sheet_name(self.name, suffix))
            for column, width in enumerate(self.widths):
                self.sheet.set_column(column, column, width)
            for column, header in enumerate(self.headers):
                self.sheet.write_string(0, column, header, self.bold)
            self.sheet.freeze_panes(1, 0)
            self.row = 0
        self.row += 1
        return self.sheet, self.row


def write_xlsx(
    output,
    headers: list[str],
    rows: Iterator[list],
    sheet: str,
    widths: list[int],
    progress: Callable[[int], None] | None = None,
) -> None:
    """The table as a workbook into `output` (a file or its path). `progress`, when given,
    hears the number of rows written every PROGRESS_ROWS rows (the worker's page reads it)."""
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
    sheets = _Sheets(workbook, sheet, headers, widths)
    date = workbook.add_format({"num_format": "yyyy-mm-dd"})
    # Hours are numbers, not text, so HR can sum, sort and filter them in the spreadsheet. The
    # number is the one `format_hours` writes (rounded to 0.01 as stored), and "General" shows it
    # with as many decimals as it needs (3, 2.5, 0.25), like the CSV and the pages: a fixed
    # format would write 3 as "3.00" ("0.00") or "3." ("0.##").
    hours = workbook.add_format({"num_format": "General"})
    written = 0
    for values in rows:
        worksheet, number = sheets.next_row()
        written += 1
        for column, value in enumerate(values):
            if value is None:
                worksheet.write_blank(number, column, None)
            elif isinstance(value, dt.date):
                worksheet.write_datetime(number, column, value, date)
            elif isinstance(value, Hours):
                if value.number is None:
                    worksheet.write_blank(number, column, None)
                else:
                    worksheet.write_number(number, column, value.number, hours)
            elif isinstance(value, Decimal | float):
                raise _not_hours(value)
            elif isinstance(value, int):  # a year
                worksheet.write_number(number, column, value)
            else:
                # A string cell, never a formula (strings_to_formulas is off): no guard. A staff
                # number such as "00123" stays text, its leading zeros kept.
                worksheet.write_string(number, column, str(value))
        if progress is not None and written % PROGRESS_ROWS == 0:
            progress(written)
    if not written:
        sheets.next_row()  # an empty table: its headed sheet, no rows
    workbook.close()
    if progress is not None:
        progress(written)


def xlsx_response(
    headers: list[str], rows: Iterator[list], filename: str, sheet: str, widths: list[int]
) -> FileResponse:
    # Deleted when FileResponse closes it after sending.
    output = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115
    write_xlsx(output, headers, rows, sheet, widths)
    output.seek(0)
    return FileResponse(output, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


def _sheet_name(name: str, suffix: str = "") -> str:
    """Excel refuses sheet names over 31 characters or with []:*?/\\ in them; a continuation
    sheet keeps its number ("Completions (2)") however long the name."""
    for char in "[]:*?/\\":
        name = name.replace(char, " ")
    return (name[: 31 - len(suffix)] or "Sheet") + suffix


def filename(table_name: str, fmt: str, report: Report) -> str:
    return f"{TABLES[table_name].name}-{report.filters.year}.{fmt}"


def export(table_name: str, fmt: str, people: QuerySet, report: Report):
    """The response for one table in one format; `people` is already limited to the scope."""
    table = TABLES[table_name]
    headers = table_headers(table)
    rows = table_values(table, people, report)
    if fmt == "csv":
        return csv_response(headers, rows, filename(table_name, fmt, report))
    return xlsx_response(
        headers, rows, filename(table_name, fmt, report), *_sheet_and_widths(table)
    )


def export_xlsx(
    path, table_name: str, people: QuerySet, report: Report, progress: Callable[[int], None]
) -> None:
    """The table as an XLSX file at `path`: what the task worker builds for a long export."""
    table = TABLES[table_name]
    write_xlsx(
        path,
        table_headers(table),
        table_values(table, people, report),
        *_sheet_and_widths(table),
        progress=progress,
    )


def _sheet_and_widths(table: Table) -> tuple[str, list[int]]:
    sheet = _("Completions") if table.name == "completions" else _("Hours ledger")
    return sheet, table.widths + [w for extra in _extras(table) for w in extra.widths]
