"""Language versions of one case: linking a course (and its quizzes) as a translation of another.

One case, one credit: a translation's lesson k is the original's lesson k, its quizzes are the
original's quizzes in another language (paired in order), and progress, attempts and the
completion are shared (`Course.credit_course_id`, `Quiz.original_id`). Here, not in courses,
because linking pairs the quizzes too (quizzes may import courses, not the other way round).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from courses.models import Course, LessonProgress

from ..models import Attempt, Quiz

# What a quiz's translation takes from the original, so both pages state the same rules (the
# services read the original's anyway: `Quiz.original`).
# A quiz's rules, which its translations take from the original and never set themselves: the
# family shares one allowance and one grade, so it must share when it opens and closes, its
# time limits and what its reviews reveal (else the key leaks through the other language).
SHARED_RULES = (
    "pass_mark",
    "attempts_allowed",
    "grading_method",
    "time_limit_minutes",
    "min_minutes",
    "opens_at",
    "closes_at",
    *(
        f"review_{item}_after_{when}"
        for item in ("answers", "correctness", "feedback", "right_answers")
        for when in ("attempt", "last", "close")
    ),
)


def quiz_rules_follow(original: Quiz) -> int:
    """Copy the original quiz's rules to its translations, after the trainer saved them;
    returns how many translations were updated. One query."""
    return Quiz.objects.filter(translation_of=original).update(
        **{name: getattr(original, name) for name in SHARED_RULES}
    )


class TranslationError(Exception):
    """The courses cannot be linked (or unlinked); the message says why, for the trainer."""


def _published_quizzes(course: Course) -> list[Quiz]:
    return list(course.quizzes.filter(is_published=True).order_by("pk"))


def translation_problems(*, course: Course, original: Course) -> list[str]:
    """Why `course` cannot become a translation of `original`; empty when it can."""
    if original.pk == course.pk:
        return [_("A course cannot be a translation of itself.")]
    if original.translation_of_id:
        return [
            _("“%(title)s” is itself a translation: choose its original.") % {"title": original}
        ]
    problems = []
    if course.translations.exists():
        problems.append(
            _("This course has translations of its own, so it cannot be a translation.")
        )
    if course.language == original.language:
        problems.append(_("A translation is written in another language than its original."))
    # Assignments, waivers and credits are the original's: ones already on this course would
    # be read by nobody once it is a translation (a waiver that waives nothing).
    if (
        course.assignments.filter(cancelled_at__isnull=True).exists()
        or course.completion_records.exists()
    ):
        problems.append(
            _(
                "This course is already assigned or has study records of its own: cancel its "
                "assignments and assign the original instead, or keep it as a course of its own."
            )
        )
    mine, theirs = course.lessons.count(), original.lessons.count()
    if mine != theirs:
        problems.append(
            _(
                "This course has %(mine)s lessons and “%(title)s” has %(theirs)s: a translation "
                "has the same lessons, in the same order."
            )
            % {"mine": mine, "theirs": theirs, "title": original}
        )
    mine, theirs = len(_published_quizzes(course)), len(_published_quizzes(original))
    if mine != theirs:
        problems.append(
            _(
                "This course has %(mine)s published quizzes and “%(title)s” has %(theirs)s: a "
                "translation has the same quizzes."
            )
            % {"mine": mine, "theirs": theirs, "title": original}
        )
    return problems


@transaction.atomic
def course_link_translation(*, course: Course, original: Course) -> Course:
    """Make `course` a language version of `original`: its published quizzes become the
    original's quizzes in this language (first with first, in order) and take their pass mark,
    attempts and grading method. From then on, whichever version a cadre studies, the original
    is completed and credited, once. Credits already written stay as they are (the ledger is
    never edited); HR voids a duplicate if a cadre was credited for both before."""
    problems = translation_problems(course=course, original=original)
    if problems:
        raise TranslationError(" ".join(problems))
    course.translation_of = original
    course.save(update_fields=["translation_of", "updated_at"])
    course.quizzes.exclude(translation_of=None).update(translation_of=None)
    for mine, theirs in zip(_published_quizzes(course), _published_quizzes(original), strict=True):
        mine.translation_of = theirs
        for name in SHARED_RULES:
            setattr(mine, name, getattr(theirs, name))
        mine.save(update_fields=["translation_of", *SHARED_RULES])
    return course


def unlink_problems(*, course: Course) -> list[str]:
    """Why `course` cannot stop being a translation; empty when it can."""
    if course.translation_of_id and (
        LessonProgress.objects.filter(lesson__course=course).exists()
        or Attempt.objects.filter(quiz__course=course).exists()
    ):
        return [
            _(
                "Cadres have studied this translation; their work counts towards the original, "
                "so it stays a translation."
            )
        ]
    return []


@transaction.atomic
def course_unlink_translation(*, course: Course) -> Course:
    """Make a translation a course of its own again, while no cadre has worked in it: their
    lessons and attempts count towards the original's credit and must keep doing so."""
    if not course.translation_of_id:
        return course
    problems = unlink_problems(course=course)
    if problems:
        raise TranslationError(" ".join(problems))
    course.translation_of = None
    course.save(update_fields=["translation_of", "updated_at"])
    course.quizzes.exclude(translation_of=None).update(translation_of=None)
    return course
