"""What each middleware costs a signed-in request: a bare view behind no middleware, behind the
site's whole list, and behind the list without each one in turn.

    .venv/bin/python -m benchmarks.middleware            # SQLite (a temporary file)
    DATABASE_URL=postgres://... REDIS_URL=redis://127.0.0.1:6379/9 \
        .venv/bin/python -m benchmarks.middleware

In process (Django's test client, no network, no server), so the figures are the framework's
own work per request: what a gunicorn worker spends before and after the view. Works on a
throwaway test database. Each configuration serves REQUESTS requests; the figure is the best of
RUNS, in requests per second and microseconds per request, with each middleware's cost: the
site's list up to it against the list before it (in the site's order, so each finds what it
needs before it).
"""

from __future__ import annotations

import os
import time
import warnings

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "training.settings")
os.environ.setdefault("LOCAL_HTTP", "1")  # static files from the source folders
os.environ.setdefault("LOG_LEVEL", "ERROR")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.decorators import login_not_required  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    override_settings,
    setup_test_environment,
    teardown_test_environment,
)
from django.urls import include, path  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "2000"))
RUNS = 3


@login_not_required  # the view itself asks nothing; the middleware decides
def bare(request):
    return HttpResponse("ok")


# The site's own addresses too: middleware reverses some (the admin guard).
urlpatterns = [path("bare/", bare), path("", include("training.urls"))]


def rate(signed_in: Client, middleware: list[str]) -> float | None:
    """Requests per second for the bare view behind `middleware`, best of RUNS; None when the
    list does not work without what was left out (another middleware needs it). A client of
    its own (a client builds its middleware chain once), with the signed-in session's
    cookie."""
    best = 0.0
    with override_settings(MIDDLEWARE=middleware, ROOT_URLCONF=__name__):
        client = Client(raise_request_exception=False)
        client.cookies = signed_in.cookies
        if client.get("/bare/").status_code != 200:  # also warms the chain up
            return None
        for _run in range(RUNS):
            start = time.perf_counter()
            for _ in range(REQUESTS):
                client.get("/bare/")
            best = max(best, REQUESTS / (time.perf_counter() - start))
    return best


def main() -> None:
    from django.test.utils import get_runner

    warnings.filterwarnings("ignore")
    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        user = get_user_model().objects.create_user("bench", password="x")  # noqa: S106
        client = Client()
        client.force_login(user)
        full = list(settings.MIDDLEWARE)
        none = rate(client, [])
        everything = rate(client, full)
        database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        sessions = "Redis" if os.environ.get("REDIS_URL") else "the database"
        print(f"Bare view, signed in, {database}, sessions from {sessions}:")
        print(f"  no middleware        {none:8.0f} req/s  {1e6 / none:7.0f} µs")
        print(
            f"  the site's {len(full)} ({everything / none:.2f} of none) "
            f"{everything:8.0f} req/s  {1e6 / everything:7.0f} µs"
        )
        print("Each middleware's cost, added in the site's order (the list up to it against")
        print("the list before it):")
        before = none
        for index, name in enumerate(full, start=1):
            now = rate(client, full[:index])
            if now is None:  # needs one that comes later: counted with it
                print(f"  {'-':>7}     {name} (needs a later one)")
                continue
            print(f"  {1e6 / now - 1e6 / before:7.0f} µs  {name}")
            before = now
    finally:
        runner.teardown_databases(old)
        teardown_test_environment()


if __name__ == "__main__":
    main()
