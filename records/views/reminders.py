"""Records: HR reminds the overdue cadres of one unit by hand."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from people.access import get_unit_for_hr

from ..reminders import SiteUrlMissing, remind_unit


def _back(request: HttpRequest) -> str:
    """Where the form was: `next` when it is a path on this site, else the records home. Only
    a path: `redirect()` would take any other word for the name of a view."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    try:
        return reverse("records:dashboard")
    except NoReverseMatch:  # the dashboard is not built yet
        return reverse("records:people")


@require_POST
def remind(request: HttpRequest) -> HttpResponse:
    unit = get_unit_for_hr(request, request.POST.get("unit", ""))
    try:
        result = remind_unit(unit, by=request.user, own_staff=request.POST.get("own") == "1")
    except SiteUrlMissing:
        messages.error(
            request,
            _(
                "No reminder was sent: the site's address (SITE_URL) is not configured, so the "
                "e-mails could not link to the courses. Ask the administrator to set it."
            ),
        )
        return redirect(_back(request))
    text = ngettext("Reminded %(count)d cadre.", "Reminded %(count)d cadres.", result.sent) % {
        "count": result.sent
    }
    if result.already:
        text += " " + ngettext(
            "%(count)d had already been reminded today and was not mailed again.",
            "%(count)d had already been reminded today and were not mailed again.",
            result.already,
        ) % {"count": result.already}
    messages.success(request, text)
    return redirect(_back(request))
