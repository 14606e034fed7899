"""Scoring of each question type, checked by hand."""

from decimal import Decimal

import pytest

from quizzes.models import Question
from quizzes.scoring import clean_selection, fraction

from .conftest import decision, multiple, single, written

pytestmark = pytest.mark.django_db


def score(question: Question, keys: list[str]) -> Decimal | None:
    version = question.current
    return fraction(version, version.options.all(), keys)


@pytest.fixture
def course(make_course):
    return make_course()


def test_single_choice_scores_only_the_right_option(course, competencies):
    q = single(course, [])
    assert score(q, ["b"]) == 1
    assert score(q, ["a"]) == 0
    assert score(q, []) == 0
    assert score(q, ["a", "b"]) == 0  # two picks on a single-choice question earn nothing


def test_multiple_response_gives_partial_credit_and_wrong_picks_cost(course, competencies):
    q = multiple(course, [])  # right: a, b, c (1/3 each); wrong: d, e (1/2 each)
    assert score(q, ["a", "b", "c"]) == 1
    assert score(q, ["a"]) == Decimal(1) / 3
    assert score(q, ["a", "b"]) == Decimal(2) / 3
    assert score(q, ["a", "b", "c", "d"]) == Decimal(1) - Decimal(1) / 2
    assert score(q, ["a", "b", "d"]) == Decimal(2) / 3 - Decimal(1) / 2


def test_multiple_response_never_goes_below_zero(course, competencies):
    q = multiple(course, [])
    assert score(q, ["d", "e"]) == 0
    assert score(q, ["a", "d", "e"]) == 0


def test_decision_scores_decision_and_reason_separately(course, competencies):
    q = decision(course, [], correct="keep")
    assert score(q, ["keep", "r1"]) == 1
    assert score(q, ["keep", "r2"]) == Decimal("0.5")  # right decision, wrong reason
    assert score(q, ["dissolve", "r1"]) == Decimal("0.5")  # wrong decision, right reason
    assert score(q, ["merge", "r3"]) == 0
    assert score(q, ["keep"]) == Decimal("0.5")
    assert score(q, []) == 0


def test_written_answers_wait_for_a_grader(course, competencies):
    assert score(written(course, []), ["a"]) is None


def test_selection_is_cleaned_to_what_the_question_offers(course, competencies):
    q = decision(course, [])
    version = q.current
    options = version.options.all()
    assert clean_selection(version, options, ["keep", "merge", "r2", "r1", "evil"]) == [
        "keep",
        "r2",
    ]
    s = single(course, [], key="s2")
    assert clean_selection(s.current, s.current.options.all(), ["b", "a"]) == ["b"]
