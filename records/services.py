"""Completion, study-hour credits, corrections, assignment status and competency mastery.

Hours come only from `CompletionRecord`s written here, from the server's own record of
lessons studied and quizzes passed; nothing the browser sends is counted.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Course, Lesson, LessonProgress
from people.locks import lock_person
from people.models import Profile
from quizzes.models import Answer, Attempt, Competency, Quiz
from quizzes.scoring import quiz_grade as quiz_grade_of
from quizzes.services import quiz_grade

from . import rules
from .credit import completion_evidence, course_credit
from .models import Assignment, CompletionRecord
from .rules import Status
from .signals import completion_recorded, completion_voided

Kind = CompletionRecord.Kind


class RecordError(Exception):
    """A correction that cannot be made; the message says why, for HR."""


def local_year(moment: dt.datetime) -> int:
    """The year a moment belongs to where the site is (Asia/Shanghai by default)."""
    return timezone.localtime(moment).year


# --- Completion -----------------------------------------------------------------------------


def course_is_complete(*, user, course: Course) -> bool:
    """Every lesson studied and every published quiz of the course passed, in any of its
    languages: each lesson position of the original studied in some language version, and
    each published quiz of the original passed by its family's grade (attempts in every
    language, `quiz_grade`)."""
    original = course.translation_of if course.translation_of_id else course
    positions = set(original.lessons.values_list("order", flat=True))
    if not positions or positions - LessonProgress.objects.orders_studied(user, original):
        return False
    for quiz in original.quizzes.filter(is_published=True):
        if not quiz.passed_with(quiz_grade(quiz=quiz, user=user)):
            return False
    return True


def completion_check(*, user, course: Course, now=None) -> CompletionRecord | None:
    """Credit the course's hours once, when it has just become complete. Safe to call after
    every lesson studied and every attempt graded: a second call finds the record and stops,
    and the partial unique index stops two concurrent calls.

    A translation's completion is the original's: one case, one credit, whichever language
    the last lesson or attempt was in."""
    if course.translation_of_id:
        course = course.translation_of
    if CompletionRecord.objects.filter(user=user, course=course, kind=Kind.COMPLETED).exists():
        return None
    if not course_is_complete(user=user, course=course):
        return None
    now = now or timezone.now()
    with transaction.atomic():
        try:
            with transaction.atomic():
                # Credited: the declared hours, at most what the rule supports
                # (`records.credit`), with the rule and the evidence as they stand now.
                credit = course_credit(course)
                record = CompletionRecord.objects.create(
                    user=user,
                    course=course,
                    kind=Kind.COMPLETED,
                    year=local_year(now),
                    hours=credit.credited,
                    occurred_at=now,
                    evidence=completion_evidence(user, course, credit),
                )
        except IntegrityError:
            return None
        # In the completion's transaction: what follows it (a certificate) is written with it
        # or not at all. Outside the savepoint, so a listener's error is never taken for a
        # second completion and swallowed.
        completion_recorded.send(sender=CompletionRecord, record=record)
    return record


# --- Corrections ----------------------------------------------------------------------------


@transaction.atomic
def record_waive(*, user, course: Course, reason: str, by, now=None) -> CompletionRecord:
    """HR exempts a cadre from a course: it stops being due; no hours are credited."""
    if not reason.strip():
        raise RecordError(_("Give the reason for the waiver."))
    if by is not None and by.pk == user.pk:
        raise RecordError(_("Nobody corrects their own records; ask another HR officer."))
    _lock_ledger_of(user)
    standing = _standing(user, course)
    if standing and standing.kind == Kind.COMPLETED:
        raise RecordError(_("This course is already completed; there is nothing to waive."))
    if standing and standing.kind == Kind.WAIVED:
        raise RecordError(_("This course is already waived."))
    now = now or timezone.now()
    try:
        with transaction.atomic():
            return CompletionRecord.objects.create(
                user=user,
                course=course,
                kind=Kind.WAIVED,
                year=local_year(now),
                hours=Decimal(0),
                occurred_at=now,
                reason=reason.strip(),
                recorded_by=by,
            )
    except IntegrityError as exc:  # pragma: no cover - the lock above serialises waivers
        raise RecordError(_("This course is already waived.")) from exc


@transaction.atomic
def record_withdraw_waiver(
    *, waiver: CompletionRecord, reason: str, by, now=None
) -> CompletionRecord:
    """HR takes back a waiver given by mistake: a new line points at it, and the course is due
    again as if the waiver had not been given (an overdue course shows overdue). The waiver line
    stays in the history; a course may be waived again later, by a new line."""
    if not reason.strip():
        raise RecordError(_("Give the reason for withdrawing the waiver."))
    if by is not None and by.pk == waiver.user_id:
        raise RecordError(_("Nobody corrects their own records; ask another HR officer."))
    if waiver.kind != Kind.WAIVED:
        raise RecordError(_("Only a waiver can be withdrawn."))
    _lock_ledger_of(waiver.user)
    if waiver.corrections.filter(kind=Kind.WITHDRAWN).exists():
        raise RecordError(_("This waiver is already withdrawn."))
    now = now or timezone.now()
    try:
        with transaction.atomic():
            return CompletionRecord.objects.create(
                user=waiver.user,
                course=waiver.course,
                kind=Kind.WITHDRAWN,
                year=local_year(now),
                hours=Decimal(0),
                occurred_at=now,
                reason=reason.strip(),
                recorded_by=by,
                corrects=waiver,
            )
    except IntegrityError as exc:  # the partial unique index: withdrawn a moment ago
        raise RecordError(_("This waiver is already withdrawn.")) from exc


def _lock_ledger_of(user) -> None:
    """Serialise HR corrections of one cadre: two officers waiving the same course at once
    would otherwise both find it open."""
    lock_person(user)


@transaction.atomic
def record_void(*, record: CompletionRecord, reason: str, by, now=None) -> CompletionRecord:
    """HR voids a credit: a new line takes the hours back from the year they were credited to.
    The original line stays, so the history shows both."""
    if not reason.strip():
        raise RecordError(_("Give the reason for voiding this credit."))
    if by is not None and by.pk == record.user_id:
        raise RecordError(_("Nobody corrects their own records; ask another HR officer."))
    if record.kind != Kind.COMPLETED:
        raise RecordError(_("Only a completion's credit can be voided."))
    # Before the check: a certificate being issued or reissued for this completion (which
    # holds the same lock) is then either revoked with it or sees the void and is not issued.
    _lock_ledger_of(record.user)
    if record.corrections.filter(kind=Kind.VOIDED).exists():
        raise RecordError(_("This credit is already voided."))
    try:
        with transaction.atomic():
            void = CompletionRecord.objects.create(
                user=record.user,
                course=record.course,
                kind=Kind.VOIDED,
                year=record.year,
                hours=-record.hours,
                occurred_at=now or timezone.now(),
                reason=reason.strip(),
                recorded_by=by,
                corrects=record,
            )
    except IntegrityError as exc:  # a second HR officer voided it a moment ago
        raise RecordError(_("This credit is already voided.")) from exc
    completion_voided.send(sender=CompletionRecord, record=record, void=void)  # e.g. revokes
    return void


def _standing(user, course) -> CompletionRecord | None:
    """The record that decides the course's state for the cadre (`rules.standing_record`)."""
    return rules.standing_record(list(CompletionRecord.objects.filter(user=user, course=course)))


