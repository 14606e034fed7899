"""Query count of the course catalogue: the same with 2 published courses as with 12.

The course page's and My learning's counts are in test_learning.py.
"""

import pytest
from django.urls import reverse

from courses.models import Enrolment

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [2, 12])
def test_catalogue_queries_do_not_grow_with_courses(
    count, db_sessions, login, alice, make_course, django_assert_num_queries
):
    for i in range(count):
        course = make_course(f"course-{i}", lessons=1 + i % 3)
        if i % 2:
            Enrolment.objects.create(user=alice.user, course=course)
    make_course("draft", status="draft")
    make_course("archived", status="archived")
    client = login(alice)
    # 1 session, 2 user, 3 profile (navigation), 4 published courses, each case once, with
    # their lesson count and whether she is enrolled (in any language) annotated, 5 their
    # published translations (the "Also in" links)
    with django_assert_num_queries(5):
        response = client.get(reverse("courses:catalogue"))
    assert len(response.context["courses"]) == count
