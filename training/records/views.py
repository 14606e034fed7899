"""The HR records area: only the people inside the officer's units."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from training.access import get_profile_for_hr, require_role
from training.models import Profile

from .forms import PeopleFilterForm

PAGE_SIZE = 25


def people(request: HttpRequest) -> HttpResponse:
    officer = require_role(request, "hr")
    form = PeopleFilterForm(request.GET or None, scope_units=officer.scope_units())
    people = form.filter(
        Profile.objects.visible_to(request.user).cadres().select_related("unit", "user")
    ).order_by("unit__path", "full_name")
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "records/people.html",
        {"form": form, "page": page, "query": query.urlencode(), "officer": officer},
    )


def person(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_profile_for_hr(request, pk)
    return render(request, "records/person.html", {"person": profile})


urlpatterns = [
    path("people/", people, name="people"),
    path("people/<int:pk>/", person, name="person"),
]
