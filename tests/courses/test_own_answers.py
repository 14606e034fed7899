"""Think first, then compare: a cadre's own answer to a case, on a case of another topic than the
seed's (village cadres' location check-ins). Saved in order and versioned, private to its
writer, held against the case's points once the lessons are studied, revised with every
version kept."""

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import own_answers
from courses.models import (
    LessonOpening,
    LessonProgress,
    OwnAnswer,
    OwnAnswerVersion,
    ReferencePoint,
)
from courses.services import course_copy, course_import_case
from tests.conftest import make_person

pytestmark = pytest.mark.django_db

CASE = Path(__file__).resolve().parents[2] / "benchmarks/coverage/data/case-checkins.zh.txt"
JSON = {"HTTP_ACCEPT": "application/json"}
# Every point of the case in a cadre's own words, close to the analysis.
GOOD = (
    "要求村干部定位打卡，本意是加强管理、督促村干部在岗在位，出发点是好的。加强对村干部的管理是必要的，"
    "但不能以打卡代替考实绩。根源在于一些地方的管理理念和考核方式存在偏差：上级部门图省事，以痕迹论英雄；"
    "考核指标简单化、一刀切，不考虑农村工作实际；对村干部缺乏信任，重管控轻服务，缺少激励机制。"
    "上级部门要整治指尖上的形式主义，清理不必要的打卡留痕；优化考勤方式，减少打卡频次，外出走访实行报备制；"
    "完善考核评价，以工作实绩和群众满意度为依据，引入群众评议，让群众说了算；加强关心激励，提高村干部待遇，"
    "畅通晋升渠道。"
)


@pytest.fixture
def case(tom):
    course = course_import_case(data=CASE.read_bytes(), owner=tom.user, status="published")
    return course


def overview(course):
    return course.lessons.get(case_part=0)


def study_all(profile, course):
    """Every lesson opened, then marked studied, as the site records them."""
    for lesson in course.lessons.all():
        LessonOpening.objects.get_or_create(
            user=profile.user, lesson=lesson, defaults={"opened_at": timezone.now()}
        )
        LessonProgress.objects.get_or_create(user=profile.user, lesson=lesson)


def save(client, course, text, sequence, **extra):
    return client.post(
        reverse("courses:own_answer", args=[course.slug]),
        {"text": text, "sequence": str(sequence)},
        **{**JSON, **extra},
    )


def test_an_imported_case_brings_its_points_as_its_file_states_them(case):
    points = list(case.reference_points.values_list("key", "part"))
    assert points[:3] == [("p1", 1), ("p2", 2), ("p3", 3)]
    assert ("p3a", 3) in points and ("p4c", 4) in points
    p3a = case.reference_points.get(key="p3a")
    assert "以痕迹论英雄" in p3a.text


def test_a_copy_keeps_the_points_and_their_phrases(case, tom):
    case.reference_points.filter(key="p2").update(phrases="考实绩\n不能只看打卡")
    copy = course_copy(course=case, by=tom.user)
    assert copy.reference_points.get(key="p2").phrase_list == ("考实绩", "不能只看打卡")
    assert copy.reference_points.count() == case.reference_points.count()


def test_the_overview_asks_a_cadre_for_their_own_answer_first(login, alice, case):
    page = login(alice).get(overview(case).get_absolute_url()).content.decode()
    assert 'data-testid="own-answer"' in page and "own_answer.js" in page
    assert reverse("courses:own_answer", args=[case.slug]) in page
    assert "When you have studied every lesson" in page  # compare comes after the lessons


def test_trainers_and_hr_see_no_answer_box(login, tom, hr_county, case):
    for person in (tom, hr_county):
        page = login(person).get(overview(case).get_absolute_url()).content.decode()
        assert 'data-testid="own-answer"' not in page


