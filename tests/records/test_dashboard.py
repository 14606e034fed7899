"""The HR records dashboard, completion table and hours ledger: figures on a small county built
by hand, drill-down, filters, scope, and query counts that do not grow with the headcount.

The county (see tests/conftest.py) with these cadres and, on 15 June 2026:
- "policy" (2 h), required, assigned to the whole county, due 1 March 2026 (past);
- "groups" (3 h), elective, assigned to East Town's leaders, due 1 September 2026.

| cadre | unit | leader | policy | groups |
| alice | Riverside (East) | yes | completed (2 h) | in progress |
| carol | Riverside (East) | no  | overdue | - |
| dan   | East Town itself | yes | waived | not started |
| bob   | Hill (West)      | no  | completed, then voided: overdue | - |
| erin  | Hill (West)      | yes | overdue | - |
"""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import LessonProgress
from people.models import Profile
from quizzes.services import attempt_start, attempt_submit
from records import reports
from records.models import Assignment, CompletionRecord
from records.services import Status, record_void, record_waive
from tests.conftest import make_person
from tests.quizzes.conftest import answers_for

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)
SHANGHAI = ZoneInfo("Asia/Shanghai")
ALL_RIGHT = {"quota": ["b"], "measures": ["a", "b", "c"], "blocks": ["keep", "r1"]}
ALL_WRONG = {"quota": ["a"], "measures": ["d"], "blocks": ["dissolve", "r2"]}


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """Pin "today" so due dates are past or future whatever day the suite runs."""
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return TODAY


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=SHANGHAI)


def complete(profile, course, year=2026, day=dt.date(2026, 2, 1)):
    return CompletionRecord.objects.create(
        user=profile.user,
        course=course,
        kind="completed",
        year=year,
        hours=course.study_hours,
        occurred_at=at(day),
    )


@pytest.fixture
def county(units, alice, bob, hr_county, make_course):
    policy = make_course("policy", lessons=2, study_hours=Decimal("2.0"))
    groups = make_course("groups", lessons=2, study_hours=Decimal("3.0"), title="Work groups")
    carol = make_person("carol", units["riverside"], is_cadre=True, rank=Profile.Rank.CLERK)
    dan = make_person(
        "dan", units["east"], is_cadre=True, is_leader=True, rank=Profile.Rank.DEPUTY_SECTION
    )
    erin = make_person(
        "erin", units["hill"], is_cadre=True, is_leader=True, rank=Profile.Rank.SECTION
    )
    Assignment.objects.create(
        course=policy, unit=units["county"], kind="required", due_date=dt.date(2026, 3, 1)
    )
    Assignment.objects.create(
        course=groups,
        unit=units["east"],
        kind="elective",
        leaders_only=True,
        due_date=dt.date(2026, 9, 1),
    )
    complete(alice, policy)
    LessonProgress.objects.create(user=alice.user, lesson=groups.lessons.first())
    record_waive(user=dan.user, course=policy, reason="Taught the course", by=hr_county.user)
    credit = complete(bob, policy)
    record_void(record=credit, reason="Studied on a colleague's account", by=hr_county.user)
    return {
        "policy": policy,
        "groups": groups,
        "alice": alice,
        "bob": bob,
        "carol": carol,
        "dan": dan,
        "erin": erin,
    }


def rows(response) -> dict[str, reports.UnitRow]:
    return {
        ("own:" if row.own_staff else "") + row.unit.name: row
        for row in response.context["report"].rows
    }


def dashboard(client, **params):
    return client.get(reverse("records:dashboard"), params)


# --- Figures per unit -----------------------------------------------------------------------


def test_a_county_officer_opens_on_its_townships_with_the_county_as_total(login, hr_county, county):
    response = dashboard(login(hr_county))
    report = response.context["report"]
    assert [r.unit.name for r in report.rows] == ["Archives Office", "East Town", "West Town"]
    row = report.total
    assert row.unit.name == "County"
    assert (row.cadres, row.assigned, row.completed, row.waived, row.overdue) == (5, 7, 1, 1, 3)
    assert row.rate == 17  # 1 completed of the 6 still due (the waiver no longer counts)
    assert row.hours == Decimal("2.0")  # alice's 2 h; bob's credit was voided
    assert row.average_hours == Decimal("0.4")


