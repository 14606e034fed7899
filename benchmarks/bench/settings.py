"""The site's own settings with the bench's URLs: everything in `training.settings` (read from
the same environment), plus the two baseline views of `benchmarks.bench.urls`. Only the bench's
gunicorn and its in-process query counts use it; the site never does."""

from training.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bench.urls"
WSGI_APPLICATION = "benchmarks.bench.wsgi.application"
