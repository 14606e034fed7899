"""Who is due, the banner, reminder e-mails (daily and by HR), once a day at most."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from people.models import Profile
from records import reminders
from records.banner import due_items
from records.models import Assignment, CompletionRecord, Reminder
from records.reminders import remind_unit, send_reminders
from records.services import record_waive
from tests.conftest import make_person

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 10)
REQUIRED, ELECTIVE = Assignment.Kind.REQUIRED, Assignment.Kind.ELECTIVE


def assign(course, unit, days: int, kind=REQUIRED, **fields) -> Assignment:
    return Assignment.objects.create(
        course=course, unit=unit, kind=kind, due_date=TODAY + dt.timedelta(days), **fields
    )


def mailed_to() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.fixture
def carol(units) -> Profile:
    """A second cadre in East Town, beside alice."""
    return make_person("carol", units["east"], is_cadre=True, rank=Profile.Rank.CLERK)


def test_overdue_and_due_within_the_window_are_mailed_later_ones_not(
    alice, bob, carol, units, make_course, settings
):
    settings.REMINDER_DAYS_AHEAD = 7
    assign(make_course("late", title="Late course"), units["riverside"], -1)  # alice
    assign(make_course("soon", title="Soon course"), units["hill"], 7)  # bob, the 7th day
    assign(make_course("later", title="Later course"), units["east"], 8)  # carol: not yet
    assert send_reminders(TODAY) == 2
    assert mailed_to() == ["alice@example.test", "bob@example.test"]
    assert Reminder.objects.get(user=alice.user).overdue == 1
    assert Reminder.objects.get(user=bob.user).due_soon == 1


def test_completed_waived_and_elective_courses_are_not_reminded(
    alice, bob, carol, hr_county, units, make_course
):
    done, waived, elective = (make_course(s) for s in ("done", "waived", "elective"))
    for course in (done, waived):
        assign(course, units["county"], -5)
    assign(elective, units["county"], -5, kind=ELECTIVE)
    for profile in (alice, bob, carol):
        CompletionRecord.objects.create(
            user=profile.user,
            course=done,
            kind="completed",
            year=2026,
            hours=Decimal(2),
            occurred_at=dt.datetime(2026, 2, 1, tzinfo=dt.UTC),
        )
        record_waive(
            user=profile.user, course=waived, reason="Studied elsewhere", by=hr_county.user
        )
    assert send_reminders(TODAY) == 0
    assert mail.outbox == []


def test_only_cadres_whom_the_assignment_reaches(alice, bob, units, make_course, tom):
    course = make_course("leaders")
    assign(course, units["county"], -1, leaders_only=True)  # alice leads, bob does not
    assign(make_course("archives"), units["archives"], -1)  # tom's unit; he is no cadre
    assert send_reminders(TODAY) == 1
    assert mailed_to() == ["alice@example.test"]


def test_a_cancelled_assignment_is_not_reminded(alice, units, make_course):
    assign(
        make_course("gone"),
        units["county"],
        -1,
        cancelled_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    assert send_reminders(TODAY) == 0


def test_nobody_is_reminded_twice_on_the_same_day(alice, units, make_course):
    assign(make_course("late"), units["county"], -1)
    assert send_reminders(TODAY) == 1
    assert send_reminders(TODAY) == 0
    assert len(mail.outbox) == 1
    assert send_reminders(TODAY + dt.timedelta(days=1)) == 1  # tomorrow is another day
    assert Reminder.objects.filter(user=alice.user).count() == 2


def test_a_concurrent_run_that_wrote_the_row_first_wins_without_a_second_mail(
    alice, units, make_course
):
    assign(make_course("late"), units["county"], -1)
    [due] = reminders._due_cadres(TODAY)
    Reminder.objects.create(user=alice.user, sent_on=TODAY)  # the other run, a moment ago
    assert reminders._remind(due, TODAY) is False
    assert mail.outbox == []
    assert Reminder.objects.filter(user=alice.user).count() == 1


def test_a_failed_mail_leaves_no_row_so_the_next_run_tries_again(
    alice, units, make_course, monkeypatch
):
    assign(make_course("late"), units["county"], -1)

    def down(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(reminders, "send_mail", down)
    assert send_reminders(TODAY) == 0
    assert not Reminder.objects.exists()
    monkeypatch.undo()
    assert send_reminders(TODAY) == 1


def test_the_mail_lists_the_courses_with_due_dates_and_links(alice, units, make_course, settings):
    settings.SITE_URL = "https://training.example.gov"
    settings.DEFAULT_FROM_EMAIL = "training@example.gov"
    late = make_course("late", title="Group chats and the grassroots")
    soon = make_course("soon", title="Paperless office basics")
    assign(late, units["county"], -4)
    assign(soon, units["east"], 2)
    send_reminders(TODAY)
    [message] = mail.outbox
    assert message.from_email == "training@example.gov"
    assert message.to == ["alice@example.test"]
    body = message.body
    assert "Group chats and the grassroots" in body and "2026-03-06" in body
    assert "Paperless office basics" in body and "2026-03-12" in body
    assert "https://training.example.gov/courses/late/" in body
    assert "https://training.example.gov/learning/" in body
    assert body.index("Group chats") < body.index("Paperless office basics")  # overdue first
    assert "2" in message.subject


def test_the_mail_is_written_in_chinese_and_the_page_language_is_left_alone(
    alice, units, make_course, monkeypatch
):
    from django.utils import translation

    seen = []
    real = reminders.reminder_message
    monkeypatch.setattr(
        reminders,
        "reminder_message",
        lambda *a: seen.append(translation.get_language()) or real(*a),
    )
    assign(make_course("late"), units["county"], -1)
    with translation.override("en"):
        send_reminders(TODAY)
        assert translation.get_language() == "en"
    assert seen == ["zh-hans"]


def test_the_daily_command_says_how_many_were_sent(alice, units, make_course):
    from django.utils import timezone

    assign(make_course("late"), units["county"], (timezone.localdate() - TODAY).days - 1)
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert "Reminders sent: 1" in out.getvalue()
    call_command("send_reminders", stdout=out)
    assert "Reminders sent: 0" in out.getvalue()


# --- HR reminds one unit --------------------------------------------------------------------


def test_remind_unit_mails_only_the_overdue_cadres_of_that_subtree(
    alice, bob, carol, hr_county, units, make_course
):
    assign(make_course("late"), units["county"], -2)  # everyone overdue
    assign(make_course("soon"), units["county"], 3)
    CompletionRecord.objects.create(
        user=carol.user,
        course_id=Assignment.objects.get(course__slug="late").course_id,
        kind="completed",
        year=2026,
        hours=Decimal(2),
        occurred_at=dt.datetime(2026, 2, 1, tzinfo=dt.UTC),
    )  # carol is only due soon now
    assert remind_unit(units["east"], by=hr_county.user, today=TODAY).sent == 1
    assert mailed_to() == ["alice@example.test"]  # not carol (only due soon), not bob (west)
    reminder = Reminder.objects.get()
    assert reminder.sent_by == hr_county.user and reminder.overdue == 1 and reminder.due_soon == 1


def test_hr_reminds_a_unit_in_scope_and_returns_to_where_they_were(
    login, alice, hr_town, units, make_course
):
    assign(make_course("late"), units["county"], -400)  # overdue whatever today is
    client = login(hr_town)
    response = client.post(
        reverse("records:remind_unit"), {"unit": units["east"].pk, "next": "/records/people/?q=x"}
    )
    assert response.status_code == 302 and response["Location"] == "/records/people/?q=x"
    assert mailed_to() == ["alice@example.test"]
    page = client.get(response["Location"]).content.decode()
    assert "Reminded 1 cadre." in page


def test_hr_reminds_a_units_own_staff_and_hears_who_was_reminded_already(
    login, alice, hr_town, units, make_course
):

    assign(make_course("late"), units["county"], -400)
    make_person("eve", units["east"], is_cadre=True)  # attached to East Town itself
    client = login(hr_town)
    url = reverse("records:remind_unit")
    response = client.post(url, {"unit": units["east"].pk, "own": "1"}, follow=True)
    assert mailed_to() == ["eve@example.test"]  # not alice, who works in a unit below
    assert "Reminded 1 cadre." in response.content.decode()
    response = client.post(url, {"unit": units["east"].pk}, follow=True)
    assert sorted(mailed_to()) == ["alice@example.test", "eve@example.test"]
    body = response.content.decode()
    assert "Reminded 1 cadre." in body
    assert "1 had already been reminded today and was not mailed again." in body


def test_the_dashboard_offers_to_remind_a_units_own_staff(login, hr_town, units, make_course):

    due = timezone.localdate() - dt.timedelta(days=1)  # overdue now
    Assignment.objects.create(course=make_course("late"), unit=units["county"], due_date=due)
    make_person("eve", units["east"], is_cadre=True)
    page = login(hr_town).get(reverse("records:dashboard"), {"year": due.year})
    body = page.content.decode()
    assert 'name="own" value="1"' in body


def test_an_unsafe_next_falls_back_to_the_records_pages(login, hr_county, units):
    response = login(hr_county).post(
        reverse("records:remind_unit"), {"unit": units["west"].pk, "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/records/")


def test_hr_outside_their_scope_get_404(login, bob, hr_town, units, make_course):
    assign(make_course("late"), units["county"], -400)
    client = login(hr_town)
    for unit in (units["west"], units["county"]):  # a sibling, and the unit above theirs
        assert client.post(reverse("records:remind_unit"), {"unit": unit.pk}).status_code == 404
    assert client.post(reverse("records:remind_unit"), {"unit": "999999"}).status_code == 404
    assert client.post(reverse("records:remind_unit"), {"unit": "east"}).status_code == 404
    assert mail.outbox == []


@pytest.mark.parametrize("persona", ["alice", "tom"])
def test_cadres_and_trainers_are_refused(login, persona, request, units):
    client = login(request.getfixturevalue(persona))
    response = client.post(reverse("records:remind_unit"), {"unit": units["east"].pk})
    assert response.status_code == 403


def test_reminding_takes_a_post(login, hr_county):
    assert login(hr_county).get(reverse("records:remind_unit")).status_code == 405


# --- The banner -----------------------------------------------------------------------------


def test_due_items_splits_overdue_from_due_soon(alice, units, make_course):
    late, soon, later = (make_course(s, title=s.title()) for s in ("late", "soon", "later"))
    assign(late, units["county"], -1)
    assign(soon, units["east"], 5)
    assign(later, units["east"], 30)
    overdue, due_soon = due_items(alice, TODAY)
    assert [i.course.slug for i in overdue] == ["late"]
    assert [i.course.slug for i in due_soon] == ["soon"]


def test_my_learning_shows_the_banner_with_overdue_and_due_soon(login, alice, units, make_course):
    from django.utils import timezone

    days = (timezone.localdate() - TODAY).days
    assign(make_course("late", title="Late course"), units["county"], days - 2)
    assign(make_course("soon", title="Soon course"), units["county"], days + 3)
    html = login(alice).get(reverse("records:my_learning")).content.decode()
    banner = html.split('data-testid="due-banner"', 1)[1].split("</section>", 1)[0]
    assert "Overdue" in banner and "Late course" in banner and "Soon course" in banner
    assert "overdue-mark" in banner and "⚠" in banner


def test_no_banner_when_nothing_is_due(login, alice):
    html = login(alice).get(reverse("records:my_learning")).content.decode()
    assert 'data-testid="due-banner"' not in html


# --- Without the site's address -------------------------------------------------------------


def test_without_site_url_hr_is_told_and_nothing_is_sent_or_recorded(
    login, alice, hr_town, units, make_course, settings
):
    settings.SITE_URL = ""
    assign(make_course("late"), units["county"], -400)
    response = login(hr_town).post(
        reverse("records:remind_unit"), {"unit": units["east"].pk}, follow=True
    )
    assert response.status_code == 200
    assert "(SITE_URL) is not configured" in response.content.decode()
    assert mail.outbox == [] and not Reminder.objects.exists()


def test_without_site_url_the_daily_command_fails_and_says_why(alice, units, make_course, settings):
    from django.core.management.base import CommandError

    settings.SITE_URL = ""
    assign(make_course("late"), units["county"], -400)
    with pytest.raises(CommandError, match="SITE_URL is not set.*Nothing was sent"):
        call_command("send_reminders", stdout=StringIO())
    assert mail.outbox == [] and not Reminder.objects.exists()


@pytest.mark.parametrize("url", ["", "training.county.gov.cn", "ftp://x", "https://"])
def test_a_missing_or_wrong_site_url_fails_the_deploy_check(settings, url):
    from training.checks import site_url_is_set

    settings.SITE_URL = url
    [error] = site_url_is_set(None)
    assert error.id in {"training.E002", "training.E003"}


def test_a_site_url_passes_the_deploy_check(settings):
    from training.checks import site_url_is_set

    settings.SITE_URL = "https://training.county.gov.cn/"
    assert site_url_is_set(None) == []
