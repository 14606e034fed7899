"""The background tasks of certificates (django-tasks; run by `manage.py db_worker`): building
an HR officer's ZIP, and deleting it when its day is up. The work is in `archives.py`."""

from __future__ import annotations

from django_tasks import task

from . import archives


@task()
def build_archive(archive_id: int) -> int:
    """Returns how many certificates the ZIP holds (0 when the archive was not queued)."""
    archive = archives.build(archive_id)
    return archive.done if archive is not None else 0


@task()
def expire_archives() -> int:
    return archives.purge_expired()
