"""Writes that span models: importing a case as a course, enrolling, recording study."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from people.locks import lock_person

from .case_import import (
    CaseFormatError,
    CaseOutline,
    decode_case,
    parse_case,
    propose_title,
    slug_for,
)
from .markdown import escape_markdown
from .models import (
    HOURS_MAX,
    HOURS_MIN,
    Course,
    Enrolment,
    HoursChange,
    Lesson,
    LessonOpening,
    LessonProgress,
    ReferencePoint,
)
from .own_answers import create_reference_points
from .reading import minimum_seconds
from .signals import lesson_studied

# The few words the importer adds to a course: generic (they say nothing of any case), kept in
# the interface catalogue, and written in the case's language, not the interface's, since the
# course is content.
OVERVIEW_TITLE = gettext_lazy("Case overview: what would you do?")
THINK_FIRST = gettext_lazy(
    "**Think first.** Before you read the analysis, put yourself in the place of the person who "
    "has to act on this case. What would you do, and why? Note your answer: the lessons that "
    "follow hold it against the reference analysis, point by point."
)


class CourseSlugTaken(CaseFormatError):
    pass


def lessons_from_outline(outline: CaseOutline) -> list[dict]:
    """Lesson fields for a case: the overview first (the case's own question, posed before the
    analysis), then one lesson per numbered part, every sentence whole. A part's core sentence
    is its key point; its sub-points are its list, shown once."""
    with translation.override(outline.language):
        overview_title, think = str(OVERVIEW_TITLE), str(THINK_FIRST)
    overview = [f"> {escape_markdown(p)}" for p in outline.question.split("\n\n")]
    overview_md = "\n>\n".join(overview) + "\n\n" + think
    if outline.intro:
        overview_md += "\n\n" + escape_markdown(outline.intro)
    lessons = [{"title": overview_title, "body_md": overview_md, "key_points": [], "case_part": 0}]
    for part in outline.parts:
        blocks = [escape_markdown(p) for p in part.lead.split("\n\n") if p]
        if part.points:
            blocks.append(
                "\n".join(f"{i}. {escape_markdown(p)}" for i, p in enumerate(part.points, 1))
            )
        lessons.append(
            {
                "title": part.title,
                "body_md": "\n\n".join(blocks),
                "key_points": [part.core] if part.core else [],
                "case_part": part.number,
            }
        )
    return lessons


def free_slug(base: str) -> str:
    """`base`, or `base-2`, `base-3`… : the first address no course has."""
    slug, n = base, 2
    while Course.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def course_import_case(
    *,
    data: bytes | str,
    owner=None,
    slug: str | None = None,
    title: str | None = None,
    study_hours: Decimal | None = None,
    status: str = Course.Status.DRAFT,
) -> Course:
    """Parse a case text and create a course with its lessons, all or nothing."""
    outline = parse_case(data)
    title = (title or propose_title(outline.question)).strip()
    if slug:
        if Course.objects.filter(slug=slug).exists():
            raise CourseSlugTaken(
                _("A course with the short name '%(slug)s' already exists.") % {"slug": slug}
            )
    else:
        digest = hashlib.sha1(outline.question.encode(), usedforsecurity=False).hexdigest()[:8]
        slug = free_slug(slug_for(title) or f"case-{digest}")
    course = Course(
        title=title,
        slug=slug,
        summary=outline.question,
        language=outline.language,
        owner=owner,
        outline=outline.as_dict(),
        source_text=data if isinstance(data, str) else decode_case(data),
        status=status,
        **({"study_hours": study_hours} if study_hours is not None else {}),
    )
    course.full_clean()
    course.save()
    for order, fields in enumerate(lessons_from_outline(outline), start=1):
        lesson = Lesson(course=course, order=order, **fields)
        try:
            lesson.full_clean(exclude=["course"])
        except ValidationError as exc:
            # A case the parser accepts may still hold a part longer than a lesson may be:
            # say which, like any other fault of the case (the transaction keeps nothing).
            raise CaseFormatError(
                _("Lesson %(order)s (“%(title)s”) cannot be saved: %(problems)s")
                % {"order": order, "title": lesson.title, "problems": " ".join(exc.messages)}
            ) from exc
        lesson.save()
    # The points a cadre's own answer is held against: the case's, as its file states them.
    create_reference_points(course)
    return course


def enrolment_create(*, user, course: Course, source: str = Enrolment.Source.SELF) -> Enrolment:
    """Enrol once; enrolling again (or twice at the same moment) returns the first enrolment."""
    enrolment, _created = Enrolment.objects.get_or_create(
        user=user, course=course, defaults={"source": source}
    )
    return enrolment


def lesson_open(*, user, lesson: Lesson, now: dt.datetime | None = None) -> LessonOpening:
    """Record when `user` first opened `lesson`; later visits change nothing.

    The first opening is the evidence "studied" rests on, so it is never moved: get_or_create
    reads the row a concurrent first visit inserted, and the unique constraint keeps one."""
    opening, _created = LessonOpening.objects.get_or_create(
        user=user, lesson=lesson, defaults={"opened_at": now or timezone.now()}
    )
    return opening


def studied_from(opening: LessonOpening, lesson: Lesson) -> dt.datetime:
    """The earliest moment `lesson` may be marked studied: a share of its reading time after
    the reading began. Reading begins when the cadre first opened it, or when they last marked
    another lesson of the course (in any of its languages) studied, whichever is later: lessons
    opened side by side in five tabs are still read one after another, so a course is never
    earned faster than the sum of its lessons' minimum times."""
    previous = (
        LessonProgress.objects.filter(
            user_id=opening.user_id, lesson__course_id__in=lesson.course.family_ids()
        )
        .exclude(lesson=lesson)
        .aggregate(last=Max("studied_at"))["last"]
    )
    began = max(opening.opened_at, previous) if previous else opening.opened_at
    return began + dt.timedelta(seconds=minimum_seconds(lesson.reading_seconds))


