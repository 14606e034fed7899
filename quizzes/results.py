"""What a finished attempt's results page shows, within the quiz's review settings.

The review follows the phase the cadre is in (`Quiz.review_options`): right after an attempt
while attempts remain, after the last attempt, after the quiz closes. While whether answers
are right is hidden, nothing that tells it reaches the page: no ticks or crosses, no points per
question, no rubric marks, no option feedback (it explains why a choice was right or wrong).
The score per competency and the lesson to read again are always shown: the review teaches
without handing out the answer key while the quiz can still earn credit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from .models import Attempt, AttemptQuestion, Competency, Option, Quiz
from .services import attempt_close_if_expired, attempts_used, is_answered


@dataclass
class OptionReview:
    option: Option
    chosen: bool
    show_correct: bool  # reveal whether this option is a right one


@dataclass
class QuestionReview:
    aq: AttemptQuestion
    options: list[OptionReview]
    feedback: list[Option]  # the chosen options, whose feedback explains the choice
    text: str
    points_shown: bool  # this question's score and rubric marks
    # "complete", "part" (a decision without its reason) or "none": said in words on the
    # page, so a question left blank is not read as a question the page failed to show.
    answered: str = "complete"


@dataclass
class CompetencyResult:
    competency: Competency
    score: Decimal = Decimal(0)
    points: Decimal = Decimal(0)
    pending: bool = False

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.points) if self.points else 0


@dataclass
class AttemptReview:
    attempt: Attempt
    # answers, correctness, feedback, right_answers (as shown: feedback only with
    # correctness) and the phase's name
    show: dict[str, bool | str]
    # When the right answers will be shown, if they are hidden now: "last_or_close",
    # "last", "close", "never"; "" when they are shown already.
    full_review: str = ""
    closes_at: datetime | None = None
    questions: list[QuestionReview] = field(default_factory=list)
    competencies: list[CompetencyResult] = field(default_factory=list)

    @property
    def lessons(self) -> list:
        """The lessons the questions come from, once each, in question order."""
        seen: dict[int, object] = {}
        for item in self.questions:
            lesson = item.aq.version.source_lesson
            if lesson is not None:
                seen.setdefault(lesson.pk, lesson)
        return list(seen.values())


def attempts_left(*, quiz: Quiz, user, now=None) -> int | None:
    """Attempts the cadre may still make at the quiz (and its translations, which share
    attempts); None when unlimited. An attempt still open counts as one left: while it can be
    answered, no review may show the key."""
    allowed = quiz.original().attempts_allowed  # the original's rule, for every language
    if not allowed:
        return None
    left = allowed - attempts_used(quiz=quiz, user=user)
    if left <= 0:
        still_open = [
            open_attempt
            for open_attempt in Attempt.objects.filter(
                quiz__in=quiz.family(), user=user, status=Attempt.Status.IN_PROGRESS
            )
            if not attempt_close_if_expired(open_attempt, now=now)
        ]
        if still_open:
            left = len(still_open)
    return left


def _full_review(quiz: Quiz, phase: str) -> str:
    """When the right answers become visible, seen from a phase that hides them."""
    later = {"attempt": ["last", "close"], "last": ["close"], "close": []}[phase]
    if not quiz.original().attempts_allowed and "last" in later:
        later.remove("last")  # unlimited attempts: there is no last one
    if "close" in later and quiz.closes_at is None:
        later.remove("close")
    later = [when for when in later if getattr(quiz, f"review_right_answers_after_{when}")]
    return "_or_".join(later) or "never"


def _answered(aq: AttemptQuestion) -> str:
    if is_answered(aq):
        return "complete"
    return "part" if aq.answer.selected or aq.answer.text.strip() else "none"


def review(
    attempt: Attempt, questions: list[AttemptQuestion], now=None, attempts_left=None
) -> AttemptReview:
    quiz = attempt.quiz
    show = quiz.review_options(now, attempts_left)
    # Option feedback says why a choice was right or wrong: never without correctness.
    show["feedback"] = bool(show["feedback"] and show["correctness"])
    result = AttemptReview(
        attempt,
        show,
        full_review="" if show["right_answers"] else _full_review(quiz, str(show["phase"])),
        closes_at=quiz.closes_at,
    )
    by_competency: dict[int, CompetencyResult] = {}
    for aq in questions:
        options = {o.key: o for o in aq.version.options.all()}
        chosen = set(aq.answer.selected)
        shown = [options[k] for k in aq.option_order if k in options]
        result.questions.append(
            QuestionReview(
                aq=aq,
                options=[
                    OptionReview(
                        o,
                        o.key in chosen,
                        bool(show["right_answers"] or (show["correctness"] and o.key in chosen)),
                    )
                    for o in shown
                ],
                feedback=[o for o in shown if o.key in chosen and o.feedback_html]
                if show["feedback"]
                else [],
                text=aq.answer.text,
                points_shown=bool(show["correctness"]),
                answered=_answered(aq),
            )
        )
        for competency in aq.version.competencies.all():
            row = by_competency.setdefault(competency.pk, CompetencyResult(competency))
            if aq.answer.score is None:
                row.pending = True
            else:
                row.score += aq.answer.score
                row.points += aq.points
    result.competencies = sorted(by_competency.values(), key=lambda r: r.competency.sort_key)
    return result
