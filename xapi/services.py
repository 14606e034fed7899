"""Statements stored once per learning event; the backfill; the export; the sending queue.

Each `record_*` function is called inside the transaction of its event (by the receivers) or
later for an event that has none yet (`backfill`). It builds the statement from the rows the
event wrote (`xapi.statements`), gives it a fresh UUID and stores it, unless the event already
has one: the unique (event, event_pk) constraint makes a second impossible, even for two
requests at the same moment.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterable

from django.db import IntegrityError, transaction
from django.db.models import Case, F, IntegerField, Max, Value, When
from django.utils import timezone

from courses.models import Course, Enrolment, LessonProgress
from quizzes.models import Answer, Attempt, AttemptQuestion
from records.models import CompletionRecord

from . import statements as build
from .models import ActorAccount, Registration, Statement

Event = Statement.Event
ERROR_MAX = 2000  # characters of an LRS's error kept on the statement


def account_of(user) -> uuid.UUID:
    """The cadre's pseudonym, drawn the first time it is needed and kept. Remembered on the
    user object: one submit stores the answers' statements and the result's with one read."""
    known = getattr(user, "_xapi_account", None)
    if known is None:
        known = user._xapi_account = ActorAccount.objects.get_or_create(user=user)[0].name
    return known


def registration_of(user, course: Course) -> uuid.UUID | None:
    """The registration of the cadre's enrolment in `course`; without one (a quiz taken, a
    completion credited on an original read only in translation), of their enrolment in
    another language version of it, the original first. None when there is none at all.
    Remembered on the user object per course once found, as `account_of` is (a registration,
    once made, never changes)."""
    known = getattr(user, "_xapi_registrations", None)
    if known is None:
        known = user._xapi_registrations = {}
    if known.get(course.pk) is None:  # none yet is asked again: an enrolment may follow
        known[course.pk] = _registration_of(user, course)
    return known[course.pk]


def _registration_of(user, course: Course) -> uuid.UUID | None:
    enrolment = (
        Enrolment.objects.filter(user=user, course__in=course.family())
        .annotate(
            rank=Case(
                When(course_id=course.pk, then=Value(0)),
                When(course_id=course.credit_course_id, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "enrolled_at", "pk")
        .first()
    )
    if enrolment is None:
        return None
    return Registration.objects.get_or_create(enrolment=enrolment)[0].uuid


def _store(event: str, event_pk: int, user, moment: dt.datetime, make: Callable):
    """Store the statement `make(statement_id)` builds, once per event."""
    if Statement.objects.filter(event=event, event_pk=event_pk).exists():
        return None
    statement_id = uuid.uuid4()
    body = make(statement_id)
    statement = Statement(
        id=statement_id,
        event=event,
        event_pk=event_pk,
        verb=body["verb"]["id"],
        timestamp=moment,
        user=user,
        stored_json=body,
    )
    try:
        with transaction.atomic():
            statement.save(force_insert=True)
    except IntegrityError:  # a concurrent request stored this event's statement first
        return None
    from .tasks import queue_sending  # the task module imports this one

    queue_sending()
    return statement


# --- One function per event -----------------------------------------------------------------


def record_lesson_experienced(progress: LessonProgress) -> Statement | None:
    user, course = progress.user, progress.lesson.course
    return _store(
        Event.LESSON_EXPERIENCED,
        progress.pk,
        user,
        progress.studied_at,
        lambda sid: build.lesson_experienced(
            sid, account_of(user), registration_of(user, course), progress
        ),
    )


def record_attempt_answers(attempt: Attempt, questions=None) -> int:
    """One `answered` statement per question of a submitted attempt. Returns how many were
    stored (0 when they were there already). `questions`: all the attempt's questions with
    answer, version and options, when the caller has read them (the submit has)."""
    if questions is None:
        questions = (
            AttemptQuestion.objects.filter(attempt=attempt)
            .select_related("answer", "version")
            .prefetch_related("version__options")
        )
    questions = sorted(questions, key=lambda aq: aq.order)
    account = account_of(attempt.user)
    registration = registration_of(attempt.user, attempt.quiz.course)
    # One query for what is stored already and one insert for the rest: a quiz of thirty
    # questions cost four queries a question on the submit path when stored one by one.
    done = set(
        Statement.objects.filter(
            event=Event.QUESTION_ANSWERED, event_pk__in=[aq.pk for aq in questions]
        ).values_list("event_pk", flat=True)
    )
    rows = []
    for aq in questions:
        if aq.pk in done:
            continue
        aq.attempt = attempt  # one attempt, quiz and course for all its questions
        statement_id = uuid.uuid4()
        body = build.question_answered(statement_id, account, registration, aq, _answer_of(aq))
        rows.append(
            Statement(
                id=statement_id,
                event=Event.QUESTION_ANSWERED,
                event_pk=aq.pk,
                verb=body["verb"]["id"],
                timestamp=attempt.submitted_at,
                user=attempt.user,
                stored_json=body,
            )
        )
    # A concurrent submit that stored some first wins them (the unique event key); its rows
    # and these carry the same content, so nothing is lost either way.
    Statement.objects.bulk_create(rows, ignore_conflicts=True)
    if rows:
        from .tasks import queue_sending  # the task module imports this one

        queue_sending()
    return len(rows)


def _answer_of(aq: AttemptQuestion) -> Answer:
    try:
        return aq.answer
    except Answer.DoesNotExist:  # no row: nothing was answered
        return Answer(attempt_question=aq)


def graded_moment(attempt: Attempt) -> dt.datetime:
    """When the attempt got its final grade: at submission, or when its last written answer
    was graded."""
    graded = Answer.objects.filter(attempt_question__attempt=attempt).aggregate(
        last=Max("graded_at")
    )["last"]
    return max(filter(None, [attempt.submitted_at, graded]))


def record_quiz_result(attempt: Attempt) -> Statement | None:
    """Passed or failed, the first time the attempt is graded. A later regrade changes the
    site's score, not the statement of that event."""
    if attempt.status != Attempt.Status.GRADED:
        return None
    user, course = attempt.user, attempt.quiz.course
    moment = graded_moment(attempt)
    return _store(
        Event.QUIZ_RESULT,
        attempt.pk,
        user,
        moment,
        lambda sid: build.quiz_result(
            sid, account_of(user), registration_of(user, course), attempt, moment
        ),
    )


