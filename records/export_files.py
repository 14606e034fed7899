"""A long XLSX export: asked for on the table's page, built by the task worker, kept a day.

A CSV always streams. An XLSX cannot (its workbook is zipped when closed), and a county's
table is minutes of work: more than a request should hold and more than a proxy waits. So past
`EXPORT_DIRECT_CADRES` cadres the export link leads to a page that asks for the file;
`request_export` records the request (the table, the filters as the page had them, the
language, and the officer's HR units) and queues `tasks.build_export` after the commit. `build`
works the table out as the page would, through the same form, report and writer as the
download inside a request (`exports.export_xlsx`), moving `done` as it goes.

The scope is the officer's at the moment they asked, checked when the file is built and again at
each download: an officer moved off a unit, or no longer HR, loses what they had asked for.
The life of the row and file (queued, building, ready, deleted) is `people.worker_files`'.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from people import worker_files
from people.locks import lock_person
from people.models import Profile

from . import exports, reports
from .forms import CompletionFilterForm
from .models import ExportFile

log = logging.getLogger("cadre.records")

Status = ExportFile.Status
ACTIVE_MAX = worker_files.ACTIVE_MAX
is_stalled = worker_files.is_stalled
is_waiting_long = worker_files.is_waiting_long


class ExportError(Exception):
    """A file that cannot be asked for, built or handed out; the message says why."""


def export_dir() -> Path:
    return Path(settings.EXPORT_FILE_DIR)


def file_path(row: ExportFile) -> Path:
    return export_dir() / row.file_name


def _roots(officer: Profile) -> list[int]:
    return sorted(unit.pk for unit in officer.hr_roots)


def cadres_of(user, filters: reports.Filters):
    """The cadres an export of these filters reads: the officer's scope, filtered."""
    return reports.filter_people(Profile.objects.visible_to(user).cadres(), filters)


def needs_worker(user, filters: reports.Filters) -> int:
    """The number of cadres when an XLSX of these filters is too long to build inside a
    request (0 when it is not): one COUNT."""
    count = cadres_of(user, filters).count()
    return count if count > settings.EXPORT_DIRECT_CADRES else 0


def officer_for(row: ExportFile) -> Profile:
    """The requester, provided they still keep records for the units they had when they
    asked; ExportError when they do not, so nothing is built or handed out for people who are
    no longer theirs."""
    officer = Profile.objects.filter(user_id=row.requested_by_id).first()
    if officer is None or not officer.is_hr or not row.requested_by.is_active:
        raise ExportError(_("You no longer keep records for any unit."))
    if _roots(officer) != sorted(row.roots):
        raise ExportError(_("Your units have changed since you asked for this file: ask again."))
    return officer


def request_export(officer: Profile, table: str, query: str, language: str) -> ExportFile:
    """The file for this table and these filters: one still being built for the same (a double
    click, a second tab) when there is one, otherwise a new one, queued after the commit."""
    from .tasks import build_export

    now = timezone.now()
    roots = _roots(officer)
    with transaction.atomic():
        # The officer's lock orders their requests: two at once do not both pass the checks.
        lock_person(officer.user)
        active = worker_files.in_progress(ExportFile.objects.all(), officer.user_id, now)
        for row in active:
            if (row.table, row.query, row.language, sorted(row.roots)) == (
                table,
                query,
                language,
                roots,
            ):
                return row
        if len(active) >= ACTIVE_MAX:
            raise ExportError(
                _(
                    "You have %(count)d files being built already. Wait for one to finish, "
                    "then ask again."
                )
                % {"count": len(active)}
            )
        row = ExportFile.objects.create(
            requested_by_id=officer.user_id,
            requested_at=now,
            table=table,
            query=query,
            language=language,
            roots=roots,
        )
        pk = row.pk
        transaction.on_commit(lambda: build_export.enqueue(pk))
    log.info(
        "export file requested file=%s by=%r table=%s filters=%r",
        row.token,
        officer.user.get_username(),
        table,
        query,
    )
    return row


def build(pk: int) -> ExportFile | None:
    """Build the queued file `pk`; returns it (ready or failed), None when it was not queued."""
    row = worker_files.take(ExportFile.objects.select_related("requested_by"), pk, timezone.now())
    if row is None:
        return None
    part = export_dir() / row.part_name
    try:
        with translation.override(row.language):
            officer = officer_for(row)
            filters = CompletionFilterForm.filters_of(row.query, officer)
            if filters is None:
                raise ExportError(_("These filters are no longer valid: ask again."))
            export_dir().mkdir(parents=True, exist_ok=True)

            def progress(done: int) -> None:
                ExportFile.objects.filter(pk=pk).update(done=done, updated_at=timezone.now())

            exports.export_xlsx(
                str(part),
                row.table,
                Profile.objects.visible_to(row.requested_by).cadres(),
                reports.for_officer(officer, filters),
                progress,
            )
        os.replace(part, file_path(row))
    except ExportError as error:
        worker_files.remove(part)
        worker_files.fail(row, str(error))
        return row
    except Exception:
        worker_files.remove(part)
        log.exception("export file %s failed", row.token)
        with translation.override(row.language):
            worker_files.fail(
                row, _("The file could not be built. Ask again, or tell the administrator.")
            )
        raise  # the task is recorded as failed too, with its traceback, for the administrator
    return _finish(row)


def _finish(row: ExportFile) -> ExportFile:
    from .tasks import expire_exports

    # The rows written, now that they are known: `done` moved as they were.
    ExportFile.objects.filter(pk=row.pk).update(total=F("done"))
    worker_files.finish(row, file_path(row), settings.EXPORT_FILE_HOURS)
    # The file goes when its day is up, whether or not cron runs the purge too.
    expire_exports.using(run_after=row.expires_at).enqueue()
    log.info("export file ready file=%s rows=%d bytes=%d", row.token, row.done, row.size)
    return row


def download_name(row: ExportFile) -> str:
    return f"{row.table}-{timezone.localtime(row.finished_at):%Y%m%d-%H%M}.xlsx"


def purge_expired(now: dt.datetime | None = None) -> int:
    """Delete the files past their day (the rows stay), give up on builds that lost their
    worker a day ago, remove half-built files a killed worker left. Returns how many expired."""
    return worker_files.purge(
        ExportFile,
        export_dir(),
        settings.EXPORT_FILE_HOURS,
        gettext_lazy("The task worker stopped before the file was finished."),
        now,
    )
