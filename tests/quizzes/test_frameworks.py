"""Decisions and competencies are data: a case of another kind ("photo check-ins") brings its
own framework and decisions, built in the studio, taken, scored, analysed and tracked."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import translation

from demo import quiz_content
from quizzes.analysis import analyse_quiz
from quizzes.models import Competency, CompetencyFramework, Question, Quiz
from quizzes.services import attempt_start, attempt_submit
from records.services import mastery_by_user, mastery_for
from tests.conftest import make_person
from tests.quizzes.conftest import answers_for

pytestmark = pytest.mark.django_db

HUGE = "1" * 25  # a 25-digit id


@pytest.fixture
def course(make_course, tom):
    course = make_course("photo-check-ins", lessons=2, status="published", language="en")
    course.owner = tom.user
    course.save()
    return course


def create_framework(client) -> CompetencyFramework:
    response = client.post(
        reverse("studio:framework_create"),
        {
            "name_en": "Photo check-ins",
            "name_zh": "拍照打卡",
            "description": "Township demands that village cadres photograph every task.",
        },
    )
    framework = CompetencyFramework.objects.get(name_en="Photo check-ins")
    assert response.url == reverse("studio:framework", args=[framework.pk])
    for name_en, name_zh in [
        ("Judging what a photo proves", "判断照片能证明什么"),
        ("Protecting village cadres' time", "保护村干部的时间"),
        ("Checking work in the field", "实地检查工作"),
    ]:
        response = client.post(
            reverse("studio:competency_create", args=[framework.pk]),
            {"name_en": name_en, "name_zh": name_zh, "description": "", "order": ""},
        )
        assert response.status_code == 302, response.context["form"].errors
    return framework


DECISIONS = [
    ("Stop the photo check-ins", "They prove presence, not work.", False),
    ("Keep them, with limits", "Fewer photos still measure the wrong thing.", False),
    ("Replace them with field checks", "Checking the work itself is what counts.", True),
]


def decision_data(framework: CompetencyFramework, lesson, **overrides) -> dict:
    ids = [str(c.pk) for c in framework.competencies.all()[:2]]
    data = {
        "title": "Road repair photos",
        "prompt": "The township asks for 12 photos a day of each village's road repairs.",
        "points": "1",
        "competencies": ids,
        "source_lesson": str(lesson.pk),
        "unit_kind": "village",
        "reason_0_text": "Photos show a cadre was there, not that the road is fixed",
        "reason_0_correct": "on",
        "reason_0_feedback": "Right: presence is not work.",
        "reason_1_text": "Photos take too long to upload",
        "reason_1_feedback": "True, but not the main point.",
    }
    for i, (text, feedback, right) in enumerate(DECISIONS):
        data[f"decision_{i}_text"] = text
        data[f"decision_{i}_feedback"] = feedback
        if right:
            data[f"decision_{i}_correct"] = "on"
    data.update(overrides)
    return data


def migrated_seed() -> CompetencyFramework:
    """The seed framework as migration 0004 makes it. A transactional test elsewhere in this
    process may have flushed the migrations' rows; the migration's own function then makes
    them again, so this always checks what the migration writes."""
    seed = quiz_content.framework()
    if not CompetencyFramework.objects.filter(slug=seed["slug"]).exists():
        seed_migration = importlib.import_module("quizzes.migrations.0004_seed_framework")
        seed_migration.create(django_apps, None)
    return CompetencyFramework.objects.get(slug=seed["slug"])


def test_the_seed_framework_exists_after_migrate_in_both_languages():
    seed = quiz_content.framework()  # the demo's data file and the migration agree
    framework = migrated_seed()
    assert (framework.name_en, framework.name_zh) == (seed["name_en"], seed["name_zh"])
    rows = [
        {"code": c.code, "name_en": c.name_en, "name_zh": c.name_zh, "description": ""}
        for c in framework.competencies.all()
    ]
    assert rows == seed["competencies"]
    assert len(rows) == 5 and all(r["name_zh"] for r in rows)
    policy = framework.competencies.get(code="policy")
    with translation.override("zh-hans"):
        assert (policy.label, framework.label) == ("政策理解", "工作群减负")
    with translation.override("en"):
        assert policy.label == "Policy understanding"
    assert framework.created_by is None and not framework.can_edit(framework)


def test_a_framework_of_another_case_is_built_in_the_studio_and_a_quiz_uses_it(
    course, login, tom, alice, bob, units
):
    migrated_seed()  # listed beside the new one
    client = login(tom)
    framework = create_framework(client)
    judging, time, field = framework.competencies.all()
    assert [c.order for c in (judging, time, field)] == [0, 1, 2]
    # The question form lists competencies grouped by framework, and the decision's own help.
    page = client.get(reverse("studio:question_create", args=[course.slug, "decision"]))
    html = page.content.decode()
    assert "<strong>Photo check-ins</strong>" in html
    assert "<strong>Reducing the burden of work groups</strong>" in html
    assert "Describe the unit and the situation the cadre must decide on." in html
    response = client.post(
        reverse("studio:question_create", args=[course.slug, "decision"]),
        decision_data(framework, course.lessons.first()),
    )
    assert response.status_code == 302, response.context["form"].errors
    version = Question.objects.get(course=course).current
    assert [(o.key, o.text, o.is_correct) for o in version.options.filter(group="decision")] == [
        ("d1", "Stop the photo check-ins", False),
        ("d2", "Keep them, with limits", False),
        ("d3", "Replace them with field checks", True),
    ]
    assert set(version.competencies.all()) == {judging, time}
    response = client.post(
        reverse("studio:quiz_create", args=[course.slug]),
        {
            "title": "Photo check-ins",
            "pass_mark": "60",
            "attempts_allowed": "3",
            "grading_method": "highest",
            "is_published": "on",
            "questions": [str(version.question_id)],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    quiz = Quiz.objects.get(course=course)

    carol = make_person("carol", units["riverside"], is_cadre=True, is_leader=True)
    scores = {}
    for person, picks in [
        (alice, ["d3", "r1"]),  # right decision, right reason
        (bob, ["d1", "r1"]),  # wrong decision, right reason
        (carol, ["d1", "r2"]),  # both wrong
    ]:
        attempt = attempt_start(quiz=quiz, user=person.user)
        attempt = attempt_submit(
            attempt=attempt, answers=answers_for(attempt, {version.question.key: picks})
        )
        scores[person.user.username] = attempt.score
    assert scores == {"alice": Decimal("1.00"), "bob": Decimal("0.50"), "carol": Decimal("0.00")}

    # Item analysis over the case's own decisions.
    report = analyse_quiz(quiz)
    (village,) = report.misconceptions
    assert [(w.text, w.count) for w in village.wrong] == [
        ("Stop the photo check-ins", 2),
        ("Keep them, with limits", 0),
    ]
    assert village.flagged
    html = client.get(reverse("studio:analysis", args=[quiz.pk])).content.decode()
    assert "“Stop the photo check-ins” is the most common wrong decision" in html
    assert "dissolve" not in html.lower()

    # Mastery over the case's own competencies, nothing of the seed's.
    mastery = mastery_for(alice.user)
    assert [(m.competency.code, m.current) for m in mastery] == [
        (judging.code, Decimal("100.0")),
        (time.code, Decimal("100.0")),
    ]
    assert mastery_by_user([carol.user_id])[carol.user_id] == {judging.pk: 0, time.pk: 0}
    page = login(alice).get(reverse("records:progress")).content.decode()
    assert "Judging what a photo proves" in page and "Policy understanding" not in page


def test_only_the_creator_edits_a_framework_and_nobody_edits_the_seed(
    login, tom, other_trainer, alice
):
    framework = create_framework(login(tom))
    competency = framework.competencies.first()
    seed = migrated_seed()
    client = login(other_trainer)
    assert client.get(reverse("studio:frameworks")).status_code == 200
    page = client.get(reverse("studio:framework", args=[framework.pk])).content.decode()
    assert 'data-testid="read-only"' in page and "Edit framework" not in page
    for name, args in [
        ("framework_edit", [framework.pk]),
        ("competency_create", [framework.pk]),
        ("competency_edit", [framework.pk, competency.pk]),
        ("framework_edit", [seed.pk]),
        ("competency_create", [seed.pk]),
    ]:
        assert client.get(reverse(f"studio:{name}", args=args)).status_code == 403, name
        assert (
            client.post(reverse(f"studio:{name}", args=args), {"name_en": "X"}).status_code == 403
        )
    response = client.post(reverse("studio:competency_delete", args=[framework.pk, competency.pk]))
    assert response.status_code == 403
    assert CompetencyFramework.objects.get(pk=framework.pk).name_en == "Photo check-ins"
    assert framework.competencies.count() == 3
    assert login(tom).get(reverse("studio:framework_edit", args=[seed.pk])).status_code == 403
    # Cadres do not enter the studio at all.
    assert login(alice).get(reverse("studio:frameworks")).status_code == 403


def test_a_competency_questions_use_is_not_deleted_and_the_page_says_why(
    course, login, tom, competencies
):
    client = login(tom)
    framework = create_framework(client)
    used, unused, _third = framework.competencies.all()
    client.post(
        reverse("studio:question_create", args=[course.slug, "decision"]),
        decision_data(framework, course.lessons.first(), competencies=[str(used.pk)]),
    )
    page = client.get(reverse("studio:framework", args=[framework.pk])).content.decode()
    assert "in use: cannot be deleted" in page
    assert "the mastery cadres earned on it refer to it" in page
    response = client.post(
        reverse("studio:competency_delete", args=[framework.pk, used.pk]), follow=True
    )
    assert "is not deleted: questions or quiz draws use it" in response.content.decode()
    assert Competency.objects.filter(pk=used.pk).exists()
    client.post(reverse("studio:competency_delete", args=[framework.pk, unused.pk]))
    assert not Competency.objects.filter(pk=unused.pk).exists()


def test_hostile_posts_get_form_errors_or_404_never_a_500(course, login, tom, competencies):
    client = login(tom)
    framework = create_framework(client)
    mine = framework.competencies.first()
    lesson = course.lessons.first()
    create = reverse("studio:question_create", args=[course.slug, "decision"])

    def errors(data) -> str:
        response = client.post(create, data)
        assert response.status_code == 200  # the form again, with its errors
        return str(response.context["form"].errors)

    assert "Select a valid choice" in errors(decision_data(framework, lesson, competencies=[HUGE]))
    # Competencies of two frameworks on one question.
    assert "Choose competencies of one framework" in errors(
        decision_data(
            framework, lesson, competencies=[str(mine.pk), str(competencies["policy"].pk)]
        )
    )
    seven = {f"decision_{i}_text": f"Option {i}" for i in range(7)}
    seven.update({f"decision_{i}_feedback": "Why." for i in range(7)})
    assert "Give from 2 to 6 decisions" in errors(decision_data(framework, lesson, **seven))
    one = {"decision_1_text": "", "decision_2_text": "", "decision_0_correct": "on"}
    assert "Give from 2 to 6 decisions" in errors(decision_data(framework, lesson, **one))
    assert "Mark exactly one decision" in errors(
        decision_data(framework, lesson, decision_0_correct="on")
    )
    assert "Explain why" in errors(decision_data(framework, lesson, decision_1_feedback=""))
    assert "Select a valid choice" in errors(
        decision_data(framework, lesson, source_lesson=HUGE, unit_kind="palace")
    )
    assert not Question.objects.exists()
    # A forged hidden key is not trusted: the row gets a fresh key.
    client.post(
        create, decision_data(framework, lesson, decision_0_key="r1", decision_1_key="x" * 40)
    )
    keys = set(Question.objects.get().current.options.values_list("key", flat=True))
    assert keys == {"d1", "d2", "d3", "r1", "r2"}

    # Frameworks and competencies: empty names, huge ids, another framework's competency.
    response = client.post(reverse("studio:framework_create"), {"name_en": "  ", "name_zh": ""})
    assert response.context["form"].errors["name_en"]
    url = reverse("studio:competency_create", args=[framework.pk])
    response = client.post(url, {"name_en": "", "order": HUGE})
    assert set(response.context["form"].errors) == {"name_en", "order"}
    response = client.post(url, {"name_en": "checking work in the field", "order": "1"})
    assert "already has a competency of that name" in str(response.context["form"].errors)
    assert client.get(f"/studio/frameworks/{HUGE}/").status_code == 404
    assert client.post(f"/studio/frameworks/{framework.pk}/competencies/{HUGE}/").status_code == 404
    seed_competency = competencies["policy"]
    other = reverse("studio:competency_edit", args=[framework.pk, seed_competency.pk])
    assert client.post(other, {"name_en": "Hijacked"}).status_code == 404
    assert Competency.objects.get(pk=seed_competency.pk).name_en == "Policy understanding"
    assert framework.competencies.count() == 3


def test_the_single_choice_form_shows_no_decision_help(course, login, tom):
    html = (
        login(tom)
        .get(reverse("studio:question_create", args=[course.slug, "single"]))
        .content.decode()
    )
    assert "Describe the unit and the situation" not in html
    assert "decision_0_text" not in html


@pytest.mark.parametrize("count", [1, 6])
def test_the_framework_list_costs_the_same_queries_for_any_number(
    count, db_sessions, login, tom, django_assert_num_queries
):
    for n in range(count):
        framework = CompetencyFramework.objects.create(slug=f"f{n}", name_en=f"F{n}")
        framework.competencies.create(code="a", name_en="A")
    client = login(tom)
    # 1 session, 2 user, 3 profile (trainer check, then cached for the navigation),
    # 4 frameworks with their creators and competency counts
    with django_assert_num_queries(4):
        response = client.get(reverse("studio:frameworks"))
    assert f"F{count - 1}" in response.content.decode()
