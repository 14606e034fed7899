"""HR's ZIP of certificates: asked for in a view, built by the task worker, kept a day.

`request_archive` records the request and queues `tasks.build_archive` after the commit, so
the request never waits for the PDFs. `build` renders the valid certificates of the people in
the officer's units (as `services.certificates_for` selects them) into a ZIP, one PDF each plus
an index of them all, moving `done` as it goes so the archive's page can show progress. The
file is written under a temporary name and renamed when complete, so a half-built ZIP is never
served. `purge_expired` deletes the files past their day (queued for the moment they expire,
and run by `manage.py purge_certificate_archives` from cron as a backstop) and keeps the rows.

The scope is checked when the archive is built and again at each download, against the
requester's units at that moment: an officer moved off a unit loses what they had asked for.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import os
import re
import zipfile
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.models import Course
from people import worker_files
from people.locks import lock_person
from people.models import OrgUnit, Profile
from records.exports import safe_cell

from . import documents
from .documents import verify_url
from .models import ArchiveCertificate, Certificate, CertificateArchive
from .services import certificates_for

log = logging.getLogger("cadre.certificates")

Status = CertificateArchive.Status
ACTIVE_MAX = worker_files.ACTIVE_MAX
# Characters a file name inside the ZIP may not hold on Windows, macOS or Linux.
UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
# Kept here for the views and tests that read them from the archives.
is_stalled = worker_files.is_stalled
is_waiting_long = worker_files.is_waiting_long


class ArchiveError(Exception):
    """An archive that cannot be asked for or built; the message says why, to the officer."""


def archive_dir() -> Path:
    return Path(settings.CERTIFICATE_ARCHIVE_DIR)


def archive_path(archive: CertificateArchive) -> Path:
    return archive_dir() / archive.file_name


def outdated(archive: CertificateArchive) -> int:
    """How many certificates in the ZIP were revoked or replaced since it was built."""
    return archive.certificates.exclude(status=Certificate.Status.ISSUED).count()


# --- Scope ------------------------------------------------------------------------------------


def scope_for(archive: CertificateArchive) -> list[OrgUnit]:
    """The units the archive covers, fixed when it was asked for, provided they are all still
    the requester's; ArchiveError when they are not (an officer moved to other units, or no
    longer HR), so nothing is built or handed out for people who are no longer theirs."""
    officer = Profile.objects.filter(user_id=archive.requested_by_id).first()
    if officer is None or not officer.is_hr or not archive.requested_by.is_active:
        raise ArchiveError(_("You no longer keep records for any unit."))
    units = list(archive.units.all())
    if officer.scope_units().filter(pk__in=[u.pk for u in units]).count() != len(units):
        if archive.unit_id is not None:
            raise ArchiveError(_("You no longer keep records for this unit."))
        raise ArchiveError(_("Your units have changed since you asked for this ZIP: ask again."))
    return units


def certificates_in(archive: CertificateArchive) -> QuerySet[Certificate]:
    return certificates_for(scope_for(archive), course=archive.course, year=archive.year)


# --- Asking -----------------------------------------------------------------------------------


def request_archive(
    officer: Profile,
    *,
    unit: OrgUnit | None,
    course: Course | None,
    year: int | None,
    language: str,
    now: dt.datetime | None = None,
) -> CertificateArchive:
    """The archive for these filters: one still being built for the same filters (a double
    click, a second tab) when there is one, otherwise a new one, queued for the worker after
    the commit."""
    from .tasks import build_archive

    now = now or timezone.now()
    with transaction.atomic():
        # The officer's lock orders their requests: two at once do not both pass the checks.
        lock_person(officer.user)
        units = [unit] if unit is not None else officer.hr_roots
        active = worker_files.in_progress(
            CertificateArchive.objects.prefetch_related("units"), officer.user_id, now
        )
        wanted = (
            unit.pk if unit else None,
            course.pk if course else None,
            year,
            language,
            {u.pk for u in units},
        )
        for archive in active:
            asked = (archive.unit_id, archive.course_id, archive.year, archive.language)
            if (*asked, {u.pk for u in archive.units.all()}) == wanted:
                return archive
        if len(active) >= ACTIVE_MAX:
            raise ArchiveError(
                _(
                    "You have %(count)d archives being built already. Wait for one to finish, "
                    "then ask again."
                )
                % {"count": len(active)}
            )
        archive = CertificateArchive.objects.create(
            requested_by_id=officer.user_id,
            requested_at=now,
            unit=unit,
            course=course,
            year=year,
            language=language,
        )
        archive.units.set(units)
        pk = archive.pk
        transaction.on_commit(lambda: build_archive.enqueue(pk))
    log.info(
        "certificate archive requested archive=%s by=%r unit=%s course=%s year=%s",
        archive.token,
        officer.user.get_username(),
        unit.pk if unit else "all",
        course.pk if course else "any",
        year or "any",
    )
    return archive


# --- Building ---------------------------------------------------------------------------------


def _safe(text: str, max_bytes: int) -> str:
    """A part of a file name: no character a file system refuses, at most `max_bytes` of
    UTF-8 (a file name is 255 bytes on ext4 and most others: a Chinese character is three),
    and not starting like a formula, so the index's `file` cell is the name itself."""
    text = UNSAFE_NAME.sub("_", text).strip(" ._")
    text = text.encode()[:max_bytes].decode(errors="ignore").strip(" ._") or "_"
    return "_" + text if safe_cell(text) != text else text


