"""Rows the database itself keeps fixed: triggers for the migrations of evidence tables.

A model's `save()`, `delete()` and QuerySet methods refuse changes to evidence, but the admin,
a shell, raw SQL or another program on the same database go around them. These triggers refuse,
whoever sends it, a DELETE of a row, an UPDATE that changes one of its `fixed` columns, and any
UPDATE at all once the row matches `final_when` (a condition on OLD, e.g. a revoked
certificate). The ledger (`records/migrations/0002`) keeps its own, stricter: no UPDATE at all.

PostgreSQL: one row trigger calling a function; TRUNCATE (the test runner's flush) stays
possible for a database owner wiping an installation on purpose. SQLite: RAISE(ABORT)
triggers. Beware: on SQLite a later migration that makes Django rebuild the table drops them;
such a migration must run `guard(...).forward` again (the tests that list the triggers fail
if it does not).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import migrations


@dataclass(frozen=True)
class Guard:
    table: str
    name: str  # prefix of the trigger and function names
    message: str
    fixed: tuple[str, ...]
    final_when: str = ""  # SQL on OLD: once true, the row never changes again

    def _sqlite(self) -> list[str]:
        changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in self.fixed)
        if self.final_when:
            changed = f"({self.final_when}) OR {changed}"
        return [
            *self._sqlite_reverse(),
            f"CREATE TRIGGER {self.name}_no_delete BEFORE DELETE ON {self.table} "
            f"BEGIN SELECT RAISE(ABORT, '{self.message}'); END;",
            f"CREATE TRIGGER {self.name}_fixed BEFORE UPDATE ON {self.table} WHEN {changed} "
            f"BEGIN SELECT RAISE(ABORT, '{self.message}'); END;",
        ]

    def _sqlite_reverse(self) -> list[str]:
        return [
            f"DROP TRIGGER IF EXISTS {self.name}_no_delete;",
            f"DROP TRIGGER IF EXISTS {self.name}_fixed;",
        ]

    def _postgres(self) -> list[str]:
        new = ", ".join(f"NEW.{c}" for c in self.fixed)
        old = ", ".join(f"OLD.{c}" for c in self.fixed)
        changed = f"ROW({new}) IS DISTINCT FROM ROW({old})"
        if self.final_when:
            changed = f"({self.final_when}) OR {changed}"
        refuse = (
            f"RAISE EXCEPTION '{self.message}' USING ERRCODE = 'integrity_constraint_violation'"
        )
        return [
            *self._postgres_reverse(),
            f"""
            CREATE FUNCTION {self.name}_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN {refuse}; END IF;
                IF {changed} THEN {refuse}; END IF;
                RETURN NEW;
            END;
            $$;
            """,
            f"CREATE TRIGGER {self.name}_guard BEFORE UPDATE OR DELETE ON {self.table} "
            f"FOR EACH ROW EXECUTE FUNCTION {self.name}_guard();",
        ]

    def _postgres_reverse(self) -> list[str]:
        return [
            f"DROP TRIGGER IF EXISTS {self.name}_guard ON {self.table};",
            f"DROP FUNCTION IF EXISTS {self.name}_guard();",
        ]

    def _run(self, reverse: bool):
        def run(apps, schema_editor):
            vendor = schema_editor.connection.vendor
            if vendor == "sqlite":
                statements = self._sqlite_reverse() if reverse else self._sqlite()
            elif vendor == "postgresql":
                statements = self._postgres_reverse() if reverse else self._postgres()
            else:
                statements = []
            for sql in statements:
                schema_editor.execute(sql)

        return run

    @property
    def forward(self):
        return self._run(reverse=False)

    def operation(self) -> migrations.RunPython:
        return migrations.RunPython(self._run(reverse=False), self._run(reverse=True))

    @property
    def trigger_names(self) -> dict[str, set[str]]:
        """What each database lists for this table, for the tests."""
        return {
            "sqlite": {f"{self.name}_no_delete", f"{self.name}_fixed"},
            "postgresql": {f"{self.name}_guard"},
        }
