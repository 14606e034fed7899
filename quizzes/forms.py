"""The attempt form: one field (two for a decision) per question, built from the attempt.

Fields carry option keys and texts only: nothing about correctness, scores or feedback is
known to the form, so nothing of it can reach the page.
"""

from __future__ import annotations

from typing import NamedTuple

from django import forms
from django.core.exceptions import BadRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from people.text_files import typed_text

from .models import AttemptQuestion, Option, QuestionVersion
from .services import Submitted, is_answered

Kind = QuestionVersion.Kind


def field_names(aq: AttemptQuestion) -> list[str]:
    if aq.version.kind == Kind.DECISION:
        return [f"q{aq.pk}_decision", f"q{aq.pk}_reason"]
    if aq.version.kind == Kind.WRITTEN:
        return [f"q{aq.pk}_text"]
    return [f"q{aq.pk}"]


def flag_name(aq: AttemptQuestion) -> str:
    return f"q{aq.pk}_flag"


# A written answer's bound in characters; the textarea says so to the browser (maxlength).
ANSWER_MAX = 20_000


class AnswerTooLong(BadRequest):
    """A written answer over `ANSWER_MAX`: refused whole (400), never cut short."""


def answer_text(value: str) -> str:
    """A written answer as stored: newlines as "\n", control characters (a NUL would be
    stored, and PostgreSQL refuses it) removed; over `ANSWER_MAX` characters it is refused."""
    text = typed_text(value)
    if len(text) > ANSWER_MAX:
        raise AnswerTooLong(
            _("An answer may be at most %(max)s characters long; nothing was saved.")
            % {"max": ANSWER_MAX}
        )
    return text


class Choice(NamedTuple):
    value: str
    label: str
    checked: bool
    id: str


class Input(NamedTuple):
    """One field of the attempt page as plain values, written out by `__html__`.

    The page has some sixty fields; rendered by crispy-forms' generic field template they cost
    85 % of its time (a profile of the 23-question demo quiz). The attempt page only ever
    shows saved answers, never a bound form with errors (a save redirects), so writing the
    same markup (Bootstrap's, with the same names and ids) from these values takes a
    fraction of the time; a template include per field still cost a third of the page."""

    kind: str  # "radio", "checkbox" (options), "text" (a textarea) or "flag"
    name: str
    id: str
    label: str
    choices: tuple[Choice, ...] = ()
    text: str = ""
    checked: bool = False
    css: str = ""

    def __html__(self) -> str:
        """The field's markup, every value escaped by `format_html`."""
        if self.kind == "text":
            return format_html(
                '<div id="div_{}" class="mb-3"><label for="{}" class="form-label">{}</label>\n'
                '<textarea name="{}" cols="40" rows="8" maxlength="{}" class="textarea '
                'form-control" id="{}">\n{}</textarea></div>',
                self.id,
                self.id,
                self.label,
                self.name,
                ANSWER_MAX,
                self.id,
                self.text,
            )
        if self.kind == "flag":
            return format_html(
                '<div class="mb-3"><div id="div_{}" class="form-check"><input type="checkbox" '
                'name="{}" class="{} checkboxinput form-check-input" data-flag="" id="{}"{}>\n'
                '<label for="{}" class="form-check-label">{}</label></div></div>',
                self.id,
                self.name,
                self.css,
                self.id,
                _CHECKED[self.checked],
                self.id,
                self.label,
            )
        options = format_html_join(
            "",
            '\n<div class="form-check"><input type="{}" class="form-check-input" name="{}" '
            'value="{}" id="{}"{}>\n<label for="{}" class="form-check-label">{}</label></div>',
            (
                (self.kind, self.name, c.value, c.id, _CHECKED[c.checked], c.id, c.label)
                for c in self.choices
            ),
        )
        return format_html(
            '<div id="div_{}" class="mb-3"><fieldset><legend class="form-label fs-6">{}'
            "</legend><div>{}</div></fieldset></div>",
            self.id,
            self.label,
            options,
        )

    __str__ = __html__


# A constant attribute, not user text: safe to mark safe.
_CHECKED = {True: mark_safe(" checked"), False: ""}  # noqa: S308  # nosec B308


