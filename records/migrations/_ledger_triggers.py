"""The ledger's SQLite triggers, for migrations that make SQLite rebuild the table (see 0002)."""

TABLE = "records_completionrecord"
MESSAGE = "completion records are append-only; write a correction"

SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS records_ledger_no_update;",
    "DROP TRIGGER IF EXISTS records_ledger_no_delete;",
]
SQLITE = [
    *SQLITE_REVERSE,
    f"""
    CREATE TRIGGER records_ledger_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
    f"""
    CREATE TRIGGER records_ledger_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
]


def recreate_on_sqlite(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE:
            schema_editor.execute(sql)
