"""The admin's forms (an institution with its seal image, the reason for a reissue) and HR's
request for a ZIP of certificates."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Course
from people.models import OrgUnit, Profile

from .models import Certificate, Institution, Seal

SEAL_MAX_BYTES = 300 * 1024
SEAL_MAX_SIDE = 2000
# PNG (a transparent seal over the name) or JPEG. No SVG: a drawing that can carry script
# has no place in a document anyone may be sent.
SEAL_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}


def check_seal(upload) -> str:
    """The seal's content type, once Pillow (through forms.ImageField) has found an image in
    the upload: a PNG or JPEG of at most SEAL_MAX_BYTES and SEAL_MAX_SIDE pixels a side."""
    image = getattr(upload, "image", None)
    kind = SEAL_FORMATS.get(getattr(image, "format", None) or "")
    if kind is None:
        raise ValidationError(_("The seal must be a PNG or JPEG image."))
    if upload.size > SEAL_MAX_BYTES:
        raise ValidationError(
            _("The seal image is too large: at most %(kb)d KB.") % {"kb": SEAL_MAX_BYTES // 1024}
        )
    if max(image.size) > SEAL_MAX_SIDE:
        raise ValidationError(
            _("The seal image is too large: at most %(px)d pixels a side.") % {"px": SEAL_MAX_SIDE}
        )
    return kind


def store_seal(upload) -> Seal:
    """The checked upload as a `Seal` row: the existing one when the same image is uploaded
    again."""
    upload.seek(0)
    data = upload.read()
    width, height = upload.image.size
    seal, _created = Seal.objects.get_or_create(
        sha256=Seal.digest(data),
        defaults={
            "image": data,
            "content_type": check_seal(upload),
            "width": width,
            "height": height,
        },
    )
    return seal


class InstitutionForm(forms.ModelForm):
    seal_upload = forms.ImageField(
        label=_("Seal image"),
        required=False,
        help_text=_(
            "PNG (best with a transparent background) or JPEG, at most 300 KB. Certificates "
            "already issued keep the seal they were issued with."
        ),
    )
    remove_seal = forms.BooleanField(label=_("No seal"), required=False)

    class Meta:
        model = Institution
        fields = ["name_zh", "name_en", "is_active"]

    def clean_seal_upload(self):
        upload = self.cleaned_data.get("seal_upload")
        if upload:
            check_seal(upload)  # stored by `save`, once the whole form is valid
        return upload

    def clean_is_active(self):
        active = self.cleaned_data.get("is_active")
        other = Institution.objects.filter(is_active=True).exclude(pk=self.instance.pk).first()
        if active and other is not None:
            raise ValidationError(
                _(
                    "“%(name)s” issues certificates now. Only one institution issues them at a "
                    "time: untick it there first."
                )
                % {"name": other.name_zh}
            )
        return active

    def save(self, commit=True):
        institution = super().save(commit=False)
        if self.cleaned_data.get("remove_seal"):
            institution.seal = None
        elif self.cleaned_data.get("seal_upload"):
            institution.seal = store_seal(self.cleaned_data["seal_upload"])
        if commit:
            institution.save()
        return institution


class ReissueForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the reissue"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the name was corrected. Kept with the replaced certificate."),
    )


ARCHIVE_YEARS_BACK = 9


class ArchiveForm(forms.Form):
    """What an HR officer's ZIP of certificates holds: a unit inside their scope (none: all of
    them), a course, a year of completion, and the language the PDFs are printed in."""

    unit = forms.ModelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none(), required=False)
    course = forms.ModelChoiceField(
        label=_("Course"), queryset=Course.objects.none(), required=False
    )
    year = forms.TypedChoiceField(
        label=_("Year credited"), coerce=int, required=False, empty_value=None
    )
    language = forms.ChoiceField(label=_("Language of the certificates"), choices=())

    def __init__(self, *args, officer: Profile, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = officer.scope_units()
        self.fields["unit"].empty_label = _("All my units")
        self.fields["unit"].help_text = _("And every unit below it.")
        # The courses anyone holds a certificate of, published or since withdrawn.
        self.fields["course"].queryset = Course.objects.filter(
            pk__in=Certificate.objects.values("course_id")
        ).order_by("title")
        self.fields["course"].empty_label = _("Any course")
        this_year = timezone.localdate().year
        self.fields["year"].choices = [
            ("", _("Any year")),
            *((y, str(y)) for y in range(this_year, this_year - ARCHIVE_YEARS_BACK - 1, -1)),
        ]
        self.fields["language"].choices = settings.LANGUAGES
