"""The admin: reachable only by staff from the allowed networks, and learning records in it are
read-only; a lesson or question with records cannot be deleted through it or anywhere."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.checks import run_checks
from django.db.models import ProtectedError
from django.forms.formsets import DELETION_FIELD_NAME
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from courses.admin import LessonInline
from courses.models import (
    Course,
    Enrolment,
    HoursChange,
    Lesson,
    LessonOpening,
    LessonProgress,
)
from courses.services import LessonInUse, enrolment_create, lesson_delete
from quizzes.models import Answer, Attempt, AttemptQuestion, Question, ScoreChange
from quizzes.services.attempts import attempt_start
from records.models import CompletionRecord, Reminder
from tests.helpers import opened, run_python

pytestmark = pytest.mark.django_db

EVIDENCE = [
    Attempt,
    AttemptQuestion,
    Answer,
    ScoreChange,
    LessonProgress,
    LessonOpening,
    Enrolment,
    CompletionRecord,
    HoursChange,
    Reminder,
]


@pytest.fixture
def staff(tom):
    tom.user.is_staff = True
    tom.user.is_superuser = True
    tom.user.save()
    return tom.user


@pytest.fixture
def admin_on(settings):
    settings.ADMIN_ENABLED = True
    settings.ADMIN_ALLOWED_NETWORKS = ["127.0.0.1/32", "::1/128"]
    settings.TRUSTED_PROXY_COUNT = 0
    return settings


@pytest.fixture
def admin_client(client, staff, admin_on):
    client.force_login(staff)
    return client


# --- Who reaches the admin ------------------------------------------------------------------


def test_staff_from_an_allowed_address_reach_the_admin(admin_client):
    assert admin_client.get("/admin/").status_code == 200


@pytest.mark.parametrize("path", ["/admin/", "/admin/login/", "/admin/courses/course/"])
def test_the_admin_is_a_404_from_outside_the_allowed_networks(admin_client, path):
    assert admin_client.get(path, REMOTE_ADDR="10.1.2.3").status_code == 404


def test_the_allowed_networks_are_configurable(admin_client, admin_on):
    admin_on.ADMIN_ALLOWED_NETWORKS = ["10.1.0.0/16"]
    assert admin_client.get("/admin/", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert admin_client.get("/admin/", REMOTE_ADDR="10.2.2.3").status_code == 404
    assert admin_client.get("/admin/").status_code == 404  # loopback is no longer in


def test_the_admin_switched_off_is_a_404_even_for_staff_on_the_host(admin_client, admin_on):
    admin_on.ADMIN_ENABLED = False
    assert admin_client.get("/admin/").status_code == 404


def test_anonymous_visitors_and_non_staff_get_a_404_not_a_login_form(client, alice, admin_on):
    assert client.get("/admin/").status_code == 404
    assert client.get("/admin/login/").status_code == 404
    client.force_login(alice.user)
    assert client.get("/admin/").status_code == 404


def test_behind_the_proxy_the_range_is_checked_on_the_client_not_the_proxy(admin_client, admin_on):
    admin_on.TRUSTED_PROXY_COUNT = 1
    # nginx on the same host: REMOTE_ADDR is loopback for everyone.
    assert admin_client.get("/admin/", HTTP_X_FORWARDED_FOR="10.1.2.3").status_code == 404
    forged = "127.0.0.1, 10.1.2.3"  # the client wrote the first entry, nginx the second
    assert admin_client.get("/admin/", HTTP_X_FORWARDED_FOR=forged).status_code == 404
    assert admin_client.get("/admin/", HTTP_X_FORWARDED_FOR="::1").status_code == 200


def test_other_pages_are_not_affected(admin_client, admin_on):
    admin_on.ADMIN_ENABLED = False
    assert admin_client.get("/", REMOTE_ADDR="10.1.2.3").status_code == 200


def test_a_network_that_is_not_one_stops_the_start(admin_on):
    admin_on.ADMIN_ALLOWED_NETWORKS = ["10.0.0.0/8", "intranet"]
    assert [m.id for m in run_checks() if m.id.startswith("people.")] == ["people.E001"]


def admin_settings(**env: str) -> str:
    code = "from django.conf import settings; "
    code += "print(settings.ADMIN_ENABLED, settings.ADMIN_ALLOWED_NETWORKS)"
    result = run_python(code, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_admin_is_off_in_production_unless_switched_on():
    assert admin_settings(DEBUG="0") == "False ['127.0.0.1/32', '::1/128']"
    assert admin_settings(DEBUG="1").startswith("True")
    on = admin_settings(DEBUG="0", ADMIN_ENABLED="1", ADMIN_ALLOWED_NETWORKS="10.20.0.0/16")
    assert on == "True ['10.20.0.0/16']"


# --- Learning records are read-only ---------------------------------------------------------


@pytest.fixture
def records(alice, quiz, tom):
    """One row of every kind of evidence, as the site writes them."""
    course = quiz.course
    lesson = course.lessons.first()
    enrolment_create(user=alice.user, course=course)
    opened(alice.user, lesson)
    LessonProgress.objects.create(user=alice.user, lesson=lesson)
    attempt = attempt_start(quiz=quiz, user=alice.user)
    aq = attempt.questions.first()
    Answer.objects.get_or_create(attempt_question=aq)
    ScoreChange.objects.create(
        attempt=attempt, reason="graded", old_score=None, new_score=Decimal("1")
    )
    HoursChange.objects.create(
        course=course,
        old_hours=Decimal("1"),
        new_hours=Decimal("2"),
        reason="x",
        changed_at=timezone.now(),
    )
    CompletionRecord.objects.create(
        user=alice.user,
        course=course,
        kind="completed",
        year=timezone.now().year,
        hours=Decimal("1"),
        occurred_at=timezone.now(),
    )
    Reminder.objects.create(user=alice.user, sent_on=dt.date.today())
    return {"course": course, "lesson": lesson, "attempt": attempt}


@pytest.mark.parametrize("model", EVIDENCE, ids=lambda m: m.__name__)
def test_evidence_is_shown_but_never_added_changed_or_deleted(admin_client, staff, records, model):
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/admin/")
    request.user = staff
    obj = model.objects.first()
    assert model_admin.has_view_permission(request, obj)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, obj)
    assert not model_admin.has_delete_permission(request, obj)
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert admin_client.get(changelist).status_code == 200
    add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    assert admin_client.get(add).status_code == 403


def test_a_score_change_cannot_be_deleted_or_edited_through_the_admin(admin_client, records):
    change = ScoreChange.objects.get()
    delete = reverse("admin:quizzes_scorechange_delete", args=[change.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    edit = reverse("admin:quizzes_scorechange_change", args=[change.pk])
    admin_client.post(edit, {"new_score": "99", "reason": "graded"})
    change.refresh_from_db()
    assert change.new_score == Decimal("1")


def test_a_person_with_learning_records_cannot_be_deleted(admin_client, alice, bob, records):
    User = get_user_model()
    model_admin = admin.site._registry[User]
    request = RequestFactory().get("/admin/")
    request.user = User.objects.get(username="tom")
    assert not model_admin.has_delete_permission(request, alice.user)
    assert model_admin.has_delete_permission(request, bob.user)  # nothing recorded yet
    delete = reverse("admin:auth_user_delete", args=[alice.user.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert LessonProgress.objects.filter(user=alice.user).exists()


# --- Lessons and questions with records stay ------------------------------------------------


def test_a_studied_or_opened_lesson_cannot_be_deleted_in_the_database(make_course, alice, bob):
    course = make_course(lessons=2)
    studied, opened_only = course.lessons.order_by("order")
    LessonProgress.objects.create(user=alice.user, lesson=studied)
    opened(bob.user, opened_only)
    for lesson in (studied, opened_only):
        with pytest.raises(ProtectedError):
            lesson.delete()
    with pytest.raises(ProtectedError):
        course.delete()
    assert LessonProgress.objects.count() == 1 and LessonOpening.objects.count() == 1


def test_the_studio_refuses_to_delete_an_opened_lesson(make_course, alice):
    course = make_course(lessons=2)
    first, second = course.lessons.order_by("order")
    opened(alice.user, first)
    with pytest.raises(LessonInUse):
        lesson_delete(lesson=first)
    lesson_delete(lesson=second)  # nobody opened it
    assert list(course.lessons.values_list("pk", flat=True)) == [first.pk]


def inline_post(request, course, delete: set[int]):
    """The course admin's lesson formset as a browser posts it, ticking "delete" on `delete`."""
    inline = LessonInline(Course, admin.site)
    formset_class = inline.get_formset(request, course)
    formset = formset_class(instance=course, queryset=inline.get_queryset(request))
    data = {
        f"{formset.prefix}-{key}": value for key, value in formset.management_form.initial.items()
    }
    for form in formset.forms:
        for name in form.fields:
            value = form[name].value()
            if name == DELETION_FIELD_NAME:
                value = "on" if form.instance.pk in delete else ""
            elif isinstance(value, list):
                value = "\n".join(value)
            data[form.add_prefix(name)] = "" if value is None else value
    return formset, formset_class(data, instance=course, queryset=inline.get_queryset(request))


