"""Settings for the test run: the site's own settings, plus what only tests want.

pytest reads this module (`DJANGO_SETTINGS_MODULE` in pyproject.toml), once for the whole run.
`tests/pytest_env.py` still switches off the HTTPS-only defaults through the environment before
`training.settings` is imported here. Tests that start a fresh interpreter (tests/helpers.py)
pass `DJANGO_SETTINGS_MODULE=training.settings`, so they read production settings, not these.
"""

import os
import tempfile
from pathlib import Path

from training.settings import *  # noqa: F403
from training.settings import STORAGES

# Hashing a password the production way takes a good fraction of a second; tests create many.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Mail stays in `django.core.mail.outbox`, where tests read it.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# The manifest only exists after collectstatic, which tests do not run.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Connections close after each request, so the live server's threads leave none open when the
# test database is dropped at the end of the run.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# Production has no default address (training.W002); the tests' reminders link here.
SITE_URL = "http://127.0.0.1:8000"

# HR's certificate ZIPs go to a folder of this run's own, never the checkout's var/.
CERTIFICATE_ARCHIVE_DIR = Path(tempfile.gettempdir()) / f"cadre-test-archives-{os.getpid()}"
EXPORT_FILE_DIR = Path(tempfile.gettempdir()) / f"cadre-test-exports-{os.getpid()}"

# The dashboard's figures cached as in production, so every dashboard test also proves each write
# reaches the page through the summaries' version (each test starts on a new version).
DASHBOARD_CACHE_SECONDS = 300

# Each test process keys the shared Redis apart (xdist's workers share one database of it): the
# summaries' version one worker's writes replace must not empty another's cache mid-test.
if "Redis" in CACHES["default"]["BACKEND"]:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = f"cadre-test-{os.getpid()}"  # noqa: F405
