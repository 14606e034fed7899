"""Files an officer asks for and the task worker builds: what they share, whatever they hold.

HR's ZIP of certificates (`certificates.archives`) and a long XLSX export
(`records.export_files`) follow one life: asked for in a view (a row, queued), taken by the
worker (building, `done` moving as it goes), written under a temporary name and renamed when
whole (so a half-built file is never served), ready for a while, then deleted (the row stays:
it records who took which people's data, and when). A build whose row stops moving lost its
worker (killed, machine restarted): its page says so, and asking again starts a new one.

Each kind keeps what is its own: its filters, its scope check, how it writes the file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import uuid
from pathlib import Path

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

# A build whose row has not moved for this long lost its worker; a queued one that has waited
# this long is told the worker is busy or stopped.
STALLED_AFTER = dt.timedelta(minutes=10)
# One officer may have this many files of a kind waiting or building at once.
ACTIVE_MAX = 3


class WorkerFile(models.Model):
    """The row of one file built by the worker. Only its requester may see it or download it
    (each kind's access helper says so); the address names the token, not the sequential id,
    so one file's page says nothing of how many others exist."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the task worker")
        BUILDING = "building", _("Being built")
        READY = "ready", _("Ready to download")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Deleted")

    # The file's name in the kind's folder is the token and this.
    suffix = ""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    size = models.PositiveBigIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    # Moved by every step of the build: a build that stopped moving had its worker stopped.
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def file_name(self) -> str:
        return f"{self.token}{self.suffix}"

    @property
    def part_name(self) -> str:
        return f".{self.token}.part"

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.BUILDING)


Status = WorkerFile.Status


def file_pattern(suffix: str) -> re.Pattern:
    """The names a kind's build writes into its folder: <token><suffix>, and .<token>.part
    while it writes. The purge touches nothing else (the folder may be shared by mistake)."""
    return re.compile(rf"(?:[0-9a-f-]{{36}}{re.escape(suffix)}|\.[0-9a-f-]{{36}}\.part)")


def is_stalled(row: WorkerFile, now: dt.datetime | None = None) -> bool:
    """A build that stopped moving: its worker was killed. Only a build: a queued row does not
    move while it waits its turn, and its task is still queued."""
    return row.status == Status.BUILDING and (now or timezone.now()) - row.updated_at > (
        STALLED_AFTER
    )


def is_waiting_long(row: WorkerFile, now: dt.datetime | None = None) -> bool:
    """Queued for a while: the worker is busy with others, or not running."""
    return row.status == Status.QUEUED and (now or timezone.now()) - row.requested_at > (
        STALLED_AFTER
    )


def in_progress(queryset: models.QuerySet, user_id: int, now: dt.datetime) -> list[WorkerFile]:
    """The requester's files waiting or building, a stalled build left out: asking again for
    one of those starts a new one. The caller holds the requester's lock."""
    return [
        row
        for row in queryset.filter(
            requested_by_id=user_id, status__in=(Status.QUEUED, Status.BUILDING)
        )
        if not is_stalled(row, now)
    ]


def take(queryset: models.QuerySet, pk: int, now: dt.datetime) -> WorkerFile | None:
    """The row for this worker to build: only a queued one (a task run twice, or one for a
    file already built, does nothing)."""
    with transaction.atomic():
        row = queryset.select_for_update(of=("self",)).filter(pk=pk).first()
        if row is None or row.status != Status.QUEUED:
            return None
        row.status = Status.BUILDING
        row.started_at = now
        row.save(update_fields=["status", "started_at", "updated_at"])
        return row


def fail(row: WorkerFile, message: str) -> None:
    row.status = Status.FAILED
    row.error = message[:300]
    row.finished_at = timezone.now()
    row.save(update_fields=["status", "error", "finished_at", "updated_at"])


def finish(row: WorkerFile, path: Path, hours: int) -> WorkerFile:
    """Mark a built file ready, kept `hours` from now."""
    now = timezone.now()
    row.refresh_from_db()
    row.status = Status.READY
    row.size = path.stat().st_size
    row.finished_at = now
    row.expires_at = now + dt.timedelta(hours=hours)
    row.save(update_fields=["status", "size", "finished_at", "expires_at", "updated_at"])
    return row


def remove(path: Path) -> None:
    """Remove a half-built file; a folder that is not there or not usable (the error being
    handled) must not stop the row being marked failed."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def purge(
    model: type[WorkerFile], folder: Path, hours: int, stopped: str, now: dt.datetime | None = None
) -> int:
    """Delete the files past their time (the rows stay, marked deleted), give up on builds
    that lost their worker that long ago (their error: `stopped`, in the row's language), and
    remove any file of this kind in the folder that no ready row names (a half-built one left
    by a killed worker). Returns how many files were expired."""
    now = now or timezone.now()
    expired = 0
    for row in model.objects.filter(status=Status.READY, expires_at__lte=now):
        (folder / row.file_name).unlink(missing_ok=True)
        row.status = Status.EXPIRED
        row.save(update_fields=["status", "updated_at"])
        expired += 1
    for row in model.objects.filter(
        status__in=(Status.QUEUED, Status.BUILDING),
        updated_at__lte=now - dt.timedelta(hours=hours),
    ):
        with translation.override(row.language):
            fail(row, str(stopped))
    if folder.is_dir():
        keep = {r.file_name for r in model.objects.filter(status=Status.READY).only("token")}
        pattern = file_pattern(model.suffix)
        cutoff = (now - STALLED_AFTER).timestamp()
        for path in folder.iterdir():
            # A part file still growing is another worker's build in progress: left alone.
            if not pattern.fullmatch(path.name) or path.name in keep:
                continue
            if path.is_file() and path.stat().st_mtime < cutoff:
                remove(path)
    return expired
