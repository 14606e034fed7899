"""Summaries the HR dashboard reads: per cohort (the cadres of one unit, rank and leadership)
how many cadres, how many hold a standing completion or waiver of each course, and each year's
hours, required hours and how many met the yearly requirement.

Every figure is worked out from a cadre's raw records by the rules that the pages use
(`rules.standing_record`, `rules.net_hours`, `services.YearHours`), never by a second copy of
them. Three ways in, all in the transaction of the write:

- `refresh(user_ids)`: after a ledger line is written or a person moves unit, rank, leadership
  or stops being an active cadre. The cadre's stored `CadreFacts` are subtracted from the
  cohort they were counted in and their facts worked out again from the raw records are added
  to the cohort they are in now.
- `refresh_units(units)`: after an assignment is made, changed or cancelled, a course is
  published or archived, or a unit moves in the tree, which changes which courses are required
  of the cohorts below: their yearly rows are worked out again from their cadres' facts.
- `rebuild()`: everything from the raw records (`manage.py rebuild_summaries`); `compute()`
  does the same in memory, so `rebuild_summaries --check` and the tests can compare.

Every write also calls `changed()`, which gives the summaries a new version: the dashboard keeps
its figures in the cache under the version they were read at (`DASHBOARD_CACHE_SECONDS`), so a
write is seen by the next page, and a repeated page costs no summing over the cohorts.

What is not stored is derived when read: overdue (an open required course past its due date)
follows from the calendar; a yearly row whose `basis` (the required courses and the targets it
was computed with) is not the cohort's current one is worked out from the cohort's cadres'
facts by `year_rows`, so a change that reached no hook is slower to read, never wrong.
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, Q

from people.models import OrgUnit, Profile

from . import rules
from .models import (
    Assignment,
    CadreFacts,
    Cohort,
    CohortCourse,
    CohortMastery,
    CohortYear,
    CompletionRecord,
)
from .reports.base import LINE_FIELDS, Line
from .services import YearHours, mastery_by_user

logger = logging.getLogger(__name__)

CHUNK = 2000  # cadres per query when rebuilding

VERSION_KEY = "records:summaries:version"


def version() -> str:
    """The summaries' version: a random token, replaced by every write (`changed`). Random, not
    a counter, so a version lost from the cache (evicted, restarted) can never come back and
    meet figures kept under it."""
    token = cache.get(VERSION_KEY)
    if token is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        token = cache.get(VERSION_KEY)
    return token


def changed() -> None:
    """Give the summaries a new version now, and again once the write commits: a page read
    on another connection between the two (seeing the figures from before the commit) keeps
    them under the version the commit then replaces, so no page ever finds them. Until then
    this connection's own reads keep nothing (`written_here`): they see figures that a
    rollback could still undo."""
    connection.summaries_written = True
    _new_version()
    transaction.on_commit(_committed)


def written_here() -> bool:
    """Whether this connection's open transaction has written summaries not yet committed."""
    return connection.in_atomic_block and getattr(connection, "summaries_written", False)


def _committed() -> None:
    connection.summaries_written = False
    _new_version()


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


class Key(NamedTuple):
    """A cohort: what decides a cadre's assigned courses."""

    unit_id: int
    rank: str
    is_leader: bool


@dataclass(frozen=True)
class Facts:
    """One cadre's part in the summaries: the cohort they count in (None: not an active cadre
    with a unit) and, per course with ledger lines, the standing line's kind ("" while none
    stands) and the net hours credited per year."""

    key: Key | None
    courses: dict[int, tuple[str, dict[int, Decimal]]] = field(default_factory=dict)
    mastery: dict[int, Decimal] = field(default_factory=dict)  # leaders only: `heat_value`s

    @property
    def empty(self) -> bool:
        return self.key is None and not self.courses

    def to_json(self) -> dict:
        return {
            str(course): [standing, {str(y): str(h) for y, h in sorted(years.items())}]
            for course, (standing, years) in sorted(self.courses.items())
        }

    def mastery_json(self) -> dict:
        return {str(pk): str(value) for pk, value in sorted(self.mastery.items())}

    @classmethod
    def from_row(cls, key: Key | None, courses: dict, mastery: dict | None = None) -> Facts:
        return cls(
            key,
            {
                int(course): (standing, {int(y): Decimal(h) for y, h in years.items()})
                for course, (standing, years) in courses.items()
            },
            {int(pk): Decimal(value) for pk, value in (mastery or {}).items()},
        )


