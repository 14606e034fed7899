"""Two guards on every request: sessions end after inactivity, and the admin answers only
staff from the configured networks."""

import ipaddress
import time
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import ngettext

from .client_address import client_address

# Seconds since the epoch of the session's last request; kept in the session and nowhere else.
LAST_SEEN_KEY = "last_seen"
# The session is written at most once a minute just to move the mark, not on every request.
LAST_SEEN_RESOLUTION = 60


def current_time() -> int:
    """Whole seconds since the epoch; tests move this clock instead of waiting."""
    return int(time.time())


class IdleSessionMiddleware:
    """Log out a session that made no request for `SESSION_IDLE_MINUTES`.

    A security expiry only: nothing is shown while the person works, and the mark is not a
    record of time online (it lives in the session and dies with it). `SESSION_COOKIE_AGE`
    stays the absolute limit. 0 minutes switches the check off.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        idle_seconds = settings.SESSION_IDLE_MINUTES * 60
        if idle_seconds and request.user.is_authenticated:
            now = current_time()
            last_seen = request.session.get(LAST_SEEN_KEY)
            if isinstance(last_seen, int) and now - last_seen > idle_seconds:
                logout(request)
                minutes = settings.SESSION_IDLE_MINUTES
                messages.info(
                    request,
                    ngettext(
                        "You were logged out after %(minutes)s minute without activity.",
                        "You were logged out after %(minutes)s minutes without activity.",
                        minutes,
                    )
                    % {"minutes": minutes},
                )
                # Now anonymous: the login requirement sends the request to the login page.
            elif not isinstance(last_seen, int) or now - last_seen >= LAST_SEEN_RESOLUTION:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


@cache
def _networks(spec: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    try:
        return tuple(ipaddress.ip_network(item, strict=False) for item in spec)
    except ValueError as error:
        raise ImproperlyConfigured(f"ADMIN_ALLOWED_NETWORKS: {error}") from error


def admin_reachable(request: HttpRequest) -> bool:
    """The admin is on, the request comes from an allowed network and the user is staff."""
    if not settings.ADMIN_ENABLED or not request.user.is_staff:
        return False
    address = client_address(request)
    if address is None:
        return False
    ip = ipaddress.ip_address(address)
    return any(ip in network for network in _networks(tuple(settings.ADMIN_ALLOWED_NETWORKS)))


class AdminGuardMiddleware:
    """`/admin/` is a 404 unless `admin_reachable`: outsiders do not learn it exists, and
    staff log in through the site's own login page (with its lockout)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(reverse("admin:index")) and not admin_reachable(request):
            raise Http404
        return self.get_response(request)
