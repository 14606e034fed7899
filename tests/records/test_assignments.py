"""Assigning courses: HR within its units, trainers for their own published courses."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from records.models import Assignment
from records.services import statuses_for

pytestmark = pytest.mark.django_db


def due(days=30):
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def test_hr_assigns_a_course_to_its_township_and_its_cadres_see_it(
    login, hr_town, units, alice, bob, make_course
):
    course = make_course("policy")
    response = login(hr_town).post(
        reverse("records:assignments"),
        {
            "course": course.pk,
            "unit": units["east"].pk,
            "kind": "required",
            "due_date": due(),
            "ranks": ["section_member"],
            "leaders_only": "on",
        },
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert (assignment.assigned_by, assignment.ranks) == (hr_town.user, ["section_member"])
    assert [s.course for s in statuses_for(alice)] == [course]
    assert statuses_for(bob) == []


def test_hr_cannot_assign_outside_its_units_or_in_the_past(login, hr_town, units, make_course):
    course = make_course("policy")
    client = login(hr_town)
    response = client.post(
        reverse("records:assignments"),
        {"course": course.pk, "unit": units["west"].pk, "kind": "required", "due_date": due()},
    )
    assert "unit" in response.context["form"].errors
    response = client.post(
        reverse("records:assignments"),
        {"course": course.pk, "unit": units["east"].pk, "kind": "required", "due_date": due(-1)},
    )
    assert "due_date" in response.context["form"].errors
    assert not Assignment.objects.exists()


def test_cancelling_keeps_the_row_and_only_in_scope(login, hr_town, units, make_course):
    course = make_course("policy")
    west = Assignment.objects.create(
        course=course, unit=units["west"], due_date=dt.date(2030, 1, 1)
    )
    east = Assignment.objects.create(
        course=course, unit=units["east"], due_date=dt.date(2030, 1, 1)
    )
    client = login(hr_town)
    assert client.post(reverse("records:assignment_cancel", args=[west.pk])).status_code == 404
    client.post(reverse("records:assignment_cancel", args=[east.pk]))
    east.refresh_from_db()
    assert east.cancelled_at is not None and Assignment.objects.count() == 2


def test_cadres_and_trainers_cannot_use_the_hr_assignment_page(login, alice, tom):
    for person in (alice, tom):
        assert login(person).get(reverse("records:assignments")).status_code == 403


def test_a_trainer_assigns_their_published_course_to_any_unit(
    login, tom, units, make_course, bob, other_trainer
):
    course = make_course("mine")
    course.owner = tom.user
    course.save()
    data = {"course": course.pk, "unit": units["west"].pk, "kind": "elective", "due_date": due()}
    assert (
        login(other_trainer)
        .post(reverse("studio:course_assign", args=[course.slug]), data)
        .status_code
        == 403
    )
    login(tom).post(reverse("studio:course_assign", args=[course.slug]), data)
    assert [s.course for s in statuses_for(bob)] == [course]
    draft = make_course("draft", status="draft")
    draft.owner = tom.user
    draft.save()
    login(tom).post(reverse("studio:course_assign", args=[draft.slug]), data)
    assert Assignment.objects.count() == 1