NOTHING = Facts(None)


# --- A cadre's facts, from the raw records ----------------------------------------------------


HEAT_STEP = Decimal("0.01")


def heat_value(mastery: Decimal) -> Decimal:
    """A leader's mastery as the heatmap adds it up: to a hundredth of a percent, so that sums
    kept in the database and means worked out from every leader agree to the last digit."""
    return mastery.quantize(HEAT_STEP)


def facts_of(key: Key | None, lines: list[Line], mastery: dict | None = None) -> Facts:
    """A cadre's facts from their ledger lines (oldest first) by the rules every page uses, and
    a leader's current mastery (`services.mastery_by_user`)."""
    by_course: dict[int, list[Line]] = defaultdict(list)
    for line in lines:
        by_course[line.course_id].append(line)
    courses = {}
    for course_id, course_lines in by_course.items():
        standing = rules.standing_record(course_lines)
        years: dict[int, list[Line]] = defaultdict(list)
        for line in course_lines:
            if line.kind in (rules.COMPLETED, rules.VOIDED):  # what `hours_by_year` counts
                years[line.year].append(line)
        courses[course_id] = (
            standing.kind if standing is not None else "",
            {year: rules.net_hours(year_lines) for year, year_lines in years.items()},
        )
    if key is None or not key.is_leader:
        mastery = None
    return Facts(key, courses, {pk: heat_value(v) for pk, v in (mastery or {}).items()})


def _key(unit_id, rank, is_leader, is_cadre, is_active) -> Key | None:
    """The cohort a person counts in: only active cadres with a unit are on HR's pages
    (`Profile.objects.cadres()`)."""
    if not (is_cadre and is_active and unit_id):
        return None
    return Key(unit_id, rank, is_leader)


def cohort_key(profile: Profile, is_active: bool) -> Key | None:
    return _key(profile.unit_id, profile.rank, profile.is_leader, profile.is_cadre, is_active)


def raw_facts(user_ids=None, *, between: tuple[int, int] | None = None) -> dict[int, Facts]:
    """Some users' facts from their profiles and ledger lines: two queries. `user_ids` may be
    a list or a values() subquery; `between` (first, last) takes a range of user ids instead,
    which a rebuild reads a hundred times faster than long lists."""
    who = (
        {"user_id__in": user_ids}
        if between is None
        else {"user_id__gte": between[0], "user_id__lte": between[1]}
    )
    keys = {
        values[0]: _key(*values[1:])
        for values in Profile.objects.filter(**who).values_list(
            "user_id", "unit_id", "rank", "is_leader", "is_cadre", "user__is_active"
        )
    }
    lines: dict[int, list[Line]] = defaultdict(list)
    query = CompletionRecord.objects.filter(**who).order_by("occurred_at", "pk")
    for values in query.values_list(*LINE_FIELDS):
        lines[values[1]].append(Line(*values))
    leaders = [pk for pk, key in keys.items() if key is not None and key.is_leader]
    mastery = mastery_by_user(leaders) if leaders else {}
    return {
        user_id: facts_of(keys.get(user_id), lines.get(user_id, []), mastery.get(user_id))
        for user_id in set(keys) | set(lines)
    }


def stored_facts(user_ids) -> dict[int, Facts]:
    rows = CadreFacts.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "cohort__unit_id", "cohort__rank", "cohort__is_leader", "courses", "mastery"
    )
    return {
        user_id: Facts.from_row(Key(unit, rank, leader) if unit else None, courses, mastery)
        for user_id, unit, rank, leader, courses, mastery in rows
    }


# --- Which courses a cohort is required to take: its basis ---------------------------------------


class Basis(NamedTuple):
    required: frozenset[int]
    required_target: Decimal
    total_target: Decimal

    def __str__(self) -> str:
        courses = ",".join(str(pk) for pk in sorted(self.required))
        return f"{courses}|{self.required_target}|{self.total_target}"


