"""Journey: the township HR officer finds the overdue cadres, reads a transcript and downloads
the completion table, which holds nobody from another township."""

import csv
import datetime as dt
import io
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

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
        set(Profile.objects.cadres().exclude(unit__path__startswith=hekou.path)
            .values_list("full_name", flat=True))
        - township  # the demo repeats a few names across townships
    )  # fmt: skip

    log_in(page, "hr-town", "demo-pass-2026")
    page.get_by_role("link", name="Records", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Records dashboard"
    assert page.get_by_test_id("units").get_by_role("link", name="河口镇").is_visible()
    assert page.get_by_test_id("rate-chart").is_visible()
    assert_accessible(page, "records-dashboard")

    page.get_by_role("link", name="Completion table").click()
    page.get_by_label("Status", exact=True).select_option("overdue")
    page.get_by_label("Year", exact=True).select_option(str(overdue.year))
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**status=overdue**")
    table = page.get_by_test_id("completions")
    statuses = table.locator("tbody tr").evaluate_all("rows => rows.map(r => r.dataset.status)")
    assert statuses and set(statuses) == {"overdue"}
    assert_accessible(page, "completion-table")

    first = table.locator("tbody th a").first
    name = first.inner_text()
    first.click()
    assert page.get_by_role("heading", level=1).inner_text().startswith(name)
    assert page.get_by_test_id("assigned").get_by_text("Overdue").is_visible()
    assert_accessible(page, "transcript")

    page.go_back()
    page.wait_for_url("**status=overdue**")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename == f"completions-{overdue.year}.csv"
    text = Path(download.value.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))[1:]
    assert name in {row[0] for row in rows}
    assert {row[7] for row in rows} == {"Overdue"}
    assert {row[1] for row in rows} <= township_units
    assert not {row[0] for row in rows} & elsewhere


def test_hr_town_assigns_a_course_to_a_village(demo, page):
    from records.models import Assignment

    log_in(page, "hr-town", "demo-pass-2026")
    page.goto("/records/assignments/")
    assert_accessible(page, "assignments")
    page.locator("#id_course").select_option(label="Paperless office and grassroots work groups")
    page.locator("#id_unit").select_option(label="李家村")
    page.locator("#id_due_date").fill("2030-06-30")
    page.get_by_role("button", name="Assign", exact=True).click()
    page.get_by_text("assigned to 李家村").wait_for()
    assert Assignment.objects.filter(unit__code="lijia", assigned_by__username="hr-town").exists()