# --- Assignment status ----------------------------------------------------------------------


@dataclass
class AssignmentStatus:
    """One assigned course of one cadre, with where they stand on it."""

    assignment: Assignment
    status: Status
    record: CompletionRecord | None = None

    @property
    def label(self) -> str:
        return str(Status(self.status).label)

    @property
    def course(self) -> Course:
        return self.assignment.course

    @property
    def is_open(self) -> bool:
        return self.status not in rules.CLOSED


def statuses_for(profile: Profile, today: dt.date | None = None) -> list[AssignmentStatus]:
    """A cadre's assigned courses with their state (`rules`), soonest due first. A fixed number
    of queries: assignments, ledger lines, lessons studied, attempts."""
    today = today or timezone.localdate()
    assignments = rules.one_per_course(Assignment.objects.for_profile(profile))
    # Ledger lines are the original's, and work in any language version starts it.
    courses = [a.course.credit_course_id for a in assignments]
    records = defaultdict(list)
    for record in CompletionRecord.objects.filter(user=profile.user, course_id__in=courses):
        records[record.course_id].append(record)
    started = set(
        LessonProgress.objects.filter(
            Course.in_families("lesson__course", courses), user=profile.user
        )
        .order_by()
        .values_list(Course.credit_of("lesson__course"), flat=True)
        .distinct()
    ) | set(
        Attempt.objects.filter(Course.in_families("quiz__course", courses), user=profile.user)
        .order_by()
        .values_list(Course.credit_of("quiz__course"), flat=True)
        .distinct()
    )
    out = []
    for assignment in assignments:
        credit_id = assignment.course.credit_course_id
        state, record = rules.course_status(
            records[credit_id],
            due_date=assignment.due_date,
            started=credit_id in started,
            today=today,
        )
        out.append(AssignmentStatus(assignment, state, record))
    return out


