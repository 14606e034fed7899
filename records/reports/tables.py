"""The completion table and the hours ledger: a page for the screen, or every row for an export.

Both page through *cadres*, not rows, so a page or an export chunk reads the ledger lines of its
own cadres only. Which cadres have a row is decided by `Report` (the one set of rules), over
values fetched in a fixed number of queries: no SQL copy of the rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

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


def _cadres(people: QuerySet, report: Report) -> QuerySet:
    """The scoped cadres the filters keep, in table order, as value tuples."""
    ordered = filter_people(people, report.filters).order_by("unit__path", "full_name", "pk")
    return ordered.values_list(*CADRE_FIELDS)


def matching_cadres(people: QuerySet, report: Report) -> list[Cadre]:
    """The cadres who have a row in the completion table, in table order. Without a status
    filter the assignments alone decide (no ledger read); with one, the status of every
    candidate course is worked out from the scope's ledger lines and, where the status asked
    for depends on it, the "started" flags: one or two queries whatever the headcount."""
    cadres = [Cadre(*values) for values in _cadres(people, report)]
    cadres = [c for c in cadres if report.candidates(c)]
    wanted = report.filters.status
    if not wanted or not cadres:
        return cadres
    user_ids = filter_people(people, report.filters).values("user_id")
    lines = report.load_status_lines(user_ids)
    started = report.load_started(user_ids) if rules.started_matters(wanted) else {}
    return [
        c
        for c in cadres
        if report.has_status(c, lines[c.user_id], started.get(c.user_id, set()), wanted)
    ]


def ledger_cadres(people: QuerySet, report: Report) -> list[Cadre]:
    """The cadres of the hours ledger: everyone filtered, or only those with a matching
    assigned course when a course or status is asked for."""
    if report.filters.narrows_pairs:
        return matching_cadres(people, report)
    return [Cadre(*values) for values in _cadres(people, report)]


def completion_page(people: QuerySet, report: Report, number) -> tuple[Page, list[Row]]:
    """One page of the completion table. Paged by cadre, not by row, so a page reads the
    records of PAGE_SIZE cadres whatever the size of the scope (a page then holds every
    matching course of those cadres: usually more than PAGE_SIZE rows)."""
    page = Paginator(matching_cadres(people, report), PAGE_SIZE).get_page(number)
    return page, list(report.rows_for(list(page.object_list)))


def ledger_page(people: QuerySet, report: Report, number) -> tuple[Page, list[LedgerRow]]:
    page = Paginator(ledger_cadres(people, report), PAGE_SIZE).get_page(number)
    return page, list(report.ledger_rows_for(list(page.object_list)))


def _chunks(cadres: QuerySet, size: int) -> Iterator[list[Cadre]]:
    """Cadres as value tuples, `size` at a time, from a server-side cursor where the database
    has them."""
    iterator = cadres.iterator(chunk_size=size)
    while chunk := [Cadre(*values) for values in islice(iterator, size)]:
        yield chunk


def completion_rows(people: QuerySet, report: Report, size: int = 0) -> Iterator[Row]:
    """Every row of the completion table, EXPORT_CHUNK cadres at a time."""
    for chunk in _chunks(_cadres(people, report), size or base.EXPORT_CHUNK):
        yield from report.rows_for(chunk)


def ledger_rows(people: QuerySet, report: Report, size: int = 0) -> Iterator[LedgerRow]:
    """Every row of the hours ledger, EXPORT_CHUNK cadres at a time."""
    size = size or base.EXPORT_CHUNK
    if report.filters.narrows_pairs:
        cadres = matching_cadres(people, report)
        for start in range(0, len(cadres), size):
            yield from report.ledger_rows_for(cadres[start : start + size])
        return
    for chunk in _chunks(_cadres(people, report), size):
        yield from report.ledger_rows_for(chunk)
