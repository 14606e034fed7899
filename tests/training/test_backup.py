"""`manage.py backup` and `restore` on SQLite: a restored backup holds every record.

Each step runs in a fresh interpreter on its own database file, as an administrator would run
it, so the test database of this run is never touched."""

import json
import sqlite3

import pytest

from tests.helpers import run_manage, run_python

ENV = {"SECRET_KEY": "backup-test-" + "x" * 40}

COUNT = """
import json, django
django.setup()
from django.apps import apps
from django.db import connection
counts = {m._meta.label: m._base_manager.count() for m in apps.get_models()}
with connection.cursor() as cursor:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    triggers = sorted(row[0] for row in cursor.fetchall())
print("RESULT" + json.dumps({"counts": counts, "triggers": triggers}))
"""


def manage(db, *args):
    result = run_manage(*args, DATABASE_URL=f"sqlite:///{db}", **ENV)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def census(db) -> dict:
    result = run_python(COUNT, DATABASE_URL=f"sqlite:///{db}", **ENV)
    line = next((x for x in result.stdout.splitlines() if x.startswith("RESULT")), None)
    assert line, result.stderr[-3000:]
    return json.loads(line.removeprefix("RESULT"))


def test_a_restored_backup_holds_every_record_and_the_ledger_triggers(tmp_path):
    live, copy, fresh = (
        tmp_path / "live.sqlite3",
        tmp_path / "copy.sqlite3",
        tmp_path / "new.sqlite3",
    )
    manage(live, "migrate", "--no-input")
    manage(live, "demo")  # people, courses, attempts, answers and completion records
    before = census(live)
    assert before["counts"]["records.CompletionRecord"] > 0
    assert before["counts"]["quizzes.Answer"] > 0

    manage(live, "backup", str(copy))
    assert not (tmp_path / "copy.sqlite3-wal").exists()  # one self-contained file
    # A wiped installation: a new, empty database file, restored from the copy.
    manage(fresh, "restore", str(copy), "--no-input")

    after = census(fresh)
    assert after["counts"] == before["counts"]
    assert {"records_ledger_no_update", "records_ledger_no_delete"} <= set(after["triggers"])
    # The restored triggers still refuse a change to the ledger.
    restored = sqlite3.connect(fresh)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        restored.execute("UPDATE records_completionrecord SET hours = 99")
    restored.close()


def test_backup_never_overwrites_and_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    db = tmp_path / "db.sqlite3"
    existing = tmp_path / "existing.sqlite3"
    existing.write_bytes(b"precious")
    result = run_manage("backup", str(existing), DATABASE_URL=f"sqlite:///{db}", **ENV)
    assert result.returncode != 0
    assert "already exists" in result.stderr
    assert existing.read_bytes() == b"precious"

    result = run_manage(
        "restore", str(existing), "--no-input", DATABASE_URL=f"sqlite:///{db}", **ENV
    )
    assert result.returncode != 0
    assert "not an SQLite database" in result.stderr


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_on_postgresql_the_commands_point_at_pg_dump_and_pg_restore(tmp_path, command):
    result = run_manage(
        command,
        str(tmp_path / "x.dump"),
        "--no-input" if command == "restore" else "--database=default",
        DATABASE_URL="postgres://postgres@127.0.0.1:1/none",
        **ENV,
    )
    assert result.returncode != 0
    assert "pg_dump --format=custom" in result.stderr
    assert "pg_restore" in result.stderr
