"""Attempts: starting, saving answers, submitting, closing, and the grade a quiz gives.

Rules enforced here, never in the page:
- one open attempt per cadre per quiz (a partial unique index backs it up);
- attempts beyond the allowed number are refused;
- the deadline (time limit, or the quiz closing) is the server's: answers arriving after it
  plus `GRACE` are not counted, and the attempt is closed and graded with what was saved;
- submitting twice grades once: the attempt row is locked and a finished attempt is returned
  as it is;
- a finished attempt's score changes only through grading or an explicit regrade, each leaving
  a `ScoreChange`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import NamedTuple

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from people.locks import lock_person

from .. import scoring
from ..models import Answer, Attempt, AttemptQuestion, Option, Question, QuestionVersion, Quiz
from ..signals import attempt_graded, attempt_submitted

GRACE = timedelta(seconds=30)  # network latency between the last click and the server


class AttemptRefused(Exception):
    """Starting an attempt is not allowed now; the message says why, for the cadre."""


# --- Starting -------------------------------------------------------------------------------


def attempts_used(*, quiz: Quiz, user) -> int:
    """Attempts the cadre has used at the quiz in any of its languages: a quiz and its
    translations share one allowance."""
    return Attempt.objects.filter(quiz__in=quiz.family(), user=user).count()


@transaction.atomic
def attempt_start(*, quiz: Quiz, user, now: datetime | None = None, rng=None) -> Attempt:
    """Start an attempt, or return the open one: the question set and order are fixed here."""
    now = now or timezone.now()
    # Two starts at once (two tabs, or the quiz in two languages, whose attempts count
    # together) each see the other's attempt: the allowance and one open attempt hold.
    lock_person(user)
    # One open attempt across the quiz's languages: an attempt begun in the other language is
    # the one to finish (the page then opens it in its own language).
    # Every attempt of the family at once: the open one, and how many are used (one query).
    family = list(Attempt.objects.filter(quiz__in=quiz.family(), user=user).order_by("pk"))
    open_attempt = next((a for a in family if a.status == Attempt.Status.IN_PROGRESS), None)
    if open_attempt and not attempt_close_if_expired(open_attempt, now=now):
        return open_attempt
    if not quiz.is_open(now):
        raise AttemptRefused(_("This quiz is not open now."))
    used = len(family)
    allowed = quiz.original().attempts_allowed  # the original's rule, for every language
    if allowed and used >= allowed:
        raise AttemptRefused(_("You have used all %(n)s attempts at this quiz.") % {"n": allowed})
    versions = _draw_questions(quiz, rng or random.SystemRandom())
    if not versions:
        raise AttemptRefused(_("This quiz has no questions yet."))
    deadline = None
    if quiz.time_limit_minutes:
        deadline = now + timedelta(minutes=quiz.time_limit_minutes)
    if quiz.closes_at and (deadline is None or quiz.closes_at < deadline):
        deadline = quiz.closes_at
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                quiz=quiz,
                user=user,
                number=used + 1,
                started_at=now,
                deadline=deadline,
                max_score=sum((v.points for v in versions), Decimal(0)),
            )
            shuffler = rng or random.SystemRandom()
            # Two inserts whatever the quiz's length: the questions (their ids come back), then
            # an empty answer for each.
            questions = AttemptQuestion.objects.bulk_create(
                AttemptQuestion(
                    attempt=attempt,
                    order=order,
                    version=version,
                    option_order=_option_order(version, quiz.shuffle_options, shuffler),
                    points=version.points,
                )
                for order, version in enumerate(versions, start=1)
            )
            Answer.objects.bulk_create(Answer(attempt_question=aq) for aq in questions)
    except IntegrityError:
        # A second tab or a double click started one at the same moment: use that one.
        return Attempt.objects.get(quiz=quiz, user=user, status="in_progress")
    return attempt


def _draw_questions(quiz: Quiz, rng) -> list[QuestionVersion]:
    chosen: list[Question] = []
    slots = (
        quiz.slots.select_related("question__current")
        .prefetch_related("question__current__options")
        .order_by("order")
    )
    for slot in slots:
        if slot.question_id:
            if slot.question.current_id and slot.question not in chosen:
                chosen.append(slot.question)
            continue
        pool = list(
            Question.objects.filter(course=quiz.course, current__competencies=slot.draw_from)
            .exclude(pk__in=[q.pk for q in chosen])
            .select_related("current")
            .prefetch_related("current__options")
        )
        if pool:
            chosen.append(rng.choice(pool))
    if quiz.shuffle_questions:
        rng.shuffle(chosen)
    return [q.current for q in chosen]


def _option_order(version: QuestionVersion, shuffle: bool, rng) -> list[str]:
    options = list(version.options.all())
    choices = [o.key for o in options if o.group == Option.Group.CHOICE]
    reasons = [o.key for o in options if o.group == Option.Group.REASON]
    if shuffle:
        rng.shuffle(choices)
        rng.shuffle(reasons)
    # Decisions keep the order the trainer wrote them in (often a scale, from "stop" to "keep").
    decisions = [o.key for o in options if o.group == Option.Group.DECISION]
    return choices + decisions + reasons


# --- Answering ------------------------------------------------------------------------------


@dataclass
class Submitted:
    """What the browser sent for one question: option keys and, for written answers, text;
    `flagged`: the cadre marked it to come back to."""

    selected: list[str]
    text: str = ""
    flagged: bool = False


def is_answered(aq: AttemptQuestion) -> bool:
    """Whether the saved answer gives every part the question asks for (a decision needs
    its reason too): the summary and the navigator count it as answered."""
    answer = aq.answer
    kind = aq.version.kind
    if kind == QuestionVersion.Kind.WRITTEN:
        return bool(answer.text.strip())
    if kind == QuestionVersion.Kind.DECISION:
        groups = {o.group for o in aq.version.options.all() if o.key in answer.selected}
        return {Option.Group.DECISION, Option.Group.REASON} <= groups
    return bool(answer.selected)


def lock_attempt(attempt: Attempt) -> Attempt:
    """The attempt's row, locked, with its person, quiz and course (read by grading and by the
    records and xAPI receivers), locking only the attempt's row."""
    return (
        Attempt.objects.select_for_update(of=("self",))
        .select_related("user", "quiz__course")
        .get(pk=attempt.pk)
    )


