"""My progress (mastery, chart, ledger, hours) and the assigned courses on My learning."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Quiz
from quizzes.services import attempt_start, attempt_submit
from records.chart import HEIGHT, TOP, mastery_chart
from records.models import Assignment
from records.services import mastery_for, record_void
from tests.helpers import study
from tests.quizzes.conftest import answers_for, single

pytestmark = pytest.mark.django_db

PLOT_H = HEIGHT - TOP - 36


@pytest.fixture
def policy_quiz(make_course, competencies):
    """Five one-point questions, all on policy understanding: 2 right = 40 %."""
    course = make_course("policy-quiz", lessons=1)
    quiz = Quiz.objects.create(
        course=course,
        title="Policy check",
        is_published=True,
        attempts_allowed=3,
        shuffle_options=False,
    )
    for n in range(5):
        question = single(course, [competencies["policy"]], key=f"q{n}")
        quiz.slots.create(order=n, question=question)
    return quiz


def take(quiz, user, right: int, when: dt.datetime):
    """An attempt with `right` of the five questions answered correctly ("b")."""
    attempt = attempt_start(quiz=quiz, user=user, now=when)
    chosen = {f"q{n}": ["b"] if n < right else ["a"] for n in range(5)}
    return attempt_submit(
        attempt=attempt, answers=answers_for(attempt, chosen), now=when + dt.timedelta(minutes=5)
    )


@pytest.fixture
def three_attempts(alice, policy_quiz):
    """Policy scores 40, 60, 100: mastery 40, then .65×60 + .35×40 = 53, then
    .65×100 + .35×(40+60)/2 = 82.5."""
    start = timezone.now() - dt.timedelta(days=30)
    for day, right in ((0, 2), (10, 3), (20, 5)):
        take(policy_quiz, alice.user, right, start + dt.timedelta(days=day))
    return policy_quiz


def cells(html: str, testid: str) -> list[list[str]]:
    table = html.split(f'data-testid="{testid}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    return [
        [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)
        ]
        for r in rows
    ]


def test_mastery_shown_matches_the_hand_computed_example(login, alice, three_attempts):
    html = login(alice).get(reverse("records:progress")).content.decode()
    current = {row[0]: row[1:] for row in cells(html, "mastery-table")}
    assert current["Policy understanding"] == ["3", "100.0", "82.5"]
    # Only what she was assessed on: the framework's other competencies add no empty rows.
    assert list(current) == ["Competency", "Policy understanding"]  # the header, one row
    history = cells(html, "mastery-history")[1:]  # after the header
    assert [(r[0], r[2], r[3]) for r in history] == [
        ("Policy understanding", "40.0", "40.0"),
        ("Policy understanding", "60.0", "53.0"),
        ("Policy understanding", "100.0", "82.5"),
    ]
    assert "Your latest attempt counts for 65 %" in html


def test_the_chart_draws_one_line_per_assessed_competency_on_a_0_to_100_scale(
    login, alice, three_attempts
):
    html = login(alice).get(reverse("records:progress")).content.decode()
    svg = html.split('<svg class="mastery-chart"', 1)[1].split("</svg>", 1)[0]
    assert 'role="img"' in svg and "<title" in svg
    [points] = re.findall(r'<polyline points="([^"]+)"', svg)
    ys = [float(p.split(",")[1]) for p in points.split()]
    # y runs down from the top: 40 % sits at 60 % of the plot's height, 82.5 % at 17.5 %.
    expected = [TOP + PLOT_H * 0.6, TOP + PLOT_H * 0.47, TOP + PLOT_H * 0.175]
    assert ys == pytest.approx(expected, abs=0.05)  # drawn to a tenth of a unit
    assert svg.count("<circle") == 3
    assert "style=" not in html.split("<main", 1)[1]  # the CSP forbids inline styles


def test_chart_of_a_single_day_does_not_divide_by_zero(alice, policy_quiz):
    take(policy_quiz, alice.user, 4, timezone.now() - dt.timedelta(days=1))
    chart = mastery_chart(mastery_for(alice.user))
    [line] = chart.series
    assert line.points[0].mastery == Decimal("80.0")
    assert 44 < line.points[0].x < 640


def test_a_cadre_sees_only_their_own_progress(login, alice, bob, policy_quiz):
    take(policy_quiz, bob.user, 5, timezone.now() - dt.timedelta(days=3))
    for lesson in policy_quiz.course.lessons.all():
        study(bob.user, lesson)
    client = login(alice)
    html = client.get(reverse("records:progress"), {"user": bob.user.pk}).content.decode()
    assert 'data-testid="no-attempts"' in html
    assert "No course completed yet." in html
    assert "Policy check" not in html and "Policy-Quiz" not in html


@pytest.mark.parametrize("persona", ["tom", "hr_county"])
def test_people_who_are_not_cadres_are_refused(login, persona, request):
    profile = request.getfixturevalue(persona)
    assert login(profile).get(reverse("records:progress")).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(reverse("records:progress"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_ledger_lines_and_corrections_and_the_hours_per_year(
    login, alice, hr_county, make_course, settings
):
    settings.STUDY_HOURS_PER_YEAR, settings.STUDY_HOURS_REQUIRED = 10, 4
    course = make_course("hours", lessons=1, minutes=30, study_hours=Decimal("1"))
    study(alice.user, course.lessons.get())
    record = alice.user.completion_records.get()
    record_void(record=record, reason="Recorded twice by mistake", by=hr_county.user)
    html = login(alice).get(reverse("records:progress")).content.decode()
    ledger = cells(html, "ledger-table")[1:]
    assert [row[2] for row in ledger] == ["Completed", "Credit voided by HR"]
    assert [row[4] for row in ledger] == ["1", "-1"]
    assert "Corrects the credit of" in ledger[1][5] and "Recorded twice" in ledger[1][5]
    [this_year] = cells(html, "hours-table")[1:]
    assert this_year[0] == str(timezone.localdate().year)
    assert this_year[3] == "0 of 10"
    assert "Each year you need 10 study hours, 4 of them from required courses." in html


def test_the_page_prints_without_navigation(login, alice):
    html = login(alice).get(reverse("records:progress")).content.decode()
    assert "css/print.css" in html


def test_navigation_offers_my_progress_to_cadres_only(login, alice, tom):
    def labels(profile):
        return [str(i["label"]) for i in login(profile).get("/").context["nav_items"]]

    cadre = labels(alice)
    assert cadre.index("My progress") == cadre.index("My learning") + 1
    assert "My progress" not in labels(tom)


# --- My learning: assigned courses first ----------------------------------------------------


def assign(course, unit, days: int, kind=Assignment.Kind.REQUIRED) -> Assignment:
    return Assignment.objects.create(
        course=course, unit=unit, kind=kind, due_date=timezone.localdate() + dt.timedelta(days)
    )


def test_my_learning_lists_assigned_courses_first_with_due_date_and_status(
    login, alice, units, make_course
):
    late = make_course("late-course", title="Late course", lessons=2)
    later = make_course("later-course", title="Later course", lessons=2)
    own = make_course("own-course", title="Own course", lessons=2)
    assign(late, units["east"], -3)
    assign(later, units["county"], 40, kind=Assignment.Kind.ELECTIVE)
    study(alice.user, own.lessons.first())
    study(alice.user, later.lessons.first())
    html = login(alice).get(reverse("records:my_learning")).content.decode()
    assigned = html.split('id="assigned-heading"', 1)[1].split("</section>", 1)[0]
    assert assigned.index("Late course") < assigned.index("Later course")
    assert "Overdue: was due" in assigned and "⚠" in assigned
    assert "Elective" in assigned and "In progress" in assigned
    assert "Continue" in assigned and 'value="50"' in assigned
    # Assigned courses are not listed again below; the rest keep their sections.
    rest = html.split('id="current-heading"', 1)[1]
    assert "Own course" in rest and "Late course" not in rest and "Later course" not in rest
    assert html.index("assigned-heading") < html.index("current-heading")


def test_a_completed_assignment_shows_as_completed(login, alice, units, make_course):
    course = make_course("done", title="Done course", lessons=1)
    assign(course, units["county"], -10)
    study(alice.user, course.lessons.get())
    html = login(alice).get(reverse("records:my_learning")).content.decode()
    assigned = html.split('id="assigned-heading"', 1)[1].split("</section>", 1)[0]
    assert "Completed" in assigned and "Overdue" not in assigned


def test_my_learning_with_assignments_costs_the_same_at_1_or_5_assigned_courses(
    db_sessions, login, alice, units, make_course
):
    def count_for(n: int) -> int:
        for i in range(n):
            course = make_course(f"assigned-{n}-{i}", lessons=3)
            assign(course, units["county"], i - 2)
            study(alice.user, course.lessons.first())
        client = login(alice)
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("records:my_learning"))
        return len(ctx.captured_queries)

    # The twelve of test_learning.py, plus completions, lessons studied and attempts of the
    # assigned courses (statuses_for).
    assert count_for(1) == count_for(5) == 15


def test_ticks_of_attempts_on_one_afternoon_are_not_one_date_repeated(alice, policy_quiz):
    start = timezone.now().replace(hour=14, minute=0) - dt.timedelta(days=2)
    for minutes, right in ((0, 2), (40, 3), (90, 5)):
        take(policy_quiz, alice.user, right, start + dt.timedelta(minutes=minutes))
    labels = [tick.label for tick in mastery_chart(mastery_for(alice.user)).x_ticks]
    assert len(labels) > 1 and len(set(labels)) == len(labels)
    assert all(re.fullmatch(r"\d\d-\d\d \d\d:\d\d", label) for label in labels)


def test_ticks_over_weeks_are_distinct_dates(alice, three_attempts):
    labels = [tick.label for tick in mastery_chart(mastery_for(alice.user)).x_ticks]
    assert len(labels) == 5 and len(set(labels)) == 5
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", label) for label in labels)


def test_the_rule_is_said_in_plain_words_from_the_weight_in_force(
    login, alice, three_attempts, monkeypatch
):
    import records.services

    monkeypatch.setattr(records.services, "RECENT_WEIGHT", Decimal("0.7"))
    client = login(alice)
    rule = client.get(reverse("records:progress")).content.decode()
    assert "counts for 70 %" in rule and "earlier attempts for 30 %" in rule
    zh = client.get(reverse("records:progress"), HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert "Canvas" not in zh and "最近一次作答占 70 %" in zh


def test_every_figure_has_one_decimal(login, alice, three_attempts):
    html = login(alice).get(reverse("records:progress")).content.decode()
    figures = [row[2:] for row in cells(html, "mastery-table")[1:]]
    figures += [row[2:] for row in cells(html, "mastery-history")[1:]]
    assert figures and all(re.fullmatch(r"\d+\.\d", f) for row in figures for f in row)
