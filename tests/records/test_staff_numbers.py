"""Every HR table that lists people shows their staff number, and the searches find it: two
cadres named 周芳 in different units are told apart."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from records.models import Assignment
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def namesakes(units, make_course):
    policy = make_course("policy", lessons=1, title="Policy")
    year = timezone.localdate().year
    Assignment.objects.create(
        course=policy, unit=units["county"], kind="required", due_date=dt.date(year, 12, 31)
    )
    return {
        "QS-0012": make_person(
            "zhou1", units["riverside"], is_cadre=True, full_name="周芳", staff_number="QS-0012"
        ),
        "QS-0345": make_person(
            "zhou2", units["hill"], is_cadre=True, full_name="周芳", staff_number="QS-0345"
        ),
        "": make_person("old", units["hill"], is_cadre=True, full_name="Old Hand"),
    }


def staff_numbers(html: str) -> list[str]:
    """The staff-number cells of a table, in order."""
    return re.findall(r'data-col="staff-number">([^<]*)<', html)


@pytest.mark.parametrize("page", ["records:people", "records:completions", "records:ledger"])
def test_each_table_of_people_has_a_staff_number_column(login, hr_county, namesakes, page):
    html = login(hr_county).get(reverse(page)).content.decode()
    assert "Staff number</th>" in html
    assert sorted(staff_numbers(html)) == ["QS-0012", "QS-0345", "—"]


@pytest.mark.parametrize("page", ["records:people", "records:completions", "records:ledger"])
def test_the_search_finds_a_staff_number(login, hr_county, namesakes, page):
    html = login(hr_county).get(reverse(page), {"q": "0345"}).content.decode()
    assert staff_numbers(html) == ["QS-0345"]


def test_the_transcript_names_the_staff_number(login, hr_county, namesakes):
    client = login(hr_county)
    html = client.get(reverse("records:person", args=[namesakes["QS-0345"].pk])).content.decode()
    assert re.search(r'data-testid="staff-number">QS-0345<', html)
    html = client.get(reverse("records:person", args=[namesakes[""].pk])).content.decode()
    assert re.search(r'data-testid="staff-number">—<', html)


def test_a_town_officer_does_not_find_a_staff_number_outside_their_town(login, hr_town, namesakes):
    client = login(hr_town)
    assert staff_numbers(client.get(reverse("records:people")).content.decode()) == ["QS-0012"]
    html = client.get(reverse("records:people"), {"q": "QS-0345"}).content.decode()
    assert staff_numbers(html) == []