def test_saves_are_kept_in_order_and_a_late_one_changes_nothing(login, alice, case):
    client = login(alice)
    assert save(client, case, "第一稿", 1).json()["stored"] is True
    assert save(client, case, "第三稿", 3).json()["stored"] is True
    late = save(client, case, "第二稿", 2).json()
    assert late == {**late, "stored": False, "sequence": 3}
    version = OwnAnswerVersion.objects.get()
    assert (version.number, version.text, version.before_analysis) == (1, "第三稿", True)


def test_the_first_answer_is_kept_whole_once_the_lessons_are_studied(login, alice, case):
    client = login(alice)
    save(client, case, "打卡是形式主义。", 1)
    study_all(alice, case)
    save(client, case, "打卡是形式主义，要让群众说了算。", 2)
    first, second = OwnAnswerVersion.objects.order_by("number")
    assert first.text == "打卡是形式主义。" and first.before_analysis
    assert second.number == 2 and not second.before_analysis
    save(client, case, "打卡是形式主义，要让群众说了算，提高待遇。", 3)
    assert OwnAnswerVersion.objects.count() == 2  # the revision goes on being written


def test_a_revision_is_a_new_version_and_a_double_click_makes_one(login, alice, case):
    client = login(alice)
    save(client, case, "定位打卡本意是好的。", 1)
    study_all(alice, case)
    url = reverse("courses:own_answer_revise", args=[case.slug])
    client.post(url)
    client.post(url)
    versions = list(OwnAnswerVersion.objects.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].text == versions[0].text == "定位打卡本意是好的。"


def test_revising_before_the_lessons_is_refused(login, alice, case):
    client = login(alice)
    save(client, case, "先写一稿。", 1)
    response = client.post(reverse("courses:own_answer_revise", args=[case.slug]), follow=True)
    assert "Study every lesson first" in response.content.decode()
    assert OwnAnswerVersion.objects.count() == 1


def test_compare_waits_for_the_lessons(login, alice, case):
    client = login(alice)
    save(client, case, GOOD, 1)
    page = client.get(reverse("courses:compare", args=[case.slug])).content.decode()
    assert 'data-testid="compare-not-yet"' in page and 'data-testid="compare-points"' not in page


def test_compare_marks_each_point_and_the_coverage_rises_with_a_revision(login, alice, case):
    client = login(alice)
    save(client, case, "打卡打多了就是形式主义。", 1)
    study_all(alice, case)
    client.post(reverse("courses:own_answer_revise", args=[case.slug]))
    save(client, case, GOOD, 2)
    response = client.get(reverse("courses:compare", args=[case.slug]))
    comparison = response.context["comparison"]
    assert comparison.first.covered < comparison.latest.covered
    assert comparison.latest.covered >= len(comparison.rows) - 2
    assert comparison.moved > 0
    page = response.content.decode()
    assert 'data-mark="covered"' in page and "<mark>" in page
    # A point still missing links to the lesson that teaches it.
    missing = [r for r in comparison.rows if r.latest.mark != "covered"]
    for row in missing:
        assert row.lesson.get_absolute_url() in page


def test_an_answer_is_shown_as_text_never_as_markup(login, alice, case):
    client = login(alice)
    save(client, case, '<script>alert("x")</script> 打卡 <img src=x onerror=alert(1)>', 1)
    study_all(alice, case)
    page = client.get(reverse("courses:compare", args=[case.slug])).content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page


def test_another_cadre_hr_and_the_trainer_cannot_read_it(login, alice, bob, tom, hr_county, case):
    save(login(alice), case, "只有我能看：打卡是形式主义。", 1)
    study_all(alice, case)
    study_all(bob, case)
    secret = "只有我能看"
    bob_page = login(bob).get(reverse("courses:compare", args=[case.slug])).content.decode()
    assert secret not in bob_page
    for person in (tom, hr_county):
        client = login(person)
        assert client.get(reverse("courses:compare", args=[case.slug])).status_code == 403
        assert save(client, case, "x", 9).status_code == 403
        assert secret not in client.get(overview(case).get_absolute_url()).content.decode()
    assert OwnAnswer.objects.get().user == alice.user


