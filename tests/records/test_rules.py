"""Each rule of assigned courses, once, on plain values (records/rules.py): no database."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace as V

import pytest

from records import rules
from records.rules import Status

TODAY = dt.date(2026, 6, 15)


def assignment(course=1, kind="required", due=TODAY, ranks=(), leaders_only=False, pk=0):
    return V(
        pk=pk,
        course_id=course,
        kind=kind,
        due_date=due,
        ranks=list(ranks),
        leaders_only=leaders_only,
    )


def line(pk, kind, course=1, hours="2.0", corrects=None, year=2026):
    return V(
        pk=pk, course_id=course, kind=kind, hours=Decimal(hours), corrects_id=corrects, year=year
    )


@pytest.mark.parametrize(
    ("made_to", "ranks", "leaders_only", "unit", "rank", "leader", "expected"),
    [
        ("/1/", [], False, "/1/4/9/", "clerk", False, True),  # a unit below the one assigned
        ("/1/4/", [], False, "/1/4/", "clerk", False, True),  # the unit itself
        ("/1/4/", [], False, "/1/5/", "clerk", False, False),  # a sibling unit
        ("/1/4/", [], False, "/1/40/", "clerk", False, False),  # a prefix of digits is no parent
        ("/1/", ["section"], False, "/1/4/", "clerk", False, False),  # another rank
        ("/1/", ["section", "clerk"], False, "/1/4/", "clerk", False, True),
        ("/1/", [], True, "/1/4/", "clerk", False, False),  # leaders only
        ("/1/", [], True, "/1/4/", "clerk", True, True),
        ("/1/", [], False, "", "clerk", False, False),  # a cadre with no unit
    ],
)
def test_reaches(made_to, ranks, leaders_only, unit, rank, leader, expected):
    a = assignment(ranks=ranks, leaders_only=leaders_only)
    assert rules.reaches(a, made_to, unit_path=unit, rank=rank, is_leader=leader) is expected


def test_one_per_course_prefers_required_then_earliest_due_and_sorts_by_due():
    late_required = assignment(course=1, kind="required", due=dt.date(2026, 9, 1), pk=1)
    early_elective = assignment(course=1, kind="elective", due=dt.date(2026, 2, 1), pk=2)
    early_required = assignment(course=1, kind="required", due=dt.date(2026, 8, 1), pk=3)
    other = assignment(course=2, kind="elective", due=dt.date(2026, 3, 1), pk=4)
    chosen = rules.one_per_course([late_required, early_elective, early_required, other])
    assert [a.pk for a in chosen] == [4, 3]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([], None),
        ([line(1, "completed")], 1),
        ([line(1, "completed"), line(2, "voided", corrects=1)], None),  # a voided credit
        ([line(1, "waived")], 1),
        ([line(1, "waived"), line(2, "completed")], 2),  # a completion outranks a waiver
        ([line(1, "completed"), line(2, "voided", corrects=1), line(3, "waived")], 3),
    ],
)
def test_standing_record(lines, expected):
    standing = rules.standing_record(lines)
    assert (standing.pk if standing else None) == expected


@pytest.mark.parametrize(
    ("due", "standing", "started", "expected"),
    [
        (TODAY, "completed", False, Status.COMPLETED),
        (TODAY - dt.timedelta(days=30), "completed", False, Status.COMPLETED),  # late, but done
        (TODAY - dt.timedelta(days=30), "waived", False, Status.WAIVED),
        (TODAY - dt.timedelta(days=1), None, True, Status.OVERDUE),  # started is not enough
        (TODAY, None, True, Status.IN_PROGRESS),  # due today is not yet overdue
        (TODAY, None, False, Status.NOT_STARTED),
        (TODAY + dt.timedelta(days=90), None, False, Status.NOT_STARTED),
    ],
)
def test_status(due, standing, started, expected):
    got = rules.status(due_date=due, standing_kind=standing, started=started, today=TODAY)
    assert got == expected


def test_net_hours_are_credits_minus_voids_and_waivers_credit_nothing():
    lines = [line(1, "completed"), line(2, "voided", hours="-2.0", corrects=1), line(3, "waived")]
    assert rules.net_hours(lines) == 0
    assert rules.net_hours([line(1, "completed", hours="1.5")]) == Decimal("1.5")


@pytest.mark.parametrize(
    ("kind", "status", "due", "overdue", "soon"),
    [
        ("required", Status.OVERDUE, TODAY - dt.timedelta(days=1), True, False),
        ("elective", Status.OVERDUE, TODAY - dt.timedelta(days=1), False, False),  # a suggestion
        ("required", Status.NOT_STARTED, TODAY + dt.timedelta(days=7), False, True),
        ("required", Status.IN_PROGRESS, TODAY + dt.timedelta(days=7), False, True),
        ("required", Status.NOT_STARTED, TODAY + dt.timedelta(days=8), False, False),  # later
        ("required", Status.COMPLETED, TODAY + dt.timedelta(days=1), False, False),
        ("required", Status.WAIVED, TODAY + dt.timedelta(days=1), False, False),
        ("elective", Status.NOT_STARTED, TODAY + dt.timedelta(days=1), False, False),
    ],
)
def test_due_and_overdue(kind, status, due, overdue, soon):
    horizon = TODAY + dt.timedelta(days=7)
    assert rules.is_overdue(kind=kind, status=status) is overdue
    assert rules.is_due_soon(kind=kind, status=status, due_date=due, horizon=horizon) is soon


@pytest.mark.parametrize(
    ("required", "total", "met"),
    [("30", "50", True), ("29.5", "60", False), ("40", "49.5", False), ("50", "50", True)],
)
def test_requirement_met(required, total, met):
    assert (
        rules.requirement_met(
            required=Decimal(required),
            total=Decimal(total),
            required_target=Decimal(30),
            total_target=Decimal(50),
        )
        is met
    )


def test_status_labels_follow_the_language():
    from django.utils import translation

    with translation.override("zh-hans"):
        assert str(Status.OVERDUE.label) == "已逾期"
    with translation.override("en"):
        assert str(Status.OVERDUE.label) == "Overdue"


@pytest.mark.parametrize("wanted", list(Status))
def test_started_matters_exactly_where_it_changes_the_status(wanted):
    """A filter on `wanted` may skip reading the "started" flags only if no status of that kind
    depends on them."""
    depends = any(
        rules.status(due_date=due, standing_kind=None, started=True, today=TODAY)
        == wanted
        != rules.status(due_date=due, standing_kind=None, started=False, today=TODAY)
        or rules.status(due_date=due, standing_kind=None, started=False, today=TODAY)
        == wanted
        != rules.status(due_date=due, standing_kind=None, started=True, today=TODAY)
        for due in (TODAY - dt.timedelta(days=1), TODAY, TODAY + dt.timedelta(days=1))
    )
    assert rules.started_matters(wanted) is depends
