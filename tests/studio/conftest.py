import pytest

# The quiz fixtures live in the quizzes tests' conftest, which this folder does not inherit.
from tests.quizzes.conftest import competencies, quiz, quiz_with_written  # noqa: F401


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
