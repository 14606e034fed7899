"""Writes that span models: importing a case as a course, enrolling, recording study."""

from __future__ import annotations

import hashlib
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .case_import import CaseFormatError, CaseOutline, parse_case, short_label
from .markdown import escape_markdown
from .models import Course, Enrolment, Lesson, LessonProgress

# Words the importer writes into the course itself: they follow the case's language, not the
# interface's, since the course is content.
CASE_WORDS = {
    "en": {
        "overview": "Case overview: what would you do?",
        "think": (
            "**Think first.** Before you read the analysis, picture yourself as the leader who "
            "has to act on this. Which of your unit's work groups would you keep, merge or "
            "dissolve, and why? Note your answer: the lessons that follow compare it with the "
            "reference analysis."
        ),
        "points": "Key points",
    },
    "zh-hans": {
        "overview": "案例导入：你会怎么做？",
        "think": (
            "**先思考。** 在阅读参考解析之前，设想你就是要落实这项要求的领导：你所在单位的哪些"
            "工作群应当保留、合并或解散？理由是什么？先记下你的回答，后面的课时会把它与参考解析"
            "对照。"
        ),
        "points": "要点",
    },
}


class CourseSlugTaken(CaseFormatError):
    pass


def lessons_from_outline(outline: CaseOutline) -> list[dict]:
    """Lesson fields for a case: the overview first, then one lesson per numbered part."""
    words = CASE_WORDS[outline.language]
    overview = [f"> {escape_markdown(p)}" for p in outline.question.split("\n\n")]
    overview_md = "\n>\n".join(overview) + "\n\n" + words["think"]
    if outline.intro:
        overview_md += "\n\n" + escape_markdown(outline.intro)
    lessons = [
        {"title": words["overview"], "body_md": overview_md, "key_points": [], "case_part": 0}
    ]
    for part in outline.parts:
        blocks = [escape_markdown(p) for p in part.lead.split("\n\n") if p]
        if part.points:
            blocks.append(
                "\n".join(f"{i}. {escape_markdown(p)}" for i, p in enumerate(part.points, 1))
            )
        lessons.append(
            {
                "title": f"{part.number}. {part.title}",
                "body_md": "\n\n".join(blocks),
                "key_points": [short_label(p) for p in part.points],
                "case_part": part.number,
            }
        )
    return lessons


def _free_slug(base: str) -> str:
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
    title = (title or short_label(outline.question, limit=80)).strip()
    if slug:
        if Course.objects.filter(slug=slug).exists():
            raise CourseSlugTaken(
                _("A course with the short name '%(slug)s' already exists.") % {"slug": slug}
            )
    else:
        digest = hashlib.sha1(outline.question.encode(), usedforsecurity=False).hexdigest()[:8]
        slug = _free_slug(slugify(title)[:60].strip("-") or f"case-{digest}")
    course = Course(
        title=title,
        slug=slug,
        summary=outline.question,
        language=outline.language,
        owner=owner,
        outline=outline.as_dict(),
        source_text=data if isinstance(data, str) else data.decode("utf-8-sig"),
        status=status,
        **({"study_hours": study_hours} if study_hours is not None else {}),
    )
    course.full_clean()
    course.save()
    for order, fields in enumerate(lessons_from_outline(outline), start=1):
        lesson = Lesson(course=course, order=order, **fields)
        lesson.full_clean(exclude=["course"])
        lesson.save()
    return course


def enrolment_create(*, user, course: Course, source: str = Enrolment.Source.SELF) -> Enrolment:
    """Enrol once; enrolling again (or twice at the same moment) returns the first enrolment."""
    enrolment, _created = Enrolment.objects.get_or_create(
        user=user, course=course, defaults={"source": source}
    )
    return enrolment


@transaction.atomic
def lesson_mark_studied(*, user, lesson: Lesson) -> tuple[LessonProgress, bool]:
    """Record that `user` studied `lesson`, enrolling them if needed.

    Idempotent: get_or_create falls back to reading the row when a concurrent request (a
    double click) inserted it first, and the unique constraint makes a second row impossible.
    """
    enrolment_create(user=user, course=lesson.course)
    return LessonProgress.objects.get_or_create(user=user, lesson=lesson)