def test_drilling_down_shows_each_child_unit(login, hr_county, county, units):
    response = dashboard(login(hr_county), unit=units["county"].pk)
    by_name = rows(response)
    assert list(by_name) == ["Archives Office", "East Town", "West Town"]
    archives, east, west = by_name.values()
    assert (east.cadres, east.assigned, east.completed, east.waived, east.overdue) == (
        3,
        5,
        1,
        1,
        1,
    )
    assert east.rate == 25
    assert east.hours == Decimal("2.0") and round(east.average_hours, 2) == Decimal("0.67")
    assert east.required_hours == Decimal("2.0")  # policy is required for alice
    assert (west.cadres, west.assigned, west.completed, west.overdue, west.rate) == (
        2,
        2,
        0,
        2,
        0,
    )
    assert west.hours == 0
    assert archives.cadres == 0 and archives.rate is None
    body = response.content.decode()
    # Each unit links one level down, keeping the other filters.
    assert f'?unit={units["east"].pk}"' in body
    assert 'data-testid="rate-chart"' in body
    assert "Archives Office —; East Town 25; West Town 0" in body  # the chart's <title>


def test_a_units_own_staff_have_their_own_row(login, hr_county, county, units):
    response = dashboard(login(hr_county), unit=units["east"].pk)
    by_name = rows(response)
    assert list(by_name) == ["own:East Town", "Riverside Community"]
    own, riverside = by_name.values()
    assert (own.cadres, own.assigned, own.waived, own.overdue) == (1, 2, 1, 0)
    assert (riverside.cadres, riverside.assigned, riverside.completed, riverside.overdue) == (
        2,
        3,
        1,
        1,
    )
    assert riverside.rate == 33
    crumbs = [u.name for u in response.context["report"].breadcrumb]
    assert crumbs == ["County", "East Town"]


def test_the_breadcrumb_never_goes_above_the_officers_roots(login, hr_town, county, units):
    response = dashboard(login(hr_town), unit=units["riverside"].pk)
    assert [u.name for u in response.context["report"].breadcrumb] == [
        "East Town",
        "Riverside Community",
    ]
    assert "County" not in response.content.decode()


def test_requirement_and_members_meeting_it(login, hr_county, county, settings):
    settings.STUDY_HOURS_PER_YEAR = 2
    settings.STUDY_HOURS_REQUIRED = 2
    response = dashboard(login(hr_county))
    row = response.context["report"].total
    assert row.met == 1  # alice alone has 2 required hours
    assert "Average hours (of 2)" in response.content.decode()


# --- Heatmap --------------------------------------------------------------------------------


def take(quiz, profile, picks):
    attempt = attempt_start(quiz=quiz, user=profile.user)
    attempt_submit(attempt=attempt, answers=answers_for(attempt, picks))


def heat(row) -> dict[str, tuple]:
    return {cell.competency.code: (cell.value, cell.bucket) for cell in row.heat}


def test_heatmap_averages_the_leaders_current_mastery(login, hr_county, county, units, quiz):
    take(quiz, county["alice"], ALL_RIGHT)  # leader: 100 everywhere the quiz measures
    take(quiz, county["dan"], ALL_WRONG)  # leader: 0
    take(quiz, county["carol"], ALL_WRONG)  # not a leader: left out
    response = dashboard(login(hr_county), unit=units["county"].pk)
    _archives, east, west = rows(response).values()
    assert east.leaders == 2
    assert heat(east)["policy"] == (Decimal("50.0"), "fair")
    # No question measures "formalism": no column for it, nor for any other framework's.
    assert [c.code for c in response.context["report"].competencies] == [
        "policy",
        "situation",
        "measures",
        "public",
    ]
    assert all(bucket == "none" for _value, bucket in heat(west).values())  # erin: no attempt
    body = response.content.decode()
    assert "heat-fair" in body and "table-warning" in body

    by_name = rows(dashboard(login(hr_county), unit=units["east"].pk))
    assert heat(by_name["own:East Town"])["policy"] == (Decimal("0.0"), "weak")
    assert heat(by_name["Riverside Community"])["public"] == (Decimal("100.0"), "good")


