"""Item analysis: figures checked against hand-computed numbers, misconceptions, access, cost."""

import math
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from quizzes.analysis import analyse_quiz
from quizzes.models import Answer, Attempt, Option, QuestionVersion
from quizzes.services import OptionData, attempt_start, attempt_submit, question_save
from tests.conftest import make_person
from tests.quizzes.conftest import answers_for

pytestmark = pytest.mark.django_db

# Four cadres on the `quiz` fixture (quota: single, right "b"; measures: multiple, right a b c,
# wrong d e; blocks: decision about a community, right "keep" + "r1"; 1 point each).
#
#        quota       measures                blocks                     total
# P1     b    1      a b c      1            keep r1      1             3
# P2     b    1      a b c d    1 - 1/2 = .5 dissolve r1  .5 + 0  = .5  2
# P3     a    0      a b c      1            keep r2      0 + .5  = .5  1.5
# P4     c    0      d          0            dissolve r3  0             0
ANSWERS = [
    {"quota": ["b"], "measures": ["a", "b", "c"], "blocks": ["keep", "r1"]},
    {"quota": ["b"], "measures": ["a", "b", "c", "d"], "blocks": ["dissolve", "r1"]},
    {"quota": ["a"], "measures": ["a", "b", "c"], "blocks": ["keep", "r2"]},
    {"quota": ["c"], "measures": ["d"], "blocks": ["dissolve", "r3"]},
]


def take(quiz, profile, answers) -> Attempt:
    attempt = attempt_start(quiz=quiz, user=profile.user)
    return attempt_submit(attempt=attempt, answers=answers_for(attempt, answers))


@pytest.fixture
def four_attempts(quiz, alice, bob, units):
    carol = make_person("carol", units["riverside"], is_cadre=True)
    dan = make_person("dan", units["hill"], is_cadre=True)
    for person, answers in zip([alice, bob, carol, dan], ANSWERS, strict=True):
        take(quiz, person, answers)
    return quiz


def by_key(report):
    return {q.title: q for q in report.questions}


def test_facility_and_discrimination_match_the_hand_computation(four_attempts):
    report = analyse_quiz(four_attempts)
    assert report.attempts == 4
    # Mean of 3/3, 2/3, 1.5/3, 0/3 = 6.5 / 12.
    assert report.mean_percent == pytest.approx(100 * 6.5 / 12)
    assert [q.title for q in report.questions] == ["Quota", "Measures", "Block groups"]
    quota, measures, blocks = report.questions
    assert [q.n for q in report.questions] == [4, 4, 4]
    # Facility: quota (1+1+0+0)/4; measures (1+.5+1+0)/4; blocks (1+.5+.5+0)/4.
    assert quota.facility == pytest.approx(50)
    assert measures.facility == pytest.approx(62.5)
    assert blocks.facility == pytest.approx(50)
    # Discrimination: r between x (this question's share) and y = (total - x) / (3 - 1).
    # quota:    x = 1 1 0 0,    y = 1 .5 .75 0  -> Sxy = .375, Sxx = 1, Syy = 35/64
    #           r = .375 / sqrt(35/64) = 3 / sqrt(35) = .5071
    # measures: x = 1 .5 1 0,   y = 1 .75 .25 0 -> Sxy = .375, Sxx = 11/16, Syy = 5/8
    #           r = .375 / sqrt(55/128) = 3 * sqrt(2/55) = .5721
    # blocks:   x = 1 .5 .5 0,  y = 1 .75 .5 0  -> Sxy = .5, Sxx = .5, Syy = 35/64
    #           r = .5 / sqrt(35/128) = sqrt(32/35) = .9562
    assert quota.discrimination == pytest.approx(100 * 3 / math.sqrt(35))
    assert measures.discrimination == pytest.approx(300 * math.sqrt(2 / 55))
    assert blocks.discrimination == pytest.approx(100 * math.sqrt(32 / 35))


def counts(question, group):
    (found,) = [g for g in question.option_groups if g.group == group]
    return {o.key: o.count for o in found.options}, found


def test_option_frequencies_count_every_key_of_the_current_version(four_attempts):
    quota, measures, blocks = analyse_quiz(four_attempts).questions
    # Read straight off the ANSWERS table above.
    assert counts(quota, "choice")[0] == {"a": 1, "b": 2, "c": 1}
    assert counts(measures, "choice")[0] == {"a": 3, "b": 3, "c": 3, "d": 2, "e": 0}
    decisions, group = counts(blocks, "decision")
    assert decisions == {"dissolve": 2, "merge": 0, "keep": 2}
    assert group.unanswered == 0
    assert counts(blocks, "reason")[0] == {"r1": 2, "r2": 1, "r3": 1}
    assert [g.group for g in blocks.option_groups] == ["decision", "reason"]
    b = next(o for o in quota.option_groups[0].options if o.key == "b")
    assert (b.is_correct, b.text, b.percent) == (True, "Decide unit by unit", 50)


