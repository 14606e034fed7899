"""Who may open what. Every view that loads a person goes through these helpers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from .models import Profile


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