def test_mastery_is_the_decaying_average_of_attempts(login, hr_county, county, units, quiz):
    take(quiz, county["alice"], ALL_WRONG)
    take(quiz, county["alice"], ALL_RIGHT)  # 0.65 × 100 + 0.35 × 0
    by_name = rows(dashboard(login(hr_county), unit=units["east"].pk))
    assert heat(by_name["Riverside Community"])["policy"] == (Decimal("65.0"), "fair")


# --- Filters --------------------------------------------------------------------------------


def test_status_filter_counts_only_cadres_with_such_a_course(login, hr_county, county, units):
    by_name = rows(dashboard(login(hr_county), unit=units["county"].pk, status="overdue"))
    east, west = by_name["East Town"], by_name["West Town"]
    assert (east.cadres, east.assigned, east.overdue) == (1, 1, 1)  # carol
    assert (west.cadres, west.assigned, west.overdue) == (2, 2, 2)  # bob and erin
    assert by_name["Archives Office"].cadres == 0


def test_rank_leader_and_course_filters(login, hr_county, county, units):
    client = login(hr_county)

    def county_row(**params):
        return dashboard(client, **params).context["report"].total

    assert county_row(rank=Profile.Rank.CLERK).cadres == 2  # carol and bob
    leaders = county_row(leaders_only="on")
    assert (leaders.cadres, leaders.assigned) == (3, 5)  # alice, dan, erin
    groups = county_row(course=county["groups"].pk)
    assert (groups.cadres, groups.assigned, groups.completed) == (2, 2, 0)  # alice, dan


def test_year_filter_selects_courses_due_and_hours_credited_that_year(
    login, hr_county, county, units
):
    Assignment.objects.create(
        course=county["groups"], unit=units["west"], kind="required", due_date=dt.date(2027, 3, 1)
    )
    complete(county["erin"], county["groups"], year=2027, day=dt.date(2026, 6, 1))
    client = login(hr_county)
    row_2026 = dashboard(client, year=2026).context["report"].total
    row_2027 = dashboard(client, year=2027).context["report"].total
    assert row_2026.assigned == 7
    assert (row_2027.assigned, row_2027.completed) == (2, 1)  # bob and erin, erin done
    assert row_2027.hours == Decimal("3.0") and row_2026.hours == Decimal("2.0")


def test_filters_default_to_this_year(login, hr_county, county, units):
    client = login(hr_county)
    for params in ({}, {"unit": units["east"].pk}):  # the drill-down links name no year
        response = dashboard(client, **params)
        assert response.context["report"].filters.year == TODAY.year
        assert '<option value="2026" selected>' in response.content.decode()


# --- Scope ----------------------------------------------------------------------------------


def test_town_officer_sees_only_their_township(login, hr_town, county):
    response = dashboard(login(hr_town))
    row = response.context["report"].total
    assert row.unit.name == "East Town" and row.cadres == 3
    body = response.content.decode()
    assert "West Town" not in body and "Hill Village" not in body


def test_town_officer_cannot_open_another_township_by_url(login, hr_town, county, units):
    for unit in ("west", "hill", "county"):
        response = dashboard(login(hr_town), unit=units[unit].pk)
        assert response.status_code == 200
        assert response.context["report"] is None
        assert "unit" in response.context["form"].errors
        body = response.content.decode()
        assert "West Town" not in body and "Hill Village" not in body


def test_cadres_and_trainers_are_refused(login, alice, tom):
    assert login(alice).get(reverse("records:dashboard")).status_code == 403
    assert login(tom).get(reverse("records:completions")).status_code == 403
    assert login(tom).get(reverse("records:ledger")).status_code == 403


def test_the_records_nav_item_opens_the_dashboard(login, hr_county):
    response = login(hr_county).get("/")
    records = next(i for i in response.context["nav_items"] if str(i["label"]) == "Records")
    assert records["url"] == reverse("records:dashboard")


# --- The completion table and the ledger ----------------------------------------------------


