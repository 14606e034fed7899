"""The cadre's own records: My learning (assigned and enrolled courses) and My progress
(mastery, completions and hours); never anyone else's."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from courses.models import Course, Enrolment
from people.access import require_role

from ..banner import due_banner
from ..chart import mastery_chart
from ..models import CompletionRecord
from ..services import ledger_for, mastery_for, remaining_for, statuses_for


def my_learning(request: HttpRequest) -> HttpResponse:
    profile = require_role(request, "cadre")
    today = timezone.localdate()
    # Assigned courses come first; statuses_for costs a fixed handful of queries.
    assigned = statuses_for(profile, today)
    assigned_ids = {item.course.pk for item in assigned}
    enrolments = list(
        Enrolment.objects.filter(user=request.user)
        .active()
        .with_progress()
        .with_next_lesson()
        .select_related("course")
        .order_by("-enrolled_at")
    )
    by_course = {e.course_id: e for e in enrolments}
    others = [e for e in enrolments if e.course_id not in assigned_ids]
    # What remains of each course (lessons, the quiz, a grade awaited): 100 % means complete.
    remaining = remaining_for(request.user, sorted(assigned_ids | set(by_course)))
    for enrolment in enrolments:
        enrolment.remaining = remaining[enrolment.course_id]
    available = (
        Course.objects.published()
        .exclude(enrolments__user=request.user)
        .exclude(pk__in=assigned_ids)
        .with_lesson_count()
        .order_by("title")
    )
    return render(
        request,
        "records/my_learning.html",
        {
            "assigned": [
                (item, by_course.get(item.course.pk), remaining[item.course.pk])
                for item in assigned
            ],
            "in_progress": [e for e in others if not e.remaining.complete],
            "finished": [e for e in others if e.remaining.complete],
            "available": available,
            **due_banner(profile, today, statuses=assigned),
        },
    )


def my_progress(request: HttpRequest) -> HttpResponse:
    profile = require_role(request, "cadre")
    mastery = mastery_for(request.user)
    ledger = CompletionRecord.objects.filter(user=request.user).select_related("course", "corrects")
    context = {
        "mastery": mastery,
        "assessed": [m for m in mastery if m.points],
        "chart": mastery_chart(mastery),
        "ledger": ledger,
        "years": ledger_for(profile),
        "hours_per_year": settings.STUDY_HOURS_PER_YEAR,
        "hours_required": settings.STUDY_HOURS_REQUIRED,
    }
    return render(request, "records/progress.html", context)