def test_the_most_common_wrong_decision_of_a_kind_is_named_by_its_text_and_flagged(
    four_attempts,
):
    (community,) = analyse_quiz(four_attempts).misconceptions
    assert community.unit_kind == "community"
    assert community.answers == 4
    # P2 and P4 chose "Dissolve"; "Keep and reorganise" is right, so it is never counted.
    assert [(w.text, w.count, w.percent) for w in community.wrong] == [
        ("Dissolve", 2, 50.0),
        ("Merge or streamline", 0, 0.0),
    ]
    assert community.most_common_wrong.text == "Dissolve"
    assert community.public_facing and community.flagged  # 50 % >= FLAG_PERCENT


def test_the_same_decision_in_several_questions_counts_together_and_rare_ones_are_not_flagged(
    quiz, alice, bob, units, competencies
):
    # A second community question offers the same decisions, spelt a little differently, and
    # a decision of its own; keys differ from the first question's.
    question_save(
        course=quiz.course,
        kind="decision",
        title="Elderly care groups",
        key="elderly",
        unit_kind="community",
        prompt="A community keeps a group for its 85 elderly residents living alone.",
        options=[
            OptionData("x1", "dissolve ", False, group=Option.Group.DECISION),
            OptionData("x2", "Hand it to volunteers", False, group=Option.Group.DECISION),
            OptionData("x3", "Keep and reorganise", True, group=Option.Group.DECISION),
            OptionData("r1", "Residents rely on it", True, group=Option.Group.REASON),
        ],
    )
    quiz.slots.create(order=5, question=quiz.course.questions.get(key="elderly"))
    people = [alice, bob] + [
        make_person(f"p{n}", units["riverside"], is_cadre=True) for n in range(3)
    ]
    for n, person in enumerate(people):
        # One "dissolve" on each question from the first cadre; the rest choose right.
        blocks = "dissolve" if n == 0 else "keep"
        elderly = "x1" if n == 0 else ("x2" if n == 1 else "x3")
        take(quiz, person, {"blocks": [blocks, "r1"], "elderly": [elderly, "r1"]})
    (community,) = analyse_quiz(quiz).misconceptions
    assert community.answers == 10
    assert [(w.text, w.count) for w in community.wrong] == [
        ("Dissolve", 2),  # as the first question words it
        ("Hand it to volunteers", 1),
        ("Merge or streamline", 0),
    ]
    assert community.most_common_wrong.percent == 20.0
    assert not community.flagged  # 20 % < FLAG_PERCENT


def test_only_graded_attempts_count_and_old_versions_group_with_the_current(quiz, alice, bob):
    take(quiz, alice, ANSWERS[0])
    attempt_start(quiz=quiz, user=bob.user)  # in progress: left out
    quota = quiz.slots.get(order=0).question
    question_save(
        question=quota,
        kind="single",
        title="Quota (revised)",
        prompt="Revised.",
        options=[
            OptionData("a", "Halve", False),
            OptionData("b", "Decide", True),
            OptionData("c", "Dissolve", False),
            OptionData("d", "Ask", False),
        ],
    )
    report = analyse_quiz(quiz)
    assert report.attempts == 1
    first = report.questions[0]
    assert first.title == "Quota (revised)"
    assert counts(first, "choice")[0] == {"a": 0, "b": 1, "c": 0, "d": 0}
    # One attempt: no correlation to speak of.
    assert first.discrimination is None


def test_written_question_facility_from_grader_marks(quiz_with_written, alice, bob):
    quiz = quiz_with_written
    for person, mark in ((alice, "3"), (bob, "1")):
        attempt = take(quiz, person, {**ANSWERS[0], "view": "Some thoughts."})
        assert attempt.status == Attempt.Status.AWAITING_GRADING
        # What grading does: the mark on the answer, the attempt graded.
        Answer.objects.filter(
            attempt_question__attempt=attempt, attempt_question__version__kind="written"
        ).update(score=Decimal(mark))
        Attempt.objects.filter(pk=attempt.pk).update(
            status=Attempt.Status.GRADED, score=3 + Decimal(mark)
        )
    written = analyse_quiz(quiz).questions[-1]
    # (3/4 + 1/4) / 2 = 50 %; the rest of the quiz is 3/3 for both: no variance, no index.
    assert (written.kind, written.n, written.facility) == ("written", 2, pytest.approx(50))
    assert written.discrimination is None
    assert written.option_groups == []


def test_no_attempts_lists_the_questions_without_figures(quiz):
    report = analyse_quiz(quiz)
    assert (report.attempts, report.mean_percent) == (0, None)
    assert [(q.n, q.facility, q.discrimination) for q in report.questions] == [(0, None, None)] * 3


# --- The page -------------------------------------------------------------------------------


def url(quiz) -> str:
    return reverse("studio:analysis", args=[quiz.pk])


