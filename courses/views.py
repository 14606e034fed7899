"""Cadre pages: the catalogue, a course, a lesson, the printable outline, and the cadre's own
answer to a case (written on the overview, compared with the analysis once it is studied)."""

from django.contrib import messages
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people.access import profile_of, require_role

from . import own_answers
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
    context = lesson_context(request.user, lesson, opening)
    if lesson.case_part == 0 and profile and profile.is_cadre:
        # The case's overview: "think first", the cadre's own answer before the analysis.
        context["box"] = own_answer_context(request.user, lesson.course, request.path)
    return render(request, "courses/lesson.html", context)


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


# --- Think first, then compare: the cadre's own answer -------------------------------------------


def own_answer_context(user, course: Course, next_url: str) -> dict | None:
    """The own-answer box of a course (its overview, the compare page): the latest version,
    the save number the server holds, and whether the lessons are all studied."""
    if not course.reference_points.exists():
        return None
    answer = own_answers.answer_of(user, course)
    versions = own_answers.versions_of(answer)
    return {
        "version": versions[-1] if versions else None,
        "sequence": answer.sequence if answer else 0,
        "done": own_answers.lessons_done(user, course),
        "next": next_url,
    }


@require_POST
def own_answer_save(request: HttpRequest, slug: str) -> HttpResponse:
    """An autosave (JSON) or the form's Save button (back to the page it came from)."""
    require_role(request, "cadre")
    course = get_course_for_learner(request, slug)
    if not course.reference_points.exists():
        raise Http404  # no case to answer
    wants_json = "application/json" in request.headers.get("Accept", "")
    back = _own_answer_back(request, course)
    if "text" not in request.POST:
        return _refused(wants_json, request, back, _("The answer was missing from the form."))
    try:
        saved = own_answers.save(
            user=request.user,
            course=course,
            text=request.POST["text"],
            # The Save button (no script) saves what the page shows: there is no order to
            # keep among one person's clicks, and the page's number may be behind.
            sequence=(_number(request.POST.get("sequence", "")) or 0) if wants_json else 0,
            version=_number(request.POST.get("version", "")),
        )
    except own_answers.AnswerTooLong as refusal:
        return _refused(wants_json, request, back, str(refusal))
    except own_answers.StaleVersion as refusal:
        if wants_json:
            return JsonResponse({"stale": True, "error": str(refusal), "next": back}, status=409)
        messages.warning(request, str(refusal))
        return redirect(back)
    if wants_json:
        return JsonResponse(
            {
                "stored": saved.stored,
                "sequence": saved.sequence,
                "version": saved.version,
                "saved_at": timezone.localtime().strftime("%H:%M:%S"),
            }
        )
    messages.success(request, _("Your answer is saved."))
    return redirect(back)


def _refused(wants_json: bool, request: HttpRequest, back: str, error: str) -> HttpResponse:
    """A save refused for what it holds: said once, never retried (the text stays on screen)."""
    if wants_json:
        return JsonResponse({"stored": False, "error": error}, status=400)
    messages.error(request, error)
    return redirect(back)


def _own_answer_back(request: HttpRequest, course: Course) -> str:
    """Where the Save button returns: the page it was on, if it is one of this course's."""
    wanted = request.POST.get("next", "")
    prefix = course.get_absolute_url()
    if wanted.startswith(prefix) and url_has_allowed_host_and_scheme(wanted, allowed_hosts=None):
        return wanted
    return reverse("courses:compare", args=[course.slug])


def _number(value: str) -> int | None:
    """A save number or version number as posted; None when it is none (or nonsense)."""
    return int(value) if value.isascii() and value.isdecimal() and len(value) <= 9 else None


def compare(request: HttpRequest, slug: str) -> HttpResponse:
    """The cadre's answer beside the case's points, once every lesson is studied."""
    require_role(request, "cadre")
    course = get_course_for_learner(request, slug)
    box = own_answer_context(request.user, course, reverse("courses:compare", args=[slug]))
    if box is None:
        raise Http404
    overview = course.lessons.filter(case_part=0).first() or course.lessons.first()
    context = {"course": course, "box": box, "overview": overview}
    if box["done"]:
        comparison = own_answers.compare(request.user, course)
        context["comparison"] = comparison
        if comparison.latest is not None:
            context["pieces"] = own_answers.highlighted(
                comparison.versions[-1].text, comparison.latest.spans
            )
    else:
        studied = LessonProgress.objects.orders_studied(request.user, course)
        context["to_study"] = [x for x in course.lessons.all() if x.order not in studied]
    return render(request, "courses/compare.html", context)


@require_POST
def own_answer_revise(request: HttpRequest, slug: str) -> HttpResponse:
    require_role(request, "cadre")
    course = get_course_for_learner(request, slug)
    if not own_answers.lessons_done(request.user, course):
        messages.error(request, _("Study every lesson first: then compare and revise."))
    else:
        own_answers.revise(user=request.user, course=course)
    return redirect(reverse("courses:compare", args=[slug]) + "#own-answer")
