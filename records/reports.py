"""HR reports: completion by unit, the leaders' competency heatmap, the completion table, the
hours ledger and the transcript.

Reports read plain values (one query per kind of data: cadres, assignments, ledger lines,
"started" flags, mastery) and compute in Python, so a page costs the same number of queries for
five cadres or five thousand. The status rules are the ones `services.statuses_for` applies to
one cadre: `Assignment.reaches`, `_one_per_course`, `standing_record` and `assignment_status`
are reused on value tuples.

The completion table, the ledger and the exports page through *cadres* with a queryset, so each
page or export chunk only loads the records of its own cadres. For that the SQL must already
know which cadres have a row that survives the course, year and status filters:
`pair_condition()` writes the same rules as SQL (one condition per assignment), and
`Report.rows_for()` applies them again in Python when it expands a cadre into rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from typing import NamedTuple

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Course, LessonProgress
from people.models import OrgUnit, Profile
from quizzes.models import Attempt, Competency

from .models import Assignment, CompletionRecord
from .services import (
    Status,
    YearHours,
    _one_per_course,
    assignment_status,
    hours_by_year,
    ledger_for,
    mastery_by_user,
    mastery_for,
    standing_record,
    statuses_for,
)

Kind = CompletionRecord.Kind

# Lazy labels: `services.Status.LABELS` is translated once at import time, in whatever language
# was active then, so the pages and exports use these.
STATUS_LABELS = {
    Status.COMPLETED: _("Completed"),
    Status.WAIVED: _("Waived"),
    Status.OVERDUE: _("Overdue"),
    Status.IN_PROGRESS: _("In progress"),
    Status.NOT_STARTED: _("Not started"),
}
STATUS_CHOICES = list(STATUS_LABELS.items())
CLOSED = (Status.COMPLETED, Status.WAIVED)  # nothing left to do: no reminder, no waiver

# Mastery buckets for the heatmap (percent of the competency's points, decaying average).
WEAK_BELOW = 50
GOOD_FROM = 70

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

    @property
    def rank_label(self) -> str:
        return str(Profile.Rank(self.rank).label) if self.rank in Profile.Rank.values else ""


CADRE_FIELDS = ("pk", "user_id", "full_name", "unit__name", "unit__path", "rank", "is_leader")


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


def filter_people(people: QuerySet, filters: Filters) -> QuerySet:
    """Narrow an already scoped queryset of cadres by unit, rank, leadership and name."""
    if filters.unit is not None:
        people = people.in_units([filters.unit])
    if filters.rank:
        people = people.filter(rank=filters.rank)
    if filters.leaders_only:
        people = people.filter(is_leader=True)
    if filters.q:
        people = people.filter(Q(full_name__icontains=filters.q) | Q(position__icontains=filters.q))
    return people


def top_roots(roots: Iterable[OrgUnit]) -> list[OrgUnit]:
    """The officer's roots without those lying inside another root, so nothing counts twice."""
    out: list[OrgUnit] = []
    for unit in sorted(roots, key=lambda u: u.path):
        if not any(unit.path.startswith(kept.path) for kept in out):
            out.append(unit)
    return out


def scope_assignments(roots: list[OrgUnit]) -> list[Assignment]:
    """Active assignments that can reach someone in scope: made to a unit above a root, to a
    root, or to a unit below one. One query."""
    if not roots:
        return []
    above = {int(part) for unit in roots for part in unit.path.strip("/").split("/") if part}
    condition = Q(unit_id__in=above)
    for unit in roots:
        condition |= Q(unit__path__startswith=unit.path)
    # Ordered like `for_profile` (the model's ordering), so `_one_per_course` picks the same one.
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
        return str(STATUS_LABELS[self.status])

    @property
    def settled_on(self) -> dt.date | None:
        """The day the standing completion or waiver was recorded, in the site's time zone."""
        return timezone.localdate(self.record.occurred_at) if self.record else None


@dataclass
class LedgerRow:
    cadre: Cadre
    hours: YearHours


