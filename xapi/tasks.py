"""The background task that sends statements (django-tasks; run by `manage.py db_worker`).

A web request never talks to the LRS: storing a statement only queues this task, after the
transaction commits. The task sends everything queued; when a batch fails it queues itself
again for later (`run_after`, with backoff), so an outage delays statements and loses none.
At most one send waits in the queue at a time: a quiz of thirty questions, a backfill of the
whole history or an outage's retries queue one task, not one per statement.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from . import lrs

log = logging.getLogger("cadre.xapi")


@task()
def send_statements() -> int:
    result = lrs.send_pending()
    if result.refused:
        log.error(
            "LRS refused %d statements as invalid (%s); set aside: see manage.py xapi_queue",
            result.refused,
            result.error,
        )
    if result.failed_batches:
        delay = lrs.backoff_seconds(result.attempts)
        log.warning("LRS: %s; %d sent, retrying in %d s", result.error, result.sent, delay)
        _enqueue_once(run_after=timezone.now() + dt.timedelta(seconds=delay))
    return result.sent


def _waiting():
    return DBTaskResult.objects.filter(status="READY", task_path=send_statements.module_path)


def _enqueue_once(run_after: dt.datetime | None = None) -> None:
    """Queue a send unless one already waits: the waiting one sends everything queued by then.
    A send due now replaces nothing; a retry is not queued behind a send due sooner."""
    if _waiting().exists():
        return
    if run_after is None:
        send_statements.enqueue()
    else:
        send_statements.using(run_after=run_after).enqueue()


def queue_sending() -> None:
    """After the current transaction commits, when an LRS is configured."""
    if lrs.configured():
        transaction.on_commit(_enqueue_once)