def table(client, **params):
    response = client.get(reverse("records:completions"), params)
    return response, {(r.cadre.full_name, r.course.slug): r for r in response.context["rows"]}


def test_completion_table_has_a_row_per_cadre_and_assigned_course(login, hr_county, county):
    response, by_pair = table(login(hr_county))
    assert {pair: row.status for pair, row in by_pair.items()} == {
        ("Alice", "policy"): Status.COMPLETED,
        ("Alice", "groups"): Status.IN_PROGRESS,
        ("Carol", "policy"): Status.OVERDUE,
        ("Dan", "policy"): Status.WAIVED,
        ("Dan", "groups"): Status.NOT_STARTED,
        ("Bob", "policy"): Status.OVERDUE,
        ("Erin", "policy"): Status.OVERDUE,
    }
    assert by_pair[("Alice", "policy")].hours == Decimal("2.0")
    assert by_pair[("Bob", "policy")].hours == Decimal("0.0")  # credited, then voided
    body = response.content.decode()
    assert reverse("records:person", args=[county["alice"].pk]) in body
    assert 'Completed <span class="text-nowrap">(2026-02-01)</span>' in body
    assert reverse("records:export", args=["completions", "csv"]) in body


@pytest.mark.parametrize(
    "status",
    ["", Status.COMPLETED, Status.WAIVED, Status.OVERDUE, Status.IN_PROGRESS, Status.NOT_STARTED],
)
def test_the_sql_filter_and_the_python_rules_agree(login, hr_county, county, status):
    """Cadres are paged in SQL; their rows are expanded in Python. Both must keep the same."""
    response, by_pair = table(login(hr_county), status=status)
    cadres_in_page = {values[2] for values in response.context["page"].object_list}
    assert cadres_in_page == {name for name, _course in by_pair}
    assert all(not status or row.status == status for row in by_pair.values())
    officer = reports.Filters(year=2026, status=status)
    report = reports.Report(reports.scope_assignments(hr_county.hr_roots), officer, TODAY)
    everyone = [
        reports.Cadre(*v) for v in Profile.objects.cadres().values_list(*reports.CADRE_FIELDS)
    ]
    assert {row.cadre.full_name for row in report.rows_for(everyone)} == cadres_in_page


@pytest.mark.parametrize("year", [2026, 2027])
@pytest.mark.parametrize("status", ["", Status.OVERDUE, Status.NOT_STARTED, Status.WAIVED])
def test_sql_and_python_agree_when_two_assignments_of_a_course_reach_a_cadre(
    login, hr_county, county, units, year, status
):
    """A required assignment wins over an elective one for the same course, whatever their
    due dates (as `statuses_for` decides): the SQL must pick the same one."""
    Assignment.objects.create(
        course=county["groups"],
        unit=units["riverside"],
        kind="required",
        due_date=dt.date(2027, 1, 15),
    )
    response, by_pair = table(login(hr_county), status=status, year=year)
    cadres_in_page = {values[2] for values in response.context["page"].object_list}
    assert cadres_in_page == {name for name, _course in by_pair}
    groups = {name for name, course in by_pair if course == "groups"}
    if year == 2027 and not status:
        assert groups == {"Alice", "Carol"}  # Riverside's required assignment, due 2027
    if year == 2026 and not status:
        assert groups == {"Dan"}  # alice's groups course is now due in 2027


def test_each_unit_with_overdue_cadres_has_a_remind_button(login, hr_county, county, units):
    remind_url = reverse("records:remind_unit")
    body = dashboard(login(hr_county), unit=units["county"].pk).content.decode()
    assert body.count(f'action="{remind_url}"') == 2  # East and West Town; Archives has none
    assert f'name="unit" value="{units["west"].pk}"' in body


def test_completion_table_filters_and_search(login, hr_county, county, units):
    client = login(hr_county)
    assert set(table(client, q="car")[1]) == {("Carol", "policy")}
    assert set(table(client, course=county["groups"].pk)[1]) == {
        ("Alice", "groups"),
        ("Dan", "groups"),
    }
    assert set(table(client, unit=units["west"].pk, status="overdue")[1]) == {
        ("Bob", "policy"),
        ("Erin", "policy"),
    }
    assert table(client, year=2027)[1] == {}