class Report:
    """The assignments of one officer's scope, evaluated for cadres given as value tuples."""

    def __init__(self, assignments: list[Assignment], filters: Filters, today: dt.date):
        self.assignments = assignments
        self.filters = filters
        self.today = today
        self.unit_paths = {a.unit_id: a.unit.path for a in assignments}
        self.course_ids = sorted({a.course_id for a in assignments})

    # One cadre --------------------------------------------------------------------------

    def reaching(self, cadre: Cadre) -> list[Assignment]:
        if not cadre.unit_path:
            return []
        return [
            a
            for a in self.assignments
            if a.reaches(cadre.unit_path, cadre.rank, cadre.is_leader, self.unit_paths)
        ]

    def pairs(self, cadre: Cadre, lines: list[Line], started: set[int]) -> list[Row]:
        """Every assigned course of the cadre with its status (no filter applied)."""
        by_course: dict[int, list[Line]] = defaultdict(list)
        for line in lines:
            by_course[line.course_id].append(line)
        rows = []
        for assignment in _one_per_course(self.reaching(cadre)):
            course_lines = by_course[assignment.course_id]
            record = standing_record(course_lines)
            status = assignment_status(
                assignment, record, assignment.course_id in started, self.today
            )
            hours = sum(
                (ln.hours for ln in course_lines if ln.kind in (Kind.COMPLETED, Kind.VOIDED)),
                Decimal(0),
            )
            rows.append(Row(cadre, assignment, status, record, hours))
        return rows

    def keeps(self, row: Row) -> bool:
        """The course, year (due date) and status filters, as `pair_condition` has them."""
        f = self.filters
        return (
            (f.course is None or row.assignment.course_id == f.course.pk)
            and row.assignment.due_date.year == f.year
            and (not f.status or row.status == f.status)
        )

    def year_hours(self, cadre: Cadre, lines: list[Line]) -> YearHours:
        """The cadre's hours in the filtered year; a course counts as required when a required
        assignment reaches them (as `ledger_for` decides)."""
        required = {a.course_id for a in self.reaching(cadre) if a.kind == Assignment.Kind.REQUIRED}
        years = hours_by_year(lines, required)
        return years.get(self.filters.year) or YearHours(self.filters.year)

    # Many cadres at once: two queries -----------------------------------------------------

    def load_lines(self, user_ids) -> dict[int, list[Line]]:
        """Ledger lines of these cadres that any report needs: the year's (for hours) and the
        assigned courses' (for status). `user_ids` may be a list or a values() subquery."""
        lines: dict[int, list[Line]] = defaultdict(list)
        query = (
            CompletionRecord.objects.filter(user_id__in=user_ids)
            .filter(Q(year=self.filters.year) | Q(course_id__in=self.course_ids))
            .order_by("occurred_at", "pk")
            .values_list(*LINE_FIELDS)
        )
        for values in query:
            line = Line(*values)
            lines[line.user_id].append(line)
        return lines

    def load_started(self, user_ids) -> set[tuple[int, int]]:
        """(user id, course id) for assigned courses with a lesson studied or a quiz attempt:
        one UNION query."""
        if not self.course_ids:
            return set()
        lessons = (
            LessonProgress.objects.filter(
                user_id__in=user_ids, lesson__course_id__in=self.course_ids
            )
            .order_by()
            .values_list("user_id", "lesson__course_id")
        )
        attempts = (
            Attempt.objects.filter(user_id__in=user_ids, quiz__course_id__in=self.course_ids)
            .order_by()
            .values_list("user_id", "quiz__course_id")
        )
        return set(lessons.union(attempts))

    def rows_for(self, cadres: list[Cadre]) -> Iterator[Row]:
        """The filtered rows of these cadres, in their order; two queries."""
        if not cadres:
            return
        user_ids = [c.user_id for c in cadres]
        lines = self.load_lines(user_ids)
        started = started_by_user(self.load_started(user_ids))
        for cadre in cadres:
            for row in self.pairs(cadre, lines[cadre.user_id], started[cadre.user_id]):
                if self.keeps(row):
                    yield row

    def ledger_rows_for(self, cadres: list[Cadre]) -> Iterator[LedgerRow]:
        if not cadres:
            return
        lines = self.load_lines([c.user_id for c in cadres])
        for cadre in cadres:
            yield LedgerRow(cadre, self.year_hours(cadre, lines[cadre.user_id]))


def started_by_user(started: set[tuple[int, int]]) -> dict[int, set[int]]:
    out: dict[int, set[int]] = defaultdict(set)
    for user_id, course_id in started:
        out[user_id].add(course_id)
    return out


# --- The same rules in SQL, for paging through cadres ---------------------------------------


