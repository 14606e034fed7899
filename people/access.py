"""Who may open what. Every view that loads a person or a unit goes through these helpers.

403 or 404: a person who may not know that an object exists gets 404 (someone outside an HR
officer's units, a unit outside them); a person who lacks the role for a whole area gets 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from .models import OrgUnit, Profile


def profile_of(user) -> Profile | None:
    """The user's profile, or None for an account without one (e.g. a bare superuser)."""
    if not user.is_authenticated:
        return None
    try:
        return user.profile
    except Profile.DoesNotExist:
        return None


def require_role(request: HttpRequest, role: str) -> Profile:
    """The profile of a user who holds `role` ("cadre", "trainer", "hr"); 403 for anyone else."""
    profile = profile_of(request.user)
    if profile is None or not getattr(profile, f"is_{role}"):
        raise PermissionDenied
    return profile


def get_profile_for_hr(request: HttpRequest, pk: int) -> Profile:
    """A person inside the HR officer's units; 404 for anyone outside, so nothing leaks."""
    require_role(request, "hr")
    try:
        return Profile.objects.visible_to(request.user).select_related("user", "unit").get(pk=pk)
    except Profile.DoesNotExist as exc:
        raise Http404 from exc


def get_unit_for_hr(request: HttpRequest, value: str) -> OrgUnit:
    """A unit inside the HR officer's units, from a submitted id; 404 for anything else (a unit
    outside the scope, one that does not exist, or a value that is not an id), so nothing about
    other units leaks."""
    officer = require_role(request, "hr")
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        raise Http404
    unit = officer.scope_units().filter(pk=int(value)).first()
    if unit is None:
        raise Http404
    return unit
