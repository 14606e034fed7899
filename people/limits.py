"""Rate limits on what a signed-in person can make the server work hard for.

django-ratelimit counts requests in the shared cache (Redis in production), so every worker
sees the same count. A view is limited with `@rate_limited("PREVIEW_RATE")`: the setting holds
a rate such as "60/m" (a count per second, minute, hour or day), read on every request so a
test or an operator can change it. A person is counted by their account, an anonymous request
by its client address (`people.client_address`, the same one the login lockout uses). A refused
request gets a 429 with `Retry-After`: JSON for a script's `fetch`, a page for a person.
"""

from __future__ import annotations

import logging
import re
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

from .client_address import client_address

log = logging.getLogger("cadre.security")

RATE = re.compile(r"^([1-9]\d{0,5})/([smhd])$")
PERIOD_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# Every setting `rate_limited` is used with; people.checks validates each at start-up.
LIMIT_SETTINGS = ("PREVIEW_RATE", "VERIFY_RATE", "PDF_RATE")


def rate_is_valid(text: str) -> bool:
    return bool(RATE.match(str(text)))


def _key(group: str, request: HttpRequest) -> str:
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"address:{client_address(request) or '-'}"


def rate_limited(setting: str, method: str | None = None):
    """Limit a view to the rate in `settings.<setting>`, per person, counted per view; with
    `method`, only requests of that method count (a form's GET costs nothing)."""

    def decorator(view):
        group = f"{view.__module__}.{view.__qualname__}"

        @wraps(view)
        def limited(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            rate = getattr(settings, setting)
            if method in (None, request.method) and is_ratelimited(
                request, group=group, key=_key, rate=rate, increment=True
            ):
                return refused(request, rate)
            return view(request, *args, **kwargs)

        return limited

    return decorator


def refused(request: HttpRequest, rate: str) -> HttpResponse:
    log.warning("rate limit %s: %s %s by %s", rate, request.method, request.path, _key("", request))
    # Within one window the count starts again; a client that waits this long is served.
    retry = PERIOD_SECONDS[RATE.match(rate).group(2)]
    message = _("Too many requests in a short time. Wait a moment and try again.")
    if "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse({"error": message, "retry_after": retry}, status=429)
    else:
        response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = str(retry)
    return response