# --- What remains of a course ------------------------------------------------------------


@dataclass
class Remaining:
    """Where a cadre stands on a course: lessons read, the quiz still to pass, a grade awaited.
    Its percent reaches 100 only when the course is complete (`completion_check`'s rule)."""

    lessons_done: int = 0
    lessons_total: int = 0
    quiz: Quiz | None = None  # the first published quiz not yet passed
    awaiting_grading: bool = False  # an attempt of that quiz waits for a grader
    complete: bool = False

    @property
    def percent(self) -> int:
        if self.complete:
            return 100
        if not self.lessons_total:
            return 0
        return min(99, round(100 * self.lessons_done / self.lessons_total))


def remaining_for(user, course_ids: list[int]) -> dict[int, Remaining]:
    """What remains of each course for the cadre, in six queries whatever the number of
    courses: the courses' originals, the originals' lessons, lesson positions studied,
    published quizzes, attempts (only when there is a published quiz), and completions.

    A language version stands where its original stands (one case, one credit): lesson
    positions studied in any language, each quiz passed by its family's attempts, the
    original's completion. The quiz to take next is named in the course's own language."""
    out = {pk: Remaining() for pk in course_ids}
    if not course_ids:
        return out
    credit = Course.credit_ids(course_ids)
    originals = set(credit.values())
    positions: dict[int, set[int]] = defaultdict(set)
    for course_id, order in Lesson.objects.filter(course_id__in=originals).values_list(
        "course_id", "order"
    ):
        positions[course_id].add(order)
    studied = LessonProgress.objects.orders_by_credit_course(user, originals)
    quizzes = list(
        Quiz.objects.filter(Course.in_families("course", originals), is_published=True).order_by(
            "pk"
        )
    )
    by_original: dict[int, list[Quiz]] = defaultdict(list)  # the originals' published quizzes
    in_language = {}  # (course, original quiz) -> that course's version of the quiz
    for quiz in quizzes:
        in_language[quiz.course_id, quiz.original_id] = quiz
        if quiz.course_id in originals:
            by_original[quiz.course_id].append(quiz)
    attempts: dict[int, list] = defaultdict(list)  # per original quiz, in every language
    for quiz_id, status, percent in (
        Attempt.objects.filter(Course.in_families("quiz__course", originals), user=user)
        .order_by("number", "pk")
        .values_list(Coalesce("quiz__translation_of_id", "quiz_id"), "status", "percent")
        if quizzes
        else []
    ):
        attempts[quiz_id].append((status, percent))
    complete = set(
        CompletionRecord.objects.filter(user=user, course_id__in=originals, kind=Kind.COMPLETED)
        .exclude(corrections__kind=Kind.VOIDED)
        .values_list("course_id", flat=True)
    )
    for pk, entry in out.items():
        original = credit.get(pk, pk)
        entry.lessons_total = len(positions[original])
        entry.lessons_done = len(positions[original] & studied.get(original, set()))
        entry.complete = original in complete
        for quiz in by_original[original]:
            graded = [p for status, p in attempts[quiz.pk] if status == Attempt.Status.GRADED]
            if not quiz.passed_with(quiz_grade_of(quiz.grading_method, graded)):
                entry.quiz = in_language.get((pk, quiz.pk), quiz)
                entry.awaiting_grading = any(
                    status == Attempt.Status.AWAITING_GRADING for status, _p in attempts[quiz.pk]
                )
                break
    return out


# --- The hours ledger -----------------------------------------------------------------------


@dataclass
class YearHours:
    year: int
    required: Decimal = Decimal(0)
    elective: Decimal = Decimal(0)
    required_target: Decimal = field(default_factory=lambda: Decimal(settings.STUDY_HOURS_REQUIRED))
    total_target: Decimal = field(default_factory=lambda: Decimal(settings.STUDY_HOURS_PER_YEAR))

    @property
    def total(self) -> Decimal:
        return self.required + self.elective

    @property
    def met(self) -> bool:
        return rules.requirement_met(
            required=self.required,
            total=self.total,
            required_target=self.required_target,
            total_target=self.total_target,
        )

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.total / self.total_target)) if self.total_target else 100


def hours_by_year(
    records: list[CompletionRecord], required_courses: set[int] | frozenset[int]
) -> dict[int, YearHours]:
    """Earned hours per year from ledger lines: credits minus voids. A course counts as
    required when an assignment makes it required for the cadre, elective otherwise."""
    years: dict[int, YearHours] = {}
    for record in records:
        if record.kind not in (Kind.COMPLETED, Kind.VOIDED):
            continue
        row = years.setdefault(record.year, YearHours(record.year))
        if record.course_id in required_courses:
            row.required += record.hours
        else:
            row.elective += record.hours
    return years


