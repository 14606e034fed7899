"""Records: HR reminds the overdue cadres of one unit by hand."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from people.access import require_role

from ..reminders import remind_unit


def _back(request: HttpRequest) -> str:
    """Where the form was: `next` when it is a page of this site, else the records home."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    try:
        return reverse("records:dashboard")
    except NoReverseMatch:  # the dashboard is not built yet
        return reverse("records:people")


@require_POST
def remind(request: HttpRequest) -> HttpResponse:
    officer = require_role(request, "hr")
    unit_id = request.POST.get("unit", "")
    # Outside the officer's scope answers 404 like a unit that does not exist, so nothing
    # about other units leaks.
    unit = officer.scope_units().filter(pk=unit_id).first() if unit_id.isdigit() else None
    if unit is None:
        raise Http404
    sent = remind_unit(unit, by=request.user)
    messages.success(
        request,
        ngettext("Reminded %(count)d cadre.", "Reminded %(count)d cadres.", sent) % {"count": sent},
    )
    return redirect(_back(request))
