"""A quiz with one question of each type, built through the same service trainers use."""

from decimal import Decimal

import pytest

from demo.quizzes import seed_framework
from quizzes.models import Option, Quiz
from quizzes.services import OptionData, RubricData, question_save

D = Option.Group.DECISION
R = Option.Group.REASON


def single(course, competencies, **kw):
    return question_save(
        course=course,
        kind="single",
        title="Quota",
        key=kw.pop("key", "quota"),
        prompt="The county orders every unit to halve its groups. What do you do?",
        options=[
            OptionData("a", "Halve them as ordered", False, "A quota fits no unit."),
            OptionData("b", "Decide unit by unit", True, "Analyse each unit's work."),
            OptionData("c", "Dissolve them all", False, "That harms public-facing work."),
        ],
        competencies=competencies,
        **kw,
    )


def multiple(course, competencies, key="measures"):
    return question_save(
        course=course,
        kind="multiple",
        title="Measures",
        key=key,
        prompt="Which measures lift the burden? Choose all that apply.",
        options=[
            OptionData("a", "Cut unnecessary meetings", True, "Meetings are a burden."),
            OptionData("b", "Remove duplicated work", True, "Duplication wastes effort."),
            OptionData("c", "Improve procedures", True, "Better procedures save time."),
            OptionData("d", "Add a daily screenshot check-in", False, "That is formalism."),
            OptionData("e", "Cut groups residents use", False, "That harms service."),
        ],
        competencies=competencies,
    )


def decision(course, competencies, correct="keep", unit_kind="community", key="blocks"):
    return question_save(
        course=course,
        kind="decision",
        title="Block groups",
        key=key,
        unit_kind=unit_kind,
        prompt="A community has one group per residential block; residents report problems there.",
        options=[
            OptionData("dissolve", "Dissolve", correct == "dissolve", "Residents lose it.", D),
            OptionData("merge", "Merge or streamline", correct == "merge", "Blocks differ.", D),
            OptionData("keep", "Keep and reorganise", correct == "keep", "Public-facing work.", D),
            OptionData("r1", "The main work is with residents", True, "Groups collect demands.", R),
            OptionData("r2", "The county set a quota", False, "No quota fits every unit.", R),
            OptionData("r3", "Fewer groups always mean less burden", False, "Not by itself.", R),
        ],
        competencies=competencies,
    )


def written(course, competencies):
    return question_save(
        course=course,
        kind="written",
        title="Your view",
        key="view",
        points=Decimal("4"),
        prompt="Some localities dissolve grassroots groups. What do you think?",
        reference="Both aims are good, but avoid one-size-fits-all...",
        rubric=[
            RubricData("States the viewpoint", Decimal("2")),
            RubricData("Gives countermeasures", Decimal("2")),
        ],
        competencies=competencies,
    )


@pytest.fixture
def competencies(db):
    return seed_framework()


@pytest.fixture
def quiz(make_course, competencies):
    """Published quiz on a published course: single, multiple, decision (1 point each)."""
    course = make_course("work-groups", lessons=2)
    c = competencies
    questions = [
        single(course, [c["policy"], c["situation"]]),
        multiple(course, [c["measures"]]),
        decision(course, [c["situation"], c["public"]]),
    ]
    quiz = Quiz.objects.create(
        course=course,
        title="Dissolve, merge or keep",
        is_published=True,
        attempts_allowed=3,
        shuffle_options=False,
    )
    for order, question in enumerate(questions):
        quiz.slots.create(order=order, question=question)
    return quiz


@pytest.fixture
def quiz_with_written(quiz, competencies):
    question = written(quiz.course, [competencies["policy"]])
    quiz.slots.create(order=10, question=question)
    return quiz


def answers_for(attempt, by_key: dict) -> dict:
    """Submitted answers keyed by attempt question, from {question key: keys or text}."""
    from quizzes.services import Submitted

    out = {}
    for aq in attempt.questions.select_related("version__question"):
        value = by_key.get(aq.version.question.key)
        if value is None:
            continue
        out[aq.pk] = Submitted([], value) if isinstance(value, str) else Submitted(list(value))
    return out


def shown(*questions) -> dict[str, str]:
    """The markers the attempt page posts with each question's fields (`q<pk>_shown`): only
    questions carried by a post are stored."""
    return {f"q{aq.pk}_shown": "1" for aq in questions}
