"""Pages and downloads for a signed-in person are never kept by a browser or a proxy."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

NO_STORE = "no-store, private"


class NoStoreForSignedInMiddleware:
    """`Cache-Control: no-store, private` on every response to a signed-in user: their
    learning record, an HR officer's tables, a transcript or an export stays off shared
    machines' disk caches and out of proxies (a back button after logout shows nothing).
    Static files keep their long cache: WhiteNoise answers them before this runs, and under
    runserver they are left alone by path."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(settings.STATIC_URL)
        ):
            response["Cache-Control"] = NO_STORE
        return response
