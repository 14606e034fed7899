"""Think first, then compare: a cadre's own answer to a course's case.

On the case's overview the cadre writes what they would do before reading the analysis; the
text is saved as they type, by numbered saves as quiz answers are (`save`: a save numbered below
the last stored arrived late and changes nothing). Once every lesson is studied, the compare page
holds the answer against the case's reference points (`coverage.Matcher`) and the cadre may
write a revised answer: each revision is a new version, and every earlier one stays as it was.
The first version, written before the analysis, is kept whole: once the cadre has opened a
lesson of the analysis, a save goes to a new version, never into it. A save names the version
its page shows, and one for a version no longer the latest (a stale tab) is refused.

The answer is the cadre's alone: every read here is by its writer (the views pass
`request.user`); trainers get anonymous counts (`points_missed`), HR nothing.
"""

from __future__ import annotations

import datetime as dt
import string
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.locks import lock_person
from people.text_files import typed_text

from . import coverage
from .models import (
    Course,
    Lesson,
    LessonOpening,
    LessonProgress,
    OwnAnswer,
    OwnAnswerVersion,
    ReferencePoint,
)

MAX_CHARS = OwnAnswerVersion.MAX_CHARS


class AnswerTooLong(ValueError):
    """An answer over MAX_CHARS: refused whole, never cut short."""


class StaleVersion(ValueError):
    """A save for a version that is no longer the latest (a tab left open while another began
    a revision): refused, so it cannot overwrite the revision; the page reloads."""


# Trainers see counts per point only over at least this many answers: fewer, and a count
# tells what one person wrote.
MIN_ANSWERS = 5
# The item analysis counts the latest this many written answers of a question.
WRITTEN_COUNTED = 1000


@dataclass(frozen=True)
class Saved:
    stored: bool
    sequence: int  # the highest save number the server holds
    version: int


# --- The case's points --------------------------------------------------------------------------


def points_from_outline(outline: dict) -> list[dict]:
    """The reference points of a case as its file states them: each part's core sentence
    ("p<part>") and each sub-point ("p<part>a", "p<part>b", …), in order."""
    out = []
    for part in outline.get("parts", []):
        number = int(part["number"])
        if part.get("core"):
            out.append({"key": f"p{number}", "part": number, "text": part["core"]})
        for letter, text in zip(string.ascii_lowercase, part.get("points", []), strict=False):
            out.append({"key": f"p{number}{letter}", "part": number, "text": text})
    return out


def create_reference_points(course: Course) -> list[ReferencePoint]:
    """The course's points from its case outline, when it has none yet (an import, or a course
    made before points existed)."""
    if course.reference_points.exists():
        return list(course.reference_points.all())
    rows = [
        ReferencePoint(course=course, order=i, **fields)
        for i, fields in enumerate(points_from_outline(course.outline or {}))
    ]
    return ReferencePoint.objects.bulk_create(rows)


def points_course(course: Course, text: str) -> Course:
    """The version of the case whose points an answer is held against: the one in the
    answer's language (a case's versions number their points alike), else `course`."""
    language = coverage.language_of(text) if text.strip() else None
    if language is None or (course.language or "").lower().startswith(language):
        return course
    for version in course.family().exclude(pk=course.pk):
        if (version.language or "").lower().startswith(language) and (
            version.reference_points.exists()
        ):
            return version
    return course


def matcher_for(course: Course, points: list[ReferencePoint] | None = None) -> coverage.Matcher:
    points = points if points is not None else list(course.reference_points.all())
    return coverage.Matcher([p.as_point() for p in points], course.language or None)


# --- Writing ------------------------------------------------------------------------------------


def clean(text: str) -> str:
    text = typed_text(text)
    if len(text) > MAX_CHARS:
        raise AnswerTooLong(
            _("Your answer is %(length)d characters long; at most %(max)d are kept. Shorten it.")
            % {"length": len(text), "max": MAX_CHARS}
        )
    return text


def lessons_done(user, course: Course) -> bool:
    """Whether the cadre has studied every lesson of the course (in any of its languages)."""
    orders = set(course.lessons.values_list("order", flat=True))
    return bool(orders) and orders <= LessonProgress.objects.orders_studied(user, course)


