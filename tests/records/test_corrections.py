"""HR corrections that undo each other: a waiver withdrawn, and a course both waived and
completed, which every page must show the same way (`rules.standing_record`)."""

import csv
import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from records.models import Assignment, CompletionRecord
from records.reports import transcript
from records.rules import Status
from records.services import RecordError, record_waive, record_withdraw_waiver, statuses_for
from tests.conftest import make_person

pytestmark = pytest.mark.django_db

PAST = dt.date(2020, 1, 1)


@pytest.fixture
def overdue(alice, make_course, units):
    course = make_course("overdue", lessons=1, title="Overdue course")
    Assignment.objects.create(course=course, unit=units["county"], due_date=PAST)
    return course


def test_a_withdrawn_waiver_makes_the_course_due_again_and_keeps_both_lines(
    alice, hr_county, overdue, login
):
    waiver = record_waive(user=alice.user, course=overdue, reason="Secondment", by=hr_county.user)
    assert statuses_for(alice)[0].status == Status.WAIVED
    line = record_withdraw_waiver(
        waiver=waiver, reason="Waived the wrong person", by=hr_county.user
    )
    assert (line.kind, line.hours, line.corrects, line.recorded_by) == (
        "withdrawn",
        0,
        waiver,
        hr_county.user,
    )
    assert statuses_for(alice)[0].status == Status.OVERDUE
    assert list(CompletionRecord.objects.values_list("kind", flat=True)) == ["waived", "withdrawn"]
    mine = login(alice).get(reverse("records:progress")).content.decode()
    assert "Withdraws the waiver of" in mine and "Corrects the credit" not in mine
    with pytest.raises(RecordError, match="already withdrawn"):
        record_withdraw_waiver(waiver=waiver, reason="again", by=hr_county.user)
    # Waived again later, by a new line: the latest waiver stands.
    again = record_waive(user=alice.user, course=overdue, reason="Sick leave", by=hr_county.user)
    state = statuses_for(alice)[0]
    assert (state.status, state.record) == (Status.WAIVED, again)


def test_withdrawing_needs_a_reason_another_officer_and_a_waiver(alice, hr_county, overdue):
    waiver = record_waive(user=alice.user, course=overdue, reason="Secondment", by=hr_county.user)
    with pytest.raises(RecordError, match="reason"):
        record_withdraw_waiver(waiver=waiver, reason="  ", by=hr_county.user)
    with pytest.raises(RecordError, match="own records"):
        record_withdraw_waiver(waiver=waiver, reason="mine", by=alice.user)
    completion = CompletionRecord.objects.create(
        user=alice.user,
        course=overdue,
        kind="completed",
        year=2026,
        hours=1,
        occurred_at=timezone.now(),
    )
    with pytest.raises(RecordError, match="Only a waiver"):
        record_withdraw_waiver(waiver=completion, reason="not a waiver", by=hr_county.user)


def test_hr_withdraws_a_waiver_after_confirming(alice, hr_county, overdue, units, login):
    waiver = record_waive(user=alice.user, course=overdue, reason="Secondment", by=hr_county.user)
    client = login(hr_county)
    url = reverse("records:withdraw", args=[alice.pk])
    post = {"withdraw-waiver": waiver.pk, "withdraw-reason": "Mistake"}
    page = client.post(url, post)
    assert page.templates[0].name == "records/confirm_correction.html"
    assert "due again" in page.content.decode()
    assert not CompletionRecord.objects.filter(kind="withdrawn").exists()  # nothing written yet
    done = client.post(url, {**post, "confirm": "yes"})
    assert done.status_code == 302
    assert CompletionRecord.objects.get(kind="withdrawn").corrects == waiver
    html = client.get(reverse("records:person", args=[alice.pk])).content.decode()
    assert re.search(r'data-course="overdue" data-status="overdue"', html)
    assert "Withdrawn by line #" in html
    # A stale form (the waiver already withdrawn) is refused with a message, nothing written.
    again = client.post(url, {**post, "confirm": "yes"})
    assert again.status_code == 200
    assert CompletionRecord.objects.filter(kind="withdrawn").count() == 1
    # HR of another unit does not see alice at all.
    hr_west = make_person("hr-west", units["west"], hr_units=[units["west"]], is_hr=True)
    assert login(hr_west).post(url, {**post, "confirm": "yes"}).status_code == 404


def test_waived_then_completed_is_completed_everywhere_with_both_lines(
    alice, hr_county, overdue, login, client
):
    """The written rule: a completion credits its hours and supersedes a waiver; both lines
    stay. Every page that says where alice stands says "completed"."""
    record_waive(user=alice.user, course=overdue, reason="Secondment", by=hr_county.user)
    CompletionRecord.objects.create(
        user=alice.user,
        course=overdue,
        kind="completed",
        year=timezone.localdate().year,
        hours=1,
        occurred_at=timezone.now(),
    )
    # The rule, and the cadre's own pages.
    assert statuses_for(alice)[0].status == Status.COMPLETED
    learning = login(alice).get(reverse("records:my_learning")).content.decode()
    assert "Completed" in learning and "Waived" not in learning
    # HR: the transcript, the completion table, its export, the dashboard.
    data = transcript(alice)
    assert [item.status for item in data.assigned] == [Status.COMPLETED]
    assert [line.record.kind for line in data.entries] == ["waived", "completed"]
    hr = login(hr_county)
    year = {"year": PAST.year}  # HR's tables show the assignments due in the year chosen
    table = hr.get(reverse("records:completions"), year).content.decode()
    assert 'data-status="completed"' in table and 'data-status="waived"' not in table
    waived_only = hr.get(
        reverse("records:completions"), {**year, "status": "waived"}
    ).content.decode()
    assert 'data-status="' not in waived_only
    export = hr.get(reverse("records:export", args=["completions", "csv"]), year)
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert [row[rows[0].index("Status")] for row in rows[1:]] == ["Completed"]
    dashboard = hr.get(reverse("records:dashboard"), year)
    total = dashboard.context["report"].total
    assert (total.completed, total.waived) == (1, 0)
