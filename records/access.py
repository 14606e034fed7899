"""Which records objects a person may act on. Every records view that loads one goes through
these helpers (people are loaded through `people.access.get_profile_for_hr`)."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from people.access import require_role

from .models import Assignment, ExportFile


def get_assignment_for_hr(request: HttpRequest, pk: int) -> Assignment:
    """An active assignment made to a unit inside the HR officer's units; 404 for any other."""
    officer = require_role(request, "hr")
    return get_object_or_404(
        Assignment, pk=pk, unit__in=officer.scope_units(), cancelled_at__isnull=True
    )


def get_export_file_for(request: HttpRequest, token) -> ExportFile:
    """An export file, for the HR officer who asked for it only; 404 for anyone else, another
    officer of the same units included (each asks for their own). Whether its units are still
    the officer's is checked where it is built and downloaded (`export_files.officer_for`)."""
    require_role(request, "hr")
    row = (
        ExportFile.objects.filter(token=token, requested_by_id=request.user.pk)
        .select_related("requested_by")
        .first()
    )
    if row is None:
        raise Http404
    return row
