"""The HR records area: only the people inside the officer's units.

Every page starts from `require_role(request, "hr")` (403 for anyone else) and reads people
only through `Profile.objects.visible_to(request.user)` or `get_profile_for_hr` (404 outside
scope). The figures are computed in `reports/`, the files in `exports.py`.
"""

import dataclasses

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.hours import format_hours
from people.access import get_profile_for_hr, require_role
from people.models import Profile

from .. import export_files, exports, reports
from ..forms import (
    CompletionFilterForm,
    PeopleFilterForm,
    RecordsFilterForm,
    VoidForm,
    WaiveForm,
    WithdrawForm,
)
from ..services import (
    RecordError,
    record_void,
    record_waive,
    record_withdraw_waiver,
    statuses_for,
)
from . import files

PAGE_SIZE = reports.PAGE_SIZE  # the people list pages by the same size


def _query(request: HttpRequest, *drop: str) -> str:
    """The current filters as a query string, without `drop` (the page, or the unit)."""
    query = request.GET.copy()
    for name in ("page", *drop):
        query.pop(name, None)
    return query.urlencode()


def _scoped_cadres(request: HttpRequest) -> QuerySet:
    """The cadres this officer may see: every people query of the area starts here."""
    return Profile.objects.visible_to(request.user).cadres()


def dashboard(request: HttpRequest) -> HttpResponse:
    officer = require_role(request, "hr")
    form = RecordsFilterForm(request.GET or None, officer=officer)
    filters = form.filters()
    report = None
    if filters is not None:
        if filters.unit is None and len(officer.hr_roots) == 1:
            # One root (a county, a township): open on the units below it, which is what HR
            # wants to compare first; the root's figures are the table's total.
            filters = dataclasses.replace(filters, unit=officer.hr_roots[0])
        report = reports.dashboard(officer, _scoped_cadres(request), filters)
    return render(
        request,
        "records/dashboard.html",
        {
            "form": form,
            "report": report,
            "query": _query(request),
            "drill_query": _query(request, "unit"),
            "section": "dashboard",
        },
    )


def completions(request: HttpRequest) -> HttpResponse:
    return _table(request, "records/completions.html", "completions", reports.completion_page)


def ledger(request: HttpRequest) -> HttpResponse:
    return _table(request, "records/ledger.html", "ledger", reports.ledger_page)


def _table(request: HttpRequest, template: str, section: str, paginate) -> HttpResponse:
    """A filtered, paged table of the officer's cadres (the completion table or the ledger)."""
    officer = require_role(request, "hr")
    form = CompletionFilterForm(request.GET or None, officer=officer)
    filters = form.filters()
    page, rows = None, []
    if filters is not None:
        page, rows = paginate(
            _scoped_cadres(request), _report(officer, filters), request.GET.get("page")
        )
    return render(
        request,
        template,
        {
            "form": form,
            "filters": filters,
            "page": page,
            "rows": rows,
            "query": _query(request),
            "section": section,
        },
    )


def export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    officer = require_role(request, "hr")
    if table not in exports.TABLES or fmt not in exports.FORMATS:
        raise Http404
    filters = CompletionFilterForm(request.GET or None, officer=officer).filters()
    if filters is None:
        return HttpResponseBadRequest(_("These filters are not valid."))
    if fmt == "xlsx" and (cadres := export_files.needs_worker(request.user, filters)):
        # Too long to build inside a request: the page that asks the task worker for it.
        return files.ask(request, table, _query(request), cadres)
    return exports.export(table, fmt, _scoped_cadres(request), _report(officer, filters))


def _report(officer: Profile, filters: reports.Filters) -> reports.Report:
    return reports.for_officer(officer, filters)


def people(request: HttpRequest) -> HttpResponse:
    officer = require_role(request, "hr")
    form = PeopleFilterForm(request.GET or None, scope_units=officer.scope_units())
    people = form.filter(
        Profile.objects.visible_to(request.user).cadres().select_related("unit", "user")
    ).order_by("unit__path", "full_name")
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "records/people.html",
        {
            "form": form,
            "page": page,
            "query": _query(request),
            "officer": officer,
            "section": "people",
        },
    )


# --- The transcript -------------------------------------------------------------------------


