"""The cadre's own records: My learning (assigned and enrolled courses) and My progress
(mastery, completions and hours); never anyone else's."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from courses import own_answers
from courses.models import Course, Enrolment
from people.access import require_role

from .. import services
from ..banner import due_banner
from ..chart import mastery_chart
from ..models import CompletionRecord
from ..reports.transcript import LedgerEntry
from ..services import ledger_for, mastery_for, remaining_for, statuses_for


def my_learning(request: HttpRequest) -> HttpResponse:
    profile = require_role(request, "cadre")
    today = timezone.localdate()
    # Assigned courses come first; statuses_for costs a fixed handful of queries.
    assigned = statuses_for(profile, today)
    assigned_ids = {item.course.credit_course_id for item in assigned}
    enrolments = one_per_case(
        Enrolment.objects.filter(user=request.user)
        .active()
        .with_progress()
        .with_next_lesson()
        .select_related("course__translation_of")  # declared_hours: the original's
        .order_by("-enrolled_at")
    )
    by_case = {e.course.credit_course_id: e for e in enrolments}
    others = [e for e in enrolments if e.course.credit_course_id not in assigned_ids]
    # What remains of each course (lessons, the quiz, a grade awaited): 100 % means complete.
    remaining = remaining_for(
        request.user,
        sorted({item.course.pk for item in assigned} | {e.course_id for e in enrolments}),
    )
    for enrolment in enrolments:
        enrolment.remaining = remaining[enrolment.course_id]
    enrolled_cases = set(by_case) | assigned_ids
    available = (
        Course.objects.one_per_case()
        .outside_cases(enrolled_cases)
        .with_lesson_count()
        .order_by("title")
    )
    return render(
        request,
        "records/my_learning.html",
        {
            # An assigned case is shown in the language version the cadre studies it in.
            "assigned": [
                (
                    item,
                    by_case.get(item.course.credit_course_id),
                    by_case[item.course.credit_course_id].remaining
                    if item.course.credit_course_id in by_case
                    else remaining[item.course.pk],
                )
                for item in assigned
            ],
            "in_progress": [e for e in others if not e.remaining.complete],
            "finished": [e for e in others if e.remaining.complete],
            "available": available,
            **due_banner(profile, today, statuses=assigned),
        },
    )


def one_per_case(enrolments) -> list[Enrolment]:
    """One enrolment per case (a course and its translations share one credit): of the
    language versions a cadre is enrolled in, the one in the interface's language, else the
    latest enrolled. `enrolments`: latest first, with their courses."""
    language = get_language()
    chosen: dict[int, Enrolment] = {}
    for enrolment in enrolments:
        case = enrolment.course.credit_course_id
        held = chosen.get(case)
        if held is None or (
            enrolment.course.language == language and held.course.language != language
        ):
            chosen[case] = enrolment
    kept = {e.pk for e in chosen.values()}
    return [e for e in enrolments if e.pk in kept]


def my_progress(request: HttpRequest) -> HttpResponse:
    profile = require_role(request, "cadre")
    mastery = mastery_for(request.user)
    ledger = CompletionRecord.objects.filter(user=request.user).select_related("course", "corrects")
    context = {
        "mastery": mastery,
        "assessed": [m for m in mastery if m.points],
        "chart": mastery_chart(mastery),
        # Each line with the rule and evidence its hours were credited under, as HR sees them.
        "ledger": [LedgerEntry(record) for record in ledger],
        "years": ledger_for(profile),
        "hours_per_year": settings.STUDY_HOURS_PER_YEAR,
        "hours_required": settings.STUDY_HOURS_REQUIRED,
        # The rule in words on the page, from the constant the figures are computed with.
        "recent_percent": round(100 * services.RECENT_WEIGHT),
        "earlier_percent": 100 - round(100 * services.RECENT_WEIGHT),
        # The cadre's own answers to the cases, first and latest version against the points.
        "own_answers": own_answers.progress_of(request.user),
    }
    return render(request, "records/progress.html", context)
