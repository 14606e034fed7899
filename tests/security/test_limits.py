"""Limits on what one request, or one person in a minute, can make the server do."""

import logging

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client
from django.urls import reverse

from courses.markdown import MAX_LESSON_MARKDOWN
from quizzes.forms import ANSWER_MAX
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


def _preview(client, text="**hi**"):
    return client.post(
        reverse("studio:markdown_preview"), {"text": text}, headers={"Accept": "application/json"}
    )


def test_the_markdown_preview_is_refused_past_the_rate_with_a_429(login, tom, settings, caplog):
    settings.PREVIEW_RATE = "3/m"
    client = login(tom)
    assert [_preview(client).status_code for _ in range(3)] == [200, 200, 200]
    with caplog.at_level(logging.WARNING, logger="cadre.security"):
        refused = _preview(client)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    body = refused.json()
    assert "html" not in body and body["retry_after"] == 60 and body["error"]
    assert f"user:{tom.user.pk}" in caplog.text


def test_the_rate_is_counted_per_person(login, tom, units, settings):
    settings.PREVIEW_RATE = "2/h"
    first = login(tom)
    for _ in range(2):
        _preview(first)
    assert _preview(first).status_code == 429
    assert _preview(first).json()["retry_after"] == 3600
    other = Client()
    other.force_login(make_person("tess", units["archives"], is_trainer=True).user)
    assert _preview(other).status_code == 200


def test_a_person_gets_a_page_not_json(login, tom, settings):
    settings.PREVIEW_RATE = "1/m"
    client = login(tom)
    client.post(reverse("studio:import"), {"text": "x"})
    page = client.post(reverse("studio:import"), {"text": "x"})
    assert page.status_code == 429
    assert "Too many requests" in page.content.decode()
    assert page.templates[0].name == "429.html"


def test_opening_the_import_form_is_not_counted(login, tom, settings):
    settings.PREVIEW_RATE = "1/m"
    client = login(tom)
    for _ in range(3):
        assert client.get(reverse("studio:import")).status_code == 200
    assert client.post(reverse("studio:import"), {"text": "x"}).status_code == 200
    assert client.post(reverse("studio:import"), {"text": "x"}).status_code == 429


@pytest.mark.parametrize("rate", ["60", "60/min", "0/m", "-1/m", "many/m", ""])
def test_a_rate_that_is_no_rate_stops_start_up(settings, rate):
    settings.PREVIEW_RATE = rate
    with pytest.raises(SystemCheckError, match="people.E002"):
        call_command("check")


def test_too_many_fields_is_a_400_page_not_a_500(login, tom, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50
    data = {f"f{i}": "x" for i in range(51)}
    response = login(tom).post(reverse("studio:course_create"), data)
    assert response.status_code == 400
    assert "could not be read" in response.content.decode()


def test_a_body_over_the_bound_is_a_400(login, tom, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = login(tom).post(reverse("studio:course_create"), {"title": "x" * 10_001})
    assert response.status_code == 400


def test_a_lesson_at_its_longest_in_chinese_fits_in_the_body_limit(login, tom, make_course):
    course = make_course("long", lessons=1, status="draft")
    course.owner = tom.user
    course.save()
    lesson = course.lessons.get()
    body = "政" * MAX_LESSON_MARKDOWN  # 300 KB of UTF-8, 900 KB percent-encoded
    response = login(tom).post(
        reverse("studio:lesson_edit", args=[course.slug, lesson.pk]),
        {"title": "Long", "body_md": body, "key_points": ""},
    )
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.body_md == body


def test_written_answers_at_their_longest_fit_in_the_body_limit(settings):
    # 80 answers of ANSWER_MAX Chinese characters, as the attempt page's FormData sends them.
    assert 80 * len(("政" * ANSWER_MAX).encode()) < settings.DATA_UPLOAD_MAX_MEMORY_SIZE
