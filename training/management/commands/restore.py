"""`manage.py restore FILE`: replace the SQLite database with a backup made by `backup`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from ._sqlite import check_backup_file, sqlite_connection


class Command(BaseCommand):
    help = (
        "Replace the whole SQLite database with FILE (a copy made by `backup`), through SQLite's "
        "online backup API. Everything written since the backup is lost. On PostgreSQL use "
        "pg_restore (the command says how)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="a backup made by `manage.py backup`")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args, file: Path, database: str, interactive: bool, **options) -> None:
        destination = sqlite_connection(database)
        check_backup_file(file)
        name = connections[database].settings_dict["NAME"]
        if interactive:
            answer = input(
                f"This replaces every record in {name} with the contents of {file}.\n"
                "Type 'yes' to continue: "
            )
            if answer.strip() != "yes":
                raise CommandError("Restore cancelled.")
        source = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
        try:
            # The copy replaces the destination's pages in one transaction: readers see the old
            # database or the restored one, never a mixture. The ledger's triggers are part of
            # the schema, so they come back with it.
            source.backup(destination)
        finally:
            source.close()
        self.stdout.write(self.style.SUCCESS(f"Restored {name} from {file}."))
