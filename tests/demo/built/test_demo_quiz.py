"""The demo quiz teaches the decision frame: the scenarios the design names, rightly keyed.

The tests read one demo built for the module (tests/demo/conftest.py)."""

import pytest

from demo import quiz_content
from quizzes.models import Option, Question, Quiz, QuizSlot

pytestmark = pytest.mark.django_db


def right_decision(key: str) -> str:
    question = Question.objects.get(key=key, course__slug="paperless-office")
    return question.current.options.get(group=Option.Group.DECISION, is_correct=True).key


def test_demo_quiz_settings_and_size(demo):
    quiz = Quiz.objects.get(course__slug="paperless-office")
    assert quiz.is_published and quiz.pass_mark == 60 and quiz.attempts_allowed == 3
    kinds = list(quiz.slots.values_list("question__current__kind", flat=True))
    assert len([k for k in kinds if k != "written"]) >= 15
    assert kinds.count("written") >= 1


def test_the_designs_scenarios_are_keyed_as_the_analysis_says(demo):
    assert right_decision("community-block-groups") == "keep"
    assert right_decision("window-service-centre-requests") == "keep"
    assert right_decision("county-archives-overlapping-groups") == "merge"
    assert right_decision("checkin-screenshot-groups") == "dissolve"
    quota = Question.objects.get(key="county-halve-groups-quota", course__slug="paperless-office")
    right = quota.current.options.get(is_correct=True).text.lower()
    assert "unit by unit" in right or "each unit" in right


def test_every_option_explains_itself_and_links_to_a_lesson(demo):
    for question in Question.objects.filter(course__slug="paperless-office"):
        version = question.current
        assert version.source_lesson is not None, question.key
        assert version.competencies.exists()
        for option in version.options.all():
            assert option.feedback_md.strip(), (question.key, option.key)


def test_both_courses_take_every_question_of_the_content_file(demo):
    keys = [q["key"] for q in quiz_content.questions("en")]
    for slug in ("paperless-office", "paperless-office-zh"):
        quiz = Quiz.objects.get(course__slug=slug)
        slots = quiz.slots.order_by("order").values_list("question__key", flat=True)
        assert list(slots) == keys
    assert QuizSlot.objects.filter(
        quiz__course__slug="paperless-office-zh", question__current__prompt_md__contains="工作群"
    ).exists()


def test_a_question_missing_its_chinese_text_is_refused_by_name(tmp_path):
    text = quiz_content.CONTENT_FILE.read_text(encoding="utf-8")
    first = text.index("prompt.zh")
    broken = tmp_path / "quiz.toml"
    broken.write_text(text[:first] + "prompt_zh_missing" + text[first + 9 :], encoding="utf-8")
    key = quiz_content.questions("en")[0]["key"]
    with pytest.raises(ValueError, match=key):
        quiz_content.questions("zh-hans", path=broken)
