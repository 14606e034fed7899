"""The dashboard's summaries: kept in the transaction of every write that changes them, equal to a
rebuild from the raw records after any sequence of writes, and giving the dashboard the figures
it gets by working every cadre out from their records.

The writes are the site's own: ledger lines (completions, HR's waivers, voids and withdrawn
waivers through `records.services`), people moving unit, rank or leadership, leaving the cadre
role or being deactivated, assignments made and cancelled, courses archived and published again,
units moved in the tree; hypothesis draws random sequences of them.
"""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from people.locks import lock_person
from people.models import OrgUnit, Profile
from quizzes.services import AttemptRefused, attempt_start, attempt_submit
from records import reports, summaries
from records.models import Assignment, CadreFacts, CohortYear, CompletionRecord
from records.reports.base import Filters
from records.services import RecordError, record_void, record_waive, record_withdraw_waiver
from tests.conftest import make_person
from tests.quizzes.conftest import answers_for
from tests.records.summaries_helpers import figures
from tests.records.test_dashboard import at, today  # noqa: F401  the pinned day, by name

pytestmark = pytest.mark.django_db

Rank = Profile.Rank
RANKS = [Rank.CLERK, Rank.SECTION_MEMBER, Rank.SECTION]
UNITS = ["county", "east", "west", "riverside", "hill", "archives"]
YEARS = [2025, 2026]
PICKS = [
    {"quota": ["b"], "measures": ["a", "b", "c"], "blocks": ["keep", "r1"]},
    {"quota": ["a"], "measures": ["d"], "blocks": ["dissolve", "r2"]},
    {"quota": ["b"], "measures": ["a"], "blocks": ["keep", "r2"]},
]


@pytest.fixture
def world(units, hr_county, make_course, quiz):
    courses = [
        make_course(f"c{i}", lessons=1, study_hours=Decimal(h))
        for i, h in enumerate(["2", "3", "1.5"])
    ]
    people = [
        make_person(
            f"p{i}",
            units[UNITS[i % len(UNITS)]],
            is_cadre=True,
            rank=RANKS[i % len(RANKS)],
            is_leader=i % 3 == 0,
        )
        for i in range(7)
    ]
    Assignment.objects.create(
        course=courses[0], unit=units["county"], kind="required", due_date=dt.date(2026, 3, 1)
    )
    hr_other = make_person("hr2", units["county"], is_hr=True, hr_units=[units["county"]])
    return {
        "units": units,
        "courses": courses,
        "people": people,
        "hr": hr_other.user,
        "quiz": quiz,
    }


def _do(world, action: tuple) -> None:
    """One write, chosen by `action` = (kind, a, b, c, d): small integers the strategy draws."""
    kind, a, b, c, d = action
    units, courses, people, hr = world["units"], world["courses"], world["people"], world["hr"]
    person = people[a % len(people)]
    person.refresh_from_db()
    course = courses[b % len(courses)]
    lines = CompletionRecord.objects.filter(user=person.user, course=course)
    try:
        if kind == "complete" and not lines.filter(kind="completed").exists():
            CompletionRecord.objects.create(
                user=person.user,
                course=course,
                kind="completed",
                year=YEARS[c % 2],
                hours=course.study_hours,
                occurred_at=at(dt.date(YEARS[c % 2], 2, 1 + d % 20)),
            )
        elif kind == "waive":
            record_waive(user=person.user, course=course, reason="excused", by=hr)
        elif kind == "void" and (line := lines.filter(kind="completed").first()):
            if not line.corrections.exists():
                record_void(record=line, reason="mistake", by=hr)
        elif kind == "withdraw" and (line := lines.filter(kind="waived").last()):
            record_withdraw_waiver(waiver=line, reason="mistake", by=hr)
        elif kind == "move":
            person.unit = units[UNITS[c % len(UNITS)]]
            person.rank = RANKS[d % len(RANKS)]
            person.is_leader = bool(d % 2)
            person.save()
        elif kind == "role":
            person.is_cadre = not person.is_cadre
            person.save()
        elif kind == "active":
            person.user.is_active = not person.user.is_active
            person.user.save()
        elif kind == "assign":
            Assignment.objects.create(
                course=course,
                unit=units[UNITS[c % len(UNITS)]],
                kind="required" if d % 3 else "elective",
                ranks=[] if d % 2 else [RANKS[d % len(RANKS)]],
                leaders_only=d % 5 == 0,
                due_date=dt.date(2026, 1 + d % 12, 1),
            )
        elif kind == "cancel" and (
            assignment := Assignment.objects.filter(cancelled_at__isnull=True)
            .order_by("pk")[a % 4 : a % 4 + 1]
            .first()
        ):
            assignment.cancelled_at = at(dt.date(2026, 6, 1))
            assignment.save(update_fields=["cancelled_at"])
        elif kind == "status":
            course.status = "archived" if course.status == "published" else "published"
            course.save(update_fields=["status"])
        elif kind == "take":  # a graded attempt: the taker's mastery moves
            attempt = attempt_start(quiz=world["quiz"], user=person.user)
            attempt_submit(attempt=attempt, answers=answers_for(attempt, PICKS[c % len(PICKS)]))
        elif kind == "reparent":
            unit = units[["riverside", "hill", "archives"][c % 3]]
            unit.refresh_from_db()
            unit.parent = units[["east", "west", "county"][d % 3]]
            unit.save()
    except (RecordError, AttemptRefused):
        pass  # a correction the rules refuse changes nothing, which is also checked


