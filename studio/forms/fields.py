"""Form fields the studio's forms share."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


class IdsField(forms.ModelMultipleChoiceField):
    """Rows chosen by id, where a value that is no id (25 digits, "²") is an invalid choice
    before any query: an id past the database's integer overflowed the `IN` lookup (500)."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk)
            if not (text.isascii() and text.isdigit() and len(text) <= 18):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)
