"""The demo, built once for the tests of this folder, which only read it.

Loading the demo takes seconds. A test that only reads it asks for `demo`: the demo is built
inside a transaction when the first such test needs it and rolled back after the package's last
test. Each test still runs in its own savepoint inside that transaction (pytest-django's `db`),
so nothing a test does reaches the next one. The test that runs the demo itself
(tests/demo/test_build_twice.py) lives outside this folder, so it always starts from an empty
database, whatever order (or test worker) runs it.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)