ACTIONS = st.tuples(
    st.sampled_from(
        [
            "complete",
            "complete",
            "waive",
            "void",
            "withdraw",
            "move",
            "role",
            "active",
            "assign",
            "cancel",
            "status",
            "reparent",
            "take",
            "take",
        ]
    ),
    *[st.integers(0, 20)] * 4,
)


def _assert_dashboards_agree(officer, world) -> None:
    """The dashboard from the summaries gives what working out every cadre gives."""
    people = Profile.objects.visible_to(officer.user).cadres()
    units, courses = world["units"], world["courses"]
    for filters in (
        Filters(year=2026),
        Filters(year=2025),
        Filters(year=2026, unit=units["east"]),
        Filters(year=2026, course=courses[0]),
        Filters(year=2026, course=courses[1], unit=units["west"]),
        Filters(year=2026, rank=Rank.CLERK),
        Filters(year=2026, leaders_only=True),
    ):
        for unit in filters.unit, units["county"]:
            filters = Filters(**{**filters.__dict__, "unit": unit})
            from_summaries = reports.dashboard(officer, people, filters)
            live = reports.dashboard(officer, people, filters, live=True)
            assert figures(from_summaries) == figures(live), filters


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(actions=st.lists(ACTIONS, min_size=1, max_size=12))
def test_random_writes_leave_the_summaries_equal_to_a_rebuild(world, hr_county, actions):
    saved = transaction.savepoint()
    try:
        for action in actions:
            _do(world, action)
        assert summaries.differences(summaries.stored(), summaries.compute()) == []
        _assert_dashboards_agree(hr_county, world)
    finally:
        transaction.savepoint_rollback(saved)


def test_every_figure_kind_is_exercised(world, hr_county):
    """A fixed sequence touching each kind of figure, so the property test's examples are not
    all trivially empty: completions, a waiver, a void, a move and an assignment."""
    for action in [
        ("complete", 0, 0, 1, 0),
        ("complete", 1, 1, 1, 0),
        ("complete", 2, 0, 0, 0),
        ("waive", 3, 0, 0, 0),
        ("void", 2, 0, 0, 0),
        ("move", 1, 0, 4, 1),
        ("assign", 0, 1, 1, 1),
        ("take", 0, 0, 0, 0),
        ("take", 3, 0, 1, 0),
        ("take", 3, 0, 2, 0),
    ]:
        _do(world, action)
    stored = summaries.stored()
    assert summaries.differences(stored, summaries.compute()) == []
    assert sum(done for done, _ in stored.courses.values()) == 2
    assert sum(waived for _, waived in stored.courses.values()) == 1
    assert any(row[1] for row in stored.years.values())  # hours
    assert stored.mastery  # p0 and p3 lead
    _assert_dashboards_agree(hr_county, world)