def test_an_answer_too_long_is_refused_whole_and_nothing_is_stored(login, alice, case):
    client = login(alice)
    response = save(client, case, "长" * (own_answers.MAX_CHARS + 1), 1)
    assert response.status_code == 400 and "at most" in response.json()["error"]
    assert not OwnAnswerVersion.objects.exists()


@pytest.mark.parametrize("sequence", ["-1", "1e9", "99999999999999999999", "abc", ""])
def test_a_hostile_sequence_is_read_as_none_and_the_text_still_saved(login, alice, case, sequence):
    client = login(alice)
    url = reverse("courses:own_answer", args=[case.slug])
    response = client.post(url, {"text": "打卡\x00两次", "sequence": sequence}, **JSON)
    assert response.status_code == 200 and response.json()["stored"] is True
    assert OwnAnswerVersion.objects.get().text == "打卡两次"  # NUL stripped


def test_the_save_button_returns_to_its_page_and_never_elsewhere(login, alice, case):
    client = login(alice)
    url = reverse("courses:own_answer", args=[case.slug])
    back = overview(case).get_absolute_url()
    response = client.post(url, {"text": "一稿", "sequence": "1", "next": back})
    assert response["Location"] == back
    response = client.post(url, {"text": "二稿", "sequence": "2", "next": "https://evil.example/"})
    assert response["Location"] == reverse("courses:compare", args=[case.slug])


def test_a_trainers_phrases_change_the_marks(login, alice, case):
    answer = "打卡的次数太多了，应该让老百姓来打分。"
    study_all(alice, case)
    save(login(alice), case, answer, 1)
    before = own_answers.compare(alice.user, case).latest.by_key()["p4b"].mark
    ReferencePoint.objects.filter(course=case, key="p4b").update(phrases="老百姓来打分\n群众打分")
    after = own_answers.compare(alice.user, case).latest.by_key()["p4b"].mark
    assert before != "covered" and after == "covered"


def test_trainers_learn_which_points_are_missed_and_by_how_many_never_who(units, case):
    now = timezone.now()
    texts = ["打卡是形式主义，要让群众说了算。", "要提高村干部待遇。", "打卡太多。", "不该打卡。"]
    for i, text in enumerate(texts):
        cadre = make_person(f"c{i}", units["hill"], is_cadre=True)
        own_answers.save(user=cadre.user, course=case, text=text, sequence=1, now=now)
    too_few = own_answers.points_missed(case)
    assert too_few.total == 4 and too_few.rows == []  # under five, a count could name someone
    fifth = make_person("c5", units["hill"], is_cadre=True)
    own_answers.save(user=fifth.user, course=case, text="要让群众说了算。", sequence=1, now=now)
    missed = own_answers.points_missed(case)
    assert missed.total == 5 and {total for _point, _n, total in missed.rows} == {5}
    by_key = {point.key: n for point, n, _total in missed.rows}
    assert by_key["p3a"] == 5  # nobody said "以痕迹论英雄"
    assert by_key["p4b"] < 5  # "群众说了算" was said
    assert missed.rows[0][1] >= missed.rows[-1][1]  # most missed first


def test_the_counts_read_the_marks_stored_with_each_answer(units, case):
    """A trainer editing key phrases cannot probe what the answers say: the counts are the
    marks each answer got when it was written."""
    for i in range(5):
        cadre = make_person(f"c{i}", units["hill"], is_cadre=True)
        own_answers.save(user=cadre.user, course=case, text="村里设了小金库。", sequence=1)
    before = [(p.key, n) for p, n, _t in own_answers.points_missed(case).rows]
    ReferencePoint.objects.filter(course=case, key="p1").update(phrases="小金库")
    after = [(p.key, n) for p, n, _t in own_answers.points_missed(case).rows]
    assert before == after
