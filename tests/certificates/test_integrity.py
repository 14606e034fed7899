"""What a certificate says and what the site said it sent stay as they were."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from certificates.models import Certificate
from xapi.models import Statement, StatementChanged

pytestmark = pytest.mark.django_db


def test_a_bulk_update_cannot_rewrite_a_certificate_or_bring_one_back():
    with pytest.raises(IntegrityError):
        Certificate.objects.update(hours=99)
    with pytest.raises(IntegrityError):
        Certificate.objects.update(full_name="X")
    with pytest.raises(IntegrityError):
        Certificate.objects.update(status=Certificate.Status.ISSUED)


def test_a_revoked_certificate_is_not_saved_valid_again():
    certificate = Certificate(pk=1, status=Certificate.Status.ISSUED)
    with pytest.raises(ValidationError):
        certificate.save(update_fields=["status"])


def test_statements_are_never_deleted():
    with pytest.raises(StatementChanged):
        Statement.objects.all().delete()
    with pytest.raises(StatementChanged):
        Statement(pk="00000000-0000-0000-0000-000000000001").delete()


# --- In the database itself: raw SQL, the admin's shell or another program -------------------


def raw(sql: str, *params) -> None:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def certificate(completion) -> Certificate:
    return completion.certificates.get()


@pytest.mark.parametrize(
    "column, value",
    [("hours", 99), ("full_name", "X"), ("code", "AAAA"), ("issued_at", "2020-01-01 00:00:00")],
)
def test_the_database_refuses_rewriting_a_certificate(certificate, column, value):
    with pytest.raises(IntegrityError, match="keeps what it says"):
        raw(
            f"UPDATE certificates_certificate SET {column} = %s WHERE id = %s",  # noqa: S608 (a column of the test's own list)
            value,
            certificate.pk,
        )  # noqa: S608  # nosec B608
    certificate.refresh_from_db()
    assert certificate.hours != 99 and certificate.full_name == "王建国"


def test_the_database_refuses_deleting_a_certificate(certificate):
    with pytest.raises(IntegrityError, match="keeps what it says"):
        raw("DELETE FROM certificates_certificate WHERE id = %s", certificate.pk)
    assert Certificate.objects.filter(pk=certificate.pk).exists()


def test_the_database_lets_a_valid_certificate_be_revoked_once_then_never_again(certificate):
    raw(
        "UPDATE certificates_certificate SET status = 'revoked', revoked_reason = 'x'"
        " WHERE id = %s",
        certificate.pk,
    )
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    for sql in (
        "UPDATE certificates_certificate SET status = 'issued' WHERE id = %s",
        "UPDATE certificates_certificate SET revoked_reason = 'rewritten' WHERE id = %s",
    ):
        with pytest.raises(IntegrityError, match="keeps what it says"):
            raw(sql, certificate.pk)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED and certificate.revoked_reason == "x"


def test_the_database_refuses_rewriting_or_deleting_a_statement(alice, make_course):
    from django.utils import timezone

    from tests.helpers import study

    study(alice.user, make_course("guarded", lessons=2).lessons.order_by("order").first())
    statement = Statement.objects.get()
    for sql, params in (
        ("UPDATE xapi_statement SET verb = %s WHERE id = %s", ("x", statement.pk.hex)),
        ("UPDATE xapi_statement SET stored_json = %s WHERE id = %s", ("{}", statement.pk.hex)),
        ("DELETE FROM xapi_statement WHERE id = %s", (statement.pk.hex,)),
    ):
        with pytest.raises(IntegrityError, match="never changed nor deleted"):
            raw(sql, *params)  # 32 hex digits: SQLite's form of a UUID, and PostgreSQL's too
    # Its sending bookkeeping does change.
    Statement.objects.filter(pk=statement.pk).update(sent_at=timezone.now(), attempts=1)
    statement.refresh_from_db()
    assert statement.attempts == 1 and statement.verb.endswith("experienced")


@pytest.mark.parametrize(
    "table, guard",
    [
        (
            "certificates_certificate",
            "certificates.migrations.0003_certificates_fixed_in_the_database",
        ),
        ("xapi_statement", "xapi.migrations.0003_statements_fixed_in_the_database"),
    ],
)
def test_the_guard_triggers_exist(table, guard):
    """A later migration that rebuilds the table on SQLite drops its triggers: this says so."""
    import importlib

    from django.db import connection

    names = importlib.import_module(guard).GUARD.trigger_names[connection.vendor]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
            )
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                [table],
            )
        assert {row[0] for row in cursor.fetchall()} == names