def test_the_course_admin_offers_no_delete_for_a_studied_lesson(staff, make_course, alice):
    course = make_course(lessons=3)
    studied, opened_only, untouched = course.lessons.order_by("order")
    LessonProgress.objects.create(user=alice.user, lesson=studied)
    opened(alice.user, opened_only)
    request = RequestFactory().post("/admin/")
    request.user = staff
    shown, posted = inline_post(request, course, delete={studied.pk, opened_only.pk, untouched.pk})
    disabled = {f.instance.pk: f.fields[DELETION_FIELD_NAME].disabled for f in shown.forms}
    assert disabled == {studied.pk: True, opened_only.pk: True, untouched.pk: False}
    assert posted.is_valid(), posted.errors
    posted.save()
    # The forged "delete" on the studied and opened lessons was ignored; the other went.
    assert set(Lesson.objects.values_list("pk", flat=True)) == {studied.pk, opened_only.pk}


def test_the_course_admin_page_renders_the_disabled_delete(admin_client, make_course, alice):
    course = make_course(lessons=2)
    LessonProgress.objects.create(user=alice.user, lesson=course.lessons.get(order=1))
    page = admin_client.get(reverse("admin:courses_course_change", args=[course.pk]))
    boxes = re.findall(r"<input[^>]*-DELETE[^>]*>", page.content.decode())
    assert ["disabled" in box for box in boxes] == [True, False]


def test_deleting_a_course_with_records_in_the_admin_is_refused(admin_client, records):
    course = records["course"]
    url = reverse("admin:courses_course_delete", args=[course.pk])
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 200  # the page that lists what protects it
    assert Course.objects.filter(pk=course.pk).exists()
    assert LessonProgress.objects.exists()


def test_a_question_answered_in_an_attempt_cannot_be_deleted(records):
    aq = records["attempt"].questions.select_related("version__question").first()
    records["attempt"].quiz.slots.all().delete()  # the quiz no longer uses it, the attempt does
    with pytest.raises(ProtectedError):
        aq.version.question.delete()
    assert Question.objects.filter(pk=aq.version.question_id).exists()
