"""What every HR report shares: the filters, cadres and ledger lines as plain values, and
`Report`, which applies `rules` to many cadres at once.

Reports read plain values (one query per kind of data: cadres, assignments, ledger lines,
"started" flags, mastery) and compute in Python, so a page costs the same number of queries for
five cadres or five thousand, and the status rules exist once, in `records/rules.py`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Q, QuerySet
from django.utils import timezone

from courses.models import Course, LessonProgress
from people.models import OrgUnit, Profile
from quizzes.models import Attempt

from .. import rules
from ..models import Assignment, CompletionRecord
from ..rules import Status
from ..services import YearHours, hours_by_year

PAGE_SIZE = 25
EXPORT_CHUNK = 2000


@dataclass(frozen=True)
class Filters:
    """What the HR officer asked for. `unit` is always inside their scope (the form's choices)."""

    year: int
    unit: OrgUnit | None = None
    rank: str = ""
    leaders_only: bool = False
    course: Course | None = None
    status: str = ""
    q: str = ""

    @property
    def narrows_pairs(self) -> bool:
        """Whether only cadres with a matching assigned course count (a course or a status)."""
        return bool(self.course or self.status)


def default_filters() -> Filters:
    return Filters(year=timezone.localdate().year)


# --- Plain values ---------------------------------------------------------------------------


class Cadre(NamedTuple):
    pk: int
    user_id: int
    full_name: str
    unit_name: str
    unit_path: str
    rank: str
    is_leader: bool
    staff_number: str = ""  # blank for people added before staff numbers

    @property
    def rank_label(self) -> str:
        return str(Profile.Rank(self.rank).label) if self.rank in Profile.Rank.values else ""


CADRE_FIELDS = (
    "pk",
    "user_id",
    "full_name",
    "unit__name",
    "unit__path",
    "rank",
    "is_leader",
    "staff_number",
)


class Line(NamedTuple):
    """A ledger line as values; `standing_record` and `hours_by_year` read these attributes."""

    pk: int
    user_id: int
    course_id: int
    kind: str
    year: int
    hours: Decimal
    occurred_at: dt.datetime
    corrects_id: int | None


LINE_FIELDS = ("pk", "user_id", "course_id", "kind", "year", "hours", "occurred_at", "corrects_id")


class StatusLine(NamedTuple):
    """Just what `rules.standing_record` reads: no dates or decimals to convert, for deciding
    the status of every cadre of a scope."""

    pk: int
    user_id: int
    course_id: int
    kind: str
    corrects_id: int | None


STATUS_LINE_FIELDS = ("pk", "user_id", "course_id", "kind", "corrects_id")


def filter_people(people: QuerySet, filters: Filters) -> QuerySet:
    """Narrow an already scoped queryset of cadres by unit, rank, leadership and a search of
    name, position or staff number."""
    if filters.unit is not None:
        people = people.in_units([filters.unit])
    if filters.rank:
        people = people.filter(rank=filters.rank)
    if filters.leaders_only:
        people = people.filter(is_leader=True)
    if filters.q:
        people = people.search(filters.q)
    return people


def top_roots(roots: Iterable[OrgUnit]) -> list[OrgUnit]:
    """The officer's roots without those lying inside another root, so nothing counts twice."""
    out: list[OrgUnit] = []
    for unit in sorted(roots, key=lambda u: u.path):
        if not any(unit.path.startswith(kept.path) for kept in out):
            out.append(unit)
    return out


def for_officer(officer, filters: Filters, today=None) -> Report:
    """The report an HR officer's tables and exports are worked out by: the assignments that
    can reach their units, today."""
    return Report(
        scope_assignments(top_roots(officer.hr_roots)), filters, today or timezone.localdate()
    )


def scope_assignments(roots: list[OrgUnit]) -> list[Assignment]:
    """Active assignments that can reach someone in scope: made to a unit above a root, to a
    root, or to a unit below one. One query."""
    if not roots:
        return []
    above = {pk for unit in roots for pk in unit.ancestor_ids()}
    condition = Q(unit_id__in=above)
    for unit in roots:
        condition |= Q(unit__path__startswith=unit.path)
    # Ordered like `for_profile` (the model's ordering), so `one_per_course` picks the same one.
    return list(Assignment.objects.active().filter(condition).select_related("course", "unit"))


# --- Rows -----------------------------------------------------------------------------------


@dataclass
class Row:
    """One (cadre, assigned course) pair of the completion table."""

    cadre: Cadre
    assignment: Assignment
    status: str
    record: Line | None
    hours: Decimal  # net hours credited for this course: credits minus voids

    @property
    def course(self) -> Course:
        return self.assignment.course

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def settled_on(self) -> dt.date | None:
        """The day the standing completion or waiver was recorded, in the site's time zone."""
        return timezone.localdate(self.record.occurred_at) if self.record else None


@dataclass
class LedgerRow:
    cadre: Cadre
    hours: YearHours


class Report:
    """The assignments of one officer's scope, evaluated for cadres given as value tuples.

    Two steps, so that only what a cadre needs is read: `candidates` (no query: which assigned
    courses the cadre has and which of them the course and year filters keep) and `pairs` (with
    the cadre's ledger lines and "started" flags: the status of each)."""

    def __init__(self, assignments: list[Assignment], filters: Filters, today: dt.date):
        self.assignments = assignments
        self.filters = filters
        self.today = today
        self.unit_paths = {a.unit_id: a.unit.path for a in assignments}
        self.course_ids = sorted({a.course_id for a in assignments})
        # Only assignments made to a cadre's unit or a unit above it can reach them: indexed by
        # unit, a cadre is tested against those few, not against every assignment of the scope.
        self._by_unit: dict[int, list[tuple[int, Assignment]]] = defaultdict(list)
        for position, a in enumerate(assignments):
            self._by_unit[a.unit_id].append((position, a))
        # Cadres whose units lie below the same units with assignments, of one rank and
        # leadership, have the same assigned courses (`rules.reaches` reads nothing else): a
        # county has a hundred thousand cadres but a few hundred such groups, each worked out
        # once (`_group`).
        self._units_with_assignments: dict[str, tuple[int, ...]] = {}
        self._reaching: dict[tuple, list[Assignment]] = {}
        self._assigned: dict[tuple, list[Assignment]] = {}
        self._candidates: dict[tuple, list[Assignment]] = {}
        self._required: dict[tuple, frozenset[int]] = {}

    # One cadre --------------------------------------------------------------------------

    def _group(self, cadre) -> tuple:
        """What decides the cadre's assignments: the units above them (or theirs) that have
        assignments in this scope, their rank and their leadership."""
        path = cadre.unit_path or ""
        if path not in self._units_with_assignments:
            self._units_with_assignments[path] = tuple(
                pk for pk in OrgUnit.ids_in_path(path) if pk in self._by_unit
            )
        return self._units_with_assignments[path], cadre.rank, cadre.is_leader

    def reaching(self, cadre: Cadre) -> list[Assignment]:
        """The assignments that reach the cadre, in the scope's order (`rules.reaches`); worked
        out once per unit, rank and leadership."""
        key = self._group(cadre)
        if key in self._reaching:
            return self._reaching[key]
        above = sorted(p for pk in key[0] for p in self._by_unit[pk])
        self._reaching[key] = found = [
            a
            for _position, a in above
            if rules.reaches(
                a,
                self.unit_paths[a.unit_id],
                unit_path=cadre.unit_path or "",
                rank=cadre.rank,
                is_leader=cadre.is_leader,
            )
        ]
        return found

    def assigned(self, cadre: Cadre) -> list[Assignment]:
        """The cadre's assigned courses, one assignment each (no filter applied)."""
        key = self._group(cadre)
        if key not in self._assigned:
            self._assigned[key] = rules.one_per_course(self.reaching(cadre))
        return self._assigned[key]

    def candidates(self, cadre: Cadre) -> list[Assignment]:
        """The cadre's assigned courses that the course and year filters keep."""
        key = self._group(cadre)
        if key not in self._candidates:
            f = self.filters
            self._candidates[key] = [
                a
                for a in self.assigned(cadre)
                if (f.course is None or a.course_id == f.course.pk) and a.due_date.year == f.year
            ]
        return self._candidates[key]

    def pairs(
        self, cadre: Cadre, lines: list[Line], started: set[int], assignments=None
    ) -> list[Row]:
        """Each of `assignments` (default: every assigned course) with its status."""
        by_course: dict[int, list[Line]] = defaultdict(list)
        for line in lines:
            by_course[line.course_id].append(line)
        rows = []
        for assignment in self.assigned(cadre) if assignments is None else assignments:
            course_lines = by_course[assignment.course_id]
            status, record = self._status(assignment, course_lines, started)
            rows.append(Row(cadre, assignment, status, record, rules.net_hours(course_lines)))
        return rows

    def has_status(self, cadre: Cadre, lines, started: set[int], wanted: str) -> bool:
        """Whether one of the cadre's candidate courses is in the `wanted` status."""
        by_course: dict[int, list] = defaultdict(list)
        for line in lines:
            by_course[line.course_id].append(line)
        return any(
            self._status(a, by_course[a.course_id], started)[0] == wanted
            for a in self.candidates(cadre)
        )

    def _status(self, assignment: Assignment, lines, started: set[int]) -> tuple[Status, object]:
        """The status of one assigned course from the cadre's lines of that course, and the
        line that settles it."""
        return rules.course_status(
            lines,
            due_date=assignment.due_date,
            started=assignment.course_id in started,
            today=self.today,
        )

    def kept(self, cadre: Cadre, lines: list[Line], started: set[int]) -> list[Row]:
        """The cadre's rows that every filter keeps: course, year (due date) and status."""
        rows = self.pairs(cadre, lines, started, self.candidates(cadre))
        return [r for r in rows if not self.filters.status or r.status == self.filters.status]

    def required_courses(self, cadre: Cadre) -> frozenset[int]:
        """The courses a required assignment reaches the cadre with; worked out once per unit,
        rank and leadership, as `assigned` is (a county asks it of every cadre)."""
        key = self._group(cadre)
        if key not in self._required:
            self._required[key] = frozenset(
                a.course_id for a in self.reaching(cadre) if a.kind == Assignment.Kind.REQUIRED
            )
        return self._required[key]

    def year_hours(self, cadre: Cadre, lines: list[Line]) -> YearHours:
        """The cadre's hours in the filtered year; a course counts as required when a required
        assignment reaches them (as `ledger_for` decides)."""
        years = hours_by_year(lines, self.required_courses(cadre))
        return years.get(self.filters.year) or YearHours(self.filters.year)

    # Many cadres at once: two queries -----------------------------------------------------

    def load_lines(self, user_ids) -> dict[int, list[Line]]:
        """Ledger lines of these cadres that any report needs: the year's (for hours) and the
        assigned courses' (for status). `user_ids` may be a list or a values() subquery."""
        query = CompletionRecord.objects.filter(user_id__in=user_ids).filter(
            Q(year=self.filters.year) | Q(course_id__in=self.course_ids)
        )
        return _by_user(query, Line, LINE_FIELDS)

    def load_status_lines(self, user_ids) -> dict[int, list[StatusLine]]:
        """The assigned courses' ledger lines of these cadres, as `StatusLine`s."""
        query = CompletionRecord.objects.filter(user_id__in=user_ids, course_id__in=self.course_ids)
        return _by_user(query, StatusLine, STATUS_LINE_FIELDS)

    def load_started(self, user_ids) -> dict[int, set[int]]:
        """Per user id, the assigned courses with a lesson studied or a quiz attempt: one UNION
        query."""
        out: dict[int, set[int]] = defaultdict(set)
        if not self.course_ids:
            return out
        # Work in a translation starts its original (the assigned course): one case.
        lessons = (
            LessonProgress.objects.filter(
                Course.in_families("lesson__course", self.course_ids), user_id__in=user_ids
            )
            .order_by()
            .values_list("user_id", Course.credit_of("lesson__course"))
        )
        attempts = (
            Attempt.objects.filter(
                Course.in_families("quiz__course", self.course_ids), user_id__in=user_ids
            )
            .order_by()
            .values_list("user_id", Course.credit_of("quiz__course"))
        )
        for user_id, course_id in lessons.union(attempts):
            out[user_id].add(course_id)
        return out

    def rows_for(self, cadres: list[Cadre]) -> Iterator[Row]:
        """The filtered rows of these cadres, in their order; two queries, none when no cadre
        has a candidate course."""
        cadres = [c for c in cadres if self.candidates(c)]
        if not cadres:
            return
        user_ids = [c.user_id for c in cadres]
        lines = self.load_lines(user_ids)
        started = self.load_started(user_ids)
        for cadre in cadres:
            yield from self.kept(cadre, lines[cadre.user_id], started[cadre.user_id])

    def ledger_rows_for(self, cadres: list[Cadre]) -> Iterator[LedgerRow]:
        if not cadres:
            return
        lines = self.load_lines([c.user_id for c in cadres])
        for cadre in cadres:
            yield LedgerRow(cadre, self.year_hours(cadre, lines[cadre.user_id]))


def _by_user(query: QuerySet, row: type, fields: tuple[str, ...]) -> dict[int, list]:
    """The query's rows as `row` tuples, grouped by user id, oldest first."""
    out: dict[int, list] = defaultdict(list)
    for values in query.order_by("occurred_at", "pk").values_list(*fields):
        line = row(*values)
        out[line.user_id].append(line)
    return out
