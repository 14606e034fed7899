"""What the summaries tests share: the two invariants as functions, and a completion."""

import datetime as dt
from decimal import Decimal

from people.models import Profile
from records import reports, summaries
from records.models import CompletionRecord
from records.reports.base import Filters
from tests.records.test_dashboard import at, today  # noqa: F401  the pinned day (autouse)

FIGURES = (
    "cadres",
    "assigned",
    "completed",
    "waived",
    "overdue",
    "hours",
    "required_hours",
    "met",
    "leaders",
)


def figures(board) -> list:
    rows = [*board.rows, board.total]
    return [
        *[(row.unit.name, *(getattr(row, n) for n in FIGURES)) for row in rows],
        [c.pk for c in board.competencies],
        [[cell.value for cell in row.heat] for row in board.rows],
    ]


def drift() -> list[str]:
    """Invariant (1): stored summaries against a rebuild from raw records."""
    return summaries.differences(summaries.stored(), summaries.compute())


def boards(officer, filters: Filters):
    people = Profile.objects.visible_to(officer.user).cadres()
    return (
        figures(reports.dashboard(officer, people, filters)),
        figures(reports.dashboard(officer, people, filters, live=True)),
    )


def complete(profile, course, year=2026, day=dt.date(2026, 2, 1), hours=None):
    return CompletionRecord.objects.create(
        user=profile.user,
        course=course,
        kind="completed",
        year=year,
        hours=course.study_hours if hours is None else Decimal(hours),
        occurred_at=at(day),
    )
