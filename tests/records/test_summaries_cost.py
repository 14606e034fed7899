"""Performance traps in the receivers (not wrong figures: work and row locks a write does not
need)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from records import summaries
from records.models import Assignment, Cohort
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


def test_renaming_a_course_does_not_lock_every_cohort_it_is_assigned_to(
    units, make_course, tom, login, monkeypatch
):
    course = make_course("policy", lessons=1, owner=tom.user)
    for i, unit in enumerate(["hill", "riverside", "east", "west", "archives"]):
        make_person(f"p{i}", units[unit], is_cadre=True)
    Assignment.objects.create(course=course, unit=units["county"], due_date=dt.date(2026, 9, 1))
    assert Cohort.objects.count() == 5
    calls = []
    real = summaries.refresh_units
    monkeypatch.setattr(summaries, "refresh_units", lambda u: calls.append(u) or real(u))
    client = login(tom)
    with CaptureQueriesContext(connection) as queries:
        r = client.post(
            reverse("studio:course_edit", args=[course.slug]),
            {"title": "Renamed", "slug": course.slug, "language": course.language},
        )
    assert r.status_code == 302
    course.refresh_from_db()
    assert course.title == "Renamed" and course.status == "published"
    # A title cannot change which courses are required of anyone; yet every cohort of the
    # county is read (and on PostgreSQL locked FOR UPDATE) with the assignments above them.
    touched = [q["sql"] for q in queries if "records_cohort" in q["sql"]]
    assert calls == [] and touched == [], touched