def as_input(bound: forms.BoundField) -> Input:
    field, widget = bound.field, bound.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
        value = bound.value()
        chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
        kind = "checkbox" if isinstance(widget, forms.CheckboxSelectMultiple) else "radio"
        return Input(
            kind,
            bound.html_name,
            bound.auto_id,
            str(bound.label),
            tuple(
                Choice(str(key), str(text), str(key) in chosen, f"{bound.auto_id}_{index}")
                for index, (key, text) in enumerate(field.choices)
            ),
        )
    if isinstance(widget, forms.CheckboxInput):
        return Input(
            "flag",
            bound.html_name,
            bound.auto_id,
            str(bound.label),
            checked=bool(bound.value()),
            css=widget.attrs.get("class", ""),
        )
    return Input("text", bound.html_name, bound.auto_id, str(bound.label), text=bound.value() or "")


class Item(NamedTuple):
    """One question on the attempt page: its fields, its flag, and what the server holds."""

    question: AttemptQuestion
    fields: list[Input]
    flag: Input
    answered: bool
    flagged: bool


class AttemptForm(forms.Form):
    def __init__(self, *args, questions: list[AttemptQuestion], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for aq in questions:
            options = {o.key: o for o in aq.version.options.all()}
            shown = [options[k] for k in aq.option_order if k in options]
            saved = aq.answer.selected
            kind = aq.version.kind
            if kind == Kind.SINGLE:
                self.fields[f"q{aq.pk}"] = forms.ChoiceField(
                    label=_("Your answer"),
                    required=False,
                    widget=forms.RadioSelect,
                    choices=[(o.key, o.text) for o in shown],
                    initial=(saved or [None])[0],
                )
            elif kind == Kind.MULTIPLE:
                self.fields[f"q{aq.pk}"] = forms.MultipleChoiceField(
                    label=_("Your answer (choose all that apply)"),
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    choices=[(o.key, o.text) for o in shown],
                    initial=saved,
                )
            elif kind == Kind.DECISION:
                for group, label in (
                    (Option.Group.DECISION, _("Your decision for this unit's groups")),
                    (Option.Group.REASON, _("The reason that justifies it")),
                ):
                    choices = [(o.key, o.text) for o in shown if o.group == group]
                    keys = {k for k, _text in choices}
                    self.fields[f"q{aq.pk}_{group}"] = forms.ChoiceField(
                        label=label,
                        required=False,
                        widget=forms.RadioSelect,
                        choices=choices,
                        initial=next((k for k in saved if k in keys), None),
                    )
            else:
                self.fields[f"q{aq.pk}_text"] = forms.CharField(
                    label=_("Your answer"),
                    required=False,
                    max_length=ANSWER_MAX,
                    widget=forms.Textarea(attrs={"rows": 8}),
                    initial=aq.answer.text,
                )
            self.fields[flag_name(aq)] = forms.BooleanField(
                label=_("Flag this question"),
                required=False,
                initial=aq.answer.flagged,
                widget=forms.CheckboxInput(attrs={"class": "quiz-flag", "data-flag": ""}),
            )

    def bound_fields_for(self, aq: AttemptQuestion) -> list[forms.BoundField]:
        return [self[name] for name in field_names(aq)]

    def items(self) -> list[Item]:
        return [
            Item(
                aq,
                [as_input(bound) for bound in self.bound_fields_for(aq)],
                as_input(self[flag_name(aq)]),
                is_answered(aq),
                aq.answer.flagged,
            )
            for aq in self.questions
        ]

    def submitted(self) -> dict[int, Submitted]:
        """The answers as the services take them, for the questions whose fields the post
        carries (the page marks each with `q<pk>_shown`): a post that leaves a question out
        (a script, a partial page, the summary's submit button) never blanks its saved
        answer. Unknown keys are dropped in the services."""
        data: dict[int, Submitted] = {}
        for aq in self.questions:
            if not self.data.get(f"q{aq.pk}_shown"):
                continue
            kind = aq.version.kind
            flagged = bool(self.data.get(flag_name(aq)))
            if kind == Kind.MULTIPLE:
                data[aq.pk] = Submitted(self.data.getlist(f"q{aq.pk}"), flagged=flagged)
            elif kind == Kind.WRITTEN:
                text = answer_text(self.data.get(f"q{aq.pk}_text", ""))
                data[aq.pk] = Submitted([], text, flagged)
            else:
                data[aq.pk] = Submitted(
                    [v for name in field_names(aq) if (v := self.data.get(name))],
                    flagged=flagged,
                )
        return data
