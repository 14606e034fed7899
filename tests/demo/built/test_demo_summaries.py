"""The dashboard's summaries on the demo's year of history: equal to a rebuild, and every HR
officer's dashboard, under every filter the form offers but status and search, the same from the
summaries as from working every cadre out."""

import pytest
from django.utils import timezone

from courses.models import Course
from people.models import OrgUnit, Profile
from records import reports, summaries
from records.reports.base import Filters
from tests.records.summaries_helpers import figures

pytestmark = pytest.mark.django_db


def test_the_stored_summaries_are_what_the_records_say(demo):
    assert summaries.differences(summaries.stored(), summaries.compute()) == []


def test_every_officers_dashboard_reads_the_same_from_the_summaries(demo):
    year = timezone.localdate().year
    courses = list(Course.objects.filter(translation_of__isnull=True, status="published"))
    compared = 0
    for officer in Profile.objects.filter(is_hr=True):
        people = Profile.objects.visible_to(officer.user).cadres()
        units = [None, *OrgUnit.objects.subtree_of(officer.hr_roots)]
        for unit in units:
            for filters in (
                Filters(year=year, unit=unit),
                Filters(year=year - 1, unit=unit),
                Filters(year=year, unit=unit, leaders_only=True),
                Filters(year=year, unit=unit, rank=Profile.Rank.SECTION_MEMBER),
                *(Filters(year=year, unit=unit, course=c) for c in courses),
            ):
                board = reports.dashboard(officer, people, filters)
                live = reports.dashboard(officer, people, filters, live=True)
                assert figures(board) == figures(live), (officer, filters)
                compared += 1
    assert compared > 20
    # Not trivially empty: the demo's year has completions, hours and leaders' mastery.
    board = reports.dashboard(
        Profile.objects.filter(is_hr=True).first(),
        Profile.objects.visible_to(Profile.objects.filter(is_hr=True).first().user).cadres(),
        Filters(year=year),
    )
    assert board.total.completed and board.has_heat
