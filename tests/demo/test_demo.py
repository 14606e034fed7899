from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from people.models import OrgUnit, Profile

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    User = get_user_model()
    return {
        "users": list(User.objects.order_by("username").values_list("username", "password")),
        "units": list(OrgUnit.objects.values_list("code", "name", "kind", "path")),
        "profiles": list(
            Profile.objects.order_by("user__username").values_list(
                "user__username",
                "full_name",
                "unit__code",
                "rank",
                "is_leader",
                "is_cadre",
                "is_trainer",
                "is_hr",
            )
        ),
        "hr_units": list(
            Profile.hr_units.through.objects.order_by("profile_id", "orgunit_id").values_list(
                "profile__user__username", "orgunit__code"
            )
        ),
    }


def test_demo_loads_the_county_its_people_and_the_accounts():
    call_command("demo", stdout=StringIO())
    kinds = OrgUnit.objects.values_list("kind", flat=True)
    assert list(kinds).count(OrgUnit.Kind.COUNTY) == 1
    assert sum(k in {"township", "street"} for k in kinds) >= 3
    assert sum(k in {"community", "village"} for k in kinds) >= 6
    assert sum(k in {"office", "window"} for k in kinds) >= 3
    assert 38 <= Profile.objects.cadres().count() <= 45

    cadre = Profile.objects.get(user__username="cadre")
    assert cadre.is_cadre and cadre.is_leader and cadre.unit.kind == OrgUnit.Kind.TOWNSHIP
    cadre2 = Profile.objects.get(user__username="cadre2")
    assert cadre2.unit.kind == OrgUnit.Kind.COMMUNITY
    assert Profile.objects.get(user__username="trainer").is_trainer
    for username in ["cadre", "cadre2", "trainer", "hr", "hr-town"]:
        assert get_user_model().objects.get(username=username).check_password("demo-pass-2026")


def test_demo_hr_scopes_match_the_design():
    call_command("demo", stdout=StringIO())
    hr = get_user_model().objects.get(username="hr")
    hr_town = get_user_model().objects.get(username="hr-town")
    everyone = Profile.objects.cadres().count()
    assert Profile.objects.visible_to(hr).cadres().count() == everyone
    town_people = Profile.objects.visible_to(hr_town).cadres()
    assert 0 < town_people.count() < everyone
    assert "cadre" in town_people.values_list("user__username", flat=True)
    assert "cadre2" not in town_people.values_list("user__username", flat=True)


def test_running_demo_twice_changes_nothing():
    call_command("demo", stdout=StringIO())
    first = snapshot()
    call_command("demo", stdout=StringIO())
    assert snapshot() == first