def _in_time(attempt: Attempt, now: datetime) -> bool:
    return attempt.deadline is None or now <= attempt.deadline + GRACE


STORED_FIELDS = ["selected", "text", "flagged", "saved_at"]


def _store(attempt: Attempt, answers: dict[int, Submitted], now: datetime, questions=None) -> None:
    """Write the answers sent, in one UPDATE. `questions`: the attempt's questions the caller
    has already read (with answer, version and options), saving a second read; only those of
    this attempt with an answer sent are written."""
    if questions is None:
        questions = (
            AttemptQuestion.objects.filter(attempt=attempt, pk__in=answers)
            .select_related("answer", "version")
            .prefetch_related("version__options")
        )
    changed = []
    for aq in questions:
        if aq.attempt_id != attempt.pk or aq.pk not in answers:
            continue
        sent = answers[aq.pk]
        answer = aq.answer
        answer.selected = scoring.clean_selection(
            aq.version, aq.version.options.all(), sent.selected
        )
        answer.text = sent.text[:20000] if aq.version.kind == QuestionVersion.Kind.WRITTEN else ""
        answer.flagged = bool(sent.flagged)
        answer.saved_at = now
        changed.append(answer)
    if changed:
        Answer.objects.bulk_update(changed, STORED_FIELDS)


SEQUENCE_MAX = 2**53  # what a page's JavaScript counter can hold exactly


class Saved(NamedTuple):
    stored: bool  # these answers are now what the server holds
    open: bool  # the attempt still takes answers
    sequence: int  # the highest save number the server holds


@transaction.atomic
def attempt_save(
    *,
    attempt: Attempt,
    answers: dict[int, Submitted],
    sequence: int | None = None,
    now=None,
    questions=None,
) -> Saved:
    """Save answers while the attempt is open and in time.

    `sequence` numbers the page's saves (1, 2, 3…). Under the row lock, a save numbered at or
    below the highest one stored is older than what the server holds and changes nothing, so
    whatever order the requests arrive in, the last answers on the screen are the ones kept.
    A save without a number (the Save button without JavaScript) is always the newest."""
    now = now or timezone.now()
    if _in_time(attempt, now) and _claim(attempt, sequence):
        # The usual save: one UPDATE both takes the row lock and checks, under it, that the
        # attempt is still open and this save newer than the one stored (the deadline is
        # fixed at start, so the copy in hand tells the time).
        _store(attempt, answers, now, questions)
        return Saved(True, True, sequence if sequence is not None else attempt.save_sequence)
    # Refused by the claim, or late: under the lock, say why (and close a late attempt).
    attempt = lock_attempt(attempt)
    if not attempt.is_open:
        return Saved(False, False, attempt.save_sequence)
    if not _in_time(attempt, now):
        _finish(attempt, now=now, by_server=True)
        return Saved(False, False, attempt.save_sequence)
    return Saved(False, True, attempt.save_sequence)


def _claim(attempt: Attempt, sequence: int | None) -> bool:
    """Lock the open attempt's row and record this save's number, if it is newer than the one
    stored (a save without a number is always the newest): one UPDATE, which matches nothing
    when the attempt has closed or a newer save came first."""
    rows = Attempt.objects.filter(pk=attempt.pk, status=Attempt.Status.IN_PROGRESS)
    if sequence is None:
        return bool(rows.update(save_sequence=F("save_sequence")))
    return bool(rows.filter(save_sequence__lt=sequence).update(save_sequence=sequence))


