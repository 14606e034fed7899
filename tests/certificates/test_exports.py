"""The completion exports end with each row's certificate code and status, in one query."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from records.models import Assignment
from records.services import record_void
from tests.conftest import make_person

from .conftest import complete

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(completion, course, units, bob):
    Assignment.objects.create(
        course=course,
        unit=units["county"],
        kind="required",
        due_date=dt.date(timezone.localdate().year, 12, 31),
    )
    return completion.certificates.get()


def csv_rows(client, **params) -> list[list[str]]:
    response = client.get(reverse("records:export", args=["completions", "csv"]), params)
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


def by_name(rows) -> dict:
    return {row[0]: row for row in rows[1:]}


def test_csv_ends_with_code_and_status(assigned, login, hr_county):
    rows = csv_rows(login(hr_county))
    assert rows[0][-2:] == ["Certificate code", "Certificate status"]
    assert by_name(rows)["王建国"][-2:] == [assigned.code, "Valid"]
    assert by_name(rows)["Bob"][-2:] == ["", ""]  # not completed: blank
    assert len({len(row) for row in rows}) == 1


def test_a_voided_completion_shows_its_certificate_revoked(assigned, login, hr_county):
    record_void(record=assigned.record, reason="Entered twice", by=hr_county.user)
    assert by_name(csv_rows(login(hr_county)))["王建国"][-2:] == [assigned.code, "Revoked"]


def test_a_reissue_shows_the_new_code(assigned, login, hr_county):
    from certificates.services import reissue

    new = reissue(assigned, reason="Name corrected", by=hr_county.user)
    assert by_name(csv_rows(login(hr_county)))["王建国"][-2:] == [new.code, "Valid"]


def test_xlsx_has_the_columns_as_text(assigned, login, hr_county):
    client = login(hr_county)
    response = client.get(reverse("records:export", args=["completions", "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-2:] == ("Certificate code", "Certificate status")
    assert by_name(rows)["王建国"][-2:] == (assigned.code, "Valid")
    assert by_name(rows)["Bob"][-2:] == (None, None)


def test_the_ledger_export_has_no_certificate_columns(assigned, login, hr_county):
    client = login(hr_county)
    response = client.get(reverse("records:export", args=["ledger", "csv"]))
    header = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()[0]
    assert "Certificate" not in header


@pytest.mark.parametrize("count", [2, 12])
def test_one_query_for_the_certificates_whatever_the_rows(
    assigned, count, login, hr_county, units, course
):
    for i in range(count):
        complete(make_person(f"c{i}", units["hill"], is_cadre=True), course)
    client = login(hr_county)
    with CaptureQueriesContext(connection) as queries:
        rows = csv_rows(client)
    assert len(rows) == count + 3  # header, 王建国, Bob, and the new cadres
    reads = [q for q in queries if 'FROM "certificates_certificate"' in q["sql"]]
    assert len(reads) == 1
