"""HR scope: an officer sees the units they answer for and everything below, nothing else."""

import pytest
from django.urls import reverse

from people.models import OrgUnit, Profile
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


def test_subtree_holds_the_unit_and_its_descendants_only(units):
    east = set(units["east"].subtree().values_list("code", flat=True))
    assert east == {"east", "riverside"}
    county = set(OrgUnit.objects.subtree_of([units["county"]]).values_list("code", flat=True))
    assert county == set(units)
    assert not OrgUnit.objects.subtree_of([]).exists()


def test_ancestors_run_from_the_root(units):
    assert [u.code for u in units["riverside"].ancestors()] == ["county", "east", "riverside"]


def test_a_prefix_of_another_id_is_not_a_subtree(units):
    # "/1/" must not match "/10/": paths end with a slash for exactly this reason.
    extra = [
        OrgUnit.objects.create(name=f"U{i}", code=f"u{i}", kind=OrgUnit.Kind.OFFICE)
        for i in range(12)
    ]
    first = extra[0]
    assert set(first.subtree()) == {first}


def test_moving_a_unit_moves_its_whole_subtree(units):
    east = units["east"]
    east.parent = units["west"]
    east.save()
    riverside = OrgUnit.objects.get(code="riverside")
    assert riverside.path.startswith(OrgUnit.objects.get(code="west").path)
    assert riverside.depth == 3
    assert set(units["west"].subtree().values_list("code", flat=True)) == {
        "west",
        "hill",
        "east",
        "riverside",
    }


def test_hr_of_one_township_sees_none_of_another(hr_town, alice, bob):
    visible = set(Profile.objects.visible_to(hr_town.user))
    assert alice in visible
    assert bob not in visible


def test_county_hr_sees_every_cadre(hr_county, alice, bob):
    assert {alice, bob} <= set(Profile.objects.visible_to(hr_county.user))


def test_a_cadre_sees_nobodys_records(alice, bob):
    assert not Profile.objects.visible_to(alice.user).exists()


def test_people_list_shows_only_cadres_in_scope(login, hr_town, alice, bob):
    body = login(hr_town).get(reverse("records:people")).content.decode()
    assert "Alice" in body
    assert "Bob" not in body


def test_person_page_outside_scope_is_not_found(login, hr_town, bob):
    assert login(hr_town).get(reverse("records:person", args=[bob.pk])).status_code == 404


def test_person_page_inside_scope_opens(login, hr_town, alice):
    response = login(hr_town).get(reverse("records:person", args=[alice.pk]))
    assert response.context["person"] == alice


def test_filtering_by_a_unit_outside_scope_shows_nothing_from_it(login, hr_town, units, bob):
    response = login(hr_town).get(reverse("records:people"), {"unit": units["hill"].pk})
    assert response.context["form"].errors  # not a choice for this officer
    assert "Bob" not in response.content.decode()


def test_people_list_filters_by_unit_rank_leader_and_search(login, hr_county, alice, bob, units):
    client = login(hr_county)

    def names(**params):
        page = client.get(reverse("records:people"), params).context["page"]
        return {p.full_name for p in page}

    assert names(unit=units["west"].pk) == {"Bob"}
    assert names(rank=Profile.Rank.CLERK) == {"Bob"}
    assert names(leaders_only="on") == {"Alice"}
    assert names(q="community") == {"Alice"}


def test_people_list_query_count_does_not_grow_with_people(
    db_sessions, login, hr_county, units, django_assert_num_queries
):
    for i in range(30):
        make_person(f"cadre{i}", units["riverside" if i % 2 else "hill"], is_cadre=True)
    client = login(hr_county)
    # 1 session, 2 user, 3 profile of the officer (navigation), 4 hr_units of the officer
    # (scope), 5 count for the paginator, 6 the page of people with unit and user joined,
    # 7 units for the filter's select
    with django_assert_num_queries(7):
        response = client.get(reverse("records:people"))
    assert len(response.context["page"].object_list) == 25
