"""Changing a published course's declared study hours: the new value and the reason."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.services import HOURS_MAX, HOURS_MIN


class HoursChangeForm(forms.Form):
    hours = forms.DecimalField(
        label=_("New study hours"),
        min_value=HOURS_MIN,
        max_value=HOURS_MAX,
        max_digits=5,
        decimal_places=2,
        help_text=_("From 0.25 to 50. The course credits at most what its content supports."),
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the change, for HR and auditors."),
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason for changing the study hours."))
        return reason
