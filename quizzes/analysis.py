"""Item analysis of a quiz for its trainers, like Moodle's quiz statistics report.

Population: every graded attempt of the quiz. For each question (grouped by bank question, so
answers to older versions count with the current one, as option keys stay the same):

- facility: the mean share of the question's points earned, in percent;
- discrimination: Pearson's r (×100, as Moodle shows it) between the share earned on this
  question and the share earned on the rest of the quiz. High means those who do well on the
  quiz do well here; near zero or negative means the question measures something else;
- option frequency: how many answers picked each option of the current version.

Misconceptions: over decision questions, which wrong decisions people pick for each kind of unit
described. Decisions are each question's own options, so the same decision offered by several
questions (the same text) counts together; a kind is flagged when one wrong decision was chosen
in at least FLAG_PERCENT of the answers about it.

Cost: four queries whatever the number of attempts (slots, answers, questions, options). The
answers are streamed in attempt order and folded into running sums, so memory holds one attempt
and a few counters per question, never the whole table.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import FloatField, TextField
from django.db.models.functions import Cast

from people.models import OrgUnit

from .models import Attempt, AttemptQuestion, Option, Question, QuestionVersion, Quiz

# Kinds of unit that serve residents directly: shown beside the kind, for the trainer's reading.
PUBLIC_FACING_KINDS = frozenset(
    {OrgUnit.Kind.COMMUNITY, OrgUnit.Kind.VILLAGE, OrgUnit.Kind.STREET, OrgUnit.Kind.WINDOW}
)
# One wrong decision chosen in at least this share of a kind's answers is a shared misconception.
FLAG_PERCENT = 25
GROUP_ORDER = [Option.Group.CHOICE, Option.Group.DECISION, Option.Group.REASON]


@dataclass
class OptionCount:
    key: str
    text: str
    is_correct: bool
    count: int
    percent: float  # of the question's answers


@dataclass
class OptionGroup:
    group: str  # "choice", "decision" or "reason"
    label: str
    options: list[OptionCount]
    unanswered: int  # answers that picked nothing in this group

    @property
    def max_count(self) -> int:
        return max((o.count for o in self.options), default=0)


@dataclass
class QuestionStats:
    number: int  # position in the report, from 1
    question_id: int
    title: str
    kind: str
    kind_label: str
    unit_kind: str
    unit_kind_label: str
    n: int  # answers with a score
    facility: float | None  # percent
    discrimination: float | None  # r × 100
    option_groups: list[OptionGroup]

    @property
    def negative_discrimination(self) -> bool:
        """Stronger cadres do worse here than weaker ones: a wrong key or a misleading text."""
        return self.discrimination is not None and self.discrimination < 0


@dataclass
class WrongDecision:
    text: str  # as the first question offering it words it
    count: int  # times chosen where it was wrong
    percent: float  # of the answers about this kind of unit


@dataclass
class Misconception:
    unit_kind: str
    label: str
    public_facing: bool
    answers: int  # answers to decision questions about this kind of unit
    wrong: list[WrongDecision]  # most chosen first; ties in the order the questions offer them

    @property
    def wrong_total(self) -> int:
        return sum(w.count for w in self.wrong)

    @property
    def most_common_wrong(self) -> WrongDecision | None:
        return self.wrong[0] if self.wrong and self.wrong[0].count else None

    @property
    def flagged(self) -> bool:
        top = self.most_common_wrong
        return top is not None and top.percent >= FLAG_PERCENT


@dataclass
class QuizAnalysis:
    quiz: Quiz
    attempts: int
    mean_percent: float | None
    questions: list[QuestionStats]
    misconceptions: list[Misconception]

    @property
    def max_wrong(self) -> int:
        return max((w.count for m in self.misconceptions for w in m.wrong), default=0)


@dataclass
class _Running:
    """Per-question sums, folded in one answer at a time."""

    first_order: int
    n: int = 0
    share_sum: float = 0.0
    # Welford's online covariance: a constant input leaves exactly zero variance, where the
    # textbook sum-of-squares formula can leave float noise and report a spurious correlation.
    pairs: int = 0
    mean_x: float = 0.0
    mean_y: float = 0.0
    m2x: float = 0.0
    m2y: float = 0.0
    cxy: float = 0.0
    # Selections counted as they come (raw JSON while folding, then sorted key tuples): only a
    # few dozen distinct ones exist per question, and they give both per-key counts and
    # "nothing picked in this group" once the groups are known.
    selections: Counter = field(default_factory=Counter)

    def add_pair(self, x: float, y: float) -> None:
        self.pairs += 1
        dx = x - self.mean_x
        self.mean_x += dx / self.pairs
        dy = y - self.mean_y
        self.mean_y += dy / self.pairs
        self.m2x += dx * (x - self.mean_x)
        self.m2y += dy * (y - self.mean_y)
        self.cxy += dx * (y - self.mean_y)

    def discrimination(self) -> float | None:
        if self.pairs < 2 or self.m2x <= 0 or self.m2y <= 0:
            return None
        r = self.cxy / math.sqrt(self.m2x * self.m2y)
        return 100 * max(-1.0, min(1.0, r))


def analyse_quiz(quiz: Quiz) -> QuizAnalysis:
    slot_questions = list(
        quiz.slots.filter(question__isnull=False)
        .order_by("order")
        .values_list("question_id", flat=True)
    )
    running, attempts, percent_sum = _fold_answers(quiz)
    # Fixed slots first, in slot order (with n = 0 before anyone answers); then questions only
    # attempts know (random draws, removed slots) in the order attempts showed them.
    order = list(dict.fromkeys(slot_questions))
    order += sorted(set(running) - set(order), key=lambda qid: (running[qid].first_order, qid))
    questions = {q.pk: q for q in Question.objects.filter(pk__in=order).select_related("current")}
    options: dict[int, list[Option]] = defaultdict(list)
    current_ids = [q.current_id for q in questions.values() if q.current_id]
    for option in Option.objects.filter(version_id__in=current_ids).order_by("order"):
        options[option.version_id].append(option)

    stats = []
    for qid in order:
        question = questions.get(qid)
        if question is None or question.current is None:
            continue
        version = question.current
        run = running.get(qid) or _Running(first_order=0)
        stats.append(_question_stats(len(stats) + 1, question, run, options[version.pk]))
    return QuizAnalysis(
        quiz=quiz,
        attempts=attempts,
        mean_percent=100 * percent_sum / attempts if attempts else None,
        questions=stats,
        misconceptions=_misconceptions(stats, running, options, questions),
    )


def _fold_answers(quiz: Quiz) -> tuple[dict[int, _Running], int, float]:
    """One streamed query over the graded attempts' answers, ordered by attempt so each
    attempt's total is known before its questions' "rest of the quiz" is computed."""
    rows = (
        AttemptQuestion.objects.filter(attempt__quiz=quiz, attempt__status=Attempt.Status.GRADED)
        .order_by("attempt_id", "order")
        # Floats and raw JSON text straight from the database: converting 2 × 230,000 values
        # to Decimal and parsing 230,000 JSON lists took two thirds of the time at 10,000
        # attempts. The few distinct selections are parsed once, at the end.
        .annotate(
            points_f=Cast("points", FloatField()),
            score_f=Cast("answer__score", FloatField()),
            selected_raw=Cast("answer__selected", TextField()),
        )
        .values_list(
            "attempt_id", "order", "version__question_id", "points_f", "score_f", "selected_raw"
        )
        .iterator(chunk_size=5000)
    )
    running: dict[int, _Running] = {}
    attempts, percent_sum = 0, 0.0
    current_attempt, buffer = None, []

    def flush() -> None:
        nonlocal attempts, percent_sum
        total = sum(score for _, score, _, _ in buffer if score is not None)
        maximum = sum(points for _, _, points, _ in buffer)
        attempts += 1
        percent_sum += total / maximum if maximum else 0.0
        for qid, score, points, selected in buffer:
            run = running[qid]
            run.selections[selected] += 1
            if score is None:  # not graded: no share to count
                continue
            share = score / points if points else 0.0
            run.n += 1
            run.share_sum += share
            if maximum - points > 0:
                run.add_pair(share, (total - score) / (maximum - points))

    for attempt_id, order, qid, points, score, selected in rows:
        if attempt_id != current_attempt:
            if buffer:
                flush()
            current_attempt, buffer = attempt_id, []
        if qid not in running:
            running[qid] = _Running(first_order=order)
        buffer.append((qid, score, points or 0.0, selected))
    if buffer:
        flush()
    for run in running.values():
        # The same choice can be spelt differently ('["d1", "r1"]', '["r1","d1"]').
        parsed: Counter = Counter()
        for raw, count in run.selections.items():
            parsed[tuple(sorted(json.loads(raw) if raw else ()))] += count
        run.selections = parsed
    return running, attempts, percent_sum


def _question_stats(
    number: int, question: Question, run: _Running, options: list[Option]
) -> QuestionStats:
    version = question.current
    groups = []
    if version.kind != QuestionVersion.Kind.WRITTEN:
        answers = sum(run.selections.values())
        key_counts: Counter = Counter()
        for selection, count in run.selections.items():
            for key in selection:
                key_counts[key] += count
        for group in GROUP_ORDER:
            in_group = [o for o in options if o.group == group]
            if not in_group:
                continue
            keys = {o.key for o in in_group}
            groups.append(
                OptionGroup(
                    group=group,
                    label=Option.Group(group).label,
                    options=[
                        OptionCount(
                            o.key,
                            o.text,
                            o.is_correct,
                            key_counts[o.key],
                            100 * key_counts[o.key] / answers if answers else 0.0,
                        )
                        for o in in_group
                    ],
                    unanswered=sum(
                        c for sel, c in run.selections.items() if not keys.intersection(sel)
                    ),
                )
            )
    return QuestionStats(
        number=number,
        question_id=question.pk,
        title=version.title,
        kind=version.kind,
        kind_label=QuestionVersion.Kind(version.kind).label,
        unit_kind=version.unit_kind,
        unit_kind_label=OrgUnit.Kind(version.unit_kind).label if version.unit_kind else "",
        n=run.n,
        facility=100 * run.share_sum / run.n if run.n else None,
        discrimination=run.discrimination(),
        option_groups=groups,
    )


def _misconceptions(
    stats: list[QuestionStats],
    running: dict[int, _Running],
    options: dict[int, list[Option]],
    questions: dict[int, Question],
) -> list[Misconception]:
    answers: Counter = Counter()
    # Per kind: wrong picks by decision text (normalised), and the text as first offered.
    wrong: dict[str, Counter] = defaultdict(Counter)
    texts: dict[str, dict[str, str]] = defaultdict(dict)
    for row in stats:
        if row.kind != QuestionVersion.Kind.DECISION or not row.unit_kind:
            continue
        version = questions[row.question_id].current
        decisions = {o.key: o for o in options[version.pk] if o.group == Option.Group.DECISION}
        counts = wrong[row.unit_kind]  # a kind with only right answers still gets its row
        for option in decisions.values():
            if not option.is_correct:
                name = _same_text(option.text)
                texts[row.unit_kind].setdefault(name, option.text)
                counts[name] += 0
        run = running.get(row.question_id)
        for selection, count in (run.selections if run else {}).items():
            answers[row.unit_kind] += count
            for key in selection:
                option = decisions.get(key)
                if option is not None and not option.is_correct:
                    counts[_same_text(option.text)] += count
    out = []
    for kind in sorted(wrong, key=lambda k: list(OrgUnit.Kind.values).index(k)):
        total = answers[kind]
        # sorted() is stable: equal counts keep the order the questions offer the decisions.
        ranked = sorted(wrong[kind].items(), key=lambda item: -item[1])
        out.append(
            Misconception(
                unit_kind=kind,
                label=OrgUnit.Kind(kind).label,
                public_facing=kind in PUBLIC_FACING_KINDS,
                answers=total,
                wrong=[
                    WrongDecision(texts[kind][name], n, 100 * n / total if total else 0.0)
                    for name, n in ranked
                ],
            )
        )
    return out


def _same_text(text: str) -> str:
    """Decision texts that differ only in case or spacing are the same decision."""
    return " ".join(text.split()).casefold()
