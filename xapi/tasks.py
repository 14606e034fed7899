"""The background task that sends statements (django-tasks; run by `manage.py db_worker`).

A web request never talks to the LRS: storing a statement only queues this task, after the
transaction commits. The task sends everything queued; when a batch fails it queues itself
again for later (`run_after`, with backoff), so an outage delays statements and loses none.
Several queued copies are harmless: each sends what is still unsent, with the same ids.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import lrs

log = logging.getLogger("cadre.xapi")


@task()
def send_statements() -> int:
    result = lrs.send_pending()
    if result.failed_batches:
        delay = lrs.backoff_seconds(result.attempts)
        log.warning("LRS: %s; %d sent, retrying in %d s", result.error, result.sent, delay)
        send_statements.using(run_after=timezone.now() + dt.timedelta(seconds=delay)).enqueue()
    return result.sent


def queue_sending() -> None:
    """After the current transaction commits, when an LRS is configured."""
    if lrs.configured():
        transaction.on_commit(send_statements.enqueue)
