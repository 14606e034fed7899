"""The demo, built once per module for the tests that only read it.

Loading the demo takes seconds. A module whose tests only read it asks for `demo`: the demo is
built inside a transaction when the module's first test needs it and rolled back after the
module's last test. Each test still runs in its own savepoint inside that transaction
(pytest-django's `db`), so nothing a test does reaches the next one. Tests that run the demo
themselves (tests/demo/test_demo_rerun.py) build it from an empty database instead.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)
