"""The grading form: one mark per rubric criterion of the answer's question version, a comment.

The bounds here give the grader an error next to the field; `quizzes.grading.answer_grade`
checks them again, since it is what records the grade.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from quizzes.models import RubricCriterion


def _plain(points: Decimal) -> Decimal:
    """2.00 → 2 and 1.50 → 1.5, so the bounds and their error messages read naturally."""
    return (
        points.quantize(Decimal(1)) if points == points.to_integral_value() else points.normalize()
    )


def field_name(criterion: RubricCriterion) -> str:
    return f"criterion_{criterion.pk}"


class GradeForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the cadre"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The cadre sees this comment with the score, but not who graded."),
    )

    def __init__(self, *args, criteria: list[RubricCriterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        marks = {
            field_name(c): forms.DecimalField(
                label=_("%(criterion)s (0 to %(points)s points)")
                % {"criterion": c.text, "points": _plain(c.points)},
                min_value=Decimal(0),
                max_value=_plain(c.points),
                max_digits=5,
                decimal_places=2,
            )
            for c in criteria
        }
        # Marks first, in rubric order, then the comment.
        self.fields = {**marks, "comment": self.fields["comment"]}

    def marks(self) -> dict[int, Decimal]:
        return {c.pk: self.cleaned_data[field_name(c)] for c in self.criteria}
