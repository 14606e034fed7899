"""Records: assigning courses to units. HR assigns within its units; nothing is deleted, a
cancelled assignment keeps its row (and the completions it led to)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.models import Course
from people.access import require_role

from ..access import get_assignment_for_hr
from ..forms import AssignmentForm
from ..models import Assignment


def assignments(request: HttpRequest) -> HttpResponse:
    officer = require_role(request, "hr")
    scope = officer.scope_units()
    form = AssignmentForm(
        request.POST or None, units=scope, courses=Course.objects.published().order_by("title")
    )
    if request.method == "POST" and form.is_valid():
        messages.success(request, form.done_message(form.save_by(request.user)))
        return redirect("records:assignments")
    listed = (
        Assignment.objects.filter(unit__in=scope, cancelled_at__isnull=True)
        .select_related("course", "unit", "assigned_by__profile")
        .order_by("due_date", "pk")
    )
    return render(
        request,
        "records/assignments.html",
        {"form": form, "assignments": listed, "section": "assignments"},
    )


@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_assignment_for_hr(request, pk)
    assignment.cancelled_at = timezone.now()
    assignment.save(update_fields=["cancelled_at"])
    messages.success(request, _("Assignment cancelled. Completions already earned stay."))
    return redirect("records:assignments")
