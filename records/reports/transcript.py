"""The transcript: everything HR reads about one cadre."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from courses.models import Course
from people.models import Profile
from quizzes.models import Attempt

from .. import rules
from ..credit import rule_applied
from ..models import Assignment, CompletionRecord
from ..rules import Status
from ..services import YearHours, ledger_for, mastery_for, statuses_for


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
        return str(Status(self.status).label)

    @property
    def is_open(self) -> bool:
        return self.status not in rules.CLOSED


def open_courses(statuses: Iterable) -> list[int]:
    """Assigned courses that can still be waived: neither completed nor already waived."""
    return [s.assignment.course_id for s in statuses if s.status not in rules.CLOSED]


def _moment(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _number(value: str | None) -> Decimal | None:
    return Decimal(value) if value not in (None, "", "None") else None


@dataclass
class EvidenceLesson:
    title: str
    order: int
    opened_at: dt.datetime | None
    studied_at: dt.datetime | None


@dataclass
class EvidenceAttempt:
    quiz: str
    number: int
    percent: Decimal | None
    pass_mark: Decimal | None
    submitted_at: dt.datetime | None


@dataclass
class CreditEvidence:
    """Why a completion credits its hours, read back from the snapshot on its line
    (`records.credit.completion_evidence`). `recorded` is False for lines credited before
    evidence was kept."""

    recorded: bool
    rule: str = ""
    lessons: list[EvidenceLesson] = field(default_factory=list)
    attempts: list[EvidenceAttempt] = field(default_factory=list)

    @classmethod
    def of(cls, evidence: dict) -> CreditEvidence:
        if not evidence.get("rule"):
            return cls(recorded=False)
        return cls(
            recorded=True,
            rule=rule_applied(evidence),
            lessons=[
                EvidenceLesson(
                    item.get("title", ""),
                    item.get("order", 0),
                    _moment(item.get("opened_at")),
                    _moment(item.get("studied_at")),
                )
                for item in evidence.get("lessons", [])
            ],
            attempts=[
                EvidenceAttempt(
                    item.get("quiz", ""),
                    item.get("number", 0),
                    _number(item.get("percent")),
                    _number(item.get("pass_mark")),
                    _moment(item.get("submitted_at")),
                )
                for item in evidence.get("attempts", [])
            ],
        )


@dataclass
class LedgerEntry:
    """A ledger line and the lines that correct it (a void), for the transcript."""

    record: CompletionRecord
    corrected_by: list[CompletionRecord] = field(default_factory=list)

    @property
    def recorded_by(self) -> str:
        return recorder_name(self.record.recorded_by)

    @cached_property
    def credit(self) -> CreditEvidence | None:
        """The rule and evidence of a completion; None for the other kinds of line."""
        if self.record.kind != CompletionRecord.Kind.COMPLETED:
            return None
        return CreditEvidence.of(self.record.evidence or {})


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
