import pytest
from django.db import connections, transaction

from .scenario import build


@pytest.fixture(scope="module")
def scenario(django_db_setup, django_db_blocker):
    """The scenario, built once per module inside a transaction rolled back at its end. Each
    test's own `db` transaction nests inside it as a savepoint, so tests see the scenario and
    undo only their own changes."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            connections.close_all()
