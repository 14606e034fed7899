"""The reference points of a case and the trainer's key phrases for each."""

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import Course, ReferencePoint

PHRASES_MAX = 30  # phrases per point
PHRASE_CHARS = 100  # characters per phrase


class PointsForm(forms.Form):
    """Each point's text and key phrases (one a line), in the points' order. The points
    themselves come from the case; a trainer words them better and adds other wordings."""

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        self.points = list(course.reference_points.all())
        for point in self.points:
            self.fields[f"text_{point.pk}"] = forms.CharField(
                label=_("Point %(key)s") % {"key": point.key},
                initial=point.text,
                max_length=ReferencePoint.MAX_TEXT,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"phrases_{point.pk}"] = forms.CharField(
                label=_("Key phrases for %(key)s") % {"key": point.key},
                initial=point.phrases,
                required=False,
                max_length=ReferencePoint.MAX_PHRASES,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=ReferencePoint._meta.get_field("phrases").help_text,
            )

    def clean(self):
        data = super().clean()
        for point in self.points:
            name = f"phrases_{point.pk}"
            lines = [line.strip() for line in data.get(name, "").splitlines() if line.strip()]
            if len(lines) > PHRASES_MAX:
                self.add_error(
                    name, _("At most %(max)d phrases for one point.") % {"max": PHRASES_MAX}
                )
            elif any(len(line) > PHRASE_CHARS for line in lines):
                self.add_error(
                    name,
                    _("A phrase is a few words: at most %(max)d characters a line.")
                    % {"max": PHRASE_CHARS},
                )
            else:
                data[name] = "\n".join(dict.fromkeys(lines))  # each once, in order
        return data

    def rows(self):
        """Each point with its two fields, for the template."""
        return [
            (point, self[f"text_{point.pk}"], self[f"phrases_{point.pk}"]) for point in self.points
        ]

    def save(self) -> int:
        """Write what changed; returns how many points changed."""
        changed = []
        for point in self.points:
            text = self.cleaned_data[f"text_{point.pk}"].strip()
            phrases = self.cleaned_data[f"phrases_{point.pk}"]
            if (text, phrases) != (point.text, point.phrases):
                point.text, point.phrases = text, phrases
                changed.append(point)
        ReferencePoint.objects.bulk_update(changed, ["text", "phrases"])
        return len(changed)
