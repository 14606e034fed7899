"""The HR dashboard: completion, overdue, hours and the leaders' mastery per unit."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.models import OrgUnit, Profile
from quizzes.models import Competency

from .. import rules, summaries
from ..rules import Status
from ..services import mastery_by_user
from .base import CADRE_FIELDS, Cadre, Filters, Report, filter_people, scope_assignments, top_roots

# Mastery buckets for the heatmap (percent of the competency's points, decaying average).
WEAK_BELOW = 50
GOOD_FROM = 70


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
    # Per competency, the sum of the leaders' current mastery and how many leaders have one.
    mastery: dict[int, list] = field(default_factory=lambda: defaultdict(lambda: [Decimal(0), 0]))
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


def dashboard(
    officer: Profile, people: QuerySet, filters: Filters, today=None, *, live: bool = False
) -> Dashboard:
    """Completion, overdue, hours and the leaders' mastery per unit, for `people` (already
    limited to the officer's scope). Read from the summaries (`records.summaries`) whatever
    the headcount; a status filter or a search, which pick cadres one by one, is worked out
    from every cadre's records instead, as `live` asks for every filter (the tests compare)."""
    today = today or timezone.localdate()
    row_units, breadcrumb = _row_units(officer, filters)
    rows = [UnitRow(unit) for unit in row_units]
    row_by_unit = {row.unit.pk: row for row in rows}
    own = UnitRow(filters.unit, own_staff=True) if filters.unit else None
    report = Report(scope_assignments(top_roots(officer.hr_roots)), filters, today)
    people = filter_people(people, filters)
    if live or filters.status or filters.q:
        mastery = mastery_by_user(people.filter(is_leader=True).values("user_id"))
        _count_cadres(people, report, mastery, row_by_unit, own)
    else:
        _cohort_counts(officer, filters, report, row_by_unit, own)
    # Every competency is read (one query whatever the data), then only those some leader shown
    # here was assessed on become columns: another case's framework adds no empty columns.
    competencies = list(Competency.objects.all())

    if own is not None and own.cadres:
        rows.insert(0, own)
    assessed = {pk for row in rows for pk, (_total, n) in row.mastery.items() if n}
    competencies = sorted((c for c in competencies if c.pk in assessed), key=lambda c: c.sort_key)
    for row in rows:
        row.heat = [HeatCell(c, _mean(row.mastery.get(c.pk))) for c in competencies]
    total = UnitRow(filters.unit or OrgUnit(name=str(_("All my units"))))
    for row in rows:
        total.add(row)
    return Dashboard(filters, rows, total, competencies, breadcrumb)


def _count_cadres(people: QuerySet, report: Report, mastery, row_by_unit, own) -> None:
    """Fill the rows cadre by cadre from their ledger lines and "started" flags."""
    filters = report.filters
    cadres = [Cadre(*values) for values in people.values_list(*CADRE_FIELDS)]
    # Subqueries rather than lists of ids: the same SQL whatever the headcount.
    user_ids = people.values("user_id")
    lines = report.load_lines(user_ids)
    started = report.load_started(user_ids)
    for cadre in cadres:
        row = _row_of(cadre.unit_path, row_by_unit) or own
        if row is None:  # outside the rows: cannot happen for an in-scope cadre
            continue
        pairs = report.kept(cadre, lines[cadre.user_id], started[cadre.user_id])
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
                entry = row.mastery[competency_id]
                entry[0] += summaries.heat_value(value)
                entry[1] += 1


# The figures of a row that the cache keeps (the unit is the page's; the heat is built after).
_FIGURES = ("cadres", "assigned", "completed", "waived", "overdue", "hours")
_FIGURES += ("required_hours", "met", "leaders")


