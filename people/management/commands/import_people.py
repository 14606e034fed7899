from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from people.imports import (
    MAX_IMPORT_BYTES,
    OPTIONAL,
    REQUIRED,
    ImportFileError,
    apply_import,
    plan_import,
    summary,
)


class Command(BaseCommand):
    help = (
        "Create or update people from a CSV file, matched by staff number. Columns: "
        f"{', '.join(REQUIRED)} (the unit's code), optionally {', '.join(OPTIONAL)}. "
        "All or nothing: any bad line stops the import and nothing is written."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "path", type=Path, help="the CSV file (UTF-8, with or without BOM, or GB18030/GBK)"
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and say what would change, writing nothing",
        )

    def handle(self, *args, path: Path, dry_run: bool, verbosity: int, **options) -> None:
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        if path.stat().st_size > MAX_IMPORT_BYTES:  # refused before it is read into memory
            raise CommandError(f"{path}: larger than {MAX_IMPORT_BYTES // 1024 // 1024} MB")
        try:
            plan = plan_import(path.read_bytes())
            if plan.errors:
                for error in plan.errors:
                    self.stderr.write(f"{path}: {error}")
                raise CommandError(
                    f"{path}: {len(plan.errors)} error(s); nothing was imported. "
                    "Correct the lines named above and run the import again."
                )
            if not dry_run:
                apply_import(plan)
        except ImportFileError as exc:
            raise CommandError(f"{path}: {exc}; nothing was imported") from exc
        if verbosity > 1 or dry_run:
            for line in summary(plan):
                self.stdout.write(line)
        self._report(plan, dry_run)

    def _report(self, plan, dry_run: bool) -> None:
        created, updated = plan.count("create"), plan.count("update")
        unchanged = plan.count("unchanged")
        if dry_run:
            self.stdout.write(
                f"Dry run ({plan.encoding}), nothing written: {created} to create, "
                f"{updated} to update, {unchanged} unchanged."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Imported ({plan.encoding}): {created} created, {updated} updated, "
                    f"{unchanged} unchanged."
                )
            )
        accounts = sum(1 for c in plan.changes if c.action == "create" and c.user is None)
        if accounts:
            self.stdout.write(
                f"{accounts} new account(s) {'would have' if dry_run else 'have'} no usable "
                "password: nobody can sign in as them until a password is set in the admin (or "
                "through HR's usual process)."
            )
        if any(c.values.get("is_hr") for c in plan.changes if c.action != "unchanged"):
            self.stdout.write(
                "People given the hr role see no unit until their HR units are set in the admin."
            )
