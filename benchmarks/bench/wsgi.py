"""The bench's WSGI application: `gunicorn benchmarks.bench.wsgi`.

The site's application (`training.wsgi`, with `benchmarks.bench.settings`), except that
`/__bench/none` is answered here before Django sees it: the baseline of what gunicorn, the
network and the driver cost a request, with no middleware, no session and no database.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.bench.settings")

from training.wsgi import application as site  # noqa: E402

NONE_PATH = "/__bench/none"


def application(environ, start_response):
    if environ.get("PATH_INFO") == NONE_PATH:
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
        return [b"ok"]
    return site(environ, start_response)
