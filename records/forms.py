from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from courses.hours import format_hours
from courses.models import Course
from people.models import OrgUnit, Profile
from quizzes.models import validate_sane_datetime
from records.models import Assignment

from .models import CompletionRecord, ExportFile
from .reports import STATUS_CHOICES, Filters, default_filters


class UnitSelect(forms.Select):
    """A select that writes its options in Python: the markup of Django's own select template,
    without a template rendered per option. An officer's units are a county's five hundred,
    and rendering them one template at a time took 0.4 s of every HR page."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "\n\n  ",
            '<option value="{}"{}>{}</option>',
            (
                (str(option["value"]), _attrs(option["attrs"]), option["label"])
                for _group, choices, _index in widget["optgroups"]
                for option in choices
            ),
        )
        return format_html(
            '<select name="{}"{}>\n  {}\n\n</select>',
            widget["name"],
            _attrs(widget["attrs"]),
            options,
        )


def _attrs(attrs: dict) -> str:
    """Attributes as django/forms/widgets/attrs.html writes them: in order, True bare, False
    left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", key) if value is True else format_html(' {}="{}"', key, value),)
            for key, value in attrs.items()
            if value is not False
        ),
    )


class PeopleFilterForm(forms.Form):
    """Filters for the HR people list; the unit choices are limited to the officer's scope."""

    q = forms.CharField(
        label=_("Search name, position or staff number"), required=False, max_length=100
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=OrgUnit.objects.none(), required=False, widget=UnitSelect
    )
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
            people = people.search(data["q"])
        if data["unit"]:
            people = people.in_units([data["unit"]])
        if data["rank"]:
            people = people.filter(rank=data["rank"])
        if data["leaders_only"]:
            people = people.filter(is_leader=True)
        return people


YEARS_BACK = 9


class RecordsFilterForm(forms.Form):
    """Filters shared by the dashboard, the hours ledger and the exports. Units are limited to
    the officer's scope, so a unit elsewhere is an invalid choice, not an empty result."""

    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=OrgUnit.objects.none(), required=False, widget=UnitSelect
    )
    rank = forms.ChoiceField(label=_("Rank"), required=False)
    leaders_only = forms.BooleanField(label=_("Leaders only"), required=False)
    course = forms.ModelChoiceField(
        label=_("Course"), queryset=Course.objects.none(), required=False
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, data=None, *args, officer: Profile, **kwargs):
        this_year = timezone.localdate().year
        if data is not None and not data.get("year"):
            # A link that names no year (a drill-down, a bookmark) means this year, and the
            # select must say so rather than show its first choice.
            data = data.copy()
            data["year"] = str(this_year)
        super().__init__(data, *args, **kwargs)
        self.fields["unit"].queryset = officer.scope_units()
        self.fields["unit"].empty_label = _("All my units")
        self.fields["rank"].choices = [("", _("Any rank")), *Profile.Rank.choices]
        self.fields["course"].queryset = Course.objects.published().order_by("title")
        self.fields["course"].empty_label = _("Any course")
        self.fields["status"].choices = [("", _("Any status")), *STATUS_CHOICES]
        self.fields["year"].choices = [
            (year, str(year)) for year in range(this_year + 1, this_year - YEARS_BACK - 1, -1)
        ]
        self.fields["year"].initial = this_year
        self.fields["year"].help_text = _("Courses due in this year, hours credited to it.")

    def filters(self) -> Filters | None:
        """The filters asked for; defaults when none were sent; None when they are invalid
        (the page then shows the form's errors and no data)."""
        if not self.is_bound:
            return default_filters()
        if not self.is_valid():
            return None
        data = self.cleaned_data
        return Filters(
            year=data["year"] or default_filters().year,
            unit=data["unit"],
            rank=data["rank"],
            leaders_only=data["leaders_only"],
            course=data["course"],
            status=data["status"],
            q=data.get("q", ""),
        )


class CompletionFilterForm(RecordsFilterForm):
    """The completion table and the exports also search by name, position or staff number."""

    q = forms.CharField(
        label=_("Search name, position or staff number"), required=False, max_length=100
    )

    field_order = ["q", "unit", "rank", "leaders_only", "course", "status", "year"]

    @classmethod
    def filters_of(cls, query: str, officer: Profile) -> Filters | None:
        """The filters a query string asks for, as the table's page reads them (an export
        file keeps its page's query string and is built from it later)."""
        return cls(QueryDict(query) if query else None, officer=officer).filters()


