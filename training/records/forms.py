from django import forms
from django.utils.translation import gettext_lazy as _

from training.models import OrgUnit, Profile


class PeopleFilterForm(forms.Form):
    """Filters for the HR people list; the unit choices are limited to the officer's scope."""

    q = forms.CharField(label=_("Search name or position"), required=False, max_length=100)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none(), required=False)
    rank = forms.ChoiceField(label=_("Rank"), required=False)
    leaders_only = forms.BooleanField(label=_("Leaders only"), required=False)

    def __init__(self, *args, scope_units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scope_units
        self.fields["unit"].empty_label = _("All my units")
        self.fields["rank"].choices = [("", _("Any rank")), *Profile.Rank.choices]

    def filter(self, people):
        if not self.is_valid():
            return people
        data = self.cleaned_data
        if data["q"]:
            people = people.filter(full_name__icontains=data["q"]) | people.filter(
                position__icontains=data["q"]
            )
        if data["unit"]:
            people = people.in_units([data["unit"]])
        if data["rank"]:
            people = people.filter(rank=data["rank"])
        if data["leaders_only"]:
            people = people.filter(is_leader=True)
        return people
