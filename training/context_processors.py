"""The navigation bar: each person sees the areas their roles open, nothing more. And the
institution a printed record names."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from people.access import profile_of
from people.middleware import admin_reachable


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "current_profile": None}
    profile = profile_of(user)
    items = [{"label": _("Home"), "url": reverse("home")}]
    if profile and profile.is_cadre:
        items.append({"label": _("My learning"), "url": reverse("records:my_learning")})
        items.append({"label": _("My progress"), "url": reverse("records:progress")})
    items.append({"label": _("Courses"), "url": reverse("courses:catalogue")})
    if profile and profile.is_trainer:
        items.append({"label": _("Studio"), "url": reverse("studio:home")})
    if profile and profile.is_hr:
        items.append({"label": _("Records"), "url": reverse("records:dashboard")})
    # Only where the admin answers: a link to a 404 tells staff nothing.
    if admin_reachable(request):
        items.append({"label": _("Administration"), "url": reverse("admin:index")})
    for item in items:
        item["active"] = request.path == item["url"] or (
            item["url"] != "/" and request.path.startswith(item["url"])
        )
    return {"nav_items": items, "current_profile": profile}


def institution(request: HttpRequest) -> dict:
    """Who issues a printed transcript: `INSTITUTION_NAME`, or the site's name when it is unset."""
    return {"institution_name": settings.INSTITUTION_NAME or _("Cadre Training")}
