"""The question bank: saving a question as a new version once attempts have used the old one."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Max

from ..models import Option, Question, QuestionVersion


@dataclass
class OptionData:
    key: str
    text: str
    is_correct: bool = False
    feedback: str = ""
    group: str = Option.Group.CHOICE


@dataclass
class RubricData:
    text: str
    points: Decimal


@transaction.atomic
def question_save(
    *,
    question: Question | None = None,
    kind: str,
    title: str,
    prompt: str,
    options: list[OptionData] = (),
    competencies: list = (),
    points: Decimal = Decimal("1"),
    source_lesson=None,
    unit_kind: str = "",
    reference: str = "",
    rubric: list[RubricData] = (),
    course=None,
    key: str = "",
    by=None,
) -> Question:
    """Create a question, or change one. A version that attempts have used is never changed:
    the change becomes a new version, and those attempts keep theirs."""
    if question is None:
        question = Question.objects.create(course=course, key=key, owner=by)
    current = question.current
    if current is not None and not current.has_attempts():
        version = current
        version.options.all().delete()
        version.rubric.all().delete()
    else:
        number = (question.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = QuestionVersion(question=question, number=number, created_by=by)
    version.kind = kind
    version.title = title
    version.prompt_md = prompt
    version.points = points
    version.source_lesson = source_lesson
    version.unit_kind = unit_kind
    version.reference_md = reference
    version.full_clean(exclude=["question"])
    version.save()
    version.competencies.set(competencies)
    for order, option in enumerate(options):
        Option.objects.create(
            version=version,
            key=option.key,
            group=option.group,
            order=order,
            text=option.text,
            is_correct=option.is_correct,
            feedback_md=option.feedback,
        )
    for order, criterion in enumerate(rubric):
        version.rubric.create(order=order, text=criterion.text, points=criterion.points)
    if question.current_id != version.pk:
        question.current = version
        question.save(update_fields=["current"])
    return question