def _reach_condition(assignment: Assignment) -> Q:
    """SQL twin of `Assignment.reaches`, on Profile."""
    condition = Q(unit__path__startswith=assignment.unit.path)
    if assignment.ranks:
        condition &= Q(rank__in=assignment.ranks)
    if assignment.leaders_only:
        condition &= Q(is_leader=True)
    return condition


def _status_condition(course_id: int, assignment: Assignment, status: str, today) -> Q | None:
    """SQL twin of `standing_record` + `assignment_status` for one course; None: impossible."""
    if not status:
        return Q()
    records = CompletionRecord.objects.filter(user_id=OuterRef("user_id"), course_id=course_id)
    voided = CompletionRecord.objects.filter(corrects_id=OuterRef("pk"), kind=Kind.VOIDED)
    completed = Q(Exists(records.filter(kind=Kind.COMPLETED).filter(~Exists(voided))))
    waived = Q(Exists(records.filter(kind=Kind.WAIVED)))
    if status == Status.COMPLETED:
        return completed
    if status == Status.WAIVED:
        return ~completed & waived
    open_ = ~completed & ~waived
    overdue = assignment.due_date < today
    if status == Status.OVERDUE:
        return open_ if overdue else None
    if overdue:  # an open course past its due date is overdue, never in progress
        return None
    started = Q(
        Exists(
            LessonProgress.objects.filter(user_id=OuterRef("user_id"), lesson__course_id=course_id)
        )
    ) | Q(Exists(Attempt.objects.filter(user_id=OuterRef("user_id"), quiz__course_id=course_id)))
    if status == Status.IN_PROGRESS:
        return open_ & started
    return open_ & ~started


def pair_condition(assignments: list[Assignment], filters: Filters, today) -> Q | None:
    """Cadres with at least one assigned course that `Report.keeps`; None: nobody.

    For each course the cadre's assignment is the first that reaches them in `_one_per_course`
    order, so an assignment counts only where no preferred one reaches. The condition grows
    with the number of assignments, never with the number of cadres."""
    by_course: dict[int, list[Assignment]] = defaultdict(list)
    for a in sorted(assignments, key=lambda a: (a.kind != Assignment.Kind.REQUIRED, a.due_date)):
        by_course[a.course_id].append(a)
    result: Q | None = None
    for course_id, candidates in by_course.items():
        if filters.course is not None and course_id != filters.course.pk:
            continue
        preferred: Q | None = None
        for assignment in candidates:
            reach = _reach_condition(assignment)
            chosen = reach if preferred is None else reach & ~preferred
            preferred = reach if preferred is None else preferred | reach
            if assignment.due_date.year != filters.year:
                continue
            status = _status_condition(course_id, assignment, filters.status, today)
            if status is None:
                continue
            result = chosen & status if result is None else result | (chosen & status)
    return result


def matching_cadres(people: QuerySet, report: Report) -> QuerySet:
    """The scoped, filtered cadres who have a row in the completion table, in table order."""
    people = filter_people(people, report.filters)
    condition = pair_condition(report.assignments, report.filters, report.today)
    if condition is None:
        return people.none()
    return people.filter(condition).order_by("unit__path", "full_name", "pk")


def ledger_cadres(people: QuerySet, report: Report) -> QuerySet:
    """The cadres of the hours ledger: everyone filtered, or only those with a matching
    assigned course when a course or status is asked for."""
    if report.filters.narrows_pairs:
        return matching_cadres(people, report)
    return filter_people(people, report.filters).order_by("unit__path", "full_name", "pk")


def completion_page(people: QuerySet, report: Report, number) -> tuple[Page, list[Row]]:
    """One page of the completion table. Paged by cadre, not by row, so a page reads the
    records of PAGE_SIZE cadres whatever the size of the scope (a page then holds every
    matching course of those cadres: usually more than PAGE_SIZE rows)."""
    cadres = matching_cadres(people, report).values_list(*CADRE_FIELDS)
    page = Paginator(cadres, PAGE_SIZE).get_page(number)
    return page, list(report.rows_for([Cadre(*values) for values in page.object_list]))


def ledger_page(people: QuerySet, report: Report, number) -> tuple[Page, list[LedgerRow]]:
    cadres = ledger_cadres(people, report).values_list(*CADRE_FIELDS)
    page = Paginator(cadres, PAGE_SIZE).get_page(number)
    return page, list(report.ledger_rows_for([Cadre(*values) for values in page.object_list]))