def test_only_trainers_who_own_the_course_may_read_it(quiz, login, alice, hr_county, tom, units):
    assert login(alice).get(url(quiz)).status_code == 403
    assert login(hr_county).get(url(quiz)).status_code == 403
    assert login(tom).get(url(quiz)).status_code == 403  # a trainer, not an owner
    other = make_person("olga", units["archives"], is_trainer=True)
    quiz.course.owner = tom.user
    quiz.course.save()
    assert login(other).get(url(quiz)).status_code == 403
    assert login(tom).get(url(quiz)).status_code == 200
    quiz.course.co_owners.add(other.user)
    assert login(other).get(url(quiz)).status_code == 200


def test_page_shows_tables_and_labelled_charts(four_attempts, login, tom):
    four_attempts.course.owner = tom.user
    four_attempts.course.save()
    response = login(tom).get(url(four_attempts))
    html = response.content.decode()
    assert response.context["report"].attempts == 4
    assert 'data-testid="question-summary"' in html
    assert 'data-testid="flag-community"' in html
    assert "“Dissolve” is the most common wrong decision, chosen in 50 % of the answers" in html
    assert html.count('role="img"') == 1 + 4 + 1  # facility, four option groups, misconceptions
    assert "style=" not in html  # the CSP forbids inline styles
    # A link at the top leads to the misconceptions.
    assert html.index('href="#misconceptions"') < html.index('id="questions-heading"')
    assert 'id="misconceptions"' in html
    # Options are shown by their text, in the table and the chart, never by their key.
    language = four_attempts.course.language
    assert f'<th scope="row" class="fw-normal" lang="{language}">Keep and reorganise</th>' in html
    assert ">r1<" not in html and ">dissolve<" not in html
    assert html.count(">✓ Keep and reorganise</text>") == 1


def test_negative_discrimination_is_flagged_in_words(quiz, alice, bob, units, login, tom):
    # The stronger cadres miss "quota", the weaker get it: r < 0.
    carol = make_person("carol", units["riverside"], is_cadre=True)
    right = {"measures": ["a", "b", "c"], "blocks": ["keep", "r1"]}
    wrong = {"measures": ["d"], "blocks": ["dissolve", "r2"]}
    take(quiz, alice, {"quota": ["a"], **right})
    take(quiz, bob, {"quota": ["a"], **right})
    take(quiz, carol, {"quota": ["b"], **wrong})
    quota = analyse_quiz(quiz).questions[0]
    assert quota.discrimination < 0 and quota.negative_discrimination
    quiz.course.owner = tom.user
    quiz.course.save()
    html = login(tom).get(url(quiz)).content.decode()
    assert html.count('data-testid="negative-1"') == 2  # summary table and the question's
    assert "negative: check the key" in html
    assert 'data-testid="negative-2"' not in html


def test_a_title_with_a_decimal_number_is_shown_whole(quiz, alice, login, tom):
    version = quiz.slots.get(order=0).question.current
    QuestionVersion.objects.filter(pk=version.pk).update(
        title="Overtime fell by 4.2 % after the merge. Keep it?"
    )
    quiz.course.owner = tom.user
    quiz.course.save()
    html = login(tom).get(url(quiz)).content.decode()
    assert "Overtime fell by 4.2 % after the merge. Keep it?</a>" in html


def make_attempts(quiz, person, n):
    quiz.attempts_allowed = 0  # unlimited, so one cadre can make them all
    quiz.save()
    for i in range(n):
        take(quiz, person, ANSWERS[i % len(ANSWERS)])


@pytest.mark.parametrize("attempts", [3, 30])
def test_query_count_does_not_grow_with_attempts(
    attempts, db_sessions, login, quiz, alice, tom, django_assert_num_queries
):
    make_attempts(quiz, alice, attempts)
    quiz.course.owner = tom.user
    quiz.course.save()
    client = login(tom)
    # 1 session, 2 user, 3 profile (trainer check, then cached for the navigation),
    # 4 quiz with its course (owner check needs no query), 5 slots of the quiz,
    # 6 the graded answers streamed, 7 questions with current versions, 8 their options,
    # 9 the attempts flagged too fast, with their cadres, 10 whether the case has points (for
    # the points most often missed; this course has none)
    with django_assert_num_queries(10):
        response = client.get(url(quiz))
    assert response.context["report"].attempts == attempts


def test_the_questions_heading_names_the_questions_not_their_number(four_attempts, login, tom):
    four_attempts.course.owner = tom.user
    four_attempts.course.save()
    html = login(tom).get(url(four_attempts), HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    heading = re.search(r'<h2 id="questions-heading"[^>]*>([^<]+)</h2>', html).group(1)
    assert heading == "题目"
    # A count of questions elsewhere keeps its word.
    quiz_page = login(tom).get(
        reverse("quizzes:quiz", args=[four_attempts.pk]), HTTP_ACCEPT_LANGUAGE="zh-CN"
    )
    assert "题目数" in quiz_page.content.decode()
