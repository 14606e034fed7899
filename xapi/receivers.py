"""A statement is stored inside the transaction of each learning event, from the signals the
lower apps send: it exists exactly when its event does (a rolled-back submit leaves neither).
No on_commit is needed: it is a row, and sending it to an LRS is a later task's job."""

from __future__ import annotations

import logging
from contextlib import contextmanager

from courses.models import LessonProgress
from courses.signals import lesson_studied
from quizzes.signals import attempt_graded, attempt_submitted
from records.signals import completion_recorded, completion_voided

from . import services
from .statements import SiteUrlMissing

logger = logging.getLogger("xapi")


def _quietly(record, row) -> None:
    """Never refuse a cadre's learning for want of SITE_URL: the event stands, and
    `manage.py backfill_xapi` stores its statement once the address is set."""
    try:
        record(row)
    except SiteUrlMissing as error:
        logger.warning("%s The statement will come from `manage.py backfill_xapi`.", error)


def on_lesson_studied(sender, *, user, lesson, **kwargs) -> None:
    progress = LessonProgress.objects.select_related("lesson__course__translation_of").get(
        user=user, lesson=lesson
    )
    _quietly(services.record_lesson_experienced, progress)


def on_attempt_submitted(sender, *, attempt, questions=None, **kwargs) -> None:
    _quietly(lambda a: services.record_attempt_answers(a, questions=questions), attempt)


def on_attempt_graded(sender, *, attempt, **kwargs) -> None:
    _quietly(services.record_quiz_result, attempt)


def on_completion_recorded(sender, *, record, **kwargs) -> None:
    _quietly(services.record_course_completed, record)


def on_completion_voided(sender, *, void, **kwargs) -> None:
    _quietly(services.record_completion_voided, void)


RECEIVERS = [
    (lesson_studied, on_lesson_studied),
    (attempt_submitted, on_attempt_submitted),
    (attempt_graded, on_attempt_graded),
    (completion_recorded, on_completion_recorded),
    (completion_voided, on_completion_voided),
]


def _connect() -> None:
    for signal, receiver in RECEIVERS:
        signal.connect(receiver, dispatch_uid=f"xapi.{receiver.__name__}")


@contextmanager
def held_back():
    """No statements while history is replayed with moments of the past (the demo): some
    events carry the real clock, not the replay's. `backfill()` afterwards dates each one
    from its rows."""
    for signal, receiver in RECEIVERS:
        signal.disconnect(receiver, dispatch_uid=f"xapi.{receiver.__name__}")
    try:
        yield
    finally:
        _connect()


_connect()
