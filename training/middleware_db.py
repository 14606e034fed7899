"""A clean 503 page, in the reader's language, when the database cannot be reached.

Without this, a database that is down (or restarting, or refusing connections) turns every page
into a 500 with Django's error page. A database error can surface in three places:

- in a view: `process_exception` answers 503 at once;
- in another middleware, e.g. the session read that `LoginRequiredMiddleware` triggers, or the
  session write on the way out: Django turns those into a 500 response inside the middleware
  chain, before any outer middleware sees an exception. The `got_request_exception` signal
  still sees it, so a receiver marks the request and `__call__` replaces the 500.

Only connection-level errors count (`OperationalError`, `InterfaceError`: refused, dropped,
timed out, SQLite's file missing or locked); an `IntegrityError` or a programming error is a
bug and stays a 500. The page renders without touching the database: the user is taken as
anonymous and the language comes from the cookie or the browser, as `LocaleMiddleware` would.
"""

from __future__ import annotations

import logging
import sys

from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)

UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
_MARK = "_database_unavailable"


def is_database_unavailable(exception: BaseException | None) -> bool:
    """Whether `exception`, or an error it was raised from, says the database cannot be
    reached."""
    seen = 0
    while exception is not None and seen < 10:
        if isinstance(exception, UNAVAILABLE):
            return True
        exception = exception.__cause__  # `raise … from`: an error wrapping the connection's
        seen += 1
    return False


def _mark_request(sender, request: HttpRequest | None = None, **kwargs) -> None:
    """`got_request_exception` is sent inside the `except` block that caught the error."""
    if request is not None and is_database_unavailable(sys.exc_info()[1]):
        setattr(request, _MARK, True)


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 page: no stack trace, no host or path, nothing read from the database."""
    # The lazy user and the messages would load the session from the database that just failed.
    request.user = AnonymousUser()
    request._messages = CookieStorage(request)
    language = translation.get_language_from_request(request)
    with translation.override(language):
        body = render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS}, request=request)
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = language
    # This middleware sits outside the ones that add these headers to every other page.
    from csp.middleware import CSPMiddleware

    for header_middleware in (XFrameOptionsMiddleware, CSPMiddleware):
        response = header_middleware(lambda _request, done=response: done)(request)
    return response


class DatabaseUnavailableMiddleware:
    """Answers 503 with `templates/503.html` when a request failed on an unreachable database.

    Place it just after WhiteNoise (static files need no database) and before the session
    middleware, so that session reads and writes are covered too."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        got_request_exception.connect(_mark_request, dispatch_uid="training.database_unavailable")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, _MARK, False):
            return unavailable_response(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_unavailable(exception):
            return None
        logger.error("Database unavailable answering %s: %r", request.path, exception)
        return unavailable_response(request)
