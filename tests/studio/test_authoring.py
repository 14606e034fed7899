"""The studio: who may enter and edit, the import flow, lessons, publishing, the editors."""

from decimal import Decimal

import pytest
from django.urls import reverse

from courses.models import Course, Lesson
from demo.quizzes import seed_framework
from quizzes.models import Question, Quiz
from quizzes.services import attempt_start, attempt_submit
from tests.courses.cases import MEETINGS_EN
from tests.helpers import study

pytestmark = pytest.mark.django_db


def studio_urls(course, lesson, quiz=None, question=None):
    urls = [
        ("get", reverse("studio:home")),
        ("get", reverse("studio:import")),
        ("post", reverse("studio:import")),
        ("get", reverse("studio:course_create")),
        ("get", reverse("studio:course", args=[course.slug])),
        ("get", reverse("studio:course_edit", args=[course.slug])),
        ("post", reverse("studio:course_publish", args=[course.slug])),
        ("post", reverse("studio:course_archive", args=[course.slug])),
        ("post", reverse("studio:course_copy", args=[course.slug])),
        ("get", reverse("studio:preview_course", args=[course.slug])),
        ("get", reverse("studio:preview_lesson", args=[course.slug, lesson.pk])),
        ("get", reverse("studio:lesson_create", args=[course.slug])),
        ("get", reverse("studio:lesson_edit", args=[course.slug, lesson.pk])),
        ("post", reverse("studio:lesson_move", args=[course.slug, lesson.pk])),
        ("post", reverse("studio:lesson_delete", args=[course.slug, lesson.pk])),
        ("post", reverse("studio:markdown_preview")),
        ("get", reverse("studio:question_create", args=[course.slug, "single"])),
        ("get", reverse("studio:quiz_create", args=[course.slug])),
    ]
    if quiz:
        urls.append(("get", reverse("studio:quiz_edit", args=[quiz.pk])))
    if question:
        urls.append(("get", reverse("studio:question_edit", args=[question.pk])))
    return urls


@pytest.mark.parametrize("persona", ["alice", "hr_county"])
def test_cadres_and_hr_are_refused_everywhere_in_the_studio(request, persona, owned, login, quiz):
    client = login(request.getfixturevalue(persona))
    question = Question.objects.filter(course=quiz.course).first()
    for method, url in studio_urls(owned, owned.lessons.first(), quiz, question):
        response = getattr(client, method)(url)
        assert response.status_code == 403, (method, url)
    assert Course.objects.count() == 2  # nothing copied or created


def test_anonymous_visitors_go_to_the_login_page(client, owned):
    for method, url in studio_urls(owned, owned.lessons.first()):
        assert getattr(client, method)(url).status_code == 302


def test_another_trainer_may_view_and_copy_but_not_change(login, owned, other_trainer):
    client = login(other_trainer)
    lesson = owned.lessons.first()
    assert client.get(reverse("studio:course", args=[owned.slug])).status_code == 200
    assert client.get(reverse("studio:preview_course", args=[owned.slug])).status_code == 200
    for method, url in [
        ("get", reverse("studio:course_edit", args=[owned.slug])),
        ("post", reverse("studio:course_publish", args=[owned.slug])),
        ("post", reverse("studio:course_archive", args=[owned.slug])),
        ("get", reverse("studio:lesson_edit", args=[owned.slug, lesson.pk])),
        ("post", reverse("studio:lesson_delete", args=[owned.slug, lesson.pk])),
        ("get", reverse("studio:question_create", args=[owned.slug, "decision"])),
        ("get", reverse("studio:quiz_create", args=[owned.slug])),
    ]:
        assert getattr(client, method)(url).status_code == 403, url
    response = client.post(reverse("studio:course_copy", args=[owned.slug]))
    copy = Course.objects.get(owner=other_trainer.user)
    assert response["Location"] == reverse("studio:course", args=[copy.slug])
    assert copy.status == Course.Status.DRAFT and copy.lessons.count() == 2
    owned.refresh_from_db()
    assert owned.status == Course.Status.DRAFT


