"""Hostile input from trainers, HR officers and cadres never breaks a page or a record.

Regression tests of issue 12: Markdown that made rendering quadratic, links and images to other
hosts, numbers and dates that overflowed, ids that were not ids, NUL bytes in answers, and
pages kept in browser caches. Speed figures are in `benchmarks/markdown.py`, not here.
"""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses import markdown
from courses.markdown import MAX_LESSON_MARKDOWN, MAX_MARKDOWN, render_markdown
from quizzes.forms import ANSWER_MAX, answer_text
from quizzes.models import Answer, Attempt, Question, Quiz
from records.models import Assignment
from tests.studio.test_authoring import competency_ids, decision_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def owned(make_course, tom):
    course = make_course("owned", lessons=2, status="draft")
    course.owner = tom.user
    course.save()
    return course


# --- Markdown: linear in its input ----------------------------------------------------------


@pytest.mark.parametrize("unit", ["[", "![", "[x](", "[^", "<a ", "[[", "*["])
def test_a_hostile_run_of_brackets_renders_as_bounded_text(unit):
    text = unit * (MAX_LESSON_MARKDOWN // len(unit))
    html = render_markdown(text)
    # The run stays text: no link, no image, and the output is of the order of the input.
    assert "<a " not in html and "<img" not in html
    assert len(html) < 6 * len(text)
    assert html.count("[") == text.count("[")


def test_ordinary_links_images_and_footnotes_still_work():
    html = render_markdown(
        "See [the notice](/n/ 'Notice'), [a [nested] text](/m/) and "
        "[![map](/static/map.png)](/map/).[^1]\n\n[^1]: A footnote.\n\n<mark>kept</mark>"
    )
    assert '<a href="/n/" title="Notice"' in html
    assert '<a href="/m/"' in html and "a [nested] text</a>" in html
    assert '<img alt="map" src="/static/map.png">' in html
    assert "A footnote." in html and "<mark>kept</mark>" in html


def test_a_link_text_beyond_the_bound_is_text_not_a_link():
    html = render_markdown("[" + "x" * (markdown.MAX_LINK_TEXT + 1) + "](/a/)")
    assert "<a " not in html


def test_rendering_past_the_time_bound_shows_the_text_plain(monkeypatch):
    monkeypatch.setattr(markdown, "RENDER_SECONDS", -1)
    html = render_markdown("**bold** <b>x</b>\n\nsecond")
    assert html == "<p>**bold** &lt;b&gt;x&lt;/b&gt;</p><p>second</p>"


def test_the_preview_answers_a_hostile_run(login, tom):
    client = login(tom)
    for unit in ("[", "!["):
        response = client.post(reverse("studio:markdown_preview"), {"text": unit * 100_000})
        assert response.status_code == 200
        assert "<a " not in response.json()["html"]


def test_a_lesson_over_the_bound_is_refused_with_a_form_error(login, tom, owned):
    lesson = owned.lessons.first()
    url = reverse("studio:lesson_edit", args=[owned.slug, lesson.pk])
    response = login(tom).post(
        url, {"title": "T", "body_md": "a" * (MAX_LESSON_MARKDOWN + 1), "key_points": ""}
    )
    assert response.status_code == 200
    assert "body_md" in response.context["form"].errors
    lesson.refresh_from_db()
    assert len(lesson.body_md) < MAX_LESSON_MARKDOWN


def test_markdown_fields_have_their_bounds_in_the_models(quiz):
    version = quiz.slots.get(question__key="quota").question.current
    version.prompt_md = "a" * (MAX_MARKDOWN + 1)
    with pytest.raises(ValidationError) as error:
        version.full_clean()
    assert "prompt_md" in error.value.message_dict
    quiz.intro_md = "a" * (MAX_MARKDOWN + 1)
    with pytest.raises(ValidationError) as error:
        quiz.full_clean()
    assert "intro_md" in error.value.message_dict


def test_a_question_prompt_over_the_bound_is_a_form_error(login, tom, owned, competencies):
    data = decision_post(owned.lessons.first(), prompt="a" * (MAX_MARKDOWN + 1))
    response = login(tom).post(
        reverse("studio:question_create", args=[owned.slug, "decision"]), data
    )
    assert "prompt" in response.context["form"].errors
    assert not Question.objects.exists()


# --- Markdown: links and images to other hosts ----------------------------------------------


def test_external_links_are_marked_and_images_elsewhere_dropped(settings):
    settings.ALLOWED_HOSTS = ["training.gov.example"]
    html = render_markdown(
        "[out](https://elsewhere.example/a) [raw](//elsewhere.example/b) "
        "[in](https://training.gov.example/c) [rel](/d/) [mail](mailto:a@b.example) "
        "![far](https://elsewhere.example/x.png) <img src='http://elsewhere.example/y.png'> "
        "![near](/static/z.png)"
    )
    links = dict(re.findall(r'<a href="([^"]*)"([^>]*)>', html))
    for external in ("https://elsewhere.example/a", "//elsewhere.example/b"):
        assert 'rel="noopener noreferrer external"' in links[external]
        assert 'class="external-link"' in links[external]
    for internal in ("https://training.gov.example/c", "/d/", "mailto:a@b.example"):
        assert "external" not in links[internal]
    assert html.count("(external link)") == 2
    assert "elsewhere.example/x.png" not in html and "y.png" not in html
    assert '<img alt="near" src="/static/z.png">' in html


@pytest.mark.parametrize(
    "url",
    [
        "https://elsewhere.example/",
        "//elsewhere.example/",
        "///elsewhere.example/",
        "/\\elsewhere.example/",
        "https:elsewhere.example",
        "HTTPS://ELSEWHERE.EXAMPLE/",
        " \thttps://elsewhere.example/",
        "https://training.gov.example.elsewhere.example/",
    ],
)
def test_every_spelling_of_another_host_is_external(settings, url):
    settings.ALLOWED_HOSTS = ["training.gov.example"]
    assert markdown.is_external(url)


@pytest.mark.parametrize(
    "url", ["/a/", "a/b", "#part", "?q=1", "https://training.gov.example/x", "mailto:a@b.c"]
)
def test_this_site_is_not_external(settings, url):
    settings.ALLOWED_HOSTS = ["training.gov.example"]
    assert not markdown.is_external(url)


def test_external_links_can_be_removed_by_setting(settings):
    settings.ALLOWED_HOSTS = ["training.gov.example"]
    settings.MARKDOWN_EXTERNAL_LINKS = "remove"
    html = render_markdown("Read [the rules](https://elsewhere.example/r) or [ours](/o/).")
    assert html == '<p>Read the rules or <a href="/o/" rel="noopener noreferrer">ours</a>.</p>'


# --- Numbers, dates and ids that overflowed -------------------------------------------------


def quiz_post(**overrides) -> dict:
    return {
        "title": "Check",
        "pass_mark": "70",
        "attempts_allowed": "2",
        "grading_method": "last",
        "shuffle_options": "on",
        **overrides,
    }


@pytest.mark.parametrize(
    "field, value",
    [
        ("time_limit_minutes", "99999999999999"),
        ("time_limit_minutes", "0"),
        ("time_limit_minutes", "1441"),
        ("opens_at", "0001-01-01T00:00"),
        ("closes_at", "9999-12-31T23:59"),
    ],
)
def test_a_quiz_out_of_bounds_is_a_form_error(login, tom, owned, field, value):
    response = login(tom).post(
        reverse("studio:quiz_create", args=[owned.slug]), quiz_post(**{field: value})
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Quiz.objects.exists()


def test_a_day_long_time_limit_is_accepted_and_starts(login, tom, owned):
    response = login(tom).post(
        reverse("studio:quiz_create", args=[owned.slug]),
        quiz_post(time_limit_minutes="1440", opens_at="2026-01-01T08:00"),
    )
    assert response.status_code == 302
    assert Quiz.objects.get().time_limit_minutes == 1440


@pytest.mark.parametrize("due", ["0001-01-01", "9999-12-31"])
def test_an_assignment_due_date_out_of_bounds_is_a_form_error(
    login, hr_town, units, make_course, due
):
    course = make_course("policy")
    response = login(hr_town).post(
        reverse("records:assignments"),
        {"course": course.pk, "unit": units["east"].pk, "kind": "required", "due_date": due},
    )
    assert response.status_code == 200
    assert "due_date" in response.context["form"].errors
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("competency", ["1" * 25, "²", "-1", "1e3"])
def test_a_competency_that_is_no_id_is_a_form_error_on_create_and_edit(
    login, tom, owned, quiz, competencies, competency
):
    client = login(tom)
    data = decision_post(owned.lessons.first(), competencies=[competency])
    response = client.post(reverse("studio:question_create", args=[owned.slug, "decision"]), data)
    assert response.status_code == 200
    assert "competencies" in response.context["form"].errors
    assert not Question.objects.filter(course=owned).exists()
    quiz.course.owner = tom.user
    quiz.course.save()
    question = quiz.slots.get(question__key="blocks").question
    data = decision_post(quiz.course.lessons.first(), competencies=[*competency_ids("policy")])
    data["competencies"].append(competency)
    response = client.post(reverse("studio:question_edit", args=[question.pk]), data)
    assert response.status_code == 200
    assert "competencies" in response.context["form"].errors


@pytest.mark.parametrize("value", ["1" * 25, "²", "-1", "9" * 19])
def test_a_question_id_that_is_no_id_is_a_form_error_in_the_quiz_builder(
    login, tom, owned, competencies, value
):
    response = login(tom).post(
        reverse("studio:quiz_create", args=[owned.slug]), quiz_post(questions=[value])
    )
    assert response.status_code == 200
    assert "questions" in response.context["form"].errors
    assert not Quiz.objects.exists()


@pytest.mark.parametrize("unit", ["²", "1" * 25, "-1", "", "１"])
def test_a_reminder_for_a_unit_that_is_no_id_is_refused(login, hr_county, unit):
    response = login(hr_county).post(reverse("records:remind_unit"), {"unit": unit})
    assert response.status_code == 404


# --- Written answers ------------------------------------------------------------------------


def test_control_characters_are_removed_from_answers_and_newlines_kept():
    assert answer_text("a\x00b\x07c\r\nd\te\x7f") == "ab" + "c\nd\te"


def test_an_answer_over_the_bound_is_refused_not_cut():
    assert len(answer_text("x" * ANSWER_MAX)) == ANSWER_MAX
    with pytest.raises(Exception, match="at most"):
        answer_text("x" * (ANSWER_MAX + 1))


def written_attempt(client, quiz):
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    aq = attempt.questions.get(version__kind="written")
    return attempt, aq


def test_a_nul_in_a_written_answer_is_not_stored(quiz_with_written, alice, login):
    client = login(alice)
    attempt, aq = written_attempt(client, quiz_with_written)
    response = client.post(
        reverse("quizzes:save", args=[attempt.pk]),
        {f"q{aq.pk}_shown": "1", f"q{aq.pk}_text": "Keep\x00 the groups"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200 and response.json()["stored"]
    assert Answer.objects.get(attempt_question=aq).text == "Keep the groups"


def test_a_too_long_answer_is_refused_with_400_and_nothing_saved(quiz_with_written, alice, login):
    client = login(alice)
    attempt, aq = written_attempt(client, quiz_with_written)
    data = {f"q{aq.pk}_shown": "1", f"q{aq.pk}_text": "x" * (ANSWER_MAX + 1)}
    autosave = client.post(
        reverse("quizzes:save", args=[attempt.pk]), data, HTTP_ACCEPT="application/json"
    )
    assert autosave.status_code == 400
    assert "at most 20000 characters" in autosave.json()["error"]  # the page shows why
    page = client.post(reverse("quizzes:submit", args=[attempt.pk]), data, follow=True)
    assert page.redirect_chain[-1][0] == reverse("quizzes:attempt", args=[attempt.pk])
    assert "nothing was saved" in page.content.decode()  # said on the page, not a bare 400
    assert Answer.objects.get(attempt_question=aq).text == ""
    attempt.refresh_from_db()
    assert attempt.is_open


# --- Cache-Control --------------------------------------------------------------------------


def test_signed_in_pages_and_exports_are_never_stored(login, hr_county, alice):
    client = login(hr_county)
    for url in (
        reverse("records:dashboard"),
        reverse("records:export", args=["completions", "csv"]),
        reverse("records:export", args=["ledger", "xlsx"]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "no-store, private", url
    assert login(alice).get(reverse("records:progress"))["Cache-Control"] == "no-store, private"


def test_visitors_and_static_files_keep_their_caching(rf, alice):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from training.middleware import NoStoreForSignedInMiddleware

    def view(request):
        response = HttpResponse()
        response["Cache-Control"] = "max-age=60"
        return response

    middleware = NoStoreForSignedInMiddleware(view)
    for path, user in (("/healthz", AnonymousUser()), ("/static/site.css", alice.user)):
        request = rf.get(path)
        request.user = user
        assert middleware(request)["Cache-Control"] == "max-age=60", path


def test_dates_in_the_window_pass():
    from quizzes.models import validate_sane_datetime

    validate_sane_datetime(dt.date(2000, 1, 1))
    validate_sane_datetime(dt.datetime(2100, 12, 31, 23, 59))
    with pytest.raises(ValidationError):
        validate_sane_datetime(dt.date(1999, 12, 31))
