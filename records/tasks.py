"""The background tasks of records (django-tasks; run by `manage.py db_worker`): building a
long XLSX export, and deleting it when its day is up. The work is in `export_files.py`."""

from __future__ import annotations

from django_tasks import task

from . import export_files


@task()
def build_export(file_id: int) -> int:
    """Returns the rows written (0 when the file was not queued or could not be built)."""
    row = export_files.build(file_id)
    return row.total if row is not None and row.status == row.Status.READY else 0


@task()
def expire_exports() -> int:
    return export_files.purge_expired()