def _duration(seconds: int, *, round_up: bool) -> str:
    """A span as a reader says it: seconds under a minute, else whole minutes (rounded up
    for what remains, down for what has passed)."""
    if seconds < 60:
        return ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}
    minutes = math.ceil(seconds / 60) if round_up else seconds // 60
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


class StudyTooSoon(Exception):
    """Marking a lesson studied is refused: it was never opened, or opened too recently to
    have been read. `seconds_left` is None when it was never opened."""

    def __init__(self, message: str, seconds_left: int | None = None) -> None:
        super().__init__(message)
        self.seconds_left = seconds_left


@transaction.atomic
def lesson_mark_studied(
    *, user, lesson: Lesson, now: dt.datetime | None = None
) -> tuple[LessonProgress, bool]:
    """Record that `user` studied `lesson`, enrolling them if needed.

    Evidence, not surveillance: accepted only once a share of the lesson's reading time
    (`courses.reading.minimum_seconds`) has passed since the cadre first opened it; nothing is
    tracked in between. Raises `StudyTooSoon` otherwise. Idempotent: a lesson already studied
    returns its row, and get_or_create falls back to reading the row when a concurrent request
    (a double click) inserted it first, so the unique constraint makes a second row impossible.
    """
    given = now
    now = now or timezone.now()
    # Requests sent together (five tabs clicked at once) must each see the lesson the other
    # just marked, or they would all count their reading from the same moment.
    lock_person(user)
    existing = LessonProgress.objects.filter(user=user, lesson=lesson).first()
    if existing is not None:
        return existing, False
    opening = LessonOpening.objects.filter(user=user, lesson=lesson).first()
    if opening is None:
        raise StudyTooSoon(_("Open and read the lesson first."))
    ready = studied_from(opening, lesson)
    left = math.ceil((ready - now).total_seconds())
    if left > 0:
        began = ready - dt.timedelta(seconds=minimum_seconds(lesson.reading_seconds))
        elapsed = max(0, int((now - began).total_seconds()))
        raise StudyTooSoon(
            _(
                "You began this lesson %(ago)s ago (counted from when you opened it or marked "
                "the lesson before it studied, whichever came later); it takes about "
                "%(reading)s to read. You can mark it studied in %(left)s."
            )
            % {
                "ago": _duration(elapsed, round_up=False),
                "reading": _duration(lesson.reading_minutes * 60, round_up=True),
                "left": _duration(left, round_up=True),
            },
            seconds_left=left,
        )
    enrolment_create(user=user, course=lesson.course)
    progress, created = LessonProgress.objects.get_or_create(user=user, lesson=lesson)
    if created and given is not None:
        # `studied_at` is stamped by the database row's auto_now_add; a moment given by the
        # caller (the demo's past, a test's clock) is the moment it happened.
        LessonProgress.objects.filter(pk=progress.pk).update(studied_at=given)
        progress.studied_at = given
    if created:
        lesson_studied.send(sender=Lesson, user=user, lesson=lesson)
    return progress, created


class PublishError(Exception):
    """The course cannot be published yet; the message says why."""


def course_publish(*, course: Course) -> list[str]:
    """Publish a course with at least one lesson. Returns warnings that do not block it."""
    if not course.lessons.exists():
        raise PublishError(_("A course needs at least one lesson before it can be published."))
    warnings = [
        _("The quiz “%(title)s” has no questions: cadres cannot take it.") % {"title": quiz.title}
        for quiz in course.quizzes.filter(slots__isnull=True)
    ]
    course.status = Course.Status.PUBLISHED
    course.save(update_fields=["status", "updated_at"])
    return warnings


