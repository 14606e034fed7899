import pytest


@pytest.fixture
def owned(make_course, tom):
    """A draft course owned by tom (trainer), with two lessons."""
    course = make_course("owned", lessons=2, status="draft")
    course.owner = tom.user
    course.save()
    return course


@pytest.fixture
def other_trainer(units):
    from tests.conftest import make_person

    return make_person("tina", units["archives"], is_trainer=True, full_name="Tina")
