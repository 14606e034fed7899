"""What a finished attempt's results page shows, within the quiz's review settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .models import Attempt, AttemptQuestion, Competency, Option


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
    show: dict[str, bool]
    questions: list[QuestionReview] = field(default_factory=list)
    competencies: list[CompetencyResult] = field(default_factory=list)


def review(attempt: Attempt, questions: list[AttemptQuestion], now=None) -> AttemptReview:
    show = attempt.quiz.review_options(now)
    result = AttemptReview(attempt, show)
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
                        show["right_answers"] or (show["correctness"] and o.key in chosen),
                    )
                    for o in shown
                ],
                feedback=[o for o in shown if o.key in chosen and o.feedback_html],
                text=aq.answer.text,
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
