"""Which records objects a person may act on. Every records view that loads one goes through
these helpers (people are loaded through `people.access.get_profile_for_hr`)."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from people.access import require_role

from .models import Assignment


def get_assignment_for_hr(request: HttpRequest, pk: int) -> Assignment:
    """An active assignment made to a unit inside the HR officer's units; 404 for any other."""
    officer = require_role(request, "hr")
    return get_object_or_404(
        Assignment, pk=pk, unit__in=officer.scope_units(), cancelled_at__isnull=True
    )
