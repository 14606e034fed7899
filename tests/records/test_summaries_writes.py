"""Writes through the admin and the views that once left the dashboard's summaries unequal to a
rebuild from the raw records (invariant 1) or the dashboard from the summaries unequal to
`live=True` (2), found by a review that set out to break them."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError
from django.urls import reverse

from people.models import Profile
from records import summaries
from records.models import Assignment
from records.reports.base import Filters
from tests.conftest import make_person
from tests.records.summaries_helpers import boards, complete, drift, today  # noqa: F401  the pinned day

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(superuser_client):
    return superuser_client


def test_deleting_a_user_in_the_admin_leaves_them_counted(admin_client, units, hr_county):
    """The admin lets a person without learning records be deleted. The cascade deletes their
    CadreFacts before Profile's post_delete runs `refresh`, which then finds nothing stored
    and nothing raw, so the cohort keeps counting them."""
    person = make_person("leaver", units["hill"], is_cadre=True)
    response = admin_client.post(
        reverse("admin:auth_user_delete", args=[person.user.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Profile.objects.filter(pk=person.pk).exists()
    summary, live = boards(hr_county, Filters(year=2026))
    assert drift() == []  # cadres Key(hill, clerk, False): 1 != None
    assert summary == live  # County: 1 cadre from the summaries, 0 live


def test_giving_a_profile_to_another_account_in_the_admin_leaves_the_first_counted(
    admin_client, units, hr_county
):
    """ProfileAdmin edits `user`. post_save refreshes only the new account; the old one's
    CadreFacts still count it in the cohort, so the cohort has two cadres for one profile."""
    profile = make_person("wrong", units["hill"], is_cadre=True)
    right = get_user_model().objects.create_user("right", password="x")
    url = reverse("admin:people_profile_change", args=[profile.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if k in form.fields and v not in (None, False)}
    data.update(user=right.pk, unit=profile.unit_id, hr_units=[], is_cadre="on")
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert Profile.objects.get(pk=profile.pk).user_id == right.pk
    summary, live = boards(hr_county, Filters(year=2026))
    assert drift() == []  # cadres 2 != 1; facts of the old account still in the cohort
    assert summary == live


def test_a_yearly_row_skipped_while_stale_is_taken_as_current_when_its_basis_returns(
    units, hr_county, make_course, settings
):
    """`_write` skips a CohortYear row whose basis is not the current one. The row keeps its
    old basis but misses the cadre's delta; once the basis is the row's again (the targets
    changed and changed back, two app servers with different settings during a deploy), the
    dashboard trusts it."""
    course = make_course("c", lessons=1, study_hours=Decimal("2"))
    p = make_person("p", units["hill"], is_cadre=True)
    q = make_person("q", units["hill"], is_cadre=True)
    complete(p, course)
    target = settings.STUDY_HOURS_PER_YEAR
    settings.STUDY_HOURS_PER_YEAR = target + 1
    complete(q, course)  # the row (basis with the old target) is skipped
    settings.STUDY_HOURS_PER_YEAR = target
    summary, live = boards(hr_county, Filters(year=2026))
    assert summary == live  # hours 2.00 from the summaries, 4.00 live


def test_an_assignment_whose_summaries_fail_is_not_written_either(
    units, hr_county, make_course, client, monkeypatch
):
    """The assignment and its summaries' recompute are one transaction (`Assignment.save`): when
    the recompute fails (a PostgreSQL deadlock or lock timeout) HR gets a 503 and the assignment
    is not there, so posting it again makes it once, with its summaries."""
    course = make_course("c", lessons=1, study_hours=Decimal("2"))
    p = make_person("p", units["hill"], is_cadre=True)
    make_person("q", units["hill"], is_cadre=True)
    complete(p, course)
    real = summaries.refresh_units

    def fails(units):
        raise OperationalError("deadlock detected")

    monkeypatch.setattr(summaries, "refresh_units", fails)
    client.force_login(hr_county.user)
    form = {
        "course": course.pk,
        "unit": units["west"].pk,
        "kind": "required",
        "due_date": "2026-12-01",
    }
    assert client.post(reverse("records:assignments"), form).status_code == 503
    assert not Assignment.objects.exists()
    monkeypatch.setattr(summaries, "refresh_units", real)
    assert client.post(reverse("records:assignments"), form).status_code == 302
    assert Assignment.objects.count() == 1
    assert drift() == []
    summary, live = boards(hr_county, Filters(year=2026))
    assert summary == live


def test_the_summaries_ignore_people_and_count_a_unit_outside_the_scope(
    units, hr_town, make_course
):
    """Low: `_count_cohorts` never reads `people` and takes `filters.unit` as is, so the scope
    rests on the form alone. The live path intersects with `people` (the officer's scope).
    Not reachable through RecordsFilterForm today (its units are the officer's)."""
    course = make_course("c", lessons=1)
    complete(make_person("b", units["hill"], is_cadre=True), course)  # West: not hr_town's
    summary, live = boards(hr_town, Filters(year=2026, unit=units["hill"]))
    assert summary == live  # 1 cadre and 2 h of West Town shown to East Town's officer
