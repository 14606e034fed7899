"""The question editor and the quiz builder.

One form per question type, built from rows: options (single, multiple), the case's own
decisions (two to six, written by the trainer) and reasons (scenario decision), rubric criteria
(written). Option keys stay with their row across edits, so answers already given keep meaning
the same option in a new version; a new row never takes a key any version ever used.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courses.markdown import MAX_MARKDOWN
from courses.models import Lesson
from people.models import OrgUnit
from quizzes.models import (
    TIME_LIMIT_MAX,
    Competency,
    CompetencyFramework,
    Option,
    Question,
    QuestionVersion,
    Quiz,
)
from quizzes.services import OptionData, RubricData
from quizzes.services.translations import SHARED_RULES
from studio.forms.fields import IdsField

Kind = QuestionVersion.Kind
OPTION_ROWS = 6
DECISION_ROWS = 6
MIN_DECISIONS = 2
REASON_ROWS = 4
RUBRIC_ROWS = 5
KEYS = "abcdefghijklmnopqrstuvwxyz"


def competency_choices() -> tuple[list, dict[int, Competency]]:
    """Every competency, grouped by framework (framework, then competency order), and the
    competencies by id. Two queries."""
    frameworks = {f.pk: f for f in CompetencyFramework.objects.all()}
    by_id = {c.pk: c for c in Competency.objects.all()}
    groups: dict[int, list] = {pk: [] for pk in frameworks}
    for competency in by_id.values():
        groups[competency.framework_id].append((str(competency.pk), competency.label))
    choices = [(frameworks[pk].label, rows) for pk, rows in groups.items() if rows]
    return choices, by_id


class QuestionForm(forms.Form):
    title = forms.CharField(label=_("Short title"), max_length=200)
    prompt = forms.CharField(
        label=_("Question (Markdown)"),
        max_length=MAX_MARKDOWN,
        widget=forms.Textarea(attrs={"rows": 7}),
    )
    points = forms.DecimalField(
        label=_("Points"),
        min_value=Decimal("0.5"),
        max_digits=5,
        decimal_places=2,
        initial=Decimal("1"),
    )
    competencies = forms.MultipleChoiceField(
        label=_("Competencies"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What the question measures: competencies of one framework."),
    )
    source_lesson = forms.ModelChoiceField(
        label=_("Lesson section it comes from"),
        queryset=Lesson.objects.none(),
        required=False,
        help_text=_("Feedback links cadres back to it."),
    )

    def __init__(self, *args, kind: str, course, version: QuestionVersion | None = None, **kw):
        super().__init__(*args, **kw)
        self.kind = kind
        self.fields["source_lesson"].queryset = course.lessons.order_by("order")
        self.fields["competencies"].choices, self.competency_by_id = competency_choices()
        if kind == Kind.DECISION:
            self.fields["prompt"].help_text = _(
                "Describe the unit and the situation the cadre must decide on."
            )
        # Keys any version ever used: a new option never takes a deleted one's key, or a regrade
        # would read old answers as choosing the new option.
        self.taken_keys = (
            set(
                Option.objects.filter(version__question=version.question).values_list(
                    "key", flat=True
                )
            )
            if version
            else set()
        )
        options = {o.key: o for o in version.options.all()} if version else {}
        # The keys a row may carry over from this version, by group; any other posted key is
        # ignored and the row gets a fresh one.
        self.current_keys = {
            group: {k for k, o in options.items() if o.group == group} for group in Option.Group
        }
        if version:
            self.initial.update(
                title=version.title,
                prompt=version.prompt_md,
                points=version.points,
                competencies=[str(c.pk) for c in version.competencies.all()],
                source_lesson=version.source_lesson,
            )
        if kind in (Kind.SINGLE, Kind.MULTIPLE):
            self._option_rows(
                [o for o in options.values() if o.group == Option.Group.CHOICE], OPTION_ROWS
            )
        elif kind == Kind.DECISION:
            self._decision_rows(options, version)
        elif kind == Kind.WRITTEN:
            self._rubric_rows(version)

    # --- rows -------------------------------------------------------------------------------

    def _option_rows(self, existing: list[Option], rows: int, prefix: str = "option") -> None:
        existing = sorted(existing, key=lambda o: o.order)
        for i in range(rows):
            option = existing[i] if i < len(existing) else None
            self.fields[f"{prefix}_{i}_text"] = forms.CharField(
                label=_("Option %(n)s") % {"n": i + 1},
                required=False,
                max_length=500,
                initial=option.text if option else "",
            )
            self.fields[f"{prefix}_{i}_correct"] = forms.BooleanField(
                label=_("Right answer"),
                required=False,
                initial=option.is_correct if option else False,
            )
            self.fields[f"{prefix}_{i}_feedback"] = forms.CharField(
                label=_("Feedback: why this is right or wrong"),
                required=False,
                max_length=MAX_MARKDOWN,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=option.feedback_md if option else "",
            )
            self.fields[f"{prefix}_{i}_key"] = forms.CharField(
                widget=forms.HiddenInput, required=False, initial=option.key if option else ""
            )

    def _decision_rows(self, options: dict[str, Option], version) -> None:
        self.fields["unit_kind"] = forms.ChoiceField(
            label=_("Kind of unit described"),
            choices=OrgUnit.Kind.choices,
            initial=version.unit_kind if version else "",
        )
        decisions = [o for o in options.values() if o.group == Option.Group.DECISION]
        self._option_rows(decisions, DECISION_ROWS, prefix="decision")
        for i in range(DECISION_ROWS):
            self.fields[f"decision_{i}_text"].label = _("Decision %(n)s") % {"n": i + 1}
            self.fields[f"decision_{i}_correct"].label = _("The right decision")
            self.fields[f"decision_{i}_feedback"].label = _(
                "Feedback: why this decision is right or wrong here"
            )
        reasons = [o for o in options.values() if o.group == Option.Group.REASON]
        self._option_rows(reasons, REASON_ROWS, prefix="reason")
        for i in range(REASON_ROWS):
            self.fields[f"reason_{i}_text"].label = _("Reason %(n)s") % {"n": i + 1}

    def _rubric_rows(self, version) -> None:
        self.fields["reference"] = forms.CharField(
            label=_("Reference answer shown to the grader (Markdown)"),
            max_length=MAX_MARKDOWN,
            widget=forms.Textarea(attrs={"rows": 6}),
            initial=version.reference_md if version else "",
        )
        criteria = list(version.rubric.all()) if version else []
        for i in range(RUBRIC_ROWS):
            criterion = criteria[i] if i < len(criteria) else None
            self.fields[f"criterion_{i}_text"] = forms.CharField(
                label=_("Criterion %(n)s") % {"n": i + 1},
                required=False,
                max_length=300,
                initial=criterion.text if criterion else "",
            )
            self.fields[f"criterion_{i}_points"] = forms.DecimalField(
                label=_("Points"),
                required=False,
                min_value=Decimal("0"),
                max_digits=5,
                decimal_places=2,
                initial=criterion.points if criterion else None,
            )

    # --- grouping for the template ----------------------------------------------------------

    def rows(self, prefix: str, parts: tuple[str, ...]) -> list[list[forms.BoundField]]:
        count = sum(
            1
            for name in self.fields
            if name.startswith(f"{prefix}_") and name.endswith(f"_{parts[0]}")
        )
        return [[self[f"{prefix}_{i}_{part}"] for part in parts] for i in range(count)]

    def option_rows(self):
        return self.rows("option", ("text", "correct", "feedback", "key"))

    def decision_rows(self):
        return self.rows("decision", ("text", "correct", "feedback", "key"))

    def reason_rows(self):
        return self.rows("reason", ("text", "correct", "feedback", "key"))

    def criterion_rows(self):
        return self.rows("criterion", ("text", "points"))

    # --- validation -------------------------------------------------------------------------

    def _filled(self, prefix: str) -> list[tuple[int, dict]]:
        data = self.cleaned_data
        rows = []
        i = 0
        while f"{prefix}_{i}_text" in self.fields:
            text = (data.get(f"{prefix}_{i}_text") or "").strip()
            if text:
                rows.append(
                    (
                        i,
                        {
                            "text": text,
                            "correct": data.get(f"{prefix}_{i}_correct", False),
                            "feedback": data.get(f"{prefix}_{i}_feedback", ""),
                            "key": data.get(f"{prefix}_{i}_key", ""),
                            "points": data.get(f"{prefix}_{i}_points"),
                        },
                    )
                )
            i += 1
        return rows

    def clean_competencies(self) -> list[Competency]:
        chosen = [self.competency_by_id[int(pk)] for pk in self.cleaned_data["competencies"]]
        if len({c.framework_id for c in chosen}) > 1:
            raise ValidationError(
                _(
                    "Choose competencies of one framework: mastery is tracked framework by "
                    "framework."
                )
            )
        return chosen

    def _rows_beyond_form(self, prefix: str) -> bool:
        """A post with more rows than the form has (a seventh decision): refused, not dropped."""
        pattern = re.compile(rf"^{prefix}_(\d+)_text$")
        return any(
            (m := pattern.match(name)) and int(m.group(1)) >= DECISION_ROWS and value.strip()
            for name, value in self.data.items()
        )

    def clean(self):
        data = super().clean()
        if self.kind in (Kind.SINGLE, Kind.MULTIPLE):
            rows = self._filled("option")
            right = sum(1 for _i, row in rows if row["correct"])
            if len(rows) < 2:
                raise ValidationError(_("Give at least two options."))
            if self.kind == Kind.SINGLE and right != 1:
                raise ValidationError(_("Mark exactly one option as the right answer."))
            if self.kind == Kind.MULTIPLE and right < 1:
                raise ValidationError(_("Mark at least one option as right."))
            for i, row in rows:
                if not row["feedback"].strip():
                    self.add_error(f"option_{i}_feedback", _("Explain why, for the cadre."))
        elif self.kind == Kind.DECISION:
            decisions = self._filled("decision")
            if self._rows_beyond_form("decision") or not (
                MIN_DECISIONS <= len(decisions) <= DECISION_ROWS
            ):
                raise ValidationError(
                    _("Give from %(min)s to %(max)s decisions.")
                    % {"min": MIN_DECISIONS, "max": DECISION_ROWS}
                )
            if sum(1 for _i, row in decisions if row["correct"]) != 1:
                raise ValidationError(_("Mark exactly one decision as the right one."))
            for i, row in decisions:
                if not row["feedback"].strip():
                    self.add_error(f"decision_{i}_feedback", _("Explain why, for the cadre."))
            texts = [row["text"].casefold() for _i, row in decisions]
            if len(set(texts)) != len(texts):
                raise ValidationError(_("Two decisions have the same text."))
            rows = self._filled("reason")
            if len(rows) < 2 or sum(1 for _i, row in rows if row["correct"]) != 1:
                raise ValidationError(_("Give at least two reasons and mark exactly one as right."))
        elif self.kind == Kind.WRITTEN:
            rows = self._filled("criterion")
            if not rows or any(row["points"] in (None, 0) for _i, row in rows):
                raise ValidationError(_("Give each rubric criterion its points."))
        return data

    # --- to the service ---------------------------------------------------------------------

    def _keyed(self, rows, used: set[str], group: str, prefix: str = "") -> list[tuple[str, dict]]:
        out = []
        free = (f"{prefix}{k}" for k in (KEYS if not prefix else range(1, 100)))
        for _i, row in rows:
            key = row["key"]
            if key not in self.current_keys[group] or key in used:
                key = next(k for k in free if k not in used | self.taken_keys)
            used.add(key)
            out.append((key, row))
        return out

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {
            "kind": self.kind,
            "title": data["title"],
            "prompt": data["prompt"],
            "points": data["points"],
            "competencies": list(data["competencies"]),
            "source_lesson": data.get("source_lesson"),
        }
        used: set[str] = set()
        if self.kind in (Kind.SINGLE, Kind.MULTIPLE):
            kwargs["options"] = [
                OptionData(key, row["text"], row["correct"], row["feedback"])
                for key, row in self._keyed(self._filled("option"), used, Option.Group.CHOICE)
            ]
        elif self.kind == Kind.DECISION:
            decisions = [
                OptionData(key, row["text"], row["correct"], row["feedback"], Option.Group.DECISION)
                for key, row in self._keyed(
                    self._filled("decision"), used, Option.Group.DECISION, prefix="d"
                )
            ]
            reasons = [
                OptionData(key, row["text"], row["correct"], row["feedback"], Option.Group.REASON)
                for key, row in self._keyed(
                    self._filled("reason"), used, Option.Group.REASON, prefix="r"
                )
            ]
            kwargs.update(options=decisions + reasons, unit_kind=data["unit_kind"])
        else:
            kwargs.update(
                reference=data["reference"],
                rubric=[
                    RubricData(row["text"], row["points"]) for _i, row in self._filled("criterion")
                ],
            )
        return kwargs


# What the review shows (rows) and when (columns), Moodle's review options.
REVIEW_ITEMS = {
    "answers": _("Their answers"),
    "correctness": _("Whether each answer was right"),
    "feedback": _("Feedback on their choices"),
    "right_answers": _("The right answers"),
}
REVIEW_WHEN = {
    "attempt": _("Right after each attempt"),
    "last": _("After their last attempt"),
    "close": _("After the quiz closes"),
}
REVIEW_FIELDS = [f"review_{item}_after_{when}" for item in REVIEW_ITEMS for when in REVIEW_WHEN]


class QuizForm(forms.ModelForm):
    """Quiz settings, the fixed questions, and how many to draw at random per competency.

    The review options are laid out as a grid in the template (`review_grid`): a row for what
    the review shows, a column for when."""

    questions = IdsField(
        label=pgettext_lazy("list", "Questions"),
        queryset=Question.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Quiz
        fields = [
            "title",
            "intro_md",
            "is_published",
            "pass_mark",
            "attempts_allowed",
            "grading_method",
            "time_limit_minutes",
            "opens_at",
            "closes_at",
            "min_minutes",
            "shuffle_questions",
            "shuffle_options",
            *REVIEW_FIELDS,
        ]
        widgets = {
            "intro_md": forms.Textarea(attrs={"rows": 3}),
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "min_minutes": forms.NumberInput(attrs={"min": 0, "max": 600}),
            "time_limit_minutes": forms.NumberInput(attrs={"min": 1, "max": TIME_LIMIT_MAX}),
            **{
                name: forms.CheckboxInput(attrs={"class": "form-check-input"})
                for name in REVIEW_FIELDS
            },
        }
        labels = {
            f"review_{item}_after_{when}": format_lazy(
                _("{when}: {what}"), when=REVIEW_WHEN[when], what=REVIEW_ITEMS[item]
            )
            for item in REVIEW_ITEMS
            for when in REVIEW_WHEN
        }

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        # A language version takes its rules from the original quiz (they share attempts and
        # a grade): only its title, introduction, questions and shuffling are its own.
        self.follows = self.instance.translation_of if self.instance.translation_of_id else None
        if self.follows is not None:
            for name in SHARED_RULES:
                del self.fields[name]
        bank = Question.objects.filter(course=course, current__isnull=False).select_related(
            "current"
        )
        self.fields["questions"].queryset = bank
        self.fields["questions"].label_from_instance = lambda q: (
            f"{q.current.title} ({q.current.get_kind_display()})"
        )
        self.competencies = list(Competency.objects.select_related("framework"))
        slots = list(self.instance.slots.all()) if self.instance.pk else []
        self.initial.setdefault("questions", [s.question_id for s in slots if s.question_id])
        for competency in self.competencies:
            self.fields[f"draw_{competency.pk}"] = forms.IntegerField(
                label=_("Draw at random: %(competency)s (%(framework)s)")
                % {"competency": competency.label, "framework": competency.framework.label},
                min_value=0,
                max_value=50,
                required=False,
                initial=sum(1 for s in slots if s.draw_from_id == competency.pk) or None,
            )

    def clean(self):
        data = super().clean()
        if self.follows is not None:
            return data
        least, limit = data.get("min_minutes"), data.get("time_limit_minutes")
        if least and limit and least > limit:
            # Otherwise every attempt the timer submits would be flagged as too fast.
            self.add_error(
                "min_minutes", _("The minimum time cannot be longer than the time limit.")
            )
        return data

    def draw_fields(self):
        return [self[f"draw_{c.pk}"] for c in self.competencies]

    def review_columns(self) -> list[str]:
        return list(REVIEW_WHEN.values())

    def review_grid(self) -> list[tuple[str, list]]:
        """(what the review shows, its three checkboxes: after each attempt, after the last,
        after closing) for each row of the grid; none for a translation."""
        if self.follows is not None:
            return []
        return [
            (label, [self[f"review_{item}_after_{when}"] for when in REVIEW_WHEN])
            for item, label in REVIEW_ITEMS.items()
        ]

    def leaks_answer_key(self) -> bool:
        """Whether the review, as set, tells which answers were right while attempts remain."""
        return self.follows is None and any(
            self[f"review_{item}_after_attempt"].value()
            for item in ("correctness", "right_answers")
        )

    def slots(self) -> list[tuple[Question | None, Competency | None]]:
        fixed = [(q, None) for q in self.cleaned_data["questions"]]
        draws = [
            (None, c)
            for c in self.competencies
            for _n in range(self.cleaned_data.get(f"draw_{c.pk}") or 0)
        ]
        return fixed + draws