def _cohort_counts(officer: Profile, filters: Filters, report: Report, row_by_unit, own):
    """The rows' figures from the summaries, through the cache when it is on: kept under the
    summaries' version (a write gives them a new one), the database, the officer's units, the
    filters, the day (overdue moves with it), the assignments that reach them and the yearly
    targets, so a page repeated finds them and a write is seen by the next page."""
    seconds = settings.DASHBOARD_CACHE_SECONDS
    if not seconds or summaries.written_here():
        _count_cohorts(officer, filters, report, row_by_unit, own)
        return
    key = _figures_key(officer, filters, report)
    rows = {pk: row for pk, row in row_by_unit.items()}
    if own is not None:
        rows["own"] = own
    kept = cache.get(key)
    if kept is None:
        _count_cohorts(officer, filters, report, row_by_unit, own)
        kept = {
            pk: ([getattr(row, name) for name in _FIGURES], dict(row.mastery))
            for pk, row in rows.items()
        }
        cache.set(key, kept, timeout=seconds)
        return
    for pk, row in rows.items():
        # A unit made since (no cadre yet) is not among them: its figures stay zero.
        figures, mastery = kept.get(pk, ([0] * len(_FIGURES), {}))
        for name, value in zip(_FIGURES, figures, strict=True):
            setattr(row, name, value)
        for competency_id, entry in mastery.items():
            row.mastery[competency_id] = list(entry)


def _figures_key(officer: Profile, filters: Filters, report: Report) -> str:
    parts = (
        summaries.version(),
        connection.settings_dict["NAME"],  # two sites, or test runs, sharing one Redis
        sorted(u.pk for u in officer.hr_roots),
        filters.unit.pk if filters.unit else None,
        filters.rank,
        filters.leaders_only,
        filters.course.pk if filters.course else None,
        filters.year,
        report.today,
        settings.STUDY_HOURS_PER_YEAR,
        settings.STUDY_HOURS_REQUIRED,
        # Saving an assignment changes the version too; this guards a bulk update that
        # sends no signal.
        sorted(
            (a.pk, a.course_id, a.unit_id, a.kind, a.due_date, a.leaders_only, str(a.ranks))
            for a in report.assignments
        ),
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"records:dashboard:{digest}"


def _count_cohorts(officer: Profile, filters: Filters, report: Report, row_by_unit, own):
    """Fill the rows from the summaries, cohort by cohort: a cohort's cadres share their
    assigned courses, so each course's completions, waivers and (past its due date) open
    pairs are counts; its yearly hours are one row. Four queries whatever the headcount."""
    cohorts = summaries.cohorts_for(top_roots(officer.hr_roots), filters)
    shown = []
    for cohort in cohorts.cohorts:
        row = _row_of(cohort.unit_path, row_by_unit) or own
        candidates = report.candidates(cohort)
        if row is not None and (candidates or not filters.narrows_pairs):
            shown.append((row, cohort, candidates))
    counts = cohorts.courses({a.course_id for _, _, candidates in shown for a in candidates})
    years = cohorts.year_sums({c.pk: report.required_courses(c) for _, c, _ in shown})
    mastery = cohorts.mastery()
    for row, cohort, candidates in shown:
        n = cohort.cadres
        row.cadres += n
        row.assigned += n * len(candidates)
        for assignment in candidates:
            completed, waived = counts.get((cohort.pk, assignment.course_id), (0, 0))
            row.completed += completed
            row.waived += waived
            # An open course past its due date is overdue: no write on the day it happens.
            status = rules.status(
                due_date=assignment.due_date, standing_kind=None, started=False, today=report.today
            )
            if status == Status.OVERDUE:
                row.overdue += n - completed - waived
        year = years[cohort.pk]
        row.hours += year.hours
        row.required_hours += year.required_hours
        row.met += year.met
        if cohort.is_leader:
            row.leaders += n
            for competency_id, (total, leaders) in mastery.get(cohort.pk, {}).items():
                entry = row.mastery[competency_id]
                entry[0] += total
                entry[1] += leaders


def _row_of(unit_path: str, row_by_unit: dict[int, UnitRow]) -> UnitRow | None:
    for pk in OrgUnit.ids_in_path(unit_path):
        row = row_by_unit.get(pk)
        if row is not None:
            return row
    return None


def _mean(entry: list | None) -> Decimal | None:
    """The leaders' mean mastery from their sum and count."""
    if not entry or not entry[1]:
        return None
    total, leaders = entry
    return (Decimal(total) / leaders).quantize(Decimal("0.1"))