def analysis_opened(user, course: Course) -> bool:
    """Whether the cadre has opened a lesson of the case's analysis (any part after the
    overview, in any language): from then on the first answer is no longer "think first"."""
    return LessonOpening.objects.filter(
        user=user, lesson__course__in=course.family(), lesson__case_part__gt=0
    ).exists()


def answer_of(user, course: Course) -> OwnAnswer | None:
    return OwnAnswer.objects.filter(user=user, course_id=course.credit_course_id).first()


def versions_of(answer: OwnAnswer | None) -> list[OwnAnswerVersion]:
    return list(answer.versions.all()) if answer is not None else []


def marks_of(course: Course, text: str) -> dict[str, str]:
    version = points_course(course, text)
    return {m.point.key: m.mark for m in matcher_for(version).coverage(text).matches}


def save(
    *,
    user,
    course: Course,
    text: str,
    sequence: int,
    version: int | None = None,
    now: dt.datetime | None = None,
) -> Saved:
    """Store `text` as the answer's latest version if `sequence` is above the last stored (0:
    no order to keep, a form posted by its button): in one transaction under the cadre's lock,
    so two tabs or a late request never interleave. `version` is the one the page shows: a
    save for another (0: none yet) is refused with StaleVersion."""
    text = clean(text)
    now = now or timezone.now()
    with transaction.atomic():
        lock_person(user)
        # One answer per case, on its original, whichever version it is written in.
        answer, _created = OwnAnswer.objects.get_or_create(
            user=user, course_id=course.credit_course_id
        )
        latest = answer.versions.order_by("-number").first()
        # A page that showed no answer yet (0) writes the first version its own first save
        # made, even while that save's answer is still on its way back; any other mismatch is
        # a version closed since the page was drawn.
        shown = 1 if version == 0 and latest is not None and latest.number == 1 else version
        if shown is not None and shown != (latest.number if latest else 0):
            raise StaleVersion(_("This answer was changed in another window: it is shown again."))
        if sequence and sequence <= answer.sequence:
            return Saved(False, answer.sequence, latest.number if latest else 0)
        opened = analysis_opened(user, course)
        if latest is None or (latest.before_analysis and opened and latest.text != text):
            # The first answer, or the first change once the analysis is open: a new version.
            latest = OwnAnswerVersion.objects.create(
                answer=answer,
                number=(latest.number + 1) if latest else 1,
                text=text,
                started_at=now,
                saved_at=now,
                before_analysis=not opened,
                marks=marks_of(course, text),
            )
        elif latest.text != text:
            latest.text, latest.saved_at, latest.marks = text, now, marks_of(course, text)
            latest.save(update_fields=["text", "saved_at", "marks"])
        if sequence:
            answer.sequence = sequence
            answer.save(update_fields=["sequence"])
        return Saved(True, answer.sequence, latest.number)


def revise(*, user, course: Course, now: dt.datetime | None = None) -> OwnAnswerVersion:
    """Begin a revised answer: a new version, starting from the latest text, which stays as it
    was. Twice in a row (a double click) begins one: a revision not yet changed is reused."""
    now = now or timezone.now()
    with transaction.atomic():
        lock_person(user)
        # One answer per case, on its original, whichever version it is written in.
        answer, _created = OwnAnswer.objects.get_or_create(
            user=user, course_id=course.credit_course_id
        )
        versions = list(answer.versions.order_by("-number")[:2])
        latest = versions[0] if versions else None
        if len(versions) == 2 and latest.text == versions[1].text:
            return latest  # begun and not yet written in
        text = latest.text if latest else ""
        return OwnAnswerVersion.objects.create(
            answer=answer,
            number=(latest.number + 1) if latest else 1,
            text=text,
            started_at=now,
            saved_at=now,
            before_analysis=not analysis_opened(user, course),
            marks=marks_of(course, text),
        )


# --- Comparing ----------------------------------------------------------------------------------


@dataclass
class PointRow:
    point: ReferencePoint
    first: coverage.PointMatch | None
    latest: coverage.PointMatch | None
    lesson: Lesson | None  # the lesson that teaches it


@dataclass
class Comparison:
    versions: list[OwnAnswerVersion]
    first: coverage.Coverage | None
    latest: coverage.Coverage | None
    rows: list[PointRow]
    course: Course  # the version whose points were used: the answer's language

    @property
    def moved(self) -> float | None:
        """How far the latest version's coverage moved from the first's, in points of share."""
        if self.first is None or self.latest is None or len(self.versions) < 2:
            return None
        return self.latest.share - self.first.share