def test_a_co_owner_may_edit(login, owned, other_trainer):
    owned.co_owners.add(other_trainer.user)
    client = login(other_trainer)
    response = client.post(
        reverse("studio:lesson_edit", args=[owned.slug, owned.lessons.first().pk]),
        {"title": "Renamed", "body_md": "New **body**", "key_points": "One\nTwo"},
    )
    assert response.status_code == 302
    lesson = owned.lessons.get(order=1)
    assert (lesson.title, lesson.key_points) == ("Renamed", ["One", "Two"])
    assert lesson.body_html == "<p>New <strong>body</strong></p>"


def test_import_shows_the_structure_and_saves_nothing_until_confirmed(login, tom):
    client = login(tom)
    response = client.post(reverse("studio:import"), {"text": MEETINGS_EN, "study_hours": "1.5"})
    html = response.content.decode()
    assert response.context["outline"].parts[2].points[0].startswith("Merge the three apps")
    assert 'class="mindmap-node' in html
    assert not Course.objects.exists()
    response = client.post(
        reverse("studio:import"), {"text": MEETINGS_EN, "study_hours": "1.5", "confirm": "yes"}
    )
    course = Course.objects.get()
    assert response["Location"] == reverse("studio:course", args=[course.slug])
    assert (course.owner, course.status, course.study_hours) == (tom.user, "draft", Decimal("1.5"))
    assert course.lessons.count() == 4


def test_import_accepts_an_uploaded_file(login, tom):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("case.txt", MEETINGS_EN.encode(), content_type="text/plain")
    response = login(tom).post(reverse("studio:import"), {"file": upload, "study_hours": "1"})
    assert len(response.context["outline"].parts) == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("What now?\n1. One.\n2. Two.", "No &#x27;Reference analysis&#x27;"),
        ("", "Paste the case text or choose a file."),
        ("Q?\nReference analysis\n1. One.\n3. Three.", "Part 3 found where part 2 was expected"),
    ],
)
def test_import_errors_say_what_is_wrong_and_save_nothing(login, tom, data, message):
    for confirm in ("", "yes"):
        response = login(tom).post(
            reverse("studio:import"), {"text": data, "study_hours": "1", "confirm": confirm}
        )
        assert message in response.content.decode()
        assert not Course.objects.exists()


def test_import_refuses_an_upload_neither_utf8_nor_gbk(login, tom):
    from django.core.files.uploadedfile import SimpleUploadedFile

    # Big5 is neither (GBK uploads are read: tests/courses/test_case_files.py).
    upload = SimpleUploadedFile("case.txt", "問題？\n參考解析\n1. 現象。".encode("big5"))
    response = login(tom).post(reverse("studio:import"), {"file": upload, "study_hours": "1"})
    assert "neither UTF-8 nor GBK" in response.content.decode()
    assert not Course.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        '<img src=x onerror="alert(1)">',
        "<svg onload=alert(1)>",
    ],
)
def test_live_preview_uses_the_same_sanitiser(login, tom, payload):
    html = login(tom).post(reverse("studio:markdown_preview"), {"text": f"**Hi** {payload}"})
    body = html.json()["html"]
    assert "<strong>Hi</strong>" in body
    for bad in ("<script", "javascript:", "onerror", "<svg"):
        assert bad not in body


def test_publishing_needs_a_lesson_and_warns_about_an_empty_quiz(login, tom, make_course):
    empty = make_course("empty", lessons=0, status="draft")
    empty.owner = tom.user
    empty.save()
    client = login(tom)
    response = client.post(reverse("studio:course_publish", args=[empty.slug]), follow=True)
    assert "needs at least one lesson" in response.content.decode()
    empty.refresh_from_db()
    assert empty.status == "draft"
    Lesson.objects.create(course=empty, order=1, title="One", body_md="x")
    Quiz.objects.create(course=empty, title="Empty quiz")
    response = client.post(reverse("studio:course_publish", args=[empty.slug]), follow=True)
    empty.refresh_from_db()
    assert empty.status == "published"
    assert "has no questions" in response.content.decode()


def test_archiving_hides_the_course_from_cadres(login, tom, owned, alice):
    client = login(tom)
    client.post(reverse("studio:course_publish", args=[owned.slug]))
    client.post(reverse("studio:course_archive", args=[owned.slug]))
    assert login(alice).get(reverse("courses:course", args=[owned.slug])).status_code == 404


def test_preview_shows_a_draft_as_cadres_will_see_it(login, tom, owned):
    response = login(tom).get(reverse("studio:preview_course", args=[owned.slug]))
    html = response.content.decode()
    assert "Preview: this is how cadres see this page" in html
    assert reverse("studio:preview_lesson", args=[owned.slug, owned.lessons.first().pk]) in html


