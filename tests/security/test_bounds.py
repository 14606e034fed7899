"""Every number and date a trainer or HR officer types has bounds the form, the model and the
database agree on.

For each numeric or date field of a ModelForm in studio/ and records/forms.py (and the plain
form fields that are saved into a model field, listed in PLAIN), the values the form accepts
must be storable and usable:

- integers: the accepted range (form field bounds, and the model field's own validators) lies
  within the column's range on every database the site supports (PostgreSQL's, the narrowest:
  a PositiveSmallIntegerField holds 0..32767). SQLite stores up to 2**63 whatever the column
  says, so a bound that only PostgreSQL enforces is no bound on SQLite;
- decimals: no more digits, and no more decimal places, than the column holds;
- dates and date-times: year 1 and year 9999 are refused (a time zone shift or an added time
  limit takes them past what Python's datetime holds).

The check tries the values just outside each range on the field objects, not the code: it
finds a bound however it is written (min_value, a validator on the form or on the model, the
form's `clean_<field>`). Bounds that need the whole form (`clean()`) are not seen here; the
sweep in test_fuzz.py posts the same values to the pages.
"""

from __future__ import annotations

import datetime as dt
import inspect

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations

import records.forms
import studio.forms.courses
import studio.forms.frameworks
import studio.forms.grading
import studio.forms.hours
import studio.forms.questions
from courses.models import Course
from quizzes.models import QuestionVersion

FORM_MODULES = [
    studio.forms.courses,
    studio.forms.frameworks,
    studio.forms.grading,
    studio.forms.hours,
    studio.forms.questions,
    records.forms,
]

# Plain form fields whose value is saved into a model field: (form, field) -> model field.
PLAIN = {
    (studio.forms.courses.CaseImportForm, "study_hours"): Course._meta.get_field("study_hours"),
    (studio.forms.hours.HoursChangeForm, "hours"): Course._meta.get_field("study_hours"),
    (studio.forms.questions.QuestionForm, "points"): QuestionVersion._meta.get_field("points"),
}

# Mismatches another engineer is fixing (issue 12): remove an entry once its fix lands.
KNOWN: dict[tuple[str, str], str] = {}

CHECKED = (models.IntegerField, models.DecimalField, models.DateField)  # DateTimeField too


def _model_forms():
    for module in FORM_MODULES:
        for _name, form in inspect.getmembers(module, inspect.isclass):
            if issubclass(form, forms.ModelForm) and form.__module__ == module.__name__:
                yield form


def _pairs():
    """(form class, field name, form field, model field) for every field to check."""
    for form in _model_forms():
        model = form._meta.model
        for name, field in form.base_fields.items():
            try:
                model_field = model._meta.get_field(name)
            except Exception:  # noqa: S112 - a form-only field; PLAIN lists those saved
                continue
            if isinstance(model_field, CHECKED):
                yield form, name, field, model_field
    for (form, name), model_field in PLAIN.items():
        yield form, name, form.base_fields[name], model_field


def _accepts(form, name: str, form_field, model_field, text: str) -> bool:
    """Whether the field takes `text`: its own cleaning, the model field's own validators, and
    the form's `clean_<name>` (called on a bare form holding only this value)."""
    try:
        value = form_field.clean(text)
        if value is None:
            return True
        # The model field's own validators only: those from the database connection bound it
        # on PostgreSQL and not on SQLite, and the check must say the same on both.
        for validator in model_field._validators:
            validator(value)
        method = getattr(form, f"clean_{name}", None) if form is not None else None
        if method is not None:
            bare = form.__new__(form)
            bare.cleaned_data = {name: value}
            try:
                method(bare)
            except ValidationError:
                raise
            except Exception:  # noqa: S110 - needs the form's state: counts as no bound here
                pass
    except ValidationError:
        return False
    return True


def mismatch(form_field, model_field, form=None, name: str = "") -> str | None:
    """What is wrong with one field's bounds, or None."""
    if isinstance(model_field, models.DecimalField):
        digits = getattr(form_field, "max_digits", None)
        places = getattr(form_field, "decimal_places", None)
        if digits is None or digits > model_field.max_digits:
            return f"form allows {digits} digits, column holds {model_field.max_digits}"
        if places is None or places > model_field.decimal_places:
            return f"form allows {places} places, column holds {model_field.decimal_places}"
        return None
    if isinstance(model_field, models.IntegerField):
        column_low, column_high = BaseDatabaseOperations.integer_field_ranges[
            model_field.get_internal_type()
        ]
        too_high = column_high + 1
        if _accepts(form, name, form_field, model_field, str(too_high)):
            return f"accepts {too_high}, the column holds up to {column_high}"
        too_low = (column_low if column_low is not None else 0) - 1
        if column_low is not None and _accepts(form, name, form_field, model_field, str(too_low)):
            # A positive field's column refuses negatives by a CHECK constraint, as a 500.
            return f"accepts {too_low}, the column holds from {column_low}"
        return None
    # Date and date-time fields.
    for year in (1, 9999):
        day = dt.date(year, 1 if year == 1 else 12, 1 if year == 1 else 31)
        text = (
            day.isoformat()
            if not isinstance(model_field, models.DateTimeField)
            else (f"{day.isoformat()}T00:00")
        )
        if _accepts(form, name, form_field, model_field, text):
            return f"accepts {text}"
    return None


PAIRS = list(_pairs())


def test_the_check_finds_fields_to_check():
    names = {(form.__name__, name) for form, name, _f, _m in PAIRS}
    # One of each kind, so a refactor that hides the fields from the check fails here.
    assert ("QuizForm", "time_limit_minutes") in names
    assert ("QuizForm", "opens_at") in names
    assert ("AssignmentForm", "due_date") in names
    assert ("CourseForm", "study_hours") in names


@pytest.mark.parametrize(
    "form,name,form_field,model_field",
    [
        pytest.param(
            *pair,
            id=f"{pair[0].__name__}.{pair[1]}",
            marks=[pytest.mark.xfail(strict=False, reason=KNOWN[(pair[0].__name__, pair[1])])]
            if (pair[0].__name__, pair[1]) in KNOWN
            else [],
        )
        for pair in PAIRS
    ],
)
def test_form_accepts_only_what_the_column_holds(form, name, form_field, model_field):
    problem = mismatch(form_field, model_field, form, name)
    assert problem is None, f"{form.__name__}.{name} ({model_field.__class__.__name__}): {problem}"


def test_the_check_catches_an_unbounded_field():
    """The check itself: a form field with no bound on a small column is reported."""
    column = models.PositiveSmallIntegerField()
    assert mismatch(forms.IntegerField(), column) is not None
    assert mismatch(forms.IntegerField(min_value=0, max_value=600), column) is None
    assert mismatch(forms.DateTimeField(), models.DateTimeField()) == "accepts 0001-01-01T00:00"
    assert (
        mismatch(
            forms.DecimalField(max_digits=9, decimal_places=2),
            models.DecimalField(max_digits=5, decimal_places=2),
        )
        is not None
    )
