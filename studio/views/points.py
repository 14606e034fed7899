"""Studio: a case's reference points, the key phrases that count for each, and which points
cadres' own first answers most often miss (anonymous counts only)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from courses import own_answers

from ..access import get_course_to_edit
from ..forms.points import PointsForm


def points(request: HttpRequest, slug: str) -> HttpResponse:
    course = get_course_to_edit(request, slug)
    form = PointsForm(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        changed = form.save()
        messages.success(request, _("Points saved (%(n)d changed).") % {"n": changed})
        return redirect("studio:points", course.slug)
    return render(
        request,
        "studio/points.html",
        {
            "course": course,
            "form": form,
            "missed": own_answers.points_missed(course),
            "min_answers": own_answers.MIN_ANSWERS,
        },
        status=400 if form.is_bound else 200,
    )