def test_lessons_reorder_and_studied_lessons_cannot_be_deleted(login, tom, owned, alice):
    first, second = owned.lessons.order_by("order")
    client = login(tom)
    client.post(reverse("studio:lesson_move", args=[owned.slug, second.pk]), {"direction": "up"})
    assert list(owned.lessons.order_by("order").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    owned.status = "published"
    owned.save()
    study(alice.user, first)
    response = client.post(
        reverse("studio:lesson_delete", args=[owned.slug, first.pk]), follow=True
    )
    assert "Cadres have studied this lesson" in response.content.decode()
    assert Lesson.objects.filter(pk=first.pk).exists()
    client.post(reverse("studio:lesson_delete", args=[owned.slug, second.pk]))
    assert list(owned.lessons.values_list("order", flat=True)) == [1]


def competency_ids(*codes: str) -> list[str]:
    """Form values for these competencies, whatever ids this test database gave them."""
    by_code = seed_framework()
    return [str(by_code[code].pk) for code in codes]


DECISIONS = [
    ("Dissolve", "Residents lose the channel."),
    ("Merge", "Needs differ."),
    ("Keep", "Public-facing."),
]


def decision_post(lesson, right: int = 2, keys: tuple[str, ...] = (), **overrides):
    """A scenario decision as the form posts it: three decisions (the `right`-th is right, with
    the hidden `keys` an edit carries), two reasons."""
    data = {
        "title": "Window requests",
        "prompt": "A service window collects requests in groups.",
        "points": "1",
        "competencies": competency_ids("policy", "public"),
        "source_lesson": str(lesson.pk),
        "unit_kind": "window",
        "reason_0_text": "Its main work is with residents",
        "reason_0_correct": "on",
        "reason_0_feedback": "Right.",
        "reason_1_text": "A quota says so",
        "reason_1_feedback": "No quota fits every unit.",
    }
    for i, (text, feedback) in enumerate(DECISIONS):
        data[f"decision_{i}_text"] = text
        data[f"decision_{i}_feedback"] = feedback
        if i < len(keys):
            data[f"decision_{i}_key"] = keys[i]
    data[f"decision_{right}_correct"] = "on"
    data.update(overrides)
    return data


def test_a_decision_question_is_created_with_its_reasons(login, tom, owned, competencies):
    lesson = owned.lessons.first()
    response = login(tom).post(
        reverse("studio:question_create", args=[owned.slug, "decision"]), decision_post(lesson)
    )
    assert response.status_code == 302
    version = Question.objects.get().current
    assert (version.kind, version.unit_kind, version.source_lesson) == (
        "decision",
        "window",
        lesson,
    )
    options = {o.key: (o.group, o.text, o.is_correct) for o in version.options.all()}
    assert options == {
        "d1": ("decision", "Dissolve", False),
        "d2": ("decision", "Merge", False),
        "d3": ("decision", "Keep", True),
        "r1": ("reason", "Its main work is with residents", True),
        "r2": ("reason", "A quota says so", False),
    }


def test_the_question_editor_shows_errors_and_saves_nothing(login, tom, owned, competencies):
    data = decision_post(owned.lessons.first(), reason_0_correct="")  # no right reason
    response = login(tom).post(
        reverse("studio:question_create", args=[owned.slug, "decision"]), data
    )
    assert "mark exactly one as right" in response.content.decode()
    assert not Question.objects.exists()
    response = login(tom).post(
        reverse("studio:question_create", args=[owned.slug, "single"]),
        {
            "title": "T",
            "prompt": "P",
            "points": "1",
            "competencies": competency_ids("policy"),
            "option_0_text": "A",
            "option_0_correct": "on",
            "option_1_text": "B",
        },
    )
    assert response.context["form"].errors["option_0_feedback"]


def test_editing_a_question_with_attempts_warns_then_makes_a_new_version(login, tom, quiz, alice):
    quiz.course.owner = tom.user
    quiz.course.save()
    attempt_submit(attempt=attempt_start(quiz=quiz, user=alice.user))
    question = quiz.slots.get(question__key="blocks").question
    client = login(tom)
    url = reverse("studio:question_edit", args=[question.pk])
    page = client.get(url).content.decode()
    assert "Saving creates version 2" in page
    # The form carries each decision's key: answers already given keep meaning the same one.
    data = decision_post(quiz.course.lessons.first(), right=1, keys=("dissolve", "merge", "keep"))
    response = client.post(url, data, follow=True)
    assert "Saved as version 2" in response.content.decode()
    question.refresh_from_db()
    assert question.current.number == 2
    assert question.versions.get(number=1).options.get(key="keep").is_correct
    assert question.current.options.get(key="merge").is_correct


def test_the_quiz_builder_sets_options_fixed_questions_and_random_draws(login, tom, owned):
    from tests.quizzes.conftest import decision, single

    c = seed_framework()
    q1 = single(owned, [c["policy"]])
    decision(owned, [c["public"]])
    data = {
        "title": "Check",
        "pass_mark": "70",
        "attempts_allowed": "2",
        "grading_method": "last",
        "time_limit_minutes": "15",
        "is_published": "on",
        "shuffle_options": "on",
        "review_answers_after_attempt": "on",
        "questions": [str(q1.pk)],
        f"draw_{c['public'].pk}": "1",
    }
    response = login(tom).post(reverse("studio:quiz_create", args=[owned.slug]), data)
    assert response.status_code == 302, response.context["form"].errors
    quiz = Quiz.objects.get()
    assert (quiz.pass_mark, quiz.attempts_allowed, quiz.grading_method) == (70, 2, "last")
    assert quiz.time_limit_minutes == 15 and quiz.is_published
    slots = list(quiz.slots.values_list("question_id", "draw_from__code"))
    assert slots == [(q1.pk, None), (None, "public")]


def test_the_preview_proposes_a_short_title_and_its_address_and_the_trainer_may_change_it(
    login, tom
):
    from tests.courses.cases import PHOTOS_ZH

    client = login(tom)
    preview = client.post(reverse("studio:import"), {"text": PHOTOS_ZH, "study_hours": "1"})
    body = preview.content.decode()
    proposed = preview.context["confirm_form"].initial["title"]
    assert proposed == "某乡镇要求村干部每完成一项工作都要拍照上传到政务App"
    assert "/courses/mou-xiang-zhen-yao-qiu-cun-gan-bu" in body
    assert not Course.objects.exists()
    client.post(
        reverse("studio:import"),
        {"text": PHOTOS_ZH, "study_hours": "1", "title": "拍照打卡", "confirm": "yes"},
    )
    course = Course.objects.get()
    assert (course.title, course.slug) == ("拍照打卡", "pai-zhao-da-ka")


def test_a_trainer_gives_a_long_sub_point_a_short_label_and_the_whole_text_stays(login, tom):
    from courses.services import course_import_case
    from tests.courses.cases import SEED_ZH

    course = course_import_case(data=SEED_ZH, owner=tom.user)
    whole = course.outline["parts"][3]["points"][2]
    url = reverse("studio:mindmap_labels", args=[course.slug])
    client = login(tom)
    form = client.get(url).context["form"]
    name = next(n for n, (number, text) in form.leaves.items() if text == whole)
    data = {n: "" for n in form.leaves} | {name: "加强对领导干部的培训"}
    assert client.post(url, data).status_code == 302
    course.refresh_from_db()
    assert course.outline["parts"][3]["points"][2] == whole  # the text itself never changes
    course.status = Course.Status.PUBLISHED
    course.save()
    body = client.get(reverse("courses:course", args=[course.slug])).content.decode()
    assert ">加强对领导干部的培训<" in body  # the box shows the label…
    assert f"<title>{whole}</title>" in body  # …the tooltip and the list keep the whole text
    assert f"<li>{whole}</li>" in body
    # Too long a label, or another trainer, is refused.
    assert "at most 120" in client.post(url, data | {name: "长" * 121}).content.decode()


def test_only_the_courses_trainers_edit_its_mind_map_labels(login, tom, units):
    from courses.services import course_import_case
    from tests.conftest import make_person
    from tests.courses.cases import MEETINGS_EN

    course = course_import_case(data=MEETINGS_EN, owner=tom.user)
    other = make_person("other-trainer", units["archives"], is_trainer=True)
    url = reverse("studio:mindmap_labels", args=[course.slug])
    assert login(other).post(url, {}).status_code == 403