def member_name(certificate: Certificate, language: str, taken: set[str]) -> str:
    """The PDF's path inside the ZIP: a folder per unit, then name, course and code (the code
    keeps two certificates of one person and course apart). Never outside the ZIP's root; each
    part well under 255 bytes."""
    folder = _safe(certificate.unit_name, 120)
    stem = "_".join(
        (
            _safe(certificate.full_name, 60),
            _safe(certificate.course_title(language), 120),
            certificate.code,
        )
    )
    name = f"{folder}/{stem}.pdf"
    while name in taken:  # two units whose names differ only in unsafe characters
        name = f"{folder}/{stem}-{len(taken)}.pdf"
    taken.add(name)
    return name


INDEX_COLUMNS = (
    "file",
    "verification_code",
    "name",
    "unit",
    "course",
    "study_hours",
    "completed_on",
    "issued_on",
    "verification_url",
)


def _index(rows: list[list[str]]) -> bytes:
    """The list of the ZIP's PDFs as CSV, with a BOM so a spreadsheet opens the Chinese
    right. Names and titles come from people: every cell a spreadsheet would run is quoted
    by the exports' own rule (`records.exports.safe_cell`)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(INDEX_COLUMNS)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def build(pk: int) -> CertificateArchive | None:
    """Build the queued archive `pk`; returns it (ready or failed), None when it was not
    queued."""
    archive = worker_files.take(
        CertificateArchive.objects.select_related("requested_by", "unit", "course"),
        pk,
        timezone.now(),
    )
    if archive is None:
        return None
    part = archive_dir() / archive.part_name
    try:
        with translation.override(archive.language):
            certificates = list(certificates_in(archive)[: settings.CERTIFICATE_ARCHIVE_MAX + 1])
            if len(certificates) > settings.CERTIFICATE_ARCHIVE_MAX:
                raise ArchiveError(
                    _(
                        "More than %(max)d certificates: choose one unit, a course or a year, "
                        "and ask for each part."
                    )
                    % {"max": settings.CERTIFICATE_ARCHIVE_MAX}
                )
            CertificateArchive.objects.filter(pk=pk).update(
                total=len(certificates), updated_at=timezone.now()
            )
            archive_dir().mkdir(parents=True, exist_ok=True)
            _write(archive, certificates, part)
        os.replace(part, archive_path(archive))
    except ArchiveError as error:
        worker_files.remove(part)
        worker_files.fail(archive, str(error))
        return archive
    except Exception:
        worker_files.remove(part)
        log.exception("certificate archive %s failed", archive.token)
        with translation.override(archive.language):
            worker_files.fail(
                archive, _("The archive could not be built. Ask again, or tell the administrator.")
            )
        raise  # the task is recorded as failed too, with its traceback, for the administrator
    return _finish(archive)


def _write(archive: CertificateArchive, certificates: list[Certificate], part: Path) -> None:
    language = archive.language
    taken: set[str] = set()
    rows = []
    with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for done, certificate in enumerate(certificates, start=1):
            name = member_name(certificate, language, taken)
            zf.writestr(name, documents.render_pdf(certificate, language))
            rows.append(
                [
                    name,
                    certificate.code,
                    certificate.full_name,
                    certificate.unit_name,
                    certificate.course_title(language),
                    str(certificate.hours),
                    timezone.localtime(certificate.completed_at).date().isoformat(),
                    timezone.localtime(certificate.issued_at).date().isoformat(),
                    verify_url(certificate.code),
                ]
            )
            # One small update per PDF (each takes a fifth of a second to render): the page
            # the officer watches reads it.
            CertificateArchive.objects.filter(pk=archive.pk).update(
                done=done, updated_at=timezone.now()
            )
        zf.writestr("index.csv", _index(rows))
    ArchiveCertificate.objects.bulk_create(
        ArchiveCertificate(archive_id=archive.pk, certificate_id=c.pk) for c in certificates
    )


def _finish(archive: CertificateArchive) -> CertificateArchive:
    from .tasks import expire_archives

    worker_files.finish(archive, archive_path(archive), settings.CERTIFICATE_ARCHIVE_HOURS)
    # The file goes when its day is up, whether or not cron runs the purge too.
    expire_archives.using(run_after=archive.expires_at).enqueue()
    log.info(
        "certificate archive ready archive=%s certificates=%d bytes=%d",
        archive.token,
        archive.total,
        archive.size,
    )
    return archive


# --- Keeping a day --------------------------------------------------------------------------


def purge_expired(now: dt.datetime | None = None) -> int:
    """Delete the files of archives past their day (the rows stay, marked deleted), give up
    on builds that lost their worker a day ago, and remove half-built files a killed worker
    left. Returns how many archives were expired."""
    return worker_files.purge(
        CertificateArchive,
        archive_dir(),
        settings.CERTIFICATE_ARCHIVE_HOURS,
        gettext_lazy("The task worker stopped before the archive was finished."),
        now,
    )
