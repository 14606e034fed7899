"""The completion table and the hours ledger: a page for the screen, or every row for an export.

Both page through *cadres*, not rows, so a page or an export chunk reads the ledger lines of its
own cadres only. Which cadres have a row is decided by `Report` (the one set of rules), over
values fetched in a fixed number of queries: no SQL copy of the rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import NamedTuple

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from .. import rules
from . import base
from .base import (
    CADRE_FIELDS,
    PAGE_SIZE,
    Cadre,
    LedgerRow,
    Report,
    Row,
    filter_people,
)


class Who(NamedTuple):
    """What decides a cadre's assigned courses (unit, rank, leadership) and who they are: enough
    to find the cadres of a page, whose names and units are then read for that page only."""

    pk: int
    user_id: int
    unit_path: str
    rank: str
    is_leader: bool


WHO_FIELDS = ("pk", "user_id", "unit__path", "rank", "is_leader")


def _ordered(people: QuerySet, report: Report) -> QuerySet:
    """The scoped cadres the filters keep, in table order."""
    return filter_people(people, report.filters).order_by("unit__path", "full_name", "pk")


def _cadres(people: QuerySet, report: Report) -> QuerySet:
    return _ordered(people, report).values_list(*CADRE_FIELDS)


def _full(people: QuerySet, who: list[Who]) -> list[Cadre]:
    """These cadres as full value tuples, in the same order: one query."""
    rows = people.filter(pk__in=[w.pk for w in who]).values_list(*CADRE_FIELDS)
    by_pk = {values[0]: Cadre(*values) for values in rows}
    return [by_pk[w.pk] for w in who]


def matching(people: QuerySet, report: Report) -> list[Who]:
    """The cadres who have a row in the completion table, in table order. Without a status
    filter the assignments alone decide (no ledger read); with one, the status of every
    candidate course is worked out from the scope's ledger lines and, where the status asked
    for depends on it, the "started" flags: one or two queries whatever the headcount."""
    who = [Who(*values) for values in _ordered(people, report).values_list(*WHO_FIELDS)]
    who = [w for w in who if report.candidates(w)]
    wanted = report.filters.status
    if not wanted or not who:
        return who
    user_ids = filter_people(people, report.filters).values("user_id")
    lines = report.load_status_lines(user_ids)
    started = report.load_started(user_ids) if rules.started_matters(wanted) else {}
    return [
        w
        for w in who
        if report.has_status(w, lines[w.user_id], started.get(w.user_id, set()), wanted)
    ]


def completion_page(people: QuerySet, report: Report, number) -> tuple[Page, list[Row]]:
    """One page of the completion table. Paged by cadre, not by row, so a page reads the
    records of PAGE_SIZE cadres whatever the size of the scope (a page then holds every
    matching course of those cadres: usually more than PAGE_SIZE rows)."""
    page = Paginator(matching(people, report), PAGE_SIZE).get_page(number)
    page.object_list = _full(people, list(page.object_list))
    return page, list(report.rows_for(page.object_list))


def ledger_page(people: QuerySet, report: Report, number) -> tuple[Page, list[LedgerRow]]:
    """One page of the hours ledger: every filtered cadre (paged in SQL), or with a course or
    status filter only those with a matching assigned course."""
    if report.filters.narrows_pairs:
        page = Paginator(matching(people, report), PAGE_SIZE).get_page(number)
        page.object_list = _full(people, list(page.object_list))
    else:
        page = Paginator(_cadres(people, report), PAGE_SIZE).get_page(number)
        page.object_list = [Cadre(*values) for values in page.object_list]
    return page, list(report.ledger_rows_for(page.object_list))


# The first chunk of an export is small, so its first rows follow its header at once.
FIRST_CHUNK = 100


def _chunks(cadres: QuerySet, size: int) -> Iterator[list[Cadre]]:
    """Cadres as value tuples, `size` at a time (the first FIRST_CHUNK), from a server-side
    cursor where the database has them."""
    iterator = cadres.iterator(chunk_size=size)
    step = min(size, FIRST_CHUNK)
    while chunk := [Cadre(*values) for values in islice(iterator, step)]:
        yield chunk
        step = size


def completion_rows(people: QuerySet, report: Report, size: int = 0) -> Iterator[Row]:
    """Every row of the completion table, EXPORT_CHUNK cadres at a time."""
    for chunk in _chunks(_cadres(people, report), size or base.EXPORT_CHUNK):
        yield from report.rows_for(chunk)


def ledger_rows(people: QuerySet, report: Report, size: int = 0) -> Iterator[LedgerRow]:
    """Every row of the hours ledger, EXPORT_CHUNK cadres at a time."""
    size = size or base.EXPORT_CHUNK
    if report.filters.narrows_pairs:
        who = matching(people, report)
        for start in range(0, len(who), size):
            yield from report.ledger_rows_for(_full(people, who[start : start + size]))
        return
    for chunk in _chunks(_cadres(people, report), size):
        yield from report.ledger_rows_for(chunk)
