"""Cadre pages: the catalogue, a course, a lesson, the printable outline."""

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people.access import require_role

from .access import get_course_for_learner, get_lesson_for_learner
from .mindmap import render_mindmaps
from .models import Course, Enrolment, Lesson, LessonProgress
from .services import enrolment_create, lesson_mark_studied


def catalogue(request: HttpRequest) -> HttpResponse:
    courses = (
        Course.objects.published()
        .with_lesson_count()
        .annotate(
            enrolled=Exists(Enrolment.objects.filter(course=OuterRef("pk"), user=request.user))
        )
        .order_by("title")
    )
    return render(request, "courses/catalogue.html", {"courses": courses})


def course_context(user, course: Course) -> dict:
    """What the course page shows `user`; the studio's preview renders the same."""
    lessons = list(course.lessons.only("pk", "title", "order", "course_id", "key_points"))
    studied = LessonProgress.objects.lesson_ids(user, course)
    done = sum(1 for lesson in lessons if lesson.pk in studied)
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
    return redirect(course)


def lesson_context(user, lesson: Lesson) -> dict:
    """What the lesson page shows `user`; the studio's preview renders the same."""
    course = lesson.course
    siblings = list(course.lessons.only("pk", "title", "order", "course_id"))
    index = next(i for i, x in enumerate(siblings) if x.pk == lesson.pk)
    studied = LessonProgress.objects.lesson_ids(user, course)
    return {
        "course": course,
        "lesson": lesson,
        "progress": LessonProgress.objects.filter(user=user, lesson=lesson).first(),
        "previous": siblings[index - 1] if index > 0 else None,
        "next": siblings[index + 1] if index + 1 < len(siblings) else None,
        "position": index + 1,
        "lesson_total": len(siblings),
        "done": len(studied),
        "percent": round(100 * len(studied) / len(siblings)),
        "lesson_url": "courses:lesson",
    }


def lesson_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    lesson = get_lesson_for_learner(request, slug, pk)
    return render(request, "courses/lesson.html", lesson_context(request.user, lesson))


@require_POST
def mark_studied(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    require_role(request, "cadre")
    lesson = get_lesson_for_learner(request, slug, pk)
    _progress, created = lesson_mark_studied(user=request.user, lesson=lesson)
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
