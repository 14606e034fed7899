"""Studio: what a course credits, shown before publishing; its declared hours changed only on
their own page, with a reason and a trail, by its owners."""

from decimal import Decimal

import pytest
from django.urls import reverse

from courses.models import Course, HoursChange
from quizzes.models import Quiz
from tests.quizzes.conftest import single

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture(autouse=True)
def slow_readers(settings):
    settings.READING_WORDS_PER_MINUTE = 30


@pytest.fixture
def draft(make_course, tom, competencies):
    """Tom's draft: 20 minutes of reading and a published quiz (supports 1 h), declaring 2 h."""
    course = make_course("draft", lessons=2, minutes=20, status="draft", study_hours=D(2))
    course.owner = tom.user
    course.save()
    quiz = Quiz.objects.create(course=course, title="Check", is_published=True)
    quiz.slots.create(order=0, question=single(course, [competencies["policy"]]))
    return course


@pytest.fixture
def published(draft):
    draft.status = Course.Status.PUBLISHED
    draft.save()
    return draft


def test_the_publish_page_shows_what_the_course_will_credit_and_flags_over_declaring(
    login, tom, draft
):
    response = login(tom).get(reverse("studio:course_publish", args=[draft.slug]))
    html = response.content.decode()
    assert draft.__class__.objects.get(pk=draft.pk).status == "draft"  # nothing published yet
    assert "This course declares 2 h; its content supports 1 h; it will credit 1 h." in html
    assert 'data-testid="credit-supported">1 h<' in html
    assert 'data-testid="credit-credited">1 h<' in html
    assert "20 minutes" in html and "15 to 30 minutes: 0.5 h" in html and "+ 0.5 h" in html
    assert f'action="{reverse("studio:course_publish", args=[draft.slug])}"' in html


def test_publishing_is_allowed_with_the_warning(login, tom, draft):
    response = login(tom).post(reverse("studio:course_publish", args=[draft.slug]), follow=True)
    draft.refresh_from_db()
    assert draft.status == "published"
    texts = [str(m) for m in response.context["messages"]]
    assert "This course declares 2 h; its content supports 1 h; it will credit 1 h." in texts


def test_a_course_without_a_test_is_warned_it_credits_only_its_reading(login, tom, make_course):
    course = make_course("plain", lessons=1, minutes=45, status="draft", study_hours=D(1))
    course.owner = tom.user
    course.save()
    html = login(tom).get(reverse("studio:course_publish", args=[course.slug])).content.decode()
    assert "no published quiz: it can be completed without any test" in html
    assert "credits only its reading band (1 h)" in html


def test_the_course_page_shows_the_credit_and_the_hours_trail(login, tom, published):
    client = login(tom)
    client.post(
        reverse("studio:hours_change", args=[published.slug]),
        {"hours": "1", "reason": "Match what the content supports"},
    )
    html = client.get(reverse("studio:course", args=[published.slug])).content.decode()
    assert 'data-testid="credit-credited">1 h<' in html
    assert 'data-testid="hours-trail"' in html
    assert "2 → 1" in html and "Match what the content supports" in html and "Tom" in html


def test_the_course_form_no_longer_edits_the_hours_of_a_published_course(login, tom, published):
    client = login(tom)
    url = reverse("studio:course_edit", args=[published.slug])
    assert "study_hours" not in client.get(url).context["form"].fields
    client.post(
        url,
        {
            "title": "Renamed",
            "slug": published.slug,
            "language": published.language,
            "study_hours": "9999.9",
        },
    )
    published.refresh_from_db()
    assert (published.title, published.study_hours) == ("Renamed", D(2))
    assert not HoursChange.objects.exists()


def test_a_draft_still_edits_its_hours_with_its_details(login, tom, draft):
    client = login(tom)
    url = reverse("studio:course_edit", args=[draft.slug])
    assert "study_hours" in client.get(url).context["form"].fields
    response = client.get(reverse("studio:hours_change", args=[draft.slug]))
    assert response.status_code == 302 and response["Location"] == url


def test_changing_the_hours_previews_the_credit_then_keeps_a_trail(login, tom, published):
    client = login(tom)
    url = reverse("studio:hours_change", args=[published.slug])
    preview = client.post(url, {"hours": "3", "reason": "", "preview": "1"})
    html = preview.content.decode()
    assert "This course declares 3 h; its content supports 1 h; it will credit 1 h." in html
    assert "This field is required" not in html  # a preview asks for no reason yet
    published.refresh_from_db()
    assert published.study_hours == 2 and not HoursChange.objects.exists()  # a preview only
    response = client.post(url, {"hours": "0.75", "reason": "Reviewed against the content"})
    assert response.status_code == 302
    [change] = HoursChange.objects.all()
    assert (change.old_hours, change.new_hours, change.reason, change.changed_by) == (
        2,
        D("0.75"),
        "Reviewed against the content",
        tom.user,
    )
    published.refresh_from_db()
    assert published.study_hours == D("0.75")


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"hours": "1", "reason": "   "}, "reason"),
        ({"hours": "0.1", "reason": "r"}, "greater than or equal to 0.25"),
        ({"hours": "9999.9", "reason": "r"}, "less than or equal to 50"),
    ],
)
def test_the_change_needs_a_reason_and_bounded_hours(login, tom, published, data, error):
    response = login(tom).post(reverse("studio:hours_change", args=[published.slug]), data)
    assert response.status_code == 200
    assert error in response.content.decode()
    published.refresh_from_db()
    assert published.study_hours == 2 and not HoursChange.objects.exists()


def test_only_owners_change_the_hours(login, other_trainer, published):
    client = login(other_trainer)
    url = reverse("studio:hours_change", args=[published.slug])
    assert client.get(url).status_code == 403
    assert client.post(url, {"hours": "9", "reason": "Mine now"}).status_code == 403
    published.refresh_from_db()
    assert published.study_hours == 2 and not HoursChange.objects.exists()
    html = client.get(reverse("studio:course", args=[published.slug])).content.decode()
    assert url not in html  # no button for a reader


def test_a_cadre_cannot_reach_the_hours_page(login, alice, published):
    url = reverse("studio:hours_change", args=[published.slug])
    assert login(alice).get(url).status_code == 403


def test_a_translation_declares_its_original_s_hours_and_cannot_change_them(
    login, tom, alice, published, make_course
):
    from courses.services import HoursChangeError, course_change_hours

    english = make_course("draft-en", lessons=2, minutes=20, language="en", study_hours=D(1))
    english.owner, english.translation_of = tom.user, published
    english.save()
    client = login(tom)
    response = client.get(reverse("studio:hours_change", args=[english.slug]))
    assert response.status_code == 302 and not HoursChange.objects.exists()
    response = client.post(
        reverse("studio:hours_change", args=[english.slug]), {"hours": "40", "reason": "More"}
    )
    assert response.status_code == 302 and not HoursChange.objects.exists()
    with pytest.raises(HoursChangeError, match="original"):
        course_change_hours(course=english, hours=D(40), reason="More", by=tom.user)
    edit = client.get(reverse("studio:course_edit", args=[english.slug]))
    assert "study_hours" not in edit.context["form"].fields
    # The cadre reads the original's hours on the English pages.
    page = login(alice).get(english.get_absolute_url()).content.decode()
    assert "2 study hours" in page and "1 study hour" not in page
