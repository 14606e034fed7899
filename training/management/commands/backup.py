"""`manage.py backup FILE`: a consistent copy of the SQLite database while the site runs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from ._sqlite import check_backup_file, sqlite_connection


class Command(BaseCommand):
    help = (
        "Copy the SQLite database to FILE with SQLite's online backup API: a consistent "
        "snapshot even while the site is writing. On PostgreSQL use pg_dump (the command "
        "says how)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="where to write the copy (must not exist)")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, file: Path, database: str, **options) -> None:
        source = sqlite_connection(database)
        if file.exists():
            # A backup never overwrites: the file may be the last good copy.
            raise CommandError(f"{file} already exists; choose a new name.")
        if not file.parent.is_dir():
            raise CommandError(f"{file.parent} is not a directory.")
        destination = sqlite3.connect(file)
        try:
            # Copies page by page; other connections may keep writing, and the copy is of one
            # moment (the API restarts a step when the source changes under it).
            source.backup(destination)
            # One self-contained file: the live database's WAL mode would leave the copy
            # needing -wal and -shm files beside it.
            destination.execute("PRAGMA journal_mode=DELETE")
        except BaseException:
            destination.close()
            file.unlink(missing_ok=True)
            raise
        destination.close()
        check_backup_file(file)
        self.stdout.write(self.style.SUCCESS(f"Backed up to {file} ({file.stat().st_size} bytes)."))
