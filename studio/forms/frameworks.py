"""Competency frameworks and their competencies, as trainers manage them."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from quizzes.models import COMPETENCY_ORDER_MAX, Competency, CompetencyFramework


class FrameworkForm(forms.ModelForm):
    class Meta:
        model = CompetencyFramework
        fields = ["name_en", "name_zh", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "name_zh": _("Shown under the Chinese interface; the English name otherwise."),
            "description": _("What the framework is for: the case or topic it comes from."),
        }

    def save(self, commit: bool = True, *, by=None) -> CompetencyFramework:
        framework = super().save(commit=False)
        if framework.pk is None:
            taken = set(CompetencyFramework.objects.values_list("slug", flat=True))
            framework.slug = CompetencyFramework.free_slug(framework.name_en, taken)
            framework.created_by = by
        if commit:
            framework.full_clean()
            framework.save()
        return framework


class CompetencyForm(forms.ModelForm):
    class Meta:
        model = Competency
        fields = ["name_en", "name_zh", "description", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {"order": _("Position")}
        help_texts = {
            "name_zh": _("Shown under the Chinese interface; the English name otherwise."),
            "order": _(
                "Lower numbers come first in forms, mastery and the heatmap. Leave empty to "
                "place it after the others."
            ),
        }

    def __init__(self, *args, framework: CompetencyFramework, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = framework
        if self.instance.pk is None:
            self.instance.framework = framework
        self.fields["order"].required = False  # empty: after the others
        self.fields["order"].widget.attrs["max"] = COMPETENCY_ORDER_MAX

    def clean_order(self) -> int:
        order = self.cleaned_data["order"]
        if order is None:
            return self.instance.order if self.instance.pk else self.framework.competencies.count()
        if order > COMPETENCY_ORDER_MAX:
            raise forms.ValidationError(_("Give a position from 0 to 999."))
        return order

    def clean_name_en(self) -> str:
        name = self.cleaned_data["name_en"]
        others = self.framework.competencies.exclude(pk=self.instance.pk)
        if others.filter(name_en__iexact=name).exists():
            raise forms.ValidationError(_("This framework already has a competency of that name."))
        return name

    def save(self, commit: bool = True) -> Competency:
        competency = super().save(commit=False)
        competency.framework = self.framework
        if not competency.code:
            taken = set(self.framework.competencies.values_list("code", flat=True))
            competency.code = Competency.free_code(competency.name_en, taken)
        if commit:
            competency.full_clean()
            competency.save()
        return competency
