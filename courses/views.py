"""Cadre pages: the catalogue, a course, a lesson, the printable outline."""

from django.contrib import messages
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people.access import profile_of, require_role

from .access import get_course_for_learner, get_lesson_for_learner
from .mindmap import render_mindmaps
from .models import Course, Enrolment, Lesson, LessonOpening, LessonProgress
from .services import (
    StudyTooSoon,
    enrolment_create,
    lesson_mark_studied,
    lesson_open,
    studied_from,
)


def catalogue(request: HttpRequest) -> HttpResponse:
    """Each case once: the originals, each with links to its published translations; a
    translation whose original is not published stands for the case itself."""
    enrolled = Enrolment.objects.filter(
        Q(course=OuterRef("pk")) | Q(course__translation_of=OuterRef("pk")), user=request.user
    )
    courses = (
        Course.objects.one_per_case()
        .with_lesson_count()
        .annotate(enrolled=Exists(enrolled))
        .prefetch_related(
            Prefetch(
                "translations",
                queryset=Course.objects.published().order_by("pk"),
                to_attr="versions",
            )
        )
        .order_by("title")
    )
    return render(request, "courses/catalogue.html", {"courses": courses})


def course_context(user, course: Course) -> dict:
    """What the course page shows `user`; the studio's preview renders the same."""
    lessons = list(
        course.lessons.only(
            "pk", "title", "order", "course_id", "key_points", "cjk_chars", "latin_words"
        )
    )
    # A lesson is studied when its position was studied in any language of the course.
    orders = LessonProgress.objects.orders_studied(user, course)
    studied = {lesson.pk for lesson in lessons if lesson.order in orders}
    done = len(studied)
    tree = course.mindmap_tree(lessons)
    return {
        "course": course,
        "quizzes": list(course.quizzes.filter(is_published=True)),
        "lessons": lessons,
        "studied": studied,
        "enrolled": Enrolment.objects.filter(user=user, course=course).exists(),
        "done": done,
        "percent": round(100 * done / len(lessons)) if lessons else 0,
        "next_lesson": next((x for x in lessons if x.pk not in studied), None),
        "tree": tree,
        "mindmap": render_mindmaps(tree, language=course.language),
        "lesson_url": "courses:lesson",
        "versions": [
            {"url": other.get_absolute_url(), "language": other.language}
            for other in course.family().published().exclude(pk=course.pk).order_by("pk")
        ],
    }


def course_detail(request: HttpRequest, slug: str) -> HttpResponse:
    course = get_course_for_learner(request, slug)
    return render(request, "courses/course.html", course_context(request.user, course))


@require_POST
def enrol(request: HttpRequest, slug: str) -> HttpResponse:
    require_role(request, "cadre")
    course = get_course_for_learner(request, slug)
    enrolment_create(user=request.user, course=course)
    messages.success(request, _("You are enrolled in this course."))
    if request.POST.get("start"):
        # "Start the course" before enrolling: one button enrols and opens the first lesson
        # not yet studied (in any language of the course).
        orders = LessonProgress.objects.orders_studied(request.user, course)
        lesson = course.lessons.exclude(order__in=orders).order_by("order").first()
        if lesson is not None:
            return redirect(lesson.get_absolute_url())
    return redirect(course)


def lesson_context(user, lesson: Lesson, opening: LessonOpening | None = None) -> dict:
    """What the lesson page shows `user`; the studio's preview renders the same. With the
    cadre's first `opening`, the page says from when the lesson may be marked studied."""
    course = lesson.course
    siblings = list(course.lessons.only("pk", "title", "order", "course_id"))
    index = next(i for i, x in enumerate(siblings) if x.pk == lesson.pk)
    studied = LessonProgress.objects.orders_studied(user, course)
    # Studied in another language counts: the same position of any version of the course.
    progress = (
        LessonProgress.objects.filter(
            user=user, lesson__course__in=course.family(), lesson__order=lesson.order
        )
        .order_by("studied_at")
        .first()
    )
    ready_at = studied_from(opening, lesson) if opening and not progress else None
    return {
        "course": course,
        "lesson": lesson,
        "progress": progress,
        # Static text computed here, not a countdown: nothing on the page watches the reader.
        "studied_from": ready_at if ready_at and ready_at > timezone.now() else None,
        "previous": siblings[index - 1] if index > 0 else None,
        "next": siblings[index + 1] if index + 1 < len(siblings) else None,
        "position": index + 1,
        "lesson_total": len(siblings),
        "done": len(studied),
        "percent": round(100 * len(studied) / len(siblings)),
        "lesson_url": "courses:lesson",
        "versions": [
            {"url": other.get_absolute_url(), "language": other.course.language}
            for other in Lesson.objects.filter(
                course__in=course.family().published().exclude(pk=course.pk), order=lesson.order
            )
            .select_related("course")
            .order_by("course_id")
        ],
    }


def lesson_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    lesson = get_lesson_for_learner(request, slug, pk)
    profile = profile_of(request.user)
    # Only a cadre's first visit is evidence; trainers and HR reading the lesson leave none.
    opening = (
        lesson_open(user=request.user, lesson=lesson) if profile and profile.is_cadre else None
    )
    return render(request, "courses/lesson.html", lesson_context(request.user, lesson, opening))


@require_POST
def mark_studied(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    require_role(request, "cadre")
    lesson = get_lesson_for_learner(request, slug, pk)
    try:
        _progress, created = lesson_mark_studied(user=request.user, lesson=lesson)
    except StudyTooSoon as refusal:
        messages.error(request, str(refusal))
        return redirect(lesson)
    if created:
        messages.success(request, _("Lesson marked as studied."))
    following = lesson.course.lessons.filter(order__gt=lesson.order).order_by("order").first()
    return redirect(following or lesson.course)


def outline(request: HttpRequest, slug: str) -> HttpResponse:
    """The whole course on one page, for reading offline or printing."""
    course = get_course_for_learner(request, slug)
    lessons = list(course.lessons.all())
    return render(
        request,
        "courses/outline.html",
        {
            "course": course,
            "lessons": lessons,
            "tree": course.mindmap_tree(lessons),
            "mindmap": render_mindmaps(course.mindmap_tree(lessons), language=course.language),
        },
    )
