"""A cadre's transcript for HR: content, waive and void through the page, and who may open it."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import LessonProgress
from demo.quizzes import seed_framework
from quizzes.models import Quiz
from quizzes.services import attempt_start, attempt_submit
from records.models import Assignment, CompletionRecord
from tests.quizzes.conftest import answers_for, multiple

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """Pin "today" so due dates are past or future whatever day the suite runs."""
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return TODAY


@pytest.fixture
def courses(units, make_course):
    policy = make_course("policy", lessons=2, study_hours=Decimal("2.0"), title="Policy")
    groups = make_course("groups", lessons=2, study_hours=Decimal("3.0"), title="Work groups")
    Assignment.objects.create(
        course=policy, unit=units["county"], kind="required", due_date=dt.date(2026, 3, 1)
    )
    Assignment.objects.create(
        course=groups, unit=units["east"], kind="elective", due_date=dt.date(2026, 9, 1)
    )
    return {"policy": policy, "groups": groups}


@pytest.fixture
def credit(alice, courses):
    return CompletionRecord.objects.create(
        user=alice.user,
        course=courses["policy"],
        kind="completed",
        year=2026,
        hours=Decimal("2.0"),
        occurred_at=dt.datetime(2026, 2, 1, 10, tzinfo=SHANGHAI),
    )


def transcript_url(profile) -> str:
    return reverse("records:person", args=[profile.pk])


def test_transcript_shows_assignments_hours_ledger_mastery_and_attempts(
    login, hr_town, alice, courses, credit, make_course
):
    LessonProgress.objects.create(user=alice.user, lesson=courses["groups"].lessons.first())
    competencies = seed_framework()
    quiz_course = make_course("quiz-course", lessons=1)
    quiz = Quiz.objects.create(course=quiz_course, title="Measures quiz", is_published=True)
    quiz.slots.create(order=0, question=multiple(quiz_course, [competencies["measures"]]))
    attempt = attempt_start(quiz=quiz, user=alice.user)
    attempt_submit(attempt=attempt, answers=answers_for(attempt, {"measures": ["a", "b"]}))

    response = login(hr_town).get(transcript_url(alice))
    assert response.status_code == 200
    data = response.context["transcript"]
    assert {a.course.slug: a.status for a in data.assigned} == {
        "policy": "completed",
        "groups": "in_progress",
    }
    this_year = data.ledger[0]
    assert (this_year.year, this_year.required, this_year.elective) == (
        2026,
        Decimal("2.0"),
        Decimal("0"),
    )
    measures = next(m for m in data.mastery if m.competency.code == "measures")
    assert measures.current == Decimal("67.0")  # 0.67 of the point, kept to cents
    body = response.content.decode()
    assert "Alice" in body and "Community secretary" in body
    assert "Completed (2026-02-01)" in body and "In progress" in body
    assert "Measures quiz" in body
    assert 'data-competency="measures"' in body
    assert f'id="line-{credit.pk}"' in body
    assert "The system (on completion)" in body


def test_waiving_through_the_page_adds_a_line_with_reason_and_officer(
    login, hr_town, alice, courses
):
    client = login(hr_town)
    response = client.post(
        reverse("records:waive", args=[alice.pk]),
        {"waive-course": courses["policy"].pk, "waive-reason": "Taught this course in 2025"},
    )
    # First the officer reads what the waiver does; nothing is written yet.
    assert "will no longer be due for Alice" in response.content.decode()
    assert not CompletionRecord.objects.filter(user=alice.user).exists()
    response = client.post(
        reverse("records:waive", args=[alice.pk]),
        {
            "waive-course": courses["policy"].pk,
            "waive-reason": "Taught this course in 2025",
            "confirm": "yes",
        },
    )
    assert response.status_code == 302 and response["Location"] == transcript_url(alice)
    [waiver] = CompletionRecord.objects.filter(user=alice.user)
    assert (waiver.kind, waiver.hours, waiver.reason, waiver.recorded_by) == (
        "waived",
        Decimal("0"),
        "Taught this course in 2025",
        hr_town.user,
    )
    page = client.get(transcript_url(alice))
    assert "is waived for Alice" in page.content.decode()  # the message
    statuses = {a.course.slug: a.status for a in page.context["transcript"].assigned}
    assert statuses["policy"] == "waived"
    entry = page.context["transcript"].entries[0]
    assert entry.recorded_by == "Hr_Town"


def test_voiding_keeps_the_original_and_links_both_lines(login, hr_town, alice, credit):
    client = login(hr_town)
    response = client.post(
        reverse("records:void", args=[alice.pk]),
        {"void-record": credit.pk, "void-reason": "Studied on a colleague's account"},
    )
    assert "are taken back by a new ledger line" in response.content.decode()
    assert CompletionRecord.objects.filter(user=alice.user).count() == 1  # not yet
    response = client.post(
        reverse("records:void", args=[alice.pk]),
        {
            "void-record": credit.pk,
            "void-reason": "Studied on a colleague's account",
            "confirm": "yes",
        },
    )
    assert response.status_code == 302
    original, void = CompletionRecord.objects.filter(user=alice.user).order_by("pk")
    assert original == credit and original.kind == "completed"  # untouched
    assert (void.kind, void.hours, void.corrects, void.recorded_by) == (
        "voided",
        Decimal("-2.0"),
        credit,
        hr_town.user,
    )
    assert void.reason == "Studied on a colleague's account"
    body = client.get(transcript_url(alice)).content.decode()
    assert f'href="#line-{credit.pk}">Corrects line #{credit.pk}' in body
    assert f'href="#line-{void.pk}">Voided by line #{void.pk}' in body
    assert "Studied on a colleague&#x27;s account" in body
    total = next(y for y in client.get(transcript_url(alice)).context["transcript"].ledger)
    assert total.total == 0


def test_an_empty_reason_is_refused_and_nothing_is_written(login, hr_town, alice, courses, credit):
    client = login(hr_town)
    response = client.post(
        reverse("records:waive", args=[alice.pk]),
        {"waive-course": courses["groups"].pk, "waive-reason": "   "},
    )
    assert response.status_code == 200
    assert response.context["waive_form"].errors["reason"]
    response = client.post(
        reverse("records:void", args=[alice.pk]), {"void-record": credit.pk, "void-reason": ""}
    )
    assert response.context["void_form"].errors["reason"]
    assert CompletionRecord.objects.filter(user=alice.user).count() == 1


def test_a_credit_cannot_be_voided_twice(login, hr_town, alice, courses, credit):
    client = login(hr_town)
    data = {"void-record": credit.pk, "void-reason": "Mistake", "confirm": "yes"}
    client.post(reverse("records:void", args=[alice.pk]), data)
    # The credit is no longer offered; a stale form gets a choice error, not a second void.
    response = client.post(reverse("records:void", args=[alice.pk]), data)
    assert response.status_code == 200 and response.context["void_form"].errors
    assert CompletionRecord.objects.filter(user=alice.user, kind="voided").count() == 1


def test_the_service_error_text_is_shown(login, hr_town, alice, courses, monkeypatch):
    from records import services

    def refuse(**kwargs):
        raise services.RecordError("This course is already waived.")

    monkeypatch.setattr("records.views.hr.record_waive", refuse)
    response = login(hr_town).post(
        reverse("records:waive", args=[alice.pk]),
        {"waive-course": courses["policy"].pk, "waive-reason": "Again", "confirm": "yes"},
    )
    assert response.context["waive_form"].non_field_errors() == ["This course is already waived."]
    assert "This course is already waived." in response.content.decode()


def test_only_open_courses_can_be_waived(login, hr_town, alice, courses, credit):
    response = login(hr_town).post(
        reverse("records:waive", args=[alice.pk]),
        {"waive-course": courses["policy"].pk, "waive-reason": "Already done"},
    )
    assert "course" in response.context["waive_form"].errors
    assert not CompletionRecord.objects.filter(kind="waived").exists()


def test_out_of_scope_transcript_and_actions_are_not_found(login, hr_town, bob, courses):
    client = login(hr_town)
    assert client.get(transcript_url(bob)).status_code == 404
    response = client.post(
        reverse("records:waive", args=[bob.pk]),
        {"waive-course": courses["policy"].pk, "waive-reason": "Not mine"},
    )
    assert response.status_code == 404
    assert not CompletionRecord.objects.filter(user=bob.user).exists()


def test_a_cadre_cannot_open_a_transcript_not_even_their_own(login, alice, bob, credit):
    client = login(alice)
    assert client.get(transcript_url(bob)).status_code == 403
    assert client.get(transcript_url(alice)).status_code == 403
    response = client.post(
        reverse("records:void", args=[alice.pk]), {"void-record": credit.pk, "void-reason": "x"}
    )
    assert response.status_code == 403
    assert CompletionRecord.objects.filter(user=alice.user).count() == 1


def test_actions_need_a_post(login, hr_town, alice):
    assert login(hr_town).get(reverse("records:waive", args=[alice.pk])).status_code == 405


def test_the_transcript_prints_without_its_forms(login, hr_town, alice, courses):
    body = login(hr_town).get(transcript_url(alice)).content.decode()
    assert 'class="no-print" aria-labelledby="waive-heading"' in body
    assert 'href="/static/css/print.css" media="print"' in body