def ledger_for(profile: Profile, year: int | None = None) -> list[YearHours]:
    required = {
        a.course_id
        for a in Assignment.objects.for_profile(profile)
        if a.kind == Assignment.Kind.REQUIRED
    }
    records = list(CompletionRecord.objects.filter(user=profile.user))
    years = hours_by_year(records, required)
    this_year = year or timezone.localdate().year
    years.setdefault(this_year, YearHours(this_year))
    return sorted(years.values(), key=lambda y: y.year, reverse=True)


# --- Competency mastery ---------------------------------------------------------------------

# A decaying average (Canvas's name for it): the most recent attempt counts for 65 %, the
# average of all earlier attempts for the other 35 %. A single attempt counts fully.
RECENT_WEIGHT = Decimal("0.65")


def decaying_average(scores: list[Decimal]) -> Decimal | None:
    if not scores:
        return None
    if len(scores) == 1:
        return scores[0]
    earlier = sum(scores[:-1], Decimal(0)) / (len(scores) - 1)
    return RECENT_WEIGHT * scores[-1] + (1 - RECENT_WEIGHT) * earlier


@dataclass
class MasteryPoint:
    when: dt.datetime
    score: Decimal  # this attempt's percent on the competency
    mastery: Decimal  # the decaying average up to and including it


@dataclass
class CompetencyMastery:
    competency: Competency
    points: list[MasteryPoint] = field(default_factory=list)

    @property
    def current(self) -> Decimal | None:
        return self.points[-1].mastery if self.points else None


def attempt_competency_scores(user_ids: list[int] | None = None, user=None):
    """(user id, attempt id, submitted at, competency id, earned, possible) per graded attempt,
    from answers that have a score; one query."""
    answers = Answer.objects.filter(
        attempt_question__attempt__status=Attempt.Status.GRADED, score__isnull=False
    )
    if user is not None:
        answers = answers.filter(attempt_question__attempt__user=user)
    if user_ids is not None:
        answers = answers.filter(attempt_question__attempt__user_id__in=user_ids)
    rows = answers.values_list(
        "attempt_question__attempt__user_id",
        "attempt_question__attempt_id",
        "attempt_question__attempt__submitted_at",
        "attempt_question__version__competencies",
        "score",
        "attempt_question__points",
    ).order_by("attempt_question__attempt__submitted_at", "attempt_question__attempt_id")
    totals: dict[tuple, list] = {}
    for user_id, attempt_id, when, competency_id, score, points in rows.iterator():
        if competency_id is None:
            continue
        key = (user_id, attempt_id, when, competency_id)
        entry = totals.setdefault(key, [Decimal(0), Decimal(0)])
        entry[0] += score
        entry[1] += points
    return totals


def mastery_for(user) -> list[CompetencyMastery]:
    """Per competency the cadre has graded answers on (whatever its framework), in framework
    then competency order: after each graded attempt, its score and the mastery so far.
    Competencies nobody assessed the cadre on are left out, so a framework of another case adds
    no empty rows. Two queries."""
    competencies = {c.pk: c for c in Competency.objects.all()}
    series = {pk: CompetencyMastery(c) for pk, c in competencies.items()}
    history: dict[int, list[Decimal]] = defaultdict(list)
    for (_user, _attempt, when, competency_id), (earned, possible) in attempt_competency_scores(
        user=user
    ).items():
        if not possible:
            continue
        score = (100 * earned / possible).quantize(Decimal("0.1"))
        history[competency_id].append(score)
        mastery = decaying_average(history[competency_id]).quantize(Decimal("0.1"))
        series[competency_id].points.append(MasteryPoint(when, score, mastery))
    assessed = [m for m in series.values() if m.points]
    return sorted(assessed, key=lambda m: m.competency.sort_key)


def mastery_by_user(user_ids: list[int]) -> dict[int, dict[int, Decimal]]:
    """Current mastery per competency for many cadres at once (one query)."""
    history: dict[tuple[int, int], list[Decimal]] = defaultdict(list)
    for (user_id, _attempt, _when, competency_id), (earned, possible) in attempt_competency_scores(
        user_ids=user_ids
    ).items():
        if possible:
            history[(user_id, competency_id)].append(100 * earned / possible)
    out: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for (user_id, competency_id), scores in history.items():
        out[user_id][competency_id] = decaying_average(scores)
    return out