def test_completion_table_is_paged_by_cadre(login, hr_county, county, units):
    for i in range(30):
        make_person(f"extra{i:02d}", units["hill"], is_cadre=True, full_name=f"Extra {i:02d}")
    response, by_pair = table(login(hr_county))
    page = response.context["page"]
    assert page.paginator.count == 35 and len(page.object_list) == 25
    assert len(by_pair) >= 25


def test_town_officer_table_and_ledger_stay_in_the_township(login, hr_town, county, units):
    client = login(hr_town)
    _response, by_pair = table(client)
    assert {name for name, _course in by_pair} == {"Alice", "Carol", "Dan"}
    response = client.get(reverse("records:completions"), {"unit": units["hill"].pk})
    assert response.context["rows"] == [] and response.context["form"].errors
    ledger = client.get(reverse("records:ledger"))
    assert {r.cadre.full_name for r in ledger.context["rows"]} == {"Alice", "Carol", "Dan"}


def test_hours_ledger_has_a_row_per_cadre(login, hr_county, county, settings):
    settings.STUDY_HOURS_PER_YEAR = 2
    settings.STUDY_HOURS_REQUIRED = 2
    response = login(hr_county).get(reverse("records:ledger"))
    by_name = {r.cadre.full_name: r.hours for r in response.context["rows"]}
    assert set(by_name) == {"Alice", "Bob", "Carol", "Dan", "Erin"}
    assert (by_name["Alice"].required, by_name["Alice"].total, by_name["Alice"].met) == (
        Decimal("2.0"),
        Decimal("2.0"),
        True,
    )
    assert by_name["Bob"].total == 0 and not by_name["Bob"].met


# --- Queries --------------------------------------------------------------------------------


def populate(units, policy, count: int) -> None:
    """`count` cadres spread over both townships, some leaders, some with a completion."""
    for i in range(count):
        unit = units["riverside" if i % 2 else "hill"]
        person = make_person(f"c{count}-{i}", unit, is_cadre=True, is_leader=i % 3 == 0)
        if i % 4 == 0:
            complete(person, policy)


@pytest.mark.parametrize("count", [5, 40])
def test_dashboard_queries_do_not_grow_with_cadres(
    count, db_sessions, login, hr_county, units, make_course, django_assert_num_queries
):
    policy = make_course("policy", lessons=1)
    Assignment.objects.create(
        course=policy, unit=units["county"], kind="required", due_date=dt.date(2026, 3, 1)
    )
    populate(units, policy, count)
    client = login(hr_county)
    # 1 session, 2 user, 3 profile of the officer (navigation), 4 hr_units of the officer,
    # 5 the unit chosen (form validation), 6 child units of it, 7 its ancestors (breadcrumb),
    # 8 the cadres as values, 9 active assignments in scope, 10 ledger lines, 11 started
    # flags (lessons UNION attempts), 12 leaders' mastery, 13 competencies,
    # 14 units for the filter's select, 15 courses for the filter's select
    with django_assert_num_queries(15):
        response = dashboard(client, unit=units["county"].pk)
    assert sum(row.cadres for row in response.context["report"].rows) == count


@pytest.mark.parametrize("count", [5, 40])
def test_completion_table_queries_do_not_grow_with_cadres(
    count, db_sessions, login, hr_county, units, make_course, django_assert_num_queries
):
    policy = make_course("policy", lessons=1)
    Assignment.objects.create(
        course=policy, unit=units["county"], kind="required", due_date=dt.date(2026, 3, 1)
    )
    populate(units, policy, count)
    client = login(hr_county)
    # 1 session, 2 user, 3 profile of the officer (navigation), 4 hr_units of the officer,
    # 5 active assignments in scope, 6 unit, rank and leadership of the filtered cadres (the
    # rules pick those with a row), 7 the page's cadres as values, 8 their ledger lines, 9 their
    # started flags (lessons UNION attempts), 10 units for the filter's select, 11 courses for
    # the filter's select
    with django_assert_num_queries(11):
        response = client.get(reverse("records:completions"))
    assert len(response.context["rows"]) == min(count, 25)
