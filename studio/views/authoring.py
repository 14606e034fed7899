"""Studio: the trainer's courses and lessons, publishing, copying and previewing."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses import services as course_services
from courses.markdown import render_markdown
from courses.mindmap import render_mindmaps
from courses.models import Course
from courses.views import course_context, lesson_context
from people.limits import rate_limited
from people.models import OrgUnit
from quizzes.models import Question
from records.credit import course_credit
from records.forms import AssignmentForm

from ..access import (
    get_course_to_edit,
    get_course_to_view,
    get_lesson_to_edit,
    get_lesson_to_view,
    require_trainer,
)
from ..forms import CourseForm, LessonForm, MindMapLabelsForm
from .hours import credit_warnings, hours_context


def home(request: HttpRequest) -> HttpResponse:
    require_trainer(request)
    mine = list(
        Course.objects.editable_by(request.user).with_lesson_count().order_by("status", "title")
    )
    others = (
        Course.objects.exclude(pk__in=[c.pk for c in mine])
        .with_lesson_count()
        .select_related("owner__profile")
        .order_by("title")
    )
    return render(request, "studio/home.html", {"mine": mine, "others": others})


def course_create(request: HttpRequest) -> HttpResponse:
    require_trainer(request)
    form = CourseForm(request.POST or None, owner=request.user)
    if form.is_valid():
        course = form.save(commit=False)
        course.owner = request.user
        course.save()
        form.save_m2m()
        messages.success(request, _("Course created as a draft. Add its lessons."))
        return redirect("studio:course", course.slug)
    return render(request, "studio/course_form.html", {"form": form})


def course_detail(request: HttpRequest, slug: str) -> HttpResponse:
    course = get_course_to_view(request, slug)
    return render(
        request,
        "studio/course.html",
        {
            "course": course,
            "can_edit": course.can_edit(request.user),
            "lessons": course.lessons.order_by("order"),
            "questions": Question.objects.filter(course=course).select_related("current"),
            "quizzes": course.quizzes.all(),
            **hours_context(course),
        },
    )


def mindmap_labels(request: HttpRequest, slug: str) -> HttpResponse:
    """Short labels for the mind map's boxes, where a whole sentence is too long for one."""
    course = get_course_to_edit(request, slug)
    form = MindMapLabelsForm(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        course_services.course_set_map_labels(course=course, labels=form.labels())
        messages.success(request, _("Mind map labels saved."))
        return redirect("studio:course", course.slug)
    tree = course.mindmap_tree()
    return render(
        request,
        "studio/mindmap_labels.html",
        {
            "course": course,
            "form": form,
            "tree": tree,
            "mindmap": render_mindmaps(tree, language=course.language),
        },
    )


def course_edit(request: HttpRequest, slug: str) -> HttpResponse:
    course = get_course_to_edit(request, slug)
    form = CourseForm(
        request.POST or None, instance=course, owner=course.owner, editor=request.user
    )
    if form.is_valid():
        course = form.save()
        messages.success(request, _("Course saved."))
        return redirect("studio:course", course.slug)
    return render(request, "studio/course_form.html", {"form": form, "course": course})


def course_publish(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: what the course will credit and why, before publishing; POST: publish. An
    over-declared course may be published: it credits what its content supports, and the
    trainer is told so."""
    course = get_course_to_edit(request, slug)
    if request.method != "POST":
        if course.status == Course.Status.PUBLISHED:
            return redirect("studio:course", course.slug)
        return render(
            request, "studio/publish.html", {"course": course, "credit": course_credit(course)}
        )
    try:
        warnings = course_services.course_publish(course=course)
    except course_services.PublishError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Published: cadres can now find and study this course."))
        for warning in [*warnings, *credit_warnings(course_credit(course))]:
            messages.warning(request, warning)
    return redirect("studio:course", course.slug)


@require_POST
def course_archive(request: HttpRequest, slug: str) -> HttpResponse:
    course = get_course_to_edit(request, slug)
    course_services.course_archive(course=course)
    messages.success(request, _("Archived: cadres no longer see it; their records are kept."))
    return redirect("studio:course", course.slug)


@require_POST
def course_copy(request: HttpRequest, slug: str) -> HttpResponse:
    course = get_course_to_view(request, slug)  # any trainer may copy
    copy = course_services.course_copy(course=course, by=request.user)
    messages.success(request, _("This is your copy, a draft. Edit it as you like."))
    return redirect("studio:course", copy.slug)


def _preview(course: Course) -> dict:
    """What the cadre's pages need to be shown as a preview: the way back to the studio and
    the course page in the preview (courses must not know the studio's URLs)."""
    return {
        "back_url": reverse("studio:course", args=[course.slug]),
        "course_url": reverse("studio:preview_course", args=[course.slug]),
    }


def course_preview(request: HttpRequest, slug: str) -> HttpResponse:
    course = get_course_to_view(request, slug)
    context = course_context(request.user, course)
    context.update(preview=_preview(course), lesson_url="studio:preview_lesson")
    return render(request, "courses/course.html", context)


def lesson_preview(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    lesson = get_lesson_to_view(request, slug, pk)
    context = lesson_context(request.user, lesson)
    context.update(preview=_preview(lesson.course), lesson_url="studio:preview_lesson")
    return render(request, "courses/lesson.html", context)


def lesson_create(request: HttpRequest, slug: str) -> HttpResponse:
    course = get_course_to_edit(request, slug)
    form = LessonForm(request.POST or None)
    if form.is_valid():
        lesson = form.save(commit=False)
        lesson.course = course
        last = course.lessons.order_by("-order").first()
        lesson.order = last.order + 1 if last else 1
        lesson.save()
        messages.success(request, _("Lesson added."))
        return redirect("studio:course", course.slug)
    return render(request, "studio/lesson_form.html", {"form": form, "course": course})


def lesson_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    lesson = get_lesson_to_edit(request, slug, pk)
    form = LessonForm(request.POST or None, instance=lesson)
    if form.is_valid():
        form.save()
        messages.success(request, _("Lesson saved."))
        return redirect("studio:course", lesson.course.slug)
    return render(
        request,
        "studio/lesson_form.html",
        {"form": form, "course": lesson.course, "lesson": lesson},
    )


@require_POST
def lesson_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    lesson = get_lesson_to_edit(request, slug, pk)
    course_services.lesson_move(lesson=lesson, up=request.POST.get("direction") == "up")
    return redirect("studio:course", slug)


@require_POST
def lesson_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    lesson = get_lesson_to_edit(request, slug, pk)
    try:
        course_services.lesson_delete(lesson=lesson)
    except course_services.LessonInUse as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Lesson deleted."))
    return redirect("studio:course", slug)


def course_assign(request: HttpRequest, slug: str) -> HttpResponse:
    """A trainer assigns their own published course; trainers serve the whole organisation,
    so any unit may be chosen (HR assigns from Records, within its units)."""
    course = get_course_to_edit(request, slug)
    if not course.is_published:
        messages.error(request, _("Publish the course before assigning it."))
        return redirect("studio:course", course.slug)
    if course.translation_of_id:
        messages.error(
            request, _("This course is a translation: assign its original, which reaches both.")
        )
        return redirect("studio:course", course.slug)
    form = AssignmentForm(
        request.POST or None,
        initial={"course": course},
        units=OrgUnit.objects.all(),
        courses=Course.objects.filter(pk=course.pk),
    )
    if request.method == "POST" and form.is_valid():
        messages.success(request, form.done_message(form.save_by(request.user)))
        return redirect("studio:course", course.slug)
    return render(request, "studio/assign.html", {"form": form, "course": course})


@require_POST
@rate_limited("PREVIEW_RATE")
def markdown_preview(request: HttpRequest) -> JsonResponse:
    """Live preview: the very sanitiser lessons are saved with."""
    require_trainer(request)
    return JsonResponse({"html": render_markdown(request.POST.get("text", "")[:200_000])})
