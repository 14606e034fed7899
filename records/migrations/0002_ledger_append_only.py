"""The study-hours ledger is append-only in the database itself, not only in `save()`.

`CompletionRecord.save()` and `.delete()` refuse changes, but a QuerySet `update()` or
`delete()`, the admin, a shell or raw SQL would go around them. These triggers refuse any UPDATE
or DELETE of a ledger row whoever sends it; a correction is always a new row.

PostgreSQL: row triggers. `TRUNCATE` (what the test runner's flush uses) is not a row operation
and stays possible for a database owner wiping a whole installation on purpose.
SQLite: `RAISE(ABORT)` triggers. SQLite's flush is a DELETE, so transactional tests (the browser
journeys) run on PostgreSQL only, and a development database is reset by deleting its file.

Beware: on SQLite, a later migration that alters `CompletionRecord` makes Django rebuild the
table, which drops these triggers; such a migration must create them again
(`_ledger_triggers.recreate_on_sqlite`, as 0003 does).
`tests/records/test_records.py::test_the_ledger_triggers_exist` fails if they are missing.
"""

from django.db import migrations

from records.migrations._ledger_triggers import MESSAGE, SQLITE, SQLITE_REVERSE, TABLE

POSTGRES = [
    f"""
    CREATE FUNCTION records_ledger_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END;
    $$;
    """,
    f"""
    CREATE TRIGGER records_ledger_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION records_ledger_refuse();
    """,
]
POSTGRES_REVERSE = [
    f"DROP TRIGGER IF EXISTS records_ledger_append_only ON {TABLE};",
    "DROP FUNCTION IF EXISTS records_ledger_refuse();",
]


def _run(statements: dict):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