class ExportFileForm(forms.Form):
    """Ask the task worker for a long XLSX: which table, with the filters of its page (the
    query string, read again by `CompletionFilterForm` with the officer's scope)."""

    table = forms.ChoiceField(choices=ExportFile.Table.choices, widget=forms.HiddenInput)
    query = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    def __init__(self, *args, officer: Profile, **kwargs):
        super().__init__(*args, **kwargs)
        self.officer = officer

    def clean_query(self) -> str:
        query = self.cleaned_data["query"]
        if CompletionFilterForm.filters_of(query, self.officer) is None:
            raise forms.ValidationError(_("These filters are not valid."))
        return query


class CorrectionForm(forms.Form):
    """An HR correction: what it applies to (the subclass's first field) and why."""

    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text=_("Kept in the ledger with your name."),
    )


class WaiveForm(CorrectionForm):
    """HR exempts the cadre from one of their open assigned courses."""

    course = forms.ModelChoiceField(label=_("Course to waive"), queryset=Course.objects.none())
    field_order = ["course", "reason"]

    def __init__(self, *args, open_courses: list[int], **kwargs):
        super().__init__(*args, prefix="waive", **kwargs)
        self.fields["course"].queryset = Course.objects.filter(pk__in=open_courses)


class LineCorrectionForm(CorrectionForm):
    """A correction of one of the cadre's ledger lines of `kind` that no line of `undone_by`
    has corrected yet: the choices are the lines still standing (a stale choice is refused by
    the service)."""

    field_name: str  # the line's field, before the reason: "record", "waiver"
    kind: str
    undone_by: str

    def __init__(self, *args, person: Profile, **kwargs):
        super().__init__(*args, prefix=self.prefix_name, **kwargs)
        field = forms.ModelChoiceField(
            label=self.line_label,
            queryset=CompletionRecord.objects.filter(user=person.user, kind=self.kind)
            .exclude(corrections__kind=self.undone_by)
            .select_related("course"),
        )
        field.label_from_instance = self.describe
        self.fields = {self.field_name: field, **self.fields}


class VoidForm(LineCorrectionForm):
    """HR takes back the hours of one of the cadre's completions."""

    prefix_name, field_name = "void", "record"
    line_label = _("Credit to void")
    kind = CompletionRecord.Kind.COMPLETED
    undone_by = CompletionRecord.Kind.VOIDED

    @staticmethod
    def describe(record: CompletionRecord) -> str:
        return _("%(course)s · %(year)s · %(hours)s h") % {
            "course": record.course.title,
            "year": record.year,
            "hours": format_hours(record.hours),
        }


class WithdrawForm(LineCorrectionForm):
    """HR takes back one of the cadre's waivers still standing."""

    prefix_name, field_name = "withdraw", "waiver"
    line_label = _("Waiver to withdraw")
    kind = CompletionRecord.Kind.WAIVED
    undone_by = CompletionRecord.Kind.WITHDRAWN

    @staticmethod
    def describe(record: CompletionRecord) -> str:
        return _("%(course)s · waived on %(date)s") % {
            "course": record.course.title,
            "date": timezone.localdate(record.occurred_at).isoformat(),
        }


class AssignmentForm(forms.ModelForm):
    """Assign a published course to a unit and everything below it."""

    ranks = forms.MultipleChoiceField(
        label=_("Only these ranks"),
        choices=Profile.Rank.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked for every rank."),
    )

    class Meta:
        model = Assignment
        fields = ["course", "unit", "kind", "ranks", "leaders_only", "due_date"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, units, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        # Only originals: an assignment of a case reaches its every language version (the
        # cadre picks one; the credit is the original's), so a translation is never assigned.
        # Only originals: an assignment reaches every language version of its course. Each is
        # named in all its languages, so an officer reading English finds the Chinese original.
        field = self.fields["course"]
        field.queryset = courses.filter(translation_of__isnull=True).prefetch_related(
            "translations"
        )
        field.label_from_instance = lambda course: " / ".join(
            [course.title, *(t.title for t in course.translations.all())]
        )

    def save_by(self, user) -> Assignment:
        """Save, recording who assigned it."""
        assignment = self.save(commit=False)
        assignment.assigned_by = user
        assignment.save()
        return assignment

    @staticmethod
    def done_message(assignment: Assignment) -> str:
        return gettext("“%(course)s” assigned to %(unit)s and every unit below it.") % {
            "course": assignment.course,
            "unit": assignment.unit,
        }

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        validate_sane_datetime(due)  # year 1 or 9999 would overflow the reminders' arithmetic
        if due < timezone.localdate():
            raise forms.ValidationError(_("The due date is in the past."))
        return due
