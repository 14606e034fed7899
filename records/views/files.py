"""HR's long XLSX exports, built by the task worker: asked for, followed, downloaded.

The table pages link to `hr.export`; past `EXPORT_DIRECT_CADRES` cadres it answers with
`ask` (a page with the button that asks), since a GET must not queue work. The rest is the
officer's own file only (`access.get_export_file_for`)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_POST, require_safe

from people.access import require_role

from .. import export_files
from ..access import get_export_file_for
from ..forms import ExportFileForm
from ..models import ExportFile

security_log = logging.getLogger("cadre.security")
# How often the page of a file being built reloads itself, in seconds.
REFRESH_SECONDS = 3
FILES_LISTED = 10


def ask(request: HttpRequest, table: str, query: str, cadres: int) -> HttpResponse:
    """The page an XLSX link of a long table leads to: how many cadres, and the button."""
    officer = require_role(request, "hr")
    year = str(timezone.localdate().year)
    params = request.GET.copy()
    # The year the page showed, fixed now: a file built after New Year is still that year's.
    params.setdefault("year", year)
    params.pop("page", None)
    form = ExportFileForm(initial={"table": table, "query": params.urlencode()}, officer=officer)
    return _ask_page(request, form, table, query, cadres)


def _ask_page(request, form, table: str, query: str, cadres: int, status: int = 200):
    return render(
        request,
        "records/export_ask.html",
        {
            "form": form,
            "table": table,
            "table_label": ExportFile.Table(table).label,
            "query": query,
            "cadres": cadres,
            "files": ExportFile.objects.filter(requested_by=request.user)[:FILES_LISTED],
            "hours_kept": settings.EXPORT_FILE_HOURS,
            "section": "completions" if table == "completions" else "ledger",
        },
        status=status,
    )


@require_POST
def request_file(request: HttpRequest) -> HttpResponse:
    officer = require_role(request, "hr")
    form = ExportFileForm(request.POST, officer=officer)
    if not form.is_valid():
        table = request.POST.get("table")
        table = table if table in ExportFile.Table.values else ExportFile.Table.COMPLETIONS
        return _ask_page(request, form, table, "", 0, status=400)
    try:
        row = export_files.request_export(
            officer, form.cleaned_data["table"], form.cleaned_data["query"], get_language()
        )
    except export_files.ExportError as error:
        messages.error(request, str(error))
        return redirect(
            "records:completions"
            if form.cleaned_data["table"] == "completions"
            else "records:ledger"
        )
    return redirect(row)


@require_safe
def file_page(request: HttpRequest, token) -> HttpResponse:
    """A file's progress; the page reloads itself (a meta refresh: the CSP allows no inline
    script) until it is ready or failed."""
    row = get_export_file_for(request, token)
    stalled = export_files.is_stalled(row)
    return render(
        request,
        "records/export_file.html",
        {
            "file": row,
            "stalled": stalled,
            "waiting_long": export_files.is_waiting_long(row),
            "refresh_seconds": REFRESH_SECONDS if row.in_progress and not stalled else 0,
            "refusal": _refusal(row) if row.status == ExportFile.Status.READY else "",
            "section": "completions" if row.table == "completions" else "ledger",
        },
    )


def _refusal(row: ExportFile) -> str:
    """Why a built file is no longer handed out (the officer's units changed); empty when it
    is."""
    try:
        export_files.officer_for(row)
    except export_files.ExportError as error:
        return str(error)
    return ""


@require_safe
def download(request: HttpRequest, token) -> HttpResponse:
    row = get_export_file_for(request, token)
    path = export_files.file_path(row)
    if row.status != ExportFile.Status.READY or not path.is_file() or _refusal(row):
        raise Http404
    security_log.info(
        "export file downloaded file=%s user=%r table=%s rows=%d",
        row.token,
        request.user.get_username(),
        row.table,
        row.total,
    )
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=export_files.download_name(row),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
