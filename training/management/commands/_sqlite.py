"""What `backup` and `restore` share: which database, and the refusal on PostgreSQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.core.management.base import CommandError
from django.db import connections

POSTGRES_HINT = (
    "The database is {vendor}: use its own tools, which copy a live database consistently:\n"
    '  pg_dump --format=custom --no-owner --file=cadre.dump "$DATABASE_URL"\n'
    '  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" cadre.dump\n'
    "(see SECURITY.md and the deploy section of the README)."
)


def sqlite_connection(alias: str) -> sqlite3.Connection:
    """The live sqlite3 connection Django uses for `alias`; refuses any other database."""
    connection = connections[alias]
    if connection.vendor != "sqlite":
        raise CommandError(POSTGRES_HINT.format(vendor=connection.vendor))
    connection.ensure_connection()
    return connection.connection


def check_backup_file(path: Path) -> None:
    """A file restore may read: an SQLite database, intact, that holds this site's tables."""
    if not path.is_file():
        raise CommandError(f"{path} does not exist.")
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (verdict,) = source.execute("PRAGMA integrity_check").fetchone()
            tables = {
                row[0]
                for row in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        finally:
            source.close()
    except sqlite3.DatabaseError as error:
        raise CommandError(f"{path} is not an SQLite database: {error}") from error
    if verdict != "ok":
        raise CommandError(f"{path} is damaged: {verdict}")
    if not {"django_migrations", "records_completionrecord"} <= tables:
        raise CommandError(f"{path} is not a backup of this site (its tables are missing).")
