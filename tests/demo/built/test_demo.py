"""The demo county, its people and its accounts; read from one demo per module (conftest.py)."""

import pytest
from django.contrib.auth import get_user_model

from people.models import OrgUnit, Profile

pytestmark = pytest.mark.django_db


def test_demo_loads_the_county_its_people_and_the_accounts(demo):
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


def test_every_demo_person_has_a_staff_number_that_tells_namesakes_apart(demo):
    people = list(Profile.objects.values_list("user__username", "staff_number", "full_name"))
    numbers = [number for _, number, _ in people]
    assert all(numbers) and len(set(numbers)) == len(numbers)
    assert ("cadre", "QS-0001") in {(username, number) for username, number, _ in people}
    names = [name for _, _, name in people]
    assert len(set(names)) < len(names)  # names repeat across units: the numbers do not


def test_demo_hr_scopes_match_the_design(demo):
    hr = get_user_model().objects.get(username="hr")
    hr_town = get_user_model().objects.get(username="hr-town")
    everyone = Profile.objects.cadres().count()
    assert Profile.objects.visible_to(hr).cadres().count() == everyone
    town_people = Profile.objects.visible_to(hr_town).cadres()
    assert 0 < town_people.count() < everyone
    assert "cadre" in town_people.values_list("user__username", flat=True)
    assert "cadre2" not in town_people.values_list("user__username", flat=True)
