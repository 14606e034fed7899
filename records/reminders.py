"""Reminder e-mails: the daily job, and HR reminding one unit's overdue cadres by hand.

Who is due is decided by `rules` (only required courses are due), as on the cadre's banner
(`banner.py`); here for many cadres at once.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.models import Course
from people.models import OrgUnit, Profile

from . import rules
from .banner import horizon, split_due
from .models import Assignment, CompletionRecord, Reminder
from .services import AssignmentStatus

log = logging.getLogger(__name__)

# The cadres are Chinese civil servants; the profile keeps no language preference, so their
# e-mails are written in Chinese whatever language the sender's page happens to use.
CADRE_LANGUAGE = "zh-hans"


# --- Who is due, for many cadres at once ------------------------------------------------------


@dataclass
class Due:
    profile: Profile
    overdue: list[AssignmentStatus]
    due_soon: list[AssignmentStatus]


def _due_cadres(today: dt.date, units: Iterable[OrgUnit] | None = None) -> list[Due]:
    """Cadres with an overdue or soon-due required course, in a fixed number of queries
    however many cadres there are: a daily job over a whole province must not cost five
    queries a person. The rules are `statuses_for`'s (`rules`), applied to many cadres."""
    assignments = list(
        Assignment.objects.active()
        .filter(kind=Assignment.Kind.REQUIRED, due_date__lte=horizon(today))
        .select_related("course", "unit")
    )
    if not assignments:
        return []
    reached = Profile.objects.cadres().filter(
        unit__in=OrgUnit.objects.subtree_of({a.unit for a in assignments})
    )
    if units is not None:
        reached = reached.filter(unit__in=OrgUnit.objects.subtree_of(units))
    cadres = list(reached.select_related("user", "unit").order_by("unit__path", "full_name"))
    records = defaultdict(list)
    # A subquery, not a list of ids: the list could outgrow the database's parameter limit.
    for record in CompletionRecord.objects.filter(
        user__profile__in=reached.values("pk"), course__in={a.course_id for a in assignments}
    ):
        records[(record.user_id, record.course_id)].append(record)
    out = []
    for profile in cadres:
        statuses = []
        for assignment in rules.one_per_course(a for a in assignments if a.reaches(profile)):
            # Whether the cadre has started does not change what is due; skip that query.
            state, record = rules.course_status(
                records[(profile.user_id, assignment.course_id)],
                due_date=assignment.due_date,
                started=False,
                today=today,
            )
            statuses.append(AssignmentStatus(assignment, state, record))
        overdue, soon = split_due(statuses, today)
        if overdue or soon:
            out.append(Due(profile, overdue, soon))
    return out


# --- E-mail ---------------------------------------------------------------------------------


class SiteUrlMissing(ImproperlyConfigured):
    """Reminders link to the site; without its address they would link nowhere."""


def _site() -> str:
    if not settings.SITE_URL:
        raise SiteUrlMissing(
            "SITE_URL is not set: reminder e-mails need the site's address for their links."
        )
    return settings.SITE_URL.rstrip("/")


def _course_url(course: Course) -> str:
    return _site() + course.get_absolute_url()


def reminder_message(due: Due, today: dt.date) -> tuple[str, str]:
    """Subject and body, in the language active when called."""
    name = due.profile.full_name or due.profile.user.get_username()
    count = len(due.overdue) + len(due.due_soon)
    subject = ngettext(
        "Cadre Training: %(count)d course to finish",
        "Cadre Training: %(count)d courses to finish",
        count,
    ) % {"count": count}
    lines = [_("Dear %(name)s,") % {"name": name}, ""]
    if due.overdue:
        lines.append(_("These required courses are past their due date:"))
        for item in due.overdue:
            days = (today - item.assignment.due_date).days
            late = ngettext("%(days)d day overdue", "%(days)d days overdue", days) % {"days": days}
            lines.append(
                _("- %(title)s (due %(date)s, %(late)s): %(url)s")
                % {
                    "title": item.course.title,
                    "date": item.assignment.due_date.isoformat(),
                    "late": late,
                    "url": _course_url(item.course),
                }
            )
        lines.append("")
    if due.due_soon:
        lines.append(_("These required courses are due soon:"))
        for item in due.due_soon:
            lines.append(
                _("- %(title)s (due %(date)s): %(url)s")
                % {
                    "title": item.course.title,
                    "date": item.assignment.due_date.isoformat(),
                    "url": _course_url(item.course),
                }
            )
        lines.append("")
    my_learning = _site() + reverse("records:my_learning")
    lines += [
        _("See all your courses in My learning: %(url)s") % {"url": my_learning},
        "",
        _("This reminder was sent by the Cadre Training site. You will get at most one a day."),
    ]
    return subject, "\n".join(lines)


def _remind(due: Due, today: dt.date, by=None) -> bool:
    """Mail one cadre and record it, in one transaction: if the mail fails the row is rolled
    back (so the next run tries again), and if another run wrote today's row first the
    unique constraint stops this one before any mail goes out."""
    user = due.profile.user
    if not user.email:
        log.warning("No e-mail address for %s; reminder not sent.", user.get_username())
        return False
    try:
        with transaction.atomic():
            Reminder.objects.create(
                user=user,
                sent_on=today,
                overdue=len(due.overdue),
                due_soon=len(due.due_soon),
                sent_by=by,
            )
            with translation.override(CADRE_LANGUAGE):
                subject, body = reminder_message(due, today)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    except IntegrityError:
        return False  # reminded today already, by a concurrent run
    except OSError:
        # An unreachable mail server must not stop the others; the row rolled back.
        log.exception("Reminder to %s could not be sent.", user.get_username())
        return False
    return True


class Sent(NamedTuple):
    sent: int  # mailed now
    already: int  # reminded earlier today, so not mailed again


def _send(candidates: list[Due], today: dt.date, by=None) -> Sent:
    if not candidates:
        return Sent(0, 0)
    _site()  # before anything is written or sent: all reminders or none
    already = set(
        Reminder.objects.filter(
            sent_on=today, user__in=[d.profile.user_id for d in candidates]
        ).values_list("user_id", flat=True)
    )
    sent = sum(_remind(d, today, by) for d in candidates if d.profile.user_id not in already)
    return Sent(sent, len(already))


def send_reminders(today: dt.date | None = None) -> int:
    """E-mail every cadre with an overdue or soon-due required course; at most once a day.
    Returns how many were sent."""
    today = today or timezone.localdate()
    return _send(_due_cadres(today), today).sent


def remind_unit(unit: OrgUnit, by, today: dt.date | None = None, own_staff: bool = False) -> Sent:
    """HR reminds the overdue cadres of `unit` and everything below it, or with `own_staff`
    only those attached to the unit itself (the dashboard's "own staff" row). The caller
    checks that the unit is in the officer's scope."""
    today = today or timezone.localdate()
    overdue = [d for d in _due_cadres(today, units=[unit]) if d.overdue]
    if own_staff:
        overdue = [d for d in overdue if d.profile.unit_id == unit.pk]
    return _send(overdue, today, by)
