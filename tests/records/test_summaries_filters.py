"""Things suspected that held: kept as checks (they pass)."""

import datetime as dt
from decimal import Decimal

import pytest

from people.models import OrgUnit
from quizzes.services import attempt_start, attempt_submit
from records.models import Assignment
from records.reports.base import Filters
from records.services import record_void, record_waive, record_withdraw_waiver
from tests.conftest import make_person
from tests.quizzes.conftest import answers_for
from tests.records.summaries_helpers import boards, complete, drift, today  # noqa: F401  the pinned day

pytestmark = pytest.mark.django_db
PICKS = [
    {"quota": ["b"], "measures": ["a", "b", "c"], "blocks": ["keep", "r1"]},
    {"quota": ["a"], "measures": ["d"], "blocks": ["dissolve", "r2"]},
    {"quota": ["b"], "measures": ["a"], "blocks": ["keep", "r2"]},
    {"quota": ["c"], "measures": ["a", "e"], "blocks": ["merge", "r1"]},
]


def test_many_filters_agree(units, hr_county, make_course, quiz, settings):
    c1 = make_course("c1", lessons=1, study_hours=Decimal("2.5"))
    c2 = make_course("c2", lessons=1, study_hours=Decimal("1.25"))
    people = [
        make_person(f"p{i}", units[u], is_cadre=True, is_leader=i % 2 == 0)
        for i, u in enumerate(
            ["hill", "hill", "riverside", "riverside", "east", "archives", "hill"]
        )
    ]
    Assignment.objects.create(course=c1, unit=units["county"], due_date=dt.date(2026, 3, 1))
    Assignment.objects.create(
        course=c2, unit=units["west"], kind="elective", due_date=dt.date(2026, 9, 1)
    )
    complete(people[0], c1)
    complete(people[1], c2, year=2025)
    v = complete(people[2], c1)
    record_void(record=v, reason="x", by=hr_county.user)
    w = record_waive(user=people[3].user, course=c1, reason="x", by=hr_county.user)
    record_withdraw_waiver(waiver=w, reason="x", by=hr_county.user)
    record_waive(user=people[4].user, course=c1, reason="x", by=hr_county.user)
    for i, person in enumerate(people):
        for n in range(1 + i % 3):
            a = attempt_start(quiz=quiz, user=person.user)
            attempt_submit(attempt=a, answers=answers_for(a, PICKS[(i + n) % 4]))
    hill = OrgUnit.objects.get(code="hill")
    hill.parent = units["east"]
    hill.save()
    overlap = make_person(
        "hr_o",
        units["east"],
        is_hr=True,
        hr_units=[units["east"], units["riverside"], units["archives"]],
    )
    empty = make_person("hr_e", units["east"], is_hr=True)
    assert drift() == []
    for officer in (hr_county, overlap, empty):
        for f in (
            Filters(year=2026),
            Filters(year=2025),
            Filters(year=2026, unit=hill),
            Filters(year=2026, unit=OrgUnit.objects.get(code="riverside")),
            Filters(year=2026, leaders_only=True),
            Filters(year=2026, course=c2),
            Filters(year=2027),
        ):
            scope = officer.scope_units()
            if f.unit is not None and not scope.filter(pk=f.unit.pk).exists():
                continue  # the form offers only units in scope (see test_out_of_scope_unit)
            a, b = boards(officer, f)
            assert a == b, (officer, f)
    settings.STUDY_HOURS_PER_YEAR = 0
    settings.STUDY_HOURS_REQUIRED = 0
    a, b = boards(hr_county, Filters(year=2026))
    assert a == b


def test_profile_deleted_unit_deleted_and_import(units, hr_county, make_course):
    from people.imports import apply_import, plan_import

    c = make_course("c1", lessons=1)
    p = make_person("p", units["archives"], is_cadre=True, staff_number="S1")
    complete(p, c)
    record_waive(user=p.user, course=make_course("c2", lessons=1), reason="x", by=hr_county.user)
    p.unit = units["hill"]
    p.save()
    OrgUnit.objects.get(code="archives").delete()  # its (now empty) cohort goes with it
    csv = (
        b"staff_number,full_name,unit,rank,leader,roles\n"
        b"S1,P,riverside,section,yes,cadre\nS2,New,hill,clerk,no,cadre\n"
    )
    apply_import(plan_import(csv))
    make_person("q", units["hill"], is_cadre=True).delete()
    assert drift() == []
    a, b = boards(hr_county, Filters(year=2026))
    assert a == b
