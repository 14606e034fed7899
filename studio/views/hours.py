"""Studio: what a course credits under the credit rule, and changing its declared hours.

The declared hours of a course that has been published change only here, with a reason, and
each change is kept (`HoursChange`); completions already credited keep their hours."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from courses import services as course_services
from courses.hours import format_hours
from courses.models import Course, HoursChange
from records.credit import Credit, course_credit

from ..access import get_course_to_edit
from ..forms.hours import HoursChangeForm


def credit_warnings(credit: Credit) -> list[str]:
    """What a trainer must know before a course is studied: it declares more than its content
    supports, or it has no test to pass."""
    warnings = []
    if credit.over_declared:
        warnings.append(credit.over_declared_message)
    if not credit.has_test:
        warnings.append(
            _(
                "This course has no published quiz: it can be completed without any test and "
                "credits only its reading band (%(hours)s h)."
            )
            % {"hours": format_hours(credit.band_hours)}
        )
    return warnings


def hours_context(course: Course) -> dict:
    """The studio course page's credit panel and hours trail."""
    credit = course_credit(course)
    return {
        "credit": credit,
        "credit_warnings": credit_warnings(credit),
        "hours_locked": course.status != Course.Status.DRAFT,
        "hours_changes": HoursChange.objects.filter(course=course)
        .select_related("changed_by__profile")
        .order_by("-changed_at", "-pk"),
    }


def hours_change(request: HttpRequest, slug: str) -> HttpResponse:
    """Owner and co-owners change a published course's declared hours, with a reason. The
    preview button shows what the new value would credit before anything is written."""
    course = get_course_to_edit(request, slug)
    if course.translation_of_id:
        messages.info(
            request, _("A translation credits its original's hours: change them on the original.")
        )
        return redirect("studio:course", course.slug)
    if course.status == Course.Status.DRAFT:
        messages.info(request, _("A draft's study hours are edited with its details."))
        return redirect("studio:course_edit", course.slug)
    form = HoursChangeForm(request.POST or None, initial={"hours": course.study_hours})
    proposed = None
    if request.method == "POST" and "preview" in request.POST:
        form.is_valid()
        form.errors.pop("reason", None)  # a preview needs only the hours
        if "hours" in form.cleaned_data:
            proposed = course_credit(course, declared=form.cleaned_data["hours"])
    elif request.method == "POST" and form.is_valid():
        hours = form.cleaned_data["hours"]
        try:
            course_services.course_change_hours(
                course=course, hours=hours, reason=form.cleaned_data["reason"], by=request.user
            )
        except course_services.HoursChangeError as error:
            form.add_error(None, str(error))
        else:
            credit = course_credit(Course.objects.get(pk=course.pk))
            messages.success(
                request,
                _(
                    "Study hours changed to %(hours)s h. Completions already credited keep "
                    "their hours; later ones credit %(credited)s h."
                )
                % {"hours": format_hours(hours), "credited": format_hours(credit.credited)},
            )
            for warning in credit_warnings(credit):
                messages.warning(request, warning)
            return redirect("studio:course", course.slug)
    return render(
        request,
        "studio/hours_change.html",
        {
            "course": course,
            "form": form,
            "credit": course_credit(course),
            "proposed": proposed,
        },
    )
