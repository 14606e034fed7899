"""Loaded with `-p tests.pytest_env` before pytest-django reads the settings.

Tests talk plain HTTP to the test client and to the live server that Playwright drives, so the
HTTPS-only defaults of a production (DEBUG off) configuration are switched off here.
"""

import os

os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SESSION_COOKIE_SECURE", "0")
os.environ.setdefault("CSRF_COOKIE_SECURE", "0")
