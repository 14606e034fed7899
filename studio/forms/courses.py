"""Studio forms. Rendered with crispy forms; errors stand next to their field."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from courses.case_files import read_case
from courses.case_import import MAX_CASE_BYTES, CaseFormatError
from courses.models import Course, Lesson
from courses.services import LABEL_MAX
from quizzes import services as quiz_services
from studio.forms.fields import IdsField


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = ["title", "slug", "summary", "study_hours", "language", "co_owners"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "co_owners": forms.CheckboxSelectMultiple,
        }
        # A 25-digit id is an invalid choice, not an OverflowError in the lookup.
        field_classes = {"co_owners": IdsField}

    # Not a model field of the form: linking pairs the quizzes too (`course_link_translation`).
    translation_of = forms.ModelChoiceField(
        label=_("Translation of"),
        queryset=Course.objects.none(),
        required=False,
        empty_label=_("None: this course is an original"),
        help_text=_(
            "The same case in another language, with the same lessons and quizzes in the same "
            "order. Cadres pick the language; progress, attempts and the credit are shared, so "
            "the hours are credited once."
        ),
    )

    def __init__(self, *args, owner=None, editor=None, **kwargs):
        super().__init__(*args, **kwargs)
        trainers = get_user_model().objects.filter(profile__is_trainer=True, is_active=True)
        if owner is not None:
            trainers = trainers.exclude(pk=owner.pk)
        self.fields["co_owners"].queryset = trainers.select_related("profile").order_by(
            "profile__full_name"
        )
        self.fields["co_owners"].label_from_instance = lambda u: u.profile.full_name
        self.fields["co_owners"].required = False
        self._lock_study_hours()
        self._translation_field(editor or owner)

    def _translation_field(self, editor) -> None:
        """An existing course without translations of its own may become one of an original
        the editing trainer may edit too (never itself); a new course has no lessons to pair."""
        course = self.instance
        if course.pk is None or editor is None or course.translations.exists():
            del self.fields["translation_of"]
            return
        field = self.fields["translation_of"]
        field.queryset = (
            Course.objects.editable_by(editor)
            .filter(translation_of__isnull=True)
            .exclude(pk=course.pk)
            .order_by("title")
        )
        field.label_from_instance = lambda c: f"{c.title} ({c.get_language_display()})"
        field.initial = course.translation_of_id

    def clean_translation_of(self):
        original = self.cleaned_data.get("translation_of")
        course = self.instance
        if original is not None and original.pk != course.translation_of_id:
            problems = quiz_services.translation_problems(course=course, original=original)
        elif original is None:
            problems = quiz_services.unlink_problems(course=course)
        else:
            problems = []
        if problems:
            raise forms.ValidationError(problems)
        return original

    def save(self, commit=True):
        course = super().save(commit)
        if commit and "translation_of" in self.fields:
            original = self.cleaned_data.get("translation_of")
            if original is None:
                quiz_services.course_unlink_translation(course=course)
            elif original.pk != course.translation_of_id:
                quiz_services.course_link_translation(course=course, original=original)
        return course

    def _lock_study_hours(self) -> None:
        """Once a course has been published its declared hours change only on their own page,
        with a reason and a trail (`courses.services.course_change_hours`), never here; a
        translation credits its original's hours and declares none of its own."""
        if self.instance.pk is not None and (
            self.instance.status != Course.Status.DRAFT or self.instance.translation_of_id
        ):
            del self.fields["study_hours"]


class KeyPointsField(forms.CharField):
    """Key points typed one per line, stored as a list."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value) -> list[str]:
        # Django's NUL check sees strings only; a NUL in a list would reach the JSON column
        # (PostgreSQL refuses it), so control characters go before the text is split.
        text = "".join(ch for ch in (value or "") if ch in "\n\t" or ch >= " " and ch != "\x7f")
        return [line.strip() for line in text.splitlines() if line.strip()]


class LessonForm(forms.ModelForm):
    key_points = KeyPointsField(
        label=_("Key points"), required=False, help_text=_("One per line; shown highlighted.")
    )

    class Meta:
        model = Lesson
        fields = ["title", "body_md", "key_points"]
        widgets = {
            "body_md": forms.Textarea(
                attrs={
                    "rows": 18,
                    "data-preview": "lesson-preview",
                    "data-preview-status": "lesson-preview-status",
                }
            )
        }


class CaseImportForm(forms.Form):
    """Paste a case or upload its file; the text is parsed and shown before anything is saved."""

    text = forms.CharField(
        label=_("Case text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "The question; a line 'Reference analysis' (参考解析); numbered parts 1. 2. …; "
            "sub-points First, Second, … (第一，第二，…)."
        ),
    )
    file = forms.FileField(
        label=_("…or upload a text file (UTF-8 or GBK) or a Word document (.docx)"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".txt,.docx,text/plain,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
    )
    title = forms.CharField(label=_("Course title"), required=False, max_length=200)
    study_hours = forms.DecimalField(
        label=_("Study hours"),
        min_value=Decimal("0.25"),
        max_value=Decimal("50"),
        max_digits=5,
        decimal_places=2,
        initial=Decimal("1.0"),
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is not None:
            if upload.size > MAX_CASE_BYTES:
                self.add_error(
                    "file",
                    _("The file is too large (%(size).1f MB); a case may be at most 1 MB.")
                    % {"size": upload.size / 1024 / 1024},
                )
                return data
            try:
                # Told apart by content, not name: UTF-8, GB18030/GBK or a Word document.
                case = read_case(upload.read(MAX_CASE_BYTES + 1), upload.name or "")
            except CaseFormatError as error:
                self.add_error("file", str(error))
                return data
            data["text"] = case.text
            data["read_as"] = case.read_as  # "Read as GB18030 (GBK) text", for the preview
        if not (data.get("text") or "").strip():
            self.add_error("text", _("Paste the case text or choose a file."))
        return data


class CaseConfirmForm(forms.Form):
    """The preview's last question before the course is created: its title."""

    title = forms.CharField(
        label=_("Course title"),
        max_length=200,
        help_text=_("Proposed from the question: change it if you like."),
    )


class MindMapLabelsForm(forms.Form):
    """A short label for each leaf of the course's mind map, for where a whole sentence is too
    long for a box; each field is labelled with the whole text, which stays in the lesson, the
    map's tooltip and its list form."""

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        self.leaves: dict[str, tuple[int, str]] = {}
        for part in course.outline.get("parts", []):
            labels = part.get("labels") or {}
            texts = ([part["core"]] if part.get("core") else []) + list(part.get("points", []))
            for i, text in enumerate(texts):
                name = f"leaf_{part['number']}_{i}"
                self.leaves[name] = (part["number"], text)
                self.fields[name] = forms.CharField(
                    label=text,
                    required=False,
                    max_length=LABEL_MAX,
                    initial=labels.get(text, ""),
                    help_text=_("%(number)s. %(title)s: short label (optional)")
                    % {"number": part["number"], "title": part.get("title", "")},
                )

    def labels(self) -> dict[tuple[int, str], str]:
        return {self.leaves[name]: self.cleaned_data[name] for name in self.leaves}