def compare(user, course: Course) -> Comparison:
    """The cadre's first and latest versions held against the course's points."""
    versions = versions_of(answer_of(user, course))
    # The points, and the lessons linked, of the version in the answer's language.
    course = points_course(course, versions[-1].text) if versions else course
    points = list(course.reference_points.all())
    matcher = matcher_for(course, points)
    first = matcher.coverage(versions[0].text) if versions else None
    latest = matcher.coverage(versions[-1].text) if versions else None
    lessons = {lesson.case_part: lesson for lesson in course.lessons.exclude(case_part=None)}
    rows = [
        PointRow(
            point,
            first.matches[i] if first else None,
            latest.matches[i] if latest else None,
            lessons.get(point.part),
        )
        for i, point in enumerate(points)
    ]
    return Comparison(versions, first, latest, rows, course)


def highlighted(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """The text in pieces, each with whether it matched: the template marks the matched ones,
    escaping every piece (no HTML is built here)."""
    pieces, at = [], 0
    for start, end in spans:
        if start > at:
            pieces.append((text[at:start], False))
        pieces.append((text[start:end], True))
        at = end
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


# --- For trainers: anonymous counts ---------------------------------------------------------------


@dataclass
class Missed:
    """Per point, how many answers missed it: `rows` of (point, missed, total), most missed
    first; empty when too few were counted to show (`total` says how many)."""

    total: int
    rows: list[tuple[ReferencePoint, int, int]]


def points_missed(course: Course) -> Missed:
    """How many cadres' first answers, written before the analysis, missed each point: from
    the marks stored with each answer (as the points stood then), no names, no texts."""
    marks = OwnAnswerVersion.objects.filter(
        answer__course_id=course.credit_course_id, number=1, before_analysis=True
    ).exclude(text="")
    return _missed(
        course, (m for m in marks.values_list("marks", flat=True).iterator()), MIN_ANSWERS
    )


def written_missed(course: Course, texts: Iterable[str]) -> Missed:
    """The same for written quiz answers, matched now: their graders read them anyway, so
    counts over a few tell nothing new, and no minimum applies."""
    points = list(course.reference_points.all())
    matcher = matcher_for(course, points)
    return _missed(
        course,
        ({m.point.key: m.mark for m in matcher.coverage(text).matches} for text in texts),
        1,
        points,
    )


def _missed(course: Course, all_marks: Iterable[dict], least: int, points=None) -> Missed:
    points = points if points is not None else list(course.reference_points.all())
    missed: Counter = Counter()
    total = 0
    for marks in all_marks:
        total += 1
        for key, mark in marks.items():
            if mark == coverage.MISSING:
                missed[key] += 1
    if total < least or not points:
        return Missed(total, [])
    rows = sorted(
        ((p, missed[p.key], total) for p in points), key=lambda row: (-row[1], row[0].order)
    )
    return Missed(total, rows)


# --- For the cadre's My progress ----------------------------------------------------------------


@dataclass
class CaseProgress:
    course: Course
    versions: int
    first: coverage.Coverage
    latest: coverage.Coverage


def progress_of(user) -> list[CaseProgress]:
    """Each case the cadre has answered: the coverage of their first and latest versions.
    Two queries whatever the number of cases (answers with their versions and points)."""
    from django.db.models import Prefetch

    answers = (
        OwnAnswer.objects.filter(user=user, course__status=Course.Status.PUBLISHED)
        .select_related("course")
        .prefetch_related(
            Prefetch("versions", queryset=OwnAnswerVersion.objects.order_by("number")),
            "course__reference_points",
        )
        .order_by("course__title")
    )
    out = []
    for answer in answers:
        versions = list(answer.versions.all())
        if not versions:
            continue
        # Against the version of the case in the answer's language (one more query only when
        # the answer is in the language of a translation).
        version = points_course(answer.course, versions[-1].text)
        points = list(version.reference_points.all())
        if not points:
            continue
        matcher = matcher_for(version, points)
        out.append(
            CaseProgress(
                answer.course,
                len(versions),
                matcher.coverage(versions[0].text),
                matcher.coverage(versions[-1].text),
            )
        )
    return out
