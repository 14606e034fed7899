import pytest


@pytest.fixture
def owned(make_course, tom):
    """A draft course owned by tom (trainer), with two lessons."""
    course = make_course("owned", lessons=2, status="draft")
    course.owner = tom.user
    course.save()
    return course
