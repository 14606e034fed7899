"""The rules of assigned courses, once, over plain values.

Every page and job that says what state a cadre's assigned course is in calls these functions:
My learning and the banner (`services.statuses_for`), the transcript, the completion table, the
hours ledger, the dashboard and the exports (`reports`), and the reminder e-mails
(`reminders`). They read attributes of whatever they are given (model instances or value
tuples), touch no database and know no case, so each rule is tested once, on plain values, in
`tests/records/test_rules.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Protocol, TypeVar

from django.db import models
from django.utils.translation import gettext_lazy as _

# Ledger kinds and assignment kinds, as stored (the models' choices use the same values).
COMPLETED = "completed"
WAIVED = "waived"
VOIDED = "voided"
WITHDRAWN = "withdrawn"  # a waiver taken back
REQUIRED = "required"


class Status(models.TextChoices):
    """Where a cadre stands on one assigned course."""

    COMPLETED = "completed", _("Completed")
    WAIVED = "waived", _("Waived")
    OVERDUE = "overdue", _("Overdue")
    IN_PROGRESS = "in_progress", _("In progress")
    NOT_STARTED = "not_started", _("Not started")


CLOSED = frozenset({Status.COMPLETED, Status.WAIVED})  # nothing left to do: no reminder, no waiver
OPEN = frozenset({Status.NOT_STARTED, Status.IN_PROGRESS})  # due, not yet late


class AssignmentLike(Protocol):
    course_id: int
    kind: str
    ranks: list[str]
    leaders_only: bool
    due_date: dt.date


class LineLike(Protocol):
    pk: int
    course_id: int
    kind: str
    year: int
    hours: Decimal
    corrects_id: int | None


A = TypeVar("A", bound=AssignmentLike)
L = TypeVar("L", bound=LineLike)


# --- Does an assignment reach a cadre ---------------------------------------------------------


def reaches(
    assignment: AssignmentLike, assignment_path: str, *, unit_path: str, rank: str, is_leader: bool
) -> bool:
    """Whether an assignment made to the unit at `assignment_path` reaches a cadre of the unit at
    `unit_path`: the cadre's unit is that unit or below it, their rank is one of the ranks named
    (none named: every rank), and they hold a leading post if only leaders are meant."""
    return (
        bool(unit_path)
        and unit_path.startswith(assignment_path)
        and (not assignment.ranks or rank in assignment.ranks)
        and (is_leader or not assignment.leaders_only)
    )


def one_per_course(assignments: Iterable[A]) -> list[A]:
    """A cadre reached by several assignments of one course has that course once: the required
    assignment before an elective one, then the earliest due. Soonest due first."""
    best: dict[int, A] = {}
    for a in sorted(assignments, key=lambda a: (a.kind != REQUIRED, a.due_date)):
        best.setdefault(a.course_id, a)
    return sorted(best.values(), key=lambda a: a.due_date)


# --- Where the cadre stands ----------------------------------------------------------------------


def standing_record(lines: Sequence[L]) -> L | None:
    """The ledger line that settles a course: a completion not voided, else a waiver not
    withdrawn (the latest); None while the course is open. `lines` are one cadre's lines of one
    course.

    Waived and then completed: the completion stands and credits its hours; the waiver line
    stays in the history. So a cadre who studies a course they were excused from is never
    worse off, and every page shows "completed"."""
    taken_back = {line.corrects_id for line in lines if line.kind in (VOIDED, WITHDRAWN)}
    for kind in (COMPLETED, WAIVED):
        for line in reversed(lines):
            if line.kind == kind and line.pk not in taken_back:
                return line
    return None


def status(
    *, due_date: dt.date, standing_kind: str | None, started: bool, today: dt.date
) -> Status:
    """Completed or waived when a standing line says so; otherwise overdue once the due date has
    passed, else in progress when a lesson is studied or an attempt begun, else not started."""
    if standing_kind == COMPLETED:
        return Status.COMPLETED
    if standing_kind == WAIVED:
        return Status.WAIVED
    if due_date < today:
        return Status.OVERDUE
    return Status.IN_PROGRESS if started else Status.NOT_STARTED


def course_status(
    lines: Sequence[L], *, due_date: dt.date, started: bool, today: dt.date
) -> tuple[Status, L | None]:
    """The status of one assigned course from the cadre's ledger lines of that course, and the
    line that settles it (None while open): `standing_record`, then `status`."""
    record = standing_record(lines)
    kind = record.kind if record is not None else None
    return status(due_date=due_date, standing_kind=kind, started=started, today=today), record


def started_matters(wanted: str) -> bool:
    """Whether telling if a cadre is in `wanted` needs to know if they have started: only to
    tell "in progress" from "not started" (see `status`)."""
    return wanted in OPEN


def net_hours(lines: Iterable[LineLike]) -> Decimal:
    """Hours a course's lines credit: completions minus voids (waivers credit nothing)."""
    return sum((line.hours for line in lines if line.kind in (COMPLETED, VOIDED)), Decimal(0))


# --- Due and overdue, for reminders and the banner ------------------------------------------------


def is_overdue(*, kind: str, status: str) -> bool:
    """Only required courses are due: an elective's date is a suggestion."""
    return kind == REQUIRED and status == Status.OVERDUE


def is_due_soon(*, kind: str, status: str, due_date: dt.date, horizon: dt.date) -> bool:
    """A required course still open whose due date falls on or before `horizon`."""
    return kind == REQUIRED and status in OPEN and due_date <= horizon


# --- Hours against the yearly requirement --------------------------------------------------------


def requirement_met(
    *, required: Decimal, total: Decimal, required_target: Decimal, total_target: Decimal
) -> bool:
    return required >= required_target and total >= total_target
