"""A certificate keeps what it says in the database itself: no DELETE, no UPDATE of what it
says, and none at all once it is revoked or replaced; only a valid one's status and the
reason may change (`Certificate.MUTABLE`). See `people/db_guards.py`."""

from django.db import migrations

from people.db_guards import Guard

GUARD = Guard(
    table="certificates_certificate",
    name="certificates_certificate",
    message="a certificate keeps what it says; revoke or reissue it",
    fixed=(
        "id",
        "record_id",
        "user_id",
        "course_id",
        "code",
        "issued_at",
        "institution_id",
        "seal_id",
        "institution_name_zh",
        "institution_name_en",
        "full_name",
        "unit_name",
        "course_titles",
        "rule_texts",
        "hours",
        "completed_at",
        "replaces_id",
    ),
    final_when="OLD.status <> 'issued'",
)


class Migration(migrations.Migration):
    dependencies = [("certificates", "0002_certificate_archive")]

    operations = [GUARD.operation()]
