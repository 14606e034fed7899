"""`manage.py export_xapi [--since ISO_DATE] [--output FILE]`: the stored statements as JSON."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from xapi.services import export

EARLIEST = dt.date(2000, 1, 1)  # before any record this site can hold: a typo, not a request
SINCE_MAX_LENGTH = 40  # the longest ISO 8601 moment with microseconds and an offset is 32


def parse_since(text: str) -> dt.datetime:
    """A date (from its start, in the site's time zone) or a moment (in the site's time zone
    unless it names its own offset or "Z"), between 2000 and now."""
    text = text.strip()
    if len(text) > SINCE_MAX_LENGTH:
        raise CommandError("--since is too long for a date: give e.g. 2026-01-31.")
    try:
        if len(text) == 10:
            day = dt.date.fromisoformat(text)
            moment = dt.datetime.combine(day, dt.time.min)
        else:
            moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"--since {text!r} is not an ISO 8601 date or time: give e.g. 2026-01-31 or "
            "2026-01-31T08:00:00+08:00."
        ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment.date() < EARLIEST:
        raise CommandError(f"--since {text} is before {EARLIEST}: no statement is that old.")
    if moment > timezone.now():
        raise CommandError(f"--since {text} is in the future: there is nothing to export yet.")
    return moment


class Command(BaseCommand):
    help = (
        "Write the stored xAPI statements as one JSON array, in the order their events "
        "happened, exactly as stored (the same ids every time). To standard output unless "
        "--output names a file."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--since",
            help="only statements of events at or after this ISO 8601 date or time "
            "(a date starts at midnight in the site's time zone)",
        )
        parser.add_argument("--output", type=Path, help="write to this file (replaced whole)")

    def handle(self, *args, since: str | None, output: Path | None, **options) -> None:
        moment = parse_since(since) if since is not None else None
        if output is None:
            self.stdout.ending = ""  # the export writes its own line ends
            export(self.stdout, since=moment)
            return
        if not output.parent.is_dir():
            raise CommandError(f"{output.parent} is not a directory.")
        # Written beside the target and moved over it at the end: an interrupted export never
        # leaves half a JSON array where the last good one was.
        handle, temporary = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                count = export(out, since=moment)
            os.replace(temporary, output)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.stderr.write(f"{count} statements written to {output}.")