def test_a_changed_target_is_read_from_the_cadres_facts_until_rebuilt(world, hr_county, settings):
    """Yearly rows carry the basis they were computed on: after the targets change, the
    dashboard works the met count out from each cohort's cadres, and a rebuild stores it."""
    for action in [("complete", 0, 0, 1, 0), ("complete", 0, 1, 1, 0), ("complete", 1, 0, 1, 0)]:
        _do(world, action)
    before = reports.dashboard(hr_county, _people(hr_county), Filters(year=2026)).total.met
    settings.STUDY_HOURS_PER_YEAR = 4
    settings.STUDY_HOURS_REQUIRED = 1
    board = reports.dashboard(hr_county, _people(hr_county), Filters(year=2026))
    live = reports.dashboard(hr_county, _people(hr_county), Filters(year=2026), live=True)
    assert board.total.met == live.total.met != before
    assert summaries.differences(summaries.stored(), summaries.compute())  # stale until rebuilt
    call_command("rebuild_summaries", verbosity=0)
    assert summaries.differences(summaries.stored(), summaries.compute()) == []
    assert set(CohortYear.objects.values_list("basis", flat=True)) <= {
        str(summaries.basis_of(r)) for r in ({world["courses"][0].pk},)
    }


def test_rebuild_check_fails_on_a_summary_changed_behind_its_back(world, capsys):
    _do(world, ("complete", 0, 0, 1, 0))
    call_command("rebuild_summaries", "--check")
    CadreFacts.objects.filter(user=world["people"][0].user).delete()
    with pytest.raises(Exception, match="differ"):
        call_command("rebuild_summaries", "--check")
    call_command("rebuild_summaries")
    call_command("rebuild_summaries", "--check")


def _people(officer):
    return Profile.objects.visible_to(officer.user).cadres()


def test_units_moved_in_the_tree_take_their_cohorts_with_them(world, hr_county):
    units = world["units"]
    _do(world, ("complete", 4, 0, 1, 0))  # p4 in Hill Village (West Town)
    Assignment.objects.create(
        course=world["courses"][1],
        unit=units["east"],
        kind="required",
        due_date=dt.date(2026, 9, 1),
    )
    _do(world, ("complete", 4, 1, 1, 0))
    hill = OrgUnit.objects.get(code="hill")
    hill.parent = units["east"]
    hill.save()  # now the East Town assignment makes course 1 required of p4
    assert summaries.differences(summaries.stored(), summaries.compute()) == []
    _assert_dashboards_agree(hr_county, world)


@pytest.mark.django_db(transaction=True)
def test_concurrent_writes_to_one_cohort_lose_nothing(units, make_course):
    """Four cadres of one cohort complete a course at the same moment as an assignment changes
    which courses are required of them: each refresh and the recompute lock the cohort's row,
    so the counts end as a rebuild says (PostgreSQL: SQLite serialises writers anyway)."""
    if connection.vendor == "sqlite":
        pytest.skip("concurrent writers need PostgreSQL; SQLite serialises them anyway")
    course = make_course("together", lessons=1, study_hours=Decimal("2"))
    people = [make_person(f"t{i}", units["hill"], is_cadre=True, rank=Rank.CLERK) for i in range(4)]
    barrier = threading.Barrier(len(people) + 1)
    errors = []

    def complete(person):
        try:
            barrier.wait()
            with transaction.atomic():
                lock_person(person.user)
                CompletionRecord.objects.create(
                    user=person.user,
                    course=course,
                    kind="completed",
                    year=2026,
                    hours=course.study_hours,
                    occurred_at=at(dt.date(2026, 2, 1)),
                )
        except Exception as exc:  # noqa: BLE001  reported below
            errors.append(exc)
        finally:
            connection.close()

    def assign():
        try:
            barrier.wait()
            Assignment.objects.create(
                course=course, unit=units["west"], kind="required", due_date=dt.date(2026, 9, 1)
            )
        except Exception as exc:  # noqa: BLE001  reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=complete, args=(p,)) for p in people]
    threads.append(threading.Thread(target=assign))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    stored = summaries.stored()
    assert summaries.differences(stored, summaries.compute()) == []
    (row,) = [v for (key, year), v in stored.years.items() if key.unit_id == units["hill"].pk]
    assert row[:4] == (4, Decimal("8.00"), Decimal("8.00"), 0)  # required now, all four
