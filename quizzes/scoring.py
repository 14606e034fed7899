"""How each question type is scored. Pure functions of a version's options and the keys chosen.

- single choice: full marks for the one correct option, nothing otherwise;
- multiple response: each correct option picked earns 1/(number of correct options), each wrong
  option picked costs 1/(number of wrong options); the result never goes below zero;
- scenario decision: half for the right decision (one of the case's own), half for the right
  reason, each judged on its own;
- written answer: no automatic score; a trainer grades it against the rubric.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from .models import Option, QuestionVersion, Quiz

Kind = QuestionVersion.Kind
DECISION_SHARE = Decimal("0.5")  # the rest is the reason's share
CENT = Decimal("0.01")


def fraction(
    version: QuestionVersion, options: Iterable[Option], selected: list[str]
) -> Decimal | None:
    """Share of the question's points earned, from 0 to 1; None when a person must grade it."""
    options = list(options)
    chosen = set(selected or [])
    if version.kind == Kind.WRITTEN:
        return None
    if version.kind == Kind.SINGLE:
        correct = {o.key for o in options if o.is_correct}
        return Decimal(1) if len(chosen) == 1 and chosen <= correct else Decimal(0)
    if version.kind == Kind.MULTIPLE:
        correct = {o.key for o in options if o.is_correct}
        wrong = {o.key for o in options if not o.is_correct}
        earned = Decimal(len(chosen & correct)) / len(correct) if correct else Decimal(0)
        lost = Decimal(len(chosen & wrong)) / len(wrong) if wrong else Decimal(0)
        return min(Decimal(1), max(Decimal(0), earned - lost))
    if version.kind == Kind.DECISION:
        return DECISION_SHARE * _group_right(options, chosen, Option.Group.DECISION) + (
            1 - DECISION_SHARE
        ) * _group_right(options, chosen, Option.Group.REASON)
    raise ValueError(f"unknown question type {version.kind}")


def _group_right(options: list[Option], chosen: set[str], group: str) -> int:
    in_group = {o.key for o in options if o.group == group}
    picked = chosen & in_group
    correct = {o.key for o in options if o.group == group and o.is_correct}
    return 1 if len(picked) == 1 and picked <= correct else 0


def points_for(share: Decimal | None, points: Decimal) -> Decimal | None:
    if share is None:
        return None
    return (share * points).quantize(CENT, rounding=ROUND_HALF_UP)


def answer_points(
    version: QuestionVersion,
    options: Iterable[Option],
    selected: list[str],
    points: Decimal,
    graded: Decimal | None,
) -> Decimal | None:
    """Points for one answer: from the options chosen, or for a written answer the grader's
    mark `graded` (None while nobody has graded it)."""
    share = fraction(version, options, selected)
    return graded if share is None else points_for(share, points)


def attempt_total(scores: Iterable[Decimal | None]) -> tuple[Decimal, bool]:
    """(total of the scores given, whether any answer still waits for a grader)."""
    total, pending = Decimal(0), False
    for score in scores:
        if score is None:
            pending = True
        else:
            total += score
    return total, pending


def clean_selection(
    version: QuestionVersion, options: Iterable[Option], keys: list[str]
) -> list[str]:
    """Keep only keys this question offers, at most one per single-answer group."""
    by_key = {o.key: o for o in options}
    keys = [k for k in dict.fromkeys(keys) if k in by_key]
    if version.kind == Kind.SINGLE:
        return keys[:1]
    if version.kind == Kind.DECISION:
        kept: list[str] = []
        for group in (Option.Group.DECISION, Option.Group.REASON):
            kept += [k for k in keys if by_key[k].group == group][:1]
        return kept
    if version.kind == Kind.WRITTEN:
        return []
    return keys


def quiz_grade(method: str, graded: list[Decimal]) -> Decimal | None:
    """A quiz's grade from its graded attempts' percents, oldest first, by its grading method
    (highest, last, first or the average); None before any attempt is graded."""
    if not graded:
        return None
    if method == Quiz.Grading.HIGHEST:
        return max(graded)
    if method == Quiz.Grading.LAST:
        return graded[-1]
    if method == Quiz.Grading.FIRST:
        return graded[0]
    return (sum(graded) / len(graded)).quantize(CENT)