def bases(keys: Iterable[Key], paths: dict[int, str] | None = None) -> dict[Key, Basis]:
    """The basis of each cohort: the courses a required assignment reaches it with (as
    `Assignment.objects.for_profile` decides for one cadre) and the yearly targets. Two
    queries, the units' paths (unless given) and the active assignments made to them or above
    them."""
    keys = set(keys)
    if not keys:
        return {}
    paths = dict(paths or {})
    if missing := {k.unit_id for k in keys} - set(paths):
        paths.update(OrgUnit.objects.filter(pk__in=missing).values_list("pk", "path"))
    above = {pk for path in paths.values() for pk in OrgUnit.ids_in_path(path)}
    assignments = list(
        Assignment.objects.active()
        .filter(unit_id__in=above, kind=Assignment.Kind.REQUIRED)
        .select_related("unit")
    )
    out = {}
    for key in keys:
        path = paths.get(key.unit_id, "")
        out[key] = basis_of(
            a.course_id
            for a in assignments
            if rules.reaches(a, a.unit.path, unit_path=path, rank=key.rank, is_leader=key.is_leader)
        )
    return out


def basis_of(required: Iterable[int]) -> Basis:
    """A cohort's basis from the courses it is required to take, with today's targets."""
    return Basis(
        frozenset(required),
        Decimal(settings.STUDY_HOURS_REQUIRED),
        Decimal(settings.STUDY_HOURS_PER_YEAR),
    )


# --- What a cadre adds ----------------------------------------------------------------------


@dataclass
class YearSum:
    counted: int = 0
    hours: Decimal = Decimal(0)
    required_hours: Decimal = Decimal(0)
    met: int = 0

    def add(self, other: YearSum, sign: int = 1) -> None:
        self.counted += sign * other.counted
        self.hours += sign * other.hours
        self.required_hours += sign * other.required_hours
        self.met += sign * other.met

    @property
    def zero(self) -> bool:
        return not (self.counted or self.hours or self.required_hours or self.met)


def year_sums(facts: Facts, basis: Basis) -> dict[int, YearSum]:
    """A cadre's hours per year under a basis, as the hours ledger counts them
    (`services.YearHours`: required when a required assignment reaches them)."""
    years: dict[int, YearHours] = {}
    for course_id, (_standing, hours) in facts.courses.items():
        for year, net in hours.items():
            row = years.setdefault(
                year,
                YearHours(
                    year, required_target=basis.required_target, total_target=basis.total_target
                ),
            )
            if course_id in basis.required:
                row.required += net
            else:
                row.elective += net
    return {year: YearSum(1, row.total, row.required, int(row.met)) for year, row in years.items()}


class Part(NamedTuple):
    """A cadre's whole part in the summaries: +1 cadre, standing counts per course, year sums."""

    cadres: dict[Key, int]
    courses: dict[tuple[Key, int], list[int]]  # [completed, waived]
    years: dict[tuple[Key, int], YearSum]
    mastery: dict[tuple[Key, int], list]  # [total, leaders]


def _empty_part() -> Part:
    return Part(
        defaultdict(int),
        defaultdict(lambda: [0, 0]),
        defaultdict(YearSum),
        defaultdict(lambda: [Decimal(0), 0]),
    )


def add_part(part: Part, facts: Facts, basis: Basis | None, sign: int = 1) -> None:
    key = facts.key
    if key is None:
        return
    part.cadres[key] += sign
    for course_id, (standing, _hours) in facts.courses.items():
        if standing == rules.COMPLETED:
            part.courses[(key, course_id)][0] += sign
        elif standing == rules.WAIVED:
            part.courses[(key, course_id)][1] += sign
    if basis is not None:
        for year, sums in year_sums(facts, basis).items():
            part.years[(key, year)].add(sums, sign)
    for competency_id, value in facts.mastery.items():
        entry = part.mastery[(key, competency_id)]
        entry[0] += sign * value
        entry[1] += sign


# --- Writing the differences -------------------------------------------------------------------


def _cohort_ids(keys: Iterable[Key], *, lock: bool) -> tuple[dict[Key, int], dict[int, str]]:
    """The cohort rows of these keys (created when missing) and their units' paths. With
    `lock`, the rows are locked in id order so that a refresh and a recompute of the same
    cohort wait for each other (PostgreSQL; SQLite serialises writing transactions anyway):
    one query when the cohorts exist, as they nearly always do."""
    keys = set(keys)
    if not keys:
        return {}, {}
    condition = Q()
    for key in keys:
        condition |= Q(unit_id=key.unit_id, rank=key.rank, is_leader=key.is_leader)
    query = Cohort.objects.filter(condition).order_by("pk")
    if lock:
        query = query.select_for_update(of=("self",))
    ids, paths = {}, {}
    for pk, unit, rank, leader, path in query.values_list(
        "pk", "unit_id", "rank", "is_leader", "unit__path"
    ):
        ids[Key(unit, rank, leader)] = pk
        paths[unit] = path
    for key in sorted(keys - set(ids)):
        cohort, _ = Cohort.objects.get_or_create(
            unit_id=key.unit_id, rank=key.rank, is_leader=key.is_leader
        )
        if lock:
            list(Cohort.objects.select_for_update().filter(pk=cohort.pk).values_list("pk"))
        ids[key] = cohort.pk
    return ids, paths