def person(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_profile_for_hr(request, pk)
    return _transcript(request, profile)


@require_POST
def person_waive(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_profile_for_hr(request, pk)
    form = WaiveForm(request.POST, open_courses=_open_courses(profile))
    if not form.is_valid():
        return _transcript(request, profile, waive_form=form)
    course, reason = form.cleaned_data["course"], form.cleaned_data["reason"]
    names = {"course": course.title, "name": profile.full_name}
    return _correct(
        request,
        profile,
        form,
        title=_("Waive this course?"),
        consequence=_(
            "%(course)s will no longer be due for %(name)s, and no study hours are credited "
            "for it. The waiver is added to the ledger with your name and this reason; it "
            "cannot be edited afterwards, but it can be withdrawn."
        )
        % names,
        apply=lambda: record_waive(
            user=profile.user, course=course, reason=reason, by=request.user
        ),
        done=_("%(course)s is waived for %(name)s.") % names,
    )


@require_POST
def person_void(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_profile_for_hr(request, pk)
    form = VoidForm(request.POST, person=profile)
    if not form.is_valid():
        return _transcript(request, profile, void_form=form)
    record, reason = form.cleaned_data["record"], form.cleaned_data["reason"]
    names = {
        "hours": format_hours(record.hours),
        "name": profile.full_name,
        "course": record.course.title,
        "year": record.year,
    }
    return _correct(
        request,
        profile,
        form,
        title=_("Void this credit?"),
        consequence=_(
            "The %(hours)s hours credited to %(name)s for %(course)s in %(year)s are taken "
            "back by a new ledger line with your name and this reason. The completion stays on "
            "the record, marked voided; neither line can be edited afterwards."
        )
        % names,
        apply=lambda: record_void(record=record, reason=reason, by=request.user),
        done=_("The credit for %(course)s is voided.") % names,
    )


@require_POST
def person_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_profile_for_hr(request, pk)
    form = WithdrawForm(request.POST, person=profile)
    if not form.is_valid():
        return _transcript(request, profile, withdraw_form=form)
    waiver, reason = form.cleaned_data["waiver"], form.cleaned_data["reason"]
    names = {"course": waiver.course.title, "name": profile.full_name}
    return _correct(
        request,
        profile,
        form,
        title=_("Withdraw this waiver?"),
        consequence=_(
            "%(course)s is due again for %(name)s, as if it had never been waived: if its due "
            "date has passed it shows as overdue. A new ledger line with your name and this "
            "reason records the withdrawal; the waiver stays in the history."
        )
        % names,
        apply=lambda: record_withdraw_waiver(waiver=waiver, reason=reason, by=request.user),
        done=_("The waiver of %(course)s is withdrawn.") % names,
    )


def _correct(request, profile: Profile, form, *, title, consequence, apply, done):
    """One HR correction from a valid form: first say what it will do (`consequence`); the
    officer's confirm=yes writes it (`apply`, which may refuse with a RecordError) and says so
    (`done`). A refusal shows the transcript again with the form and its message."""
    if request.POST.get("confirm") != "yes":
        return render(
            request,
            "records/confirm_correction.html",
            {
                "person": profile,
                "form": form,
                "title": title,
                "consequence": consequence,
                "action": request.path,
                "reason": form.cleaned_data["reason"],
                "section": "people",
            },
        )
    try:
        apply()
    except RecordError as exc:
        form.add_error(None, str(exc))
        return _transcript(request, profile, **{f"{form.prefix}_form": form})
    messages.success(request, done)
    return redirect("records:person", pk=profile.pk)


def _open_courses(profile: Profile) -> list[int]:
    return reports.open_courses(statuses_for(profile))


def _transcript(
    request: HttpRequest,
    profile: Profile,
    waive_form: WaiveForm | None = None,
    void_form: VoidForm | None = None,
    withdraw_form: WithdrawForm | None = None,
) -> HttpResponse:
    data = reports.transcript(profile)
    return render(
        request,
        "records/person.html",
        {
            "person": profile,
            "transcript": data,
            "waive_form": waive_form or WaiveForm(open_courses=data.open_courses),
            "void_form": void_form or VoidForm(person=profile),
            "withdraw_form": withdraw_form or WithdrawForm(person=profile),
            "section": "people",
        },
    )