def iter_chunks(cadres: QuerySet, size: int | None = None) -> Iterator[list[Cadre]]:
    """Cadres as value tuples, `size` (default EXPORT_CHUNK) at a time, from a server-side
    cursor where the database has them."""
    size = size or EXPORT_CHUNK
    iterator = cadres.values_list(*CADRE_FIELDS).iterator(chunk_size=size)
    while chunk := [Cadre(*values) for values in islice(iterator, size)]:
        yield chunk


# --- The dashboard --------------------------------------------------------------------------


@dataclass
class HeatCell:
    competency: Competency
    value: Decimal | None

    @property
    def bucket(self) -> str:
        if self.value is None:
            return "none"
        if self.value < WEAK_BELOW:
            return "weak"
        return "good" if self.value >= GOOD_FROM else "fair"


@dataclass
class UnitRow:
    unit: OrgUnit
    own_staff: bool = False  # the selected unit's own cadres, not those of its subunits
    cadres: int = 0
    assigned: int = 0
    completed: int = 0
    waived: int = 0
    overdue: int = 0
    hours: Decimal = Decimal(0)
    required_hours: Decimal = Decimal(0)
    met: int = 0
    leaders: int = 0
    mastery: dict[int, list[Decimal]] = field(default_factory=lambda: defaultdict(list))
    heat: list[HeatCell] = field(default_factory=list)

    @property
    def counted(self) -> int:
        """Pairs the rate is taken over: waived courses are no longer due."""
        return self.assigned - self.waived

    @property
    def rate(self) -> int | None:
        return round(100 * self.completed / self.counted) if self.counted else None

    @property
    def average_hours(self) -> Decimal | None:
        return self.hours / self.cadres if self.cadres else None

    @property
    def average_required_hours(self) -> Decimal | None:
        return self.required_hours / self.cadres if self.cadres else None

    def add(self, other: UnitRow) -> None:
        for name in ("cadres", "assigned", "completed", "waived", "overdue", "met", "leaders"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.hours += other.hours
        self.required_hours += other.required_hours


@dataclass
class Dashboard:
    filters: Filters
    rows: list[UnitRow]
    total: UnitRow
    competencies: list[Competency]
    breadcrumb: list[OrgUnit]
    hours_per_year: int = field(default_factory=lambda: settings.STUDY_HOURS_PER_YEAR)
    hours_required: int = field(default_factory=lambda: settings.STUDY_HOURS_REQUIRED)

    @property
    def has_heat(self) -> bool:
        return any(cell.value is not None for row in self.rows for cell in row.heat)


def _row_units(officer: Profile, filters: Filters) -> tuple[list[OrgUnit], list[OrgUnit]]:
    """The units the table shows (children of the selected unit, or the officer's roots) and
    the breadcrumb down to the selected unit, never above the officer's roots."""
    roots = top_roots(officer.hr_roots)
    if filters.unit is None:
        return sorted(roots, key=lambda u: u.name), []
    unit = filters.unit
    root = next((r for r in roots if unit.path.startswith(r.path)), unit)
    breadcrumb = [a for a in unit.ancestors() if a.depth >= root.depth]
    return list(OrgUnit.objects.filter(parent=unit).order_by("name", "pk")), breadcrumb


def dashboard(officer: Profile, people: QuerySet, filters: Filters, today=None) -> Dashboard:
    """Completion, overdue, hours and the leaders' mastery per unit, for `people` (already
    limited to the officer's scope). Queries: children and breadcrumb of the selected unit,
    cadres, assignments, ledger lines, started flags, mastery, competencies."""
    today = today or timezone.localdate()
    row_units, breadcrumb = _row_units(officer, filters)
    rows = [UnitRow(unit) for unit in row_units]
    row_by_unit = {row.unit.pk: row for row in rows}
    own = UnitRow(filters.unit, own_staff=True) if filters.unit else None

    people = filter_people(people, filters)
    cadres = [Cadre(*values) for values in people.values_list(*CADRE_FIELDS)]
    report = Report(scope_assignments(top_roots(officer.hr_roots)), filters, today)
    # Subqueries rather than lists of ids: the same SQL whatever the headcount.
    user_ids = people.values("user_id")
    lines = report.load_lines(user_ids)
    started = started_by_user(report.load_started(user_ids))
    mastery = mastery_by_user(people.filter(is_leader=True).values("user_id"))
    competencies = list(Competency.objects.all())

    for cadre in cadres:
        row = _row_of(cadre, row_by_unit) or own
        if row is None:  # outside the rows: cannot happen for an in-scope cadre
            continue
        pairs = [
            p
            for p in report.pairs(cadre, lines[cadre.user_id], started[cadre.user_id])
            if report.keeps(p)
        ]
        if filters.narrows_pairs and not pairs:
            continue
        row.cadres += 1
        row.assigned += len(pairs)
        row.completed += sum(p.status == Status.COMPLETED for p in pairs)
        row.waived += sum(p.status == Status.WAIVED for p in pairs)
        row.overdue += sum(p.status == Status.OVERDUE for p in pairs)
        hours = report.year_hours(cadre, lines[cadre.user_id])
        row.hours += hours.total
        row.required_hours += hours.required
        row.met += hours.met
        if cadre.is_leader:
            row.leaders += 1
            for competency_id, value in mastery.get(cadre.user_id, {}).items():
                row.mastery[competency_id].append(value)

    if own is not None and own.cadres:
        rows.insert(0, own)
    for row in rows:
        row.heat = [HeatCell(c, _mean(row.mastery.get(c.pk))) for c in competencies]
    total = UnitRow(filters.unit or OrgUnit(name=str(_("All my units"))))
    for row in rows:
        total.add(row)
    return Dashboard(filters, rows, total, competencies, breadcrumb)


def _row_of(cadre: Cadre, row_by_unit: dict[int, UnitRow]) -> UnitRow | None:
    for part in cadre.unit_path.strip("/").split("/"):
        row = row_by_unit.get(int(part))
        if row is not None:
            return row
    return None


def _mean(values: list[Decimal] | None) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.1"))


# --- The transcript -------------------------------------------------------------------------


@dataclass
class AssignedCourse:
    """One line of the transcript's assignments, with a label in the reader's language."""

    assignment: Assignment
    status: str
    record: CompletionRecord | None

    @property
    def course(self) -> Course:
        return self.assignment.course

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED


def open_courses(statuses: Iterable) -> list[int]:
    """Assigned courses that can still be waived: neither completed nor already waived."""
    return [s.assignment.course_id for s in statuses if s.status not in CLOSED]


@dataclass
class LedgerEntry:
    """A ledger line and the lines that correct it (a void), for the transcript."""

    record: CompletionRecord
    corrected_by: list[CompletionRecord] = field(default_factory=list)

    @property
    def recorded_by(self) -> str:
        return recorder_name(self.record.recorded_by)


@dataclass
class Transcript:
    person: Profile
    assigned: list[AssignedCourse]
    entries: list[LedgerEntry]
    ledger: list[YearHours]
    mastery: list
    attempts: list[Attempt]

    @property
    def open_courses(self) -> list[int]:
        return open_courses(self.assigned)


def transcript(person: Profile, today=None) -> Transcript:
    """Everything HR reads about one cadre: assignments, every ledger line (waivers, voids and
    what they correct), hours per year, mastery and quiz attempts."""
    records = (
        CompletionRecord.objects.filter(user=person.user)
        .select_related("course", "recorded_by__profile")
        .order_by("occurred_at", "pk")
    )
    entries = {record.pk: LedgerEntry(record) for record in records}
    for entry in entries.values():
        corrected = entries.get(entry.record.corrects_id)
        if corrected is not None:
            corrected.corrected_by.append(entry.record)
    attempts = list(
        Attempt.objects.filter(user=person.user)
        .select_related("quiz__course")
        .order_by("-started_at", "-pk")
    )
    return Transcript(
        person=person,
        assigned=[
            AssignedCourse(s.assignment, s.status, s.record) for s in statuses_for(person, today)
        ],
        entries=list(entries.values()),
        ledger=ledger_for(person),
        mastery=mastery_for(person.user),
        attempts=attempts,
    )


def recorder_name(user) -> str:
    """Who wrote a ledger line: their full name, or the account name if they have no profile;
    empty for lines the system wrote itself."""
    if user is None:
        return ""
    profile = getattr(user, "profile", None)  # a missing profile raises an AttributeError
    return profile.full_name if profile and profile.full_name else user.get_username()