def _write(delta: Part, ids: dict[Key, int], current: dict[Key, Basis]) -> None:
    """Move the cohorts' rows by `delta` (the cadres' facts are saved already)."""
    for key, n in delta.cadres.items():
        if n:
            Cohort.objects.filter(pk=ids[key]).update(cadres=F("cadres") + n)
    for (key, course_id), (completed, waived) in delta.courses.items():
        if not (completed or waived):
            continue
        updated = CohortCourse.objects.filter(cohort_id=ids[key], course_id=course_id).update(
            completed=F("completed") + completed, waived=F("waived") + waived
        )
        if not updated:
            CohortCourse.objects.create(
                cohort_id=ids[key], course_id=course_id, completed=completed, waived=waived
            )
    for (key, competency_id), (total, leaders) in delta.mastery.items():
        if not (total or leaders):
            continue
        updated = CohortMastery.objects.filter(
            cohort_id=ids[key], competency_id=competency_id
        ).update(total=F("total") + total, leaders=F("leaders") + leaders)
        if not updated:
            CohortMastery.objects.create(
                cohort_id=ids[key], competency_id=competency_id, total=total, leaders=leaders
            )
    years = {k: v for k, v in delta.years.items() if not v.zero}
    if not years:
        return
    stored = {
        (row.cohort_id, row.year): row
        for row in CohortYear.objects.filter(
            cohort_id__in={ids[key] for key, _ in years}, year__in={y for _, y in years}
        )
    }
    stale: dict[int, Basis] = {}
    for (key, year), sums in years.items():
        row = stored.get((ids[key], year))
        basis = str(current[key])
        if row is None:
            CohortYear.objects.create(
                cohort_id=ids[key],
                year=year,
                counted=sums.counted,
                hours=sums.hours,
                required_hours=sums.required_hours,
                met=sums.met,
                basis=basis,
            )
        elif row.basis == basis:
            CohortYear.objects.filter(pk=row.pk).update(
                counted=F("counted") + sums.counted,
                hours=F("hours") + sums.hours,
                required_hours=F("required_hours") + sums.required_hours,
                met=F("met") + sums.met,
            )
        else:
            # Computed on another basis (the targets changed, or an assignment reached no
            # hook): moving it by this cadre would leave it wrong should that basis come back.
            stale[ids[key]] = current[key]
    if stale:
        _recompute_years(stale)


def _recompute_years(basis: dict[int, Basis]) -> None:
    """Replace these cohorts' yearly rows with what their cadres' facts give on `basis`."""
    sums = _member_years(set(basis), basis)
    CohortYear.objects.filter(cohort_id__in=basis).delete()
    CohortYear.objects.bulk_create(
        (
            CohortYear(cohort_id=pk, year=year, basis=str(basis[pk]), **values)
            for (pk, year), values in sums.items()
        ),
        batch_size=CHUNK,
    )


def _save_facts(user_id: int, facts: Facts, ids: dict[Key, int], *, stored: bool) -> None:
    """One statement: the row is known to exist (`stored`) or not."""
    if facts.empty:
        CadreFacts.objects.filter(user_id=user_id).delete()
        return
    values = {
        "cohort_id": ids.get(facts.key),
        "courses": facts.to_json(),
        "mastery": facts.mastery_json(),
    }
    if stored:
        CadreFacts.objects.filter(user_id=user_id).update(**values)
    else:
        CadreFacts.objects.create(user_id=user_id, **values)


