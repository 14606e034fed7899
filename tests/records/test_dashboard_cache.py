"""The dashboard's figures kept in the cache under the summaries' version: a repeated page sums
no cohorts, and every committed write, a day passing or a change of targets is seen by the next
page. A write's commit is played by running its on-commit callbacks (`committed`), as the site's
commit does; on PostgreSQL two tests commit for real, with a second connection reading
between a write and its commit."""

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from people.models import OrgUnit, Profile
from records import reports, summaries
from records.models import Assignment
from records.services import record_waive
from tests.records import test_dashboard
from tests.records.summaries_helpers import figures

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="real commits on a second connection: PostgreSQL (SQLite's test ledger cannot be "
    "flushed between transactional tests: it is append-only)",
)

# The small county of the dashboard's tests, "today" pinned to 15 June 2026.
county = test_dashboard.county
today = test_dashboard.today
complete = test_dashboard.complete


@pytest.fixture
def committed(county, django_capture_on_commit_callbacks):
    """The county as committed (its fixture's writes ran in the test's transaction), and a
    context that runs what a write queues for its commit."""
    summaries._committed()

    def _committed():
        return django_capture_on_commit_callbacks(execute=True)

    return _committed


def board(officer, **filters):
    people = Profile.objects.visible_to(officer.user).cadres()
    chosen = reports.Filters(year=2026, **filters)
    return reports.dashboard(officer, people, chosen)


def cohort_reads(queries) -> int:
    return sum('"records_cohort' in q["sql"] for q in queries)


def live(officer, **filters):
    people = Profile.objects.visible_to(officer.user).cadres()
    return figures(reports.dashboard(officer, people, reports.Filters(2026, **filters), live=True))


def test_a_repeated_page_reads_no_cohorts_and_shows_the_same(hr_county, committed):
    with CaptureQueriesContext(connection) as first:
        one = figures(board(hr_county))
    with CaptureQueriesContext(connection) as second:
        two = figures(board(hr_county))
    assert one == two == live(hr_county)
    assert cohort_reads(first) >= 2 and cohort_reads(second) == 0
    assert len(second) < len(first)


def test_a_committed_write_is_on_the_next_page(hr_county, county, committed):
    before = figures(board(hr_county))
    with committed():
        complete(county["carol"], county["policy"])
    after = figures(board(hr_county))
    assert after != before and after == live(hr_county)
    with committed():
        record_waive(
            user=county["erin"].user, course=county["policy"], reason="Seconded", by=hr_county.user
        )
    assert figures(board(hr_county)) == live(hr_county)


def test_a_page_read_inside_a_write_keeps_nothing(hr_county, county, committed):
    """Its figures are the transaction's own, which a rollback could undo."""
    from django.core.cache import cache

    board(hr_county)
    with transaction.atomic():
        complete(county["carol"], county["policy"])
        assert summaries.written_here()
        with CaptureQueriesContext(connection) as inside:
            board(hr_county)
        key = key_of(hr_county)
        transaction.set_rollback(True)
    assert cohort_reads(inside) >= 2 and cache.get(key) is None


def key_of(officer, **filters):
    from records.reports.dashboard import _figures_key

    chosen = reports.Filters(year=2026, **filters)
    report = reports.for_officer(officer, chosen)
    return _figures_key(officer, chosen, report)


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_write_rolled_back_leaves_nothing_in_the_cache(hr_county, county):
    before = figures(board(hr_county))
    with transaction.atomic():
        complete(county["carol"], county["policy"])
        inside = figures(board(hr_county))  # this transaction's own, uncommitted figures
        assert inside != before
        transaction.set_rollback(True)
    assert figures(board(hr_county)) == before == live(hr_county)


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_another_worker_reading_mid_write_keeps_nothing_stale(hr_county, county):
    """A page read while a write is open (the write has given the summaries a new version but
    not committed) keeps the old figures under that version; the commit replaces it again."""
    done = []

    def read_meanwhile():
        try:
            done.append(figures(board(hr_county)))
        finally:
            connection.close()

    version = summaries.version()
    with transaction.atomic():
        complete(county["carol"], county["policy"])
        assert summaries.version() != version
        # Another connection, as another worker would read, between the write and its commit.
        reader = threading.Thread(target=read_meanwhile)
        reader.start()
        reader.join()
    assert figures(board(hr_county)) == live(hr_county) != done[0]


def test_the_day_passing_a_due_date_moves_overdue_with_no_write(
    hr_county, county, committed, monkeypatch
):
    before = board(hr_county).total.overdue
    monkeypatch.setattr(
        "django.utils.timezone.localdate",
        lambda value=None, timezone=None: dt.date(2026, 9, 2),  # "groups" is due on 1 September
    )
    after = board(hr_county).total.overdue
    assert after > before
    assert after == live(hr_county)[-3][5]  # the total row's overdue, worked out live


def test_other_targets_are_other_figures(settings, hr_county, county, committed):
    board(hr_county)
    settings.STUDY_HOURS_PER_YEAR = 1
    settings.STUDY_HOURS_REQUIRED = 1
    assert figures(board(hr_county)) == live(hr_county)


def test_an_assignment_changed_without_a_signal_is_another_key(hr_county, county, committed):
    board(hr_county)
    # A bulk update: no signal, no summaries write; the assignments are part of the key.
    Assignment.objects.filter(course=county["groups"]).update(leaders_only=False)
    assert figures(board(hr_county)) == live(hr_county)


def test_a_unit_moved_moves_its_figures(hr_county, county, committed, units):
    board(hr_county)
    riverside = units["riverside"]
    riverside.parent = units["west"]
    with committed():
        riverside.save()
    assert figures(board(hr_county)) == live(hr_county)


def test_each_filter_has_its_own_figures(hr_county, county, committed, units):
    whole = figures(board(hr_county))
    leaders = figures(board(hr_county, leaders_only=True))
    east = figures(board(hr_county, unit=units["east"]))
    assert len({repr(whole), repr(leaders), repr(east)}) == 3
    assert leaders == live(hr_county, leaders_only=True)
    assert east == live(hr_county, unit=units["east"])


def test_a_new_unit_reads_zero_from_kept_figures(hr_county, county, committed, units):
    board(hr_county, unit=units["east"])
    OrgUnit.objects.create(name="New office", code="new", parent=units["east"])
    assert figures(board(hr_county, unit=units["east"])) == live(hr_county, unit=units["east"])


def test_off_keeps_nothing(settings, hr_county, county, committed):
    from django.core.cache import cache

    settings.DASHBOARD_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as first:
        board(hr_county)
    with CaptureQueriesContext(connection) as second:
        board(hr_county)
    assert cohort_reads(first) == cohort_reads(second) >= 2
    assert cache.get(summaries.VERSION_KEY) is not None  # the version is still kept
