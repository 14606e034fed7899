"""Site-wide pages: the home page, the health check and the site icon."""

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from people.access import profile_of
from records.banner import due_banner


def home(request: HttpRequest) -> HttpResponse:
    profile = profile_of(request.user)
    if profile is not None:
        profile = type(profile).objects.select_related("unit").get(pk=profile.pk)
    return render(request, "training/home.html", {"profile": profile, **due_banner(profile)})


@login_not_required
@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers: 200 when the database answers, 503 when it does not."""
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        # No details: the endpoint is public and an error text can reveal hosts or paths.
        return JsonResponse(
            {"status": "error", "database": {"status": "unreachable", "vendor": connection.vendor}},
            status=503,
        )
    return JsonResponse({"status": "ok", "database": {"status": "ok", "vendor": connection.vendor}})


@login_not_required
@require_safe
def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico on their own (on the login page too, and for files that
    link no icon): send them to the static icon, under its hashed name in production."""
    return HttpResponsePermanentRedirect(static("favicon.ico"))