def refresh(user_ids: Iterable[int], *, gone: bool = False) -> None:
    """Work these people's facts out again from their records and move the summaries by the
    difference; `gone`: they are being deleted, so they count nowhere. The people's rows are
    locked first (as `people.locks.lock_person` does, in id order), then their cohorts': two
    refreshes of one person never both read the facts the other is replacing."""
    user_ids = sorted(set(user_ids))
    if not user_ids:
        return
    with transaction.atomic():
        list(
            get_user_model()
            .objects.select_for_update()
            .filter(pk__in=user_ids)
            .order_by("pk")
            .values_list("pk")
        )
        old = stored_facts(user_ids)
        new = {} if gone else raw_facts(user_ids)
        moved = [u for u in user_ids if old.get(u, NOTHING) != new.get(u, NOTHING)]
        if not moved:
            return
        changed()
        keys = {
            f.key
            for u in moved
            for f in (old.get(u, NOTHING), new.get(u, NOTHING))
            if f.key is not None
        }
        ids, paths = _cohort_ids(keys, lock=True)
        current = bases(keys, paths)
        delta = _empty_part()
        for user_id in moved:
            before, after = old.get(user_id, NOTHING), new.get(user_id, NOTHING)
            add_part(delta, before, current.get(before.key), -1)
            add_part(delta, after, current.get(after.key), +1)
            _save_facts(user_id, after, ids, stored=user_id in old)
        _write(delta, ids, current)


def refresh_units(units: Iterable[OrgUnit]) -> None:
    """Work out again the yearly rows of every cohort at or below these units whose basis has
    changed (an assignment, a course's status or the tree moved): from their cadres' stored
    facts, all in this transaction."""
    cohorts = Cohort.objects.filter(unit__in=OrgUnit.objects.subtree_of(list(units)))
    with transaction.atomic():
        # Always: what reaches the cohorts (and, for a move, which units they sit below)
        # changed, even when no yearly row needs working out again.
        changed()
        rows = cohorts.select_for_update().order_by("pk").values_list(*_COHORT)
        key_of = {pk: Key(unit, rank, leader) for pk, unit, rank, leader, _n in rows}
        current = bases(key_of.values())
        basis = {pk: current[key] for pk, key in key_of.items()}
        stale = {
            pk
            for pk, stored_basis in CohortYear.objects.filter(cohort_id__in=key_of)
            .values_list("cohort_id", "basis")
            .distinct()
            if stored_basis != str(basis[pk])
        }
        if stale:
            _recompute_years({pk: basis[pk] for pk in stale})


_COHORT = ("pk", "unit_id", "rank", "is_leader", "cadres")


def _member_years(
    cohort_ids: set[int], basis: dict[int, Basis], year: int | None = None
) -> dict[tuple, dict]:
    """The yearly sums of these cohorts (of one year, or all) from their cadres' facts."""
    out: dict[tuple[int, int], YearSum] = defaultdict(YearSum)
    query = CadreFacts.objects.filter(cohort_id__in=cohort_ids).values_list("cohort_id", "courses")
    for cohort_id, courses in query.iterator(chunk_size=CHUNK):
        facts = Facts.from_row(None, courses)
        for y, sums in year_sums(facts, basis[cohort_id]).items():
            if year is None or y == year:
                out[(cohort_id, y)].add(sums)
    return {
        k: {
            "counted": s.counted,
            "hours": s.hours,
            "required_hours": s.required_hours,
            "met": s.met,
        }
        for k, s in out.items()
    }


# --- Reading: the dashboard's cohorts ----------------------------------------------------------


class CohortRow(NamedTuple):
    """A cohort as the dashboard reads it; `Report` reads unit_path, rank and is_leader."""

    pk: int
    unit_path: str
    rank: str
    is_leader: bool
    cadres: int


