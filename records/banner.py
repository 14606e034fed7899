"""The banner on a cadre's pages: required courses overdue or due within a few days.

Only required assignments are "due" (`rules.is_overdue`, `rules.is_due_soon`): an elective's
date is a suggestion, and nagging people about courses they may skip would teach them to ignore
the reminders that matter. The e-mails (`reminders.py`) use the same split.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone

from people.models import Profile

from . import rules
from .services import AssignmentStatus, statuses_for


def horizon(today: dt.date) -> dt.date:
    """The last due date that counts as "due soon"."""
    return today + dt.timedelta(days=settings.REMINDER_DAYS_AHEAD)


def split_due(
    statuses: Iterable[AssignmentStatus], today: dt.date
) -> tuple[list[AssignmentStatus], list[AssignmentStatus]]:
    """(overdue, due within REMINDER_DAYS_AHEAD days) among required assignments not yet
    completed or waived, each list soonest first."""
    overdue, due_soon = [], []
    last = horizon(today)
    for item in statuses:
        kind, state, due = item.assignment.kind, item.status, item.assignment.due_date
        if rules.is_overdue(kind=kind, status=state):
            overdue.append(item)
        elif rules.is_due_soon(kind=kind, status=state, due_date=due, horizon=last):
            due_soon.append(item)
    return sorted(overdue, key=_soonest), sorted(due_soon, key=_soonest)


def _soonest(item: AssignmentStatus) -> tuple:
    return (item.assignment.due_date, item.course.title)


def due_items(
    profile: Profile, today: dt.date | None = None
) -> tuple[list[AssignmentStatus], list[AssignmentStatus]]:
    """The cadre's (overdue, due soon) required courses."""
    today = today or timezone.localdate()
    if not profile.is_cadre:
        return [], []
    return split_due(statuses_for(profile, today), today)


def due_banner(profile: Profile | None, today: dt.date | None = None, statuses=None) -> dict:
    """Template context for includes/due_banner.html. Pass `statuses` when the page already
    has them, so the banner costs no query of its own."""
    context = {"due_overdue": [], "due_soon": [], "due_days_ahead": settings.REMINDER_DAYS_AHEAD}
    if profile is None or not profile.is_cadre:
        return context
    today = today or timezone.localdate()
    if statuses is None:
        overdue, soon = due_items(profile, today)
    else:
        overdue, soon = split_due(statuses, today)
    return {**context, "due_overdue": overdue, "due_soon": soon}
