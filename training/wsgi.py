"""WSGI entry point: `gunicorn training.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "training.settings")
application = get_wsgi_application()

# Settings that run but do harm (reminders with no address) are said once at start-up, in the
# server's log; `check --deploy` refuses them outright.
import logging  # noqa: E402

from training.checks import site_url_problems  # noqa: E402

for _problem in site_url_problems():
    logging.getLogger("cadre").warning("%s: %s %s", _problem.id, _problem.msg, _problem.hint)