@dataclass
class Cohorts:
    year: int
    cohorts: list[CohortRow]
    ids: object  # the cohorts as a values() subquery
    years: dict[int, tuple[int, Decimal, Decimal, int, str]]  # cohort: the year's row

    def courses(self, course_ids: Iterable[int]) -> dict[tuple[int, int], tuple[int, int]]:
        """(cohort, course): (completed, waived) for these courses: one query."""
        return {
            (cohort, course): (done, waived)
            for cohort, course, done, waived in CohortCourse.objects.filter(
                cohort_id__in=self.ids, course_id__in=sorted(course_ids)
            ).values_list("cohort_id", "course_id", "completed", "waived")
        }

    def mastery(self) -> dict[int, dict[int, tuple[Decimal, int]]]:
        """Per leaders' cohort, competency: (total, leaders) of their current mastery."""
        out: dict[int, dict[int, tuple[Decimal, int]]] = defaultdict(dict)
        rows = CohortMastery.objects.filter(cohort_id__in=self.ids, leaders__gt=0).values_list(
            "cohort_id", "competency_id", "total", "leaders"
        )
        for cohort, competency, total, leaders in rows:
            out[cohort][competency] = (total, leaders)
        return out

    def year_sums(self, required: dict[int, frozenset[int]]) -> dict[int, YearSum]:
        """Each cohort's hours in the year, given the courses each is required to take now.
        A row computed on another basis is worked out again from the cohort's cadres' facts
        (one query for all of them); cadres with no hours that year meet the requirement only
        when its targets are zero."""
        out, stale = {}, {}
        cohorts = [c for c in self.cohorts if c.pk in required]
        for cohort in cohorts:
            basis = basis_of(required[cohort.pk])
            row = self.years.get(cohort.pk)
            if row is None:
                out[cohort.pk] = YearSum()
            elif row[4] == str(basis):
                out[cohort.pk] = YearSum(*row[:4])
            else:
                stale[cohort.pk] = basis
        if stale:
            logger.warning("%d cohorts' summaries are stale: run rebuild_summaries", len(stale))
            sums = _member_years(set(stale), stale, year=self.year)
            for pk in stale:
                out[pk] = YearSum(**sums.get((pk, self.year), {}))
        nothing_meets = YearHours(self.year).met
        if nothing_meets:
            for cohort in cohorts:
                out[cohort.pk].met += cohort.cadres - out[cohort.pk].counted
        return out


def cohorts_for(roots: Iterable[OrgUnit], filters) -> Cohorts:
    """The cohorts the dashboard's filters keep (unit, rank, leaders) inside these roots and
    their row of the filtered year: two queries."""
    roots = list(roots)
    units = roots
    if filters.unit is not None:
        # Inside the roots, as the form's choices are: never a unit of another officer's.
        inside = any(filters.unit.path.startswith(root.path) for root in roots)
        units = [filters.unit] if inside else []
    cohorts = Cohort.objects.filter(unit__in=OrgUnit.objects.subtree_of(units), cadres__gt=0)
    if filters.rank:
        cohorts = cohorts.filter(rank=filters.rank)
    if filters.leaders_only:
        cohorts = cohorts.filter(is_leader=True)
    rows = [
        CohortRow(*values)
        for values in cohorts.values_list("pk", "unit__path", "rank", "is_leader", "cadres")
    ]
    ids = cohorts.values("pk")
    years = {
        values[0]: values[1:]
        for values in CohortYear.objects.filter(cohort_id__in=ids, year=filters.year).values_list(
            "cohort_id", "counted", "hours", "required_hours", "met", "basis"
        )
    }
    return Cohorts(filters.year, rows, ids, years)


# --- Everything at once ------------------------------------------------------------------------


@dataclass
class Totals:
    """Every summary, as plain values: what `compute` works out and `stored` reads back."""

    facts: dict[int, Facts]
    cadres: dict[Key, int]
    courses: dict[tuple[Key, int], tuple[int, int]]
    years: dict[tuple[Key, int], tuple[int, Decimal, Decimal, int, str]]
    mastery: dict[tuple[Key, int], tuple[Decimal, int]]


def compute() -> Totals:
    """Every summary from the raw records, CHUNK users at a time."""
    user_ids = sorted(
        set(Profile.objects.values_list("user_id", flat=True))
        | set(CompletionRecord.objects.values_list("user_id", flat=True).distinct())
    )
    facts: dict[int, Facts] = {}
    for start in range(0, len(user_ids), CHUNK):
        chunk = user_ids[start : start + CHUNK]
        facts.update(raw_facts(between=(chunk[0], chunk[-1])))
    current = bases({f.key for f in facts.values() if f.key is not None})
    part = _empty_part()
    for f in facts.values():
        add_part(part, f, current.get(f.key))
    return Totals(
        {pk: f for pk, f in facts.items() if not f.empty},
        {k: n for k, n in part.cadres.items() if n},
        {k: tuple(v) for k, v in part.courses.items() if any(v)},
        {
            (key, year): (s.counted, s.hours, s.required_hours, s.met, str(current[key]))
            for (key, year), s in part.years.items()
        },
        {k: tuple(v) for k, v in part.mastery.items() if v[1]},
    )