@transaction.atomic
def attempt_submit(
    *, attempt: Attempt, answers: dict[int, Submitted] | None = None, now=None, questions=None
) -> Attempt:
    """Save the last answers (if in time) and grade. Submitting again changes nothing.

    Submitted by the cadre sooner than the quiz's minimum time after starting: graded as
    usual and marked `too_fast` for the trainer. An attempt the server closes is never
    too fast."""
    now = now or timezone.now()
    attempt = lock_attempt(attempt)
    if not attempt.is_open:
        return attempt
    in_time = _in_time(attempt, now)
    if answers and in_time:
        _store(attempt, answers, now, questions)
    minimum = attempt.quiz.min_minutes
    attempt.too_fast = bool(
        in_time and minimum and now - attempt.started_at < timedelta(minutes=minimum)
    )
    return _finish(attempt, now=now, by_server=not in_time)


def attempt_close_if_expired(attempt: Attempt, *, now=None) -> bool:
    """Close an open attempt whose deadline has passed, grading what was saved."""
    now = now or timezone.now()
    if not attempt.is_open or _in_time(attempt, now):
        return False
    with transaction.atomic():
        locked = lock_attempt(attempt)
        if locked.is_open and not _in_time(locked, now):
            _finish(locked, now=now, by_server=True)
            return True
    return False


def close_expired_attempts(*, now=None) -> int:
    """For a periodic job: close every attempt left open past its deadline."""
    now = now or timezone.now()
    expired = Attempt.objects.filter(status="in_progress", deadline__lt=now - GRACE)
    return sum(attempt_close_if_expired(a, now=now) for a in expired)


def score_attempt(questions, *, current: bool = False) -> tuple[Decimal, bool]:
    """Score every answer of an attempt and return (total, pending): the one place an attempt is
    scored, for submitting, grading and regrading. Sets `answer.score` on the given objects
    without saving; a written answer keeps its grader's mark (None while ungraded, which makes
    the attempt pending). `current`: against each question's current version (a regrade)."""
    for aq in questions:
        version = aq.version.question.current if current else aq.version
        # Only a regrade keeps a grader's mark: at submit no written answer has been graded, and
        # whatever its row holds, it waits for a grader.
        graded = aq.answer.score if current else None
        aq.answer.score = scoring.answer_points(
            version, version.options.all(), aq.answer.selected, aq.points, graded
        )
    return scoring.attempt_total(aq.answer.score for aq in questions)


def _finish(attempt: Attempt, *, now: datetime, by_server: bool) -> Attempt:
    questions = list(
        attempt.questions.select_related("answer", "version").prefetch_related("version__options")
    )
    total, pending = score_attempt(questions)
    Answer.objects.bulk_update([aq.answer for aq in questions], ["score"])
    attempt.submitted_at = min(now, attempt.deadline) if by_server and attempt.deadline else now
    attempt.closed_by_server = by_server
    set_result(attempt, total, pending)
    attempt.save()
    # The questions go with the signal: the xAPI statements of the answers read them as read
    # here, rather than again.
    attempt_submitted.send(sender=Attempt, attempt=attempt, now=now, questions=questions)
    announce_if_graded(attempt, now)
    return attempt


def announce_if_graded(attempt: Attempt, now: datetime | None = None) -> None:
    """Tell listeners (the records) that an attempt now has its final grade."""
    if attempt.status == Attempt.Status.GRADED:
        attempt_graded.send(sender=Attempt, attempt=attempt, now=now or timezone.now())


def set_result(attempt: Attempt, total: Decimal, pending: bool) -> None:
    attempt.score = total
    attempt.percent = (
        (100 * total / attempt.max_score).quantize(scoring.CENT)
        if attempt.max_score
        else Decimal(0)
    )
    if pending:
        attempt.status = Attempt.Status.AWAITING_GRADING
        attempt.passed = None
    else:
        attempt.status = Attempt.Status.GRADED
        attempt.passed = attempt.percent >= attempt.quiz.pass_mark


# --- The quiz grade -------------------------------------------------------------------------


def quiz_grade(*, quiz: Quiz, user) -> Decimal | None:
    """The cadre's grade for the quiz, in percent, by the grading method of the original
    quiz, over the attempts in every language of the quiz (numbered on across them)."""
    graded = list(
        Attempt.objects.filter(quiz__in=quiz.family(), user=user, status=Attempt.Status.GRADED)
        .order_by("number", "pk")
        .values_list("percent", flat=True)
    )
    return scoring.quiz_grade(quiz.original().grading_method, graded)