def record_course_completed(record: CompletionRecord) -> Statement | None:
    user = record.user
    return _store(
        Event.COURSE_COMPLETED,
        record.pk,
        user,
        record.occurred_at,
        lambda sid: build.course_completed(
            sid, account_of(user), registration_of(user, record.course), record
        ),
    )


def record_completion_voided(void: CompletionRecord) -> Statement | None:
    """Void the `completed` statement of the completion HR voided (when it has one)."""
    completed = Statement.objects.filter(
        event=Event.COURSE_COMPLETED, event_pk=void.corrects_id
    ).first()
    if completed is None:
        return None
    by = void.recorded_by or void.user
    return _store(
        Event.COMPLETION_VOIDED,
        void.pk,
        void.user,
        void.occurred_at,
        lambda sid: build.completion_voided(sid, account_of(by), completed.id, void),
    )


# --- Backfill -------------------------------------------------------------------------------


def _without_statement(queryset, event: str):
    return queryset.exclude(pk__in=Statement.objects.filter(event=event).values("event_pk"))


@transaction.atomic
def backfill() -> int:
    """Statements for the events that have none: history replayed by the demo, events from
    before this app, or from while SITE_URL was unset. Idempotent. Returns how many were
    stored. Each is dated when its event happened, from the rows the event wrote."""
    course_rel = "lesson__course__translation_of"
    made = 0
    progress = LessonProgress.objects.select_related("user", course_rel)
    for row in _without_statement(progress, Event.LESSON_EXPERIENCED).order_by("studied_at", "pk"):
        made += bool(record_lesson_experienced(row))
    submitted = [Attempt.Status.AWAITING_GRADING, Attempt.Status.GRADED]
    attempts = Attempt.objects.select_related("user", "quiz__course__translation_of")
    unanswered = _without_statement(
        AttemptQuestion.objects.filter(attempt__status__in=submitted), Event.QUESTION_ANSWERED
    )
    for attempt in attempts.filter(pk__in=unanswered.values("attempt_id")).order_by("pk"):
        made += record_attempt_answers(attempt)
    graded = _without_statement(attempts.filter(status=Attempt.Status.GRADED), Event.QUIZ_RESULT)
    for attempt in graded.order_by("submitted_at", "pk"):
        made += bool(record_quiz_result(attempt))
    ledger = CompletionRecord.objects.select_related("user", "course__translation_of")
    completed = ledger.filter(kind=CompletionRecord.Kind.COMPLETED)
    for record in _without_statement(completed, Event.COURSE_COMPLETED).order_by("occurred_at"):
        made += bool(record_course_completed(record))
    voids = ledger.filter(kind=CompletionRecord.Kind.VOIDED).select_related("recorded_by")
    for void in _without_statement(voids, Event.COMPLETION_VOIDED).order_by("occurred_at"):
        made += bool(record_completion_voided(void))
    return made


# --- Export ---------------------------------------------------------------------------------


def export(out, since: dt.datetime | None = None) -> int:
    """Write the stored statements as one JSON array, in order (when each event happened, ties
    by id), one statement a line, exactly as stored. Streams: any number of statements in
    constant memory. Returns how many were written."""
    rows = Statement.objects.in_order()
    if since is not None:
        rows = rows.filter(timestamp__gte=since)
    count = 0
    out.write("[")
    for body in rows.values_list("stored_json", flat=True).iterator(chunk_size=1000):
        out.write(",\n" if count else "\n")
        out.write(json.dumps(body, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


# --- The sending queue (for the task that sends to an LRS) ----------------------------------


def unsent(limit: int | None = None):
    """The statements not yet accepted by the LRS nor refused by it, oldest event first:
    what to send next."""
    rows = Statement.objects.queued()
    return rows[:limit] if limit else rows


def mark_sent(ids: Iterable[uuid.UUID], now: dt.datetime | None = None) -> int:
    return Statement.objects.filter(pk__in=list(ids)).update(
        sent_at=now or timezone.now(), last_error=""
    )


def mark_refused(pk: uuid.UUID, error: str, now: dt.datetime | None = None) -> int:
    """The LRS refused this statement on its own: set aside, kept, with the reason."""
    return Statement.objects.filter(pk=pk, sent_at__isnull=True).update(
        attempts=F("attempts") + 1, last_error=error[:ERROR_MAX], refused_at=now or timezone.now()
    )


def requeue_refused() -> int:
    """Queue the refused statements again (after the LRS or the site was fixed)."""
    return Statement.objects.filter(sent_at__isnull=True, refused_at__isnull=False).update(
        refused_at=None
    )


def mark_failed(ids: Iterable[uuid.UUID], error: str) -> int:
    """Count a failed try; the statements stay queued, unchanged, for the next."""
    return Statement.objects.filter(pk__in=list(ids), sent_at__isnull=True).update(
        attempts=F("attempts") + 1, last_error=error[:ERROR_MAX]
    )
