import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def nav_labels(response) -> list[str]:
    return [str(item["label"]) for item in response.context["nav_items"]]


def test_a_cadre_sees_no_records_or_administration(login, alice):
    labels = nav_labels(login(alice).get("/"))
    assert "Records" not in labels
    assert "Administration" not in labels


def test_hr_sees_the_records_area(login, hr_county):
    response = login(hr_county).get("/")
    assert "Records" in nav_labels(response)
    assert reverse("records:dashboard") in response.content.decode()


def test_a_person_with_two_roles_sees_both_areas(login, alice, units):
    alice.is_hr = True
    alice.save()
    alice.hr_units.set([units["riverside"]])
    labels = nav_labels(login(alice).get("/"))
    assert "Records" in labels


def test_staff_see_the_administration_link_where_the_admin_answers(login, tom, settings):
    settings.ADMIN_ENABLED = True
    tom.user.is_staff = True
    tom.user.save()
    assert "Administration" in nav_labels(login(tom).get("/"))


def test_no_administration_link_when_the_admin_is_off(login, tom, settings):
    settings.ADMIN_ENABLED = False
    tom.user.is_staff = True
    tom.user.save()
    client = login(tom)
    assert "Administration" not in nav_labels(client.get("/"))
    assert client.get(reverse("admin:index")).status_code == 404


def test_no_administration_link_from_outside_the_allowed_networks(login, tom, settings):
    settings.ADMIN_ENABLED = True
    settings.ADMIN_ALLOWED_NETWORKS = ["10.0.0.0/8"]
    tom.user.is_staff = True
    tom.user.save()
    assert "Administration" not in nav_labels(login(tom).get("/"))


def test_a_cadre_who_types_the_records_url_is_refused(login, alice):
    assert login(alice).get(reverse("records:people")).status_code == 403


def test_a_trainer_who_types_the_records_url_is_refused(login, tom):
    assert login(tom).get(reverse("records:people")).status_code == 403