def stored() -> Totals:
    """Every summary as stored, in the shape `compute` gives."""
    keys = {
        pk: Key(unit, rank, leader)
        for pk, unit, rank, leader, _n in Cohort.objects.values_list(*_COHORT)
    }
    return Totals(
        stored_facts(CadreFacts.objects.values("user_id")),
        {keys[pk]: n for pk, *_rest, n in Cohort.objects.values_list(*_COHORT) if n},
        {
            (keys[c], course): (done, waived)
            for c, course, done, waived in CohortCourse.objects.values_list(
                "cohort_id", "course_id", "completed", "waived"
            )
            if done or waived
        },
        {
            (keys[c], year): (counted, hours, required, met, basis)
            for c, year, counted, hours, required, met, basis in CohortYear.objects.values_list(
                "cohort_id", "year", "counted", "hours", "required_hours", "met", "basis"
            )
            if counted
        },
        {
            (keys[c], competency): (total, leaders)
            for c, competency, total, leaders in CohortMastery.objects.values_list(
                "cohort_id", "competency_id", "total", "leaders"
            )
            if leaders
        },
    )


def rebuild() -> Totals:
    """Replace every summary with what the raw records say. One transaction: a page read
    meanwhile sees the old summaries, never half of the new."""
    totals = compute()
    with transaction.atomic():
        changed()
        CadreFacts.objects.all().delete()
        CohortMastery.objects.all().delete()
        CohortYear.objects.all().delete()
        CohortCourse.objects.all().delete()
        Cohort.objects.all().delete()
        keys = set(totals.cadres) | {f.key for f in totals.facts.values() if f.key is not None}
        cohorts = Cohort.objects.bulk_create(
            Cohort(
                unit_id=k.unit_id,
                rank=k.rank,
                is_leader=k.is_leader,
                cadres=totals.cadres.get(k, 0),
            )
            for k in sorted(keys)
        )
        ids = {Key(c.unit_id, c.rank, c.is_leader): c.pk for c in cohorts}
        if None in ids.values():  # a backend that does not return ids from a bulk insert
            ids = {
                Key(u, r, leader): pk
                for pk, u, r, leader, _n in Cohort.objects.values_list(*_COHORT)
            }
        CadreFacts.objects.bulk_create(
            (
                CadreFacts(
                    user_id=pk,
                    cohort_id=ids.get(f.key),
                    courses=f.to_json(),
                    mastery=f.mastery_json(),
                )
                for pk, f in totals.facts.items()
            ),
            batch_size=CHUNK,
        )
        CohortCourse.objects.bulk_create(
            (
                CohortCourse(cohort_id=ids[k], course_id=c, completed=done, waived=waived)
                for (k, c), (done, waived) in totals.courses.items()
            ),
            batch_size=CHUNK,
        )
        CohortYear.objects.bulk_create(
            (
                CohortYear(
                    cohort_id=ids[k],
                    year=y,
                    counted=counted,
                    hours=hours,
                    required_hours=required,
                    met=met,
                    basis=basis,
                )
                for (k, y), (counted, hours, required, met, basis) in totals.years.items()
            ),
            batch_size=CHUNK,
        )
        CohortMastery.objects.bulk_create(
            (
                CohortMastery(cohort_id=ids[k], competency_id=c, total=total, leaders=leaders)
                for (k, c), (total, leaders) in totals.mastery.items()
            ),
            batch_size=CHUNK,
        )
    if connection.vendor == "postgresql":
        # Fresh tables have no statistics until autovacuum comes by: without them the planner
        # guesses one row per unit and the dashboard's queries take five times longer.
        with connection.cursor() as cursor:
            for model in (Cohort, CohortCourse, CohortYear, CohortMastery, CadreFacts):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return totals


def differences(a: Totals, b: Totals) -> list[str]:
    """What differs between two sets of summaries, for `--check` and the tests."""
    out = []
    for name in ("cadres", "courses", "years", "mastery", "facts"):
        left, right = getattr(a, name), getattr(b, name)
        for k in sorted(set(left) | set(right), key=str):
            if left.get(k) != right.get(k):
                out.append(f"{name} {k}: {left.get(k)} != {right.get(k)}")
    return out


__all__ = [
    "Basis",
    "Facts",
    "Key",
    "bases",
    "compute",
    "differences",
    "rebuild",
    "refresh",
    "refresh_units",
    "stored",
]