def course_archive(*, course: Course) -> None:
    """Archive: cadres no longer open it; their records stay."""
    course.status = Course.Status.ARCHIVED
    course.save(update_fields=["status", "updated_at"])


class HoursChangeError(Exception):
    """The declared hours cannot be changed so; the message says why."""


@transaction.atomic
def course_change_hours(
    *, course: Course, hours: Decimal, reason: str, by, now: dt.datetime | None = None
) -> HoursChange:
    """Change a course's declared study hours, with a reason, leaving a `HoursChange` line.

    Never retroactive: completions already credited keep their hours (their ledger line holds
    them); later completions credit the new value, within the credit rule."""
    reason = (reason or "").strip()
    if not reason:
        raise HoursChangeError(_("Give the reason for changing the study hours."))
    hours = Decimal(hours)
    if not HOURS_MIN <= hours <= HOURS_MAX or hours != hours.quantize(Decimal("0.01")):
        raise HoursChangeError(_("Study hours must be from 0.25 to 50, with at most two decimals."))
    course = Course.objects.select_for_update().get(pk=course.pk)
    if course.translation_of_id:
        raise HoursChangeError(
            _("A translation credits its original's hours: change them on the original.")
        )
    if hours == course.study_hours:
        raise HoursChangeError(_("The course already declares these hours."))
    change = HoursChange.objects.create(
        course=course,
        old_hours=course.study_hours,
        new_hours=hours,
        reason=reason,
        changed_by=by,
        changed_at=now or timezone.now(),
    )
    course.study_hours = hours
    course.save(update_fields=["study_hours", "updated_at"])
    return change


@transaction.atomic
def lesson_move(*, lesson: Lesson, up: bool) -> None:
    """Swap a lesson with its neighbour; the unique order is kept at every step."""
    siblings = lesson.course.lessons.order_by("order")
    neighbour = (
        siblings.filter(order__lt=lesson.order).last()
        if up
        else siblings.filter(order__gt=lesson.order).first()
    )
    if neighbour is None:
        return
    mine, theirs = lesson.order, neighbour.order
    lesson.order = 0  # free the slot while both move
    lesson.save(update_fields=["order"])
    neighbour.order = mine
    neighbour.save(update_fields=["order"])
    lesson.order = theirs
    lesson.save(update_fields=["order"])


class LessonInUse(Exception):
    pass


@transaction.atomic
def lesson_delete(*, lesson: Lesson) -> None:
    """Delete a lesson nobody has opened or studied; those lessons are records and stay."""
    if lesson.progress.exists() or lesson.openings.exists():
        raise LessonInUse(
            _("Cadres have studied this lesson, so it stays: their records depend on it.")
        )
    course = lesson.course
    lesson.delete()
    for order, remaining in enumerate(course.lessons.order_by("order"), start=1):
        if remaining.order != order:
            remaining.order = order
            remaining.save(update_fields=["order"])


@transaction.atomic
def course_copy(*, course: Course, by) -> Course:
    """A draft copy owned by `by`: the course and its lessons (quizzes stay with the original)."""
    copy = Course.objects.create(
        title=_("Copy of %(title)s") % {"title": course.title},
        slug=free_slug(f"{course.slug}-copy"[:70]),
        summary=course.summary,
        study_hours=course.study_hours,
        language=course.language,
        owner=by,
        outline=course.outline,
        source_text=course.source_text,
    )
    for lesson in course.lessons.order_by("order"):
        Lesson.objects.create(
            course=copy,
            order=lesson.order,
            title=lesson.title,
            body_md=lesson.body_md,
            key_points=lesson.key_points,
            case_part=lesson.case_part,
        )
    ReferencePoint.objects.bulk_create(
        ReferencePoint(
            course=copy,
            key=point.key,
            part=point.part,
            order=point.order,
            text=point.text,
            phrases=point.phrases,
        )
        for point in course.reference_points.all()
    )
    return copy


LABEL_MAX = 120  # characters of a short label in the mind map


@transaction.atomic
def course_set_map_labels(*, course: Course, labels: dict[tuple[int, str], str]) -> Course:
    """Set the short labels the mind map shows for some leaves, keyed by (part number, whole
    text); an empty label shows the whole text again. The texts themselves never change."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    outline = dict(course.outline)
    parts = []
    for part in outline.get("parts", []):
        part = dict(part)
        kept = {
            text: label.strip()
            for (number, text), label in labels.items()
            if number == part.get("number") and label.strip() and label.strip() != text
        }
        part["labels"] = kept
        parts.append(part)
    outline["parts"] = parts
    course.outline = outline
    course.save(update_fields=["outline", "updated_at"])
    return course
