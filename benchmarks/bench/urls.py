"""The site's URLs plus `/__bench/bare`: a view that does nothing, behind the site's whole
middleware (login required like every page), the baseline of what Django and the middleware
cost a signed-in request. `/__bench/none` (no Django at all) is answered in `wsgi.py`."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("__bench/bare", bare), path("", include("training.urls"))]
