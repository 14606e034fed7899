"""A case's reference points in the studio: the trainer words them and adds key phrases; the
grading page shows each point's match as a suggestion without changing any mark; the item
analysis and the points page count the points most often missed, never naming anyone; My
progress shows the cadre their own answers' coverage."""

import pytest
from django.urls import reverse

from courses import own_answers
from courses.models import ReferencePoint
from quizzes.models import Answer
from tests.conftest import make_person
from tests.studio.test_grading import course_of_tom, submitted, written_answer  # noqa: F401

pytestmark = pytest.mark.django_db

POINTS = [
    ("p1", 1, "Groups that serve residents should stay."),
    ("p2", 2, "Duplicated reporting groups can be merged or closed."),
    ("p3", 3, "Judge the work by what residents say, not by the number of groups closed."),
]


def with_points(course):
    course.language = "en"  # the points and answers here are English
    course.save(update_fields=["language"])
    for order, (key, part, text) in enumerate(POINTS):
        ReferencePoint.objects.create(course=course, key=key, part=part, order=order, text=text)
    return course


@pytest.fixture
def points_course(course_of_tom):  # noqa: F811
    with_points(course_of_tom.course)
    return course_of_tom


def url(course):
    return reverse("studio:points", args=[course.slug])


def test_the_owner_words_a_point_and_adds_key_phrases(login, tom, points_course):
    course = points_course.course
    client = login(tom)
    page = client.get(url(course)).content.decode()
    assert 'data-testid="points-form"' in page and "Duplicated reporting groups" in page
    data = {}
    for point in course.reference_points.all():
        data[f"text_{point.pk}"] = point.text
        data[f"phrases_{point.pk}"] = ""
    p2 = course.reference_points.get(key="p2")
    data[f"phrases_{p2.pk}"] = "fold the duplicates\n  fold the duplicates \nmerge the groups\n"
    response = client.post(url(course), data)
    assert response.status_code == 302
    p2.refresh_from_db()
    assert p2.phrase_list == ("fold the duplicates", "merge the groups")  # trimmed, each once


def test_phrases_are_bounded(login, tom, points_course):
    course = points_course.course
    point = course.reference_points.first()
    data = {f"text_{p.pk}": p.text for p in course.reference_points.all()}
    data[f"phrases_{point.pk}"] = "\n".join(f"phrase {i}" for i in range(31))
    response = login(tom).post(url(course), data)
    assert response.status_code == 400 and "At most 30 phrases" in response.content.decode()
    data[f"phrases_{point.pk}"] = "x" * 101
    assert login(tom).post(url(course), data).status_code == 400
    point.refresh_from_db()
    assert point.phrases == ""


def test_only_editors_change_the_points(login, units, alice, points_course):
    course = points_course.course
    tina = make_person("tina", units["county"], is_trainer=True)
    assert login(tina).get(url(course)).status_code == 403
    assert login(alice).get(url(course)).status_code == 403


def test_the_grading_page_suggests_the_points_and_changes_no_mark(login, tom, alice, points_course):
    answer = written_answer(submitted(points_course, alice))
    before = (answer.score, dict(answer.rubric_marks))
    response = login(tom).get(reverse("studio:grade", args=[answer.pk]))
    page = response.content.decode()
    assert 'data-testid="suggestion"' in page and "nothing is graded automatically" in page
    marks = {m.point.key: m.mark for m in response.context["suggestion"].matches}
    assert marks["p1"] == "covered" and marks["p2"] == "covered"  # the fixture's answer says so
    assert marks["p3"] != "covered"  # it says nothing of how the work is judged
    answer = Answer.objects.get(pk=answer.pk)
    assert (answer.score, dict(answer.rubric_marks)) == before


def test_no_suggestion_without_points(login, tom, alice, course_of_tom):  # noqa: F811
    answer = written_answer(submitted(course_of_tom, alice))
    page = login(tom).get(reverse("studio:grade", args=[answer.pk])).content.decode()
    assert 'data-testid="suggestion"' not in page


def test_the_item_analysis_counts_the_points_written_answers_miss(
    login, tom, alice, bob, points_course
):
    submitted(points_course, alice)  # makes p1 and p2, touches p3
    submitted(
        points_course, bob, text="Judge the work by what people say, not by the number closed."
    )
    response = login(tom).get(reverse("studio:analysis", args=[points_course.pk]))
    blocks = response.context["points_missed"]
    assert len(blocks) == 1 and blocks[0].question is not None
    missed = {point.key: (n, total) for point, n, total in blocks[0].missed.rows}
    assert missed == {"p1": (1, 2), "p2": (0, 2), "p3": (0, 2)}
    assert blocks[0].missed.rows[0][0].key == "p1"  # the most missed first
    page = response.content.decode()
    assert "Points most often missed" in page and "Alice" not in page


def test_the_cadres_own_answers_are_counted_and_never_shown(login, tom, alice, points_course):
    course = points_course.course
    secret = "Keep the groups that serve residents, a private thought."
    own_answers.save(user=alice.user, course=course, text=secret, sequence=1)
    for page_url in (url(course), reverse("studio:analysis", args=[points_course.pk])):
        page = login(tom).get(page_url).content.decode()
        assert "1 answer so far" in page or "own answers" in page
        assert secret not in page and "alice" not in page.lower()


def test_my_progress_shows_the_coverage_of_my_answers(login, alice, points_course):
    course = points_course.course
    own_answers.save(user=alice.user, course=course, text=POINTS[0][2], sequence=1)
    response = login(alice).get(reverse("records:progress"))
    rows = response.context["own_answers"]
    assert [(r.course, r.first.covered) for r in rows] == [(course, 1)]
    assert 'data-testid="own-answers"' in response.content.decode()


def test_my_progress_reads_my_answers_in_three_queries_however_many_cases(
    login, alice, tom, make_course, django_assert_num_queries
):
    client = login(alice)

    def cases(n):
        for i in range(n):
            course = with_points(make_course(f"case-{n}-{i}", lessons=1))
            own_answers.save(user=alice.user, course=course, text=POINTS[0][2], sequence=1)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cases(1)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("records:progress"))
    cases(4)
    with django_assert_num_queries(len(one)):
        response = client.get(reverse("records:progress"))
    assert len(response.context["own_answers"]) == 5
