"""Staff numbers: blank for people added before them, unique once given, a bounded alphabet."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from people.models import Profile
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


def test_a_staff_number_is_unique_in_the_database(units):
    make_person("zhou1", units["riverside"], full_name="周芳", staff_number="QS-0012")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_person("zhou2", units["hill"], full_name="周芳", staff_number="QS-0012")


def test_many_people_may_have_no_staff_number_yet(units):
    make_person("old1", units["riverside"])
    make_person("old2", units["hill"])
    assert Profile.objects.filter(staff_number="").count() == 2
    Profile.objects.get(user__username="old2").full_clean()  # blank twice is no duplicate


def test_validation_names_the_duplicate_before_the_database_does(units):
    make_person("zhou1", units["riverside"], staff_number="QS-0012")
    other = make_person("zhou2", units["hill"])
    other.staff_number = "QS-0012"
    with pytest.raises(ValidationError) as caught:
        other.full_clean()
    assert "Another person already has this staff number." in str(caught.value)


@pytest.mark.parametrize("number", ["QS-0012", "00123", "A", "qs-1-2", "X" * 20])
def test_letters_digits_and_hyphens_are_accepted(units, number):
    person = make_person("p", units["riverside"], staff_number=number)
    person.full_clean()


@pytest.mark.parametrize(
    "number",
    [
        "-0012",  # a leading hyphen would read as a formula in a spreadsheet
        "QS 0012",
        "QS_0012",
        "ＱＳ－００１２",  # fullwidth look-alikes
        "周芳1",
        "=1+1",
        "X" * 21,
    ],
)
def test_other_characters_and_long_numbers_are_refused(units, number):
    person = make_person("p", units["riverside"])
    person.staff_number = number
    with pytest.raises(ValidationError) as caught:
        person.full_clean()
    assert "staff_number" in caught.value.message_dict


def test_hr_search_matches_a_staff_number_in_part(units):
    make_person("zhou1", units["riverside"], full_name="周芳", staff_number="QS-0012")
    make_person("zhou2", units["hill"], full_name="周芳", staff_number="QS-0345")
    found = Profile.objects.search("0345").values_list("user__username", flat=True)
    assert list(found) == ["zhou2"]
    assert Profile.objects.search("周芳").count() == 2
