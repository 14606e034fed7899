"""Journey: the township HR officer finds the overdue cadres, reads a transcript and downloads
the completion table, which holds nobody from another township."""

import csv
import datetime as dt
import io
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from courses.models import Course
from people.models import OrgUnit, Profile
from records.models import Assignment
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def overdue(transactional_db) -> dt.date:
    """The demo, plus the Chinese course assigned to 河口镇 with a due date already past."""
    call_command("demo", stdout=StringIO())
    due = timezone.localdate() - dt.timedelta(days=10)
    Assignment.objects.create(
        course=Course.objects.get(slug="paperless-office-zh"),
        unit=OrgUnit.objects.get(code="hekou"),
        kind=Assignment.Kind.REQUIRED,
        due_date=due,
    )
    return due


def test_town_hr_finds_overdue_cadres_and_exports_only_their_township(overdue, page):
    hekou = OrgUnit.objects.get(code="hekou")
    township_units = set(hekou.subtree().values_list("name", flat=True))
    township = set(Profile.objects.cadres().in_units([hekou]).values_list("full_name", flat=True))
    elsewhere = (
        set(
            Profile.objects.cadres()
            .exclude(unit__path__startswith=hekou.path)
            .values_list("full_name", flat=True)
        )
        - township  # the demo repeats a few names across townships
    )

    log_in(page, "hr-town", "demo-pass-2026")
    page.get_by_role("link", name="Records", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Records dashboard")
    # One root, so the dashboard opens on 河口镇's units: each is a row, its own staff too.
    expect(page.get_by_test_id("unit-breadcrumb").locator('[aria-current="page"]')).to_have_text(
        "河口镇"
    )
    cadres = Profile.objects.cadres()
    expected = {f"{hekou.name} (its own staff)": cadres.filter(unit=hekou).count()}
    for child in hekou.children.all():
        expected[child.name] = cadres.in_units([child]).count()
    units = page.get_by_test_id("units")
    rows = units.locator("tbody tr")
    expect(rows).to_have_count(len(expected))
    for name, count in expected.items():
        row = rows.filter(has=page.get_by_role("rowheader", name=name, exact=True))
        expect(row.locator('[data-col="cadres"]')).to_have_text(str(count))
        if not name.endswith("(its own staff)"):
            expect(row.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(units.get_by_test_id("total").locator("td").first).to_have_text(str(len(township)))
    expect(page.get_by_test_id("rate-chart")).to_be_visible()
    assert_accessible(page, "records-dashboard")

    page.get_by_role("link", name="Completion table", exact=True).click()
    page.get_by_label("Status", exact=True).select_option("overdue")
    page.get_by_label("Year", exact=True).select_option(str(overdue.year))
    page.get_by_role("button", name="Filter", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]status=overdue\b"))
    table = page.get_by_test_id("completions")
    expect(table.locator("tbody tr").first).to_be_visible()
    statuses = table.locator("tbody tr").evaluate_all("rows => rows.map(r => r.dataset.status)")
    assert statuses and set(statuses) == {"overdue"}
    assert_accessible(page, "completion-table")

    first = table.locator("tbody th a").first
    name = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(f"^{re.escape(name)}"))
    overdue_row = page.get_by_test_id("assigned").locator('tr[data-status="overdue"]').first
    expect(overdue_row.locator("td").nth(2)).to_have_text("Overdue")
    assert_accessible(page, "transcript")

    page.go_back()
    expect(page).to_have_url(re.compile(r"[?&]status=overdue\b"))
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV (completion table)", exact=True).click()
    assert download.value.suggested_filename == f"completions-{overdue.year}.csv"
    text = Path(download.value.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))[1:]
    assert name in {row[0] for row in rows}
    assert {row[8] for row in rows} == {"Overdue"}  # after name, staff number, unit…
    assert {row[2] for row in rows} <= township_units
    assert all(row[1] for row in rows)  # every demo cadre has a staff number
    assert not {row[0] for row in rows} & elsewhere


def test_hr_town_assigns_a_course_to_a_village(demo, page):
    from records.models import Assignment

    log_in(page, "hr-town", "demo-pass-2026")
    page.goto("/records/assignments/")
    assert_accessible(page, "assignments")
    # The course is offered once, named in both its languages (one case, one credit).
    page.get_by_role("combobox", name="Course*", exact=True).select_option(
        label="无纸化办公与基层工作群 / Paperless office and grassroots work groups"
    )
    page.get_by_role("combobox", name="Unit and everything below it*", exact=True).select_option(
        label="李家村"
    )
    page.get_by_role("textbox", name="Due date*", exact=True).fill("2030-06-30")
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.get_by_text("assigned to 李家村")).to_be_visible()
    assert Assignment.objects.filter(unit__code="lijia", assigned_by__username="hr-town").exists()
