"""The transcript, the completion table, the dashboard, the reminders and My learning tell every
demo cadre's story the same way: they all call records/rules.py, and this walks them all."""

from collections import Counter, defaultdict

import pytest
from django.utils import timezone

from courses.models import Course
from people.models import Profile
from records import reminders, reports
from records.banner import split_due
from records.services import statuses_for
from records.views.learner import my_learning

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(demo):
    return Profile.objects.get(user__username="hr")


def test_every_demo_cadre_has_one_story_on_every_page(officer, rf):
    today = timezone.localdate()
    cadres = list(Profile.objects.visible_to(officer.user).cadres().select_related("user", "unit"))
    assert len(cadres) > 20

    # My learning's and the transcript's view: one cadre at a time.
    mine = {
        p.user_id: {s.course.pk: (s.status, s.assignment.pk) for s in statuses_for(p, today)}
        for p in cadres
    }
    # The demo has one case, in two languages: assigned to every cadre once, on its original.
    assert all(len(v) == 1 for v in mine.values())
    statuses_seen = Counter(status for v in mine.values() for status, _a in v.values())
    assert {"completed", "overdue", "not_started"} <= set(statuses_seen)

    for person in cadres:
        transcript = reports.transcript(person, today)
        assert {a.course.pk: (a.status, a.assignment.pk) for a in transcript.assigned} == mine[
            person.user_id
        ]

    # The completion table's view: all cadres at once, one year at a time.
    years = {a.due_date.year for p in cadres for a in _assignments(p, today)}
    table: dict[int, dict] = defaultdict(dict)
    for year in years:
        filters = reports.Filters(year=year)
        report = reports.Report(reports.scope_assignments(officer.hr_roots), filters, today)
        people = Profile.objects.visible_to(officer.user).cadres()
        for row in reports.completion_rows(people, report):
            table[row.cadre.user_id][row.course.pk] = (row.status, row.assignment.pk)
    assert {k: v for k, v in table.items() if v} == {k: v for k, v in mine.items() if v}

    # The dashboard's totals for each year are the sums of the same statuses.
    for year in years:
        filters = reports.Filters(year=year)
        people = Profile.objects.visible_to(officer.user).cadres()
        total = reports.dashboard(officer, people, filters, today).total
        in_year = [
            status
            for p in cadres
            for s in statuses_for(p, today)
            if s.assignment.due_date.year == year
            for status in [s.status]
        ]
        assert total.assigned == len(in_year)
        assert total.completed == in_year.count("completed")
        assert total.waived == in_year.count("waived")
        assert total.overdue == in_year.count("overdue")

    # The reminder job's view, all cadres at once, against the banner's, one at a time.
    due_job = {
        d.profile.user_id: (_courses(d.overdue), _courses(d.due_soon))
        for d in reminders._due_cadres(today)
    }
    for person in cadres:
        overdue, soon = split_due(statuses_for(person, today), today)
        expected = (_courses(overdue), _courses(soon))
        assert due_job.get(person.user_id, (set(), set())) == expected, person.full_name
    assert any(overdue for overdue, _soon in due_job.values())


def test_my_learning_page_shows_each_cadre_what_the_rules_say(officer, rf):
    today = timezone.localdate()
    for person in Profile.objects.visible_to(officer.user).cadres().select_related("user")[:40]:
        request = rf.get("/learning/")
        request.user = person.user
        response = my_learning(request)
        body = response.content.decode()
        for status in statuses_for(person, today):
            # The case in the language version the cadre reads (the interface's here).
            titles = Course.objects.filter(pk__in=status.course.family_ids())
            assert any(title in body for title in titles.values_list("title", flat=True))
            assert str(status.label) in body


def _assignments(profile, today):
    return [s.assignment for s in statuses_for(profile, today)]


def _courses(items) -> set[int]:
    return {item.course.pk for item in items}
