"""Site-wide pages: the home page and the health check."""

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

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
