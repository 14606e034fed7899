"""`manage.py seed_scale`: a province-sized organisation, written fast and shaped like the
site's own data.

The tests that read it share one run of the command (200 cadres, 3 courses, written in chunks
of 64 so that several chunks are exercised), made inside a transaction that is rolled back
after this module's last test: the ledger refuses DELETE, so nothing else could remove it.
Determinism is tested on the pure plan (`demo.scale.cadre_plans`), which writes nothing.
"""

import datetime as dt
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from courses.hours import format_hours
from courses.models import Course, Enrolment, Lesson, LessonOpening, LessonProgress
from courses.reading import minimum_seconds
from demo import scale
from people.models import OrgUnit, Profile
from quizzes.models import Attempt, Quiz
from records import rules
from records.credit import completion_evidence, course_credit
from records.models import Assignment, CompletionRecord
from records.services import statuses_for

pytestmark = pytest.mark.django_db

CADRES, COURSES = 200, 3
Kind = CompletionRecord.Kind


@dataclass
class Seeded:
    plan: scale.Plan
    output: str


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker) -> Seeded:
    out = StringIO()
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr(scale, "CHUNK", 64)
        call_command("seed_scale", "--cadres", str(CADRES), "--courses", str(COURSES), stdout=out)
        yield Seeded(scale.build_plan(cadres=CADRES, courses=COURSES, seed=1), out.getvalue())
        transaction.set_rollback(True)


def cadre_profiles():
    return Profile.objects.filter(is_cadre=True).select_related("user", "unit")


# --- What it writes ---------------------------------------------------------------------------


def test_the_command_says_what_it_made_and_how_to_log_in(seeded):
    assert re.search(r"Scale data written in [\d.]+ s \(seed 1\)", seeded.output)
    assert re.search(rf"cadres\s+{CADRES}\b", seeded.output)
    assert f"password {scale.SCALE_PASSWORD}" in seeded.output
    for username in ("scale-hr", "scale-hr-1", "scale-hr-2", "scale-trainer"):
        assert username in seeded.output
    hr = get_user_model().objects.get(username="scale-hr")
    cadre = get_user_model().objects.get(username="scale-000001")
    assert hr.check_password(scale.SCALE_PASSWORD) and cadre.check_password(scale.SCALE_PASSWORD)


def test_counts_per_table_are_in_the_expected_ranges(seeded):
    plan = seeded.plan
    assert OrgUnit.objects.count() == len(plan.units) and 10 <= len(plan.units) <= 15
    kinds = set(OrgUnit.objects.values_list("kind", flat=True))
    assert {OrgUnit.Kind.COUNTY, OrgUnit.Kind.OFFICE, OrgUnit.Kind.TOWNSHIP} <= kinds
    assert get_user_model().objects.count() == CADRES + len(plan.staff)
    cadres = Profile.objects.filter(is_cadre=True)
    assert cadres.count() == CADRES
    assert 0.05 * CADRES <= cadres.filter(is_leader=True).count() <= 0.25 * CADRES
    assert set(cadres.values_list("staff_number", flat=True)) == {
        f"S-{n:06d}" for n in range(1, CADRES + 1)
    }
    assert Course.objects.published().count() == COURSES
    assert Assignment.objects.count() == len(plan.assignments)
    rows = {
        model.__name__: model.objects.count()
        for model in (Enrolment, LessonOpening, LessonProgress, Attempt, CompletionRecord)
    }
    assert 15 <= sum(rows.values()) / CADRES <= 25, rows
    assert rows["LessonOpening"] >= rows["LessonProgress"] > rows["Enrolment"]
    kinds = defaultdict(int)
    for kind in CompletionRecord.objects.values_list("kind", flat=True):
        kinds[kind] += 1
    assert kinds[Kind.COMPLETED] > 0.3 * CADRES
    assert kinds[Kind.WAIVED] and kinds[Kind.VOIDED] and kinds[Kind.WITHDRAWN]


def test_courses_went_through_save_and_carry_their_derived_fields(seeded):
    for course in Course.objects.filter(slug__startswith=scale.PREFIX):
        lessons = list(course.lessons.all())
        assert 3 <= len(lessons) <= 6
        for lesson in lessons:
            assert "<h2>" in lesson.body_html and "<ul>" in lesson.body_html
            assert lesson.cjk_chars > 100 and lesson.reading_seconds > 0
        spec = next(s for s in seeded.plan.courses if s.slug == course.slug)
        assert course_credit(course).credited == spec.credit.credited
    quizzes = Quiz.objects.published().filter(course__slug__startswith=scale.PREFIX)
    assert quizzes.count() == 2  # on every other course
    for quiz in quizzes:
        assert quiz.slots.count() == scale.QUESTIONS
        for slot in quiz.slots.select_related("question__current"):
            assert slot.question.current.options.filter(is_correct=True).count() == 1


def test_every_unit_has_the_path_and_depth_save_would_give_it(seeded):
    units = {unit.pk: unit for unit in OrgUnit.objects.all()}
    for unit in units.values():
        parent = units.get(unit.parent_id)
        path = f"{parent.path if parent else '/'}{unit.pk}/"
        assert (unit.path, unit.depth) == (path, path.count("/") - 2), unit.code
    root = OrgUnit.objects.get(code=scale.ROOT_CODE)
    assert OrgUnit.objects.subtree_of([root]).count() == len(units)
    for unit in units.values():
        before = (unit.path, unit.depth)
        unit.save()
        unit.refresh_from_db()
        assert (unit.path, unit.depth) == before


def test_every_lesson_studied_was_opened_earlier_for_long_enough(seeded):
    openings = LessonOpening.objects.values_list("user", "lesson", "opened_at")
    opened = {(user, lesson): at for user, lesson, at in openings}
    reading = {lesson.pk: lesson.reading_seconds for lesson in Lesson.objects.all()}
    studied = LessonProgress.objects.values_list("user", "lesson", "studied_at")
    assert studied
    for user, lesson, at in studied:
        assert (user, lesson) in opened, (user, lesson)
        assert at - opened[user, lesson] >= dt.timedelta(seconds=minimum_seconds(reading[lesson]))


def test_nothing_is_dated_in_the_future(seeded):
    reference = seeded.plan.limit
    assert CompletionRecord.objects.filter(occurred_at__gt=reference).count() == 0
    assert LessonProgress.objects.filter(studied_at__gt=reference).count() == 0
    assert Attempt.objects.filter(submitted_at__gt=reference).count() == 0
    assert Enrolment.objects.filter(enrolled_at__gt=reference).count() == 0


def test_at_most_one_standing_completion_per_cadre_and_course(seeded):
    lines = defaultdict(list)
    for record in CompletionRecord.objects.order_by("occurred_at", "pk"):
        lines[record.user_id, record.course_id].append(record)
    for course_lines in lines.values():
        voided = {line.corrects_id for line in course_lines if line.kind == Kind.VOIDED}
        standing = [
            line for line in course_lines if line.kind == Kind.COMPLETED and line.pk not in voided
        ]
        assert len(standing) <= 1
        record = rules.standing_record(course_lines)
        assert record is None or record.kind in (Kind.COMPLETED, Kind.WAIVED)


def test_corrections_point_at_the_lines_they_correct(seeded):
    officers = get_user_model().objects.filter(username__startswith="scale-hr")
    hr = set(officers.values_list("pk", flat=True))
    corrections = CompletionRecord.objects.filter(corrects__isnull=False).select_related("corrects")
    assert corrections
    for line in corrections:
        target = line.corrects
        assert (line.user_id, line.course_id) == (target.user_id, target.course_id)
        assert line.occurred_at >= target.occurred_at
        assert line.reason and line.recorded_by_id in hr
        if line.kind == Kind.VOIDED:
            assert target.kind == Kind.COMPLETED
            assert (line.hours, line.year) == (-target.hours, target.year)
        else:
            assert (line.kind, target.kind) == (Kind.WITHDRAWN, Kind.WAIVED)
    for waiver in CompletionRecord.objects.filter(kind=Kind.WAIVED):
        assert waiver.reason and waiver.recorded_by_id in hr and waiver.hours == 0


def test_each_completion_keeps_the_evidence_the_site_would_have_recorded(seeded):
    """The evidence the generator wrote is what `completion_evidence` reads back from the
    lessons opened and studied and the attempts written: the rows agree with one another."""
    credits = {}
    completions = CompletionRecord.objects.filter(kind=Kind.COMPLETED).select_related(
        "user", "course"
    )
    for record in completions:
        course = record.course
        credit = credits.setdefault(course.pk, course_credit(course))
        assert record.hours == credit.credited
        assert record.year == timezone.localtime(record.occurred_at).year
        assert record.evidence == completion_evidence(record.user, course, credit)


# --- Deterministic ----------------------------------------------------------------------------


def digest(cadres) -> str:
    """Every value of every cadre's plan, in order."""
    h = hashlib.sha256()
    for c in cadres:
        h.update(repr(c).encode())
    return h.hexdigest()


def test_the_same_seed_gives_the_same_plan_and_another_seed_another():
    def plan(seed):
        return scale.build_plan(cadres=300, courses=4, seed=seed, year=2031)

    first = plan(7)
    assert first == plan(7)
    assert digest(scale.cadre_plans(first)) == digest(scale.cadre_plans(plan(7)))
    assert digest(scale.cadre_plans(first)) != digest(scale.cadre_plans(plan(8)))


def test_a_cadres_year_depends_on_the_seed_and_their_number_only():
    """Not on how many cadres there are (with the same tree) nor how they are chunked."""
    few = scale.build_plan(cadres=100, courses=4, seed=7, year=2031)
    many = scale.build_plan(cadres=300, courses=4, seed=7, year=2031)
    assert few.units == many.units
    assert list(scale.cadre_plans(few)) == list(scale.cadre_plans(many))[:100]


def test_the_written_ledger_is_the_plans(seeded):
    plan = seeded.plan
    slugs = [course.slug for course in plan.courses]
    planned = sorted(
        (c.username, c.unit, slugs[line.course], line.kind, line.hours, line.year, line.occurred_at)
        for c in scale.cadre_plans(plan)
        for line in c.lines
    )
    written = sorted(
        CompletionRecord.objects.values_list(
            "user__username",
            "user__profile__unit__code",
            "course__slug",
            "kind",
            "hours",
            "year",
            "occurred_at",
        )
    )
    assert written == planned


# --- The site on the generated data -----------------------------------------------------------


def test_hr_dashboard_shows_the_units_below_the_root(seeded, client):
    """One row per unit right below the officer's root (and one for the root's own staff),
    nothing from further down."""
    client.force_login(get_user_model().objects.get(username="scale-hr"))
    response = client.get("/records/")
    assert response.status_code == 200
    content = response.content.decode()
    root = OrgUnit.objects.get(code=scale.ROOT_CODE)
    children = list(OrgUnit.objects.filter(parent=root))
    assert len(children) == len([u for u in seeded.plan.units if u.parent == scale.ROOT_CODE])
    shown = {int(pk) for pk in re.findall(r'<tr data-unit="(\d+)"', content)}
    assert shown - {root.pk} == {unit.pk for unit in children}
    for unit in children:
        assert f">{unit.name}</a>" in content


def overdue_staff_numbers(year: int) -> set[str]:
    """Cadres with a required course of `year` overdue today, by the records' own rule."""
    today = timezone.localdate()
    return {
        profile.staff_number
        for profile in cadre_profiles()
        if any(
            s.status == rules.Status.OVERDUE and s.assignment.due_date.year == year
            for s in statuses_for(profile, today)
        )
    }


def staff_numbers(content: str) -> set[str]:
    return set(re.findall(r'data-col="staff-number">(S-\d{6})<', content))


@pytest.mark.parametrize("last_year", [False, True], ids=["this year", "last year"])
def test_hr_overdue_filter_lists_cadres_known_to_be_overdue(seeded, client, last_year):
    year = seeded.plan.year - last_year
    overdue = overdue_staff_numbers(year)
    if not overdue and not last_year:
        assert timezone.localdate() <= dt.date(year, 1, 10)  # before the first due date
    else:
        assert overdue
    client.force_login(get_user_model().objects.get(username="scale-hr"))
    query = "?status=overdue" + (f"&year={year}" if last_year else "")
    response = client.get(f"/records/completions/{query}")
    assert response.status_code == 200
    shown = staff_numbers(response.content.decode())
    assert shown <= overdue
    assert len(shown) == min(len(overdue), 25)  # a page of cadres


def test_hr_hours_ledger_shows_a_cadres_hours_of_the_year(seeded, client):
    year = seeded.plan.year - 1
    record = CompletionRecord.objects.filter(kind=Kind.COMPLETED, year=year).first()
    profile = record.user.profile
    total = sum(
        CompletionRecord.objects.filter(
            user=record.user, year=year, kind__in=[Kind.COMPLETED, Kind.VOIDED]
        ).values_list("hours", flat=True)
    )
    client.force_login(get_user_model().objects.get(username="scale-hr"))
    assert client.get("/records/hours/").status_code == 200
    response = client.get(f"/records/hours/?year={year}&q={profile.staff_number}")
    assert response.status_code == 200
    row = re.search(
        rf'data-col="staff-number">{profile.staff_number}<.*?</tr>',
        response.content.decode(),
        re.DOTALL,
    )
    assert row is not None
    cells = re.findall(r'<td class="text-end">([^<]*)</td>', row.group(0))
    assert cells[2] == format_hours(total)


def test_hr_transcript_shows_a_cadres_corrections(seeded, client):
    void = CompletionRecord.objects.filter(kind=Kind.VOIDED).select_related("user__profile").first()
    client.force_login(get_user_model().objects.get(username="scale-hr"))
    response = client.get(f"/records/people/{void.user.profile.pk}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert void.reason in content and void.course.title in content


def test_township_hr_sees_its_township_only(seeded, client):
    client.force_login(get_user_model().objects.get(username="scale-hr-1"))
    town = OrgUnit.objects.get(code=seeded.plan.staff[2].hr_units[0])
    response = client.get("/records/")
    assert response.status_code == 200
    for child in OrgUnit.objects.filter(parent=town):
        assert child.name in response.content.decode()
    outside = cadre_profiles().exclude(unit__path__startswith=town.path).first()
    assert client.get(f"/records/people/{outside.pk}/").status_code == 404


def test_a_cadre_reads_their_progress_and_learning(seeded, client):
    record = CompletionRecord.objects.filter(kind=Kind.COMPLETED).select_related("user__profile")
    record = record.exclude(corrections__kind=Kind.VOIDED).first()
    profile = record.user.profile
    client.force_login(record.user)
    progress = client.get("/progress/")
    assert progress.status_code == 200
    assert record.course.title in progress.content.decode()
    learning = client.get("/learning/")
    assert learning.status_code == 200
    for status in statuses_for(profile):
        assert status.course.title in learning.content.decode()


def test_the_command_refuses_a_database_that_holds_scale_data(seeded):
    before = CompletionRecord.objects.count()
    with pytest.raises(CommandError, match="already holds scale data"):
        call_command("seed_scale", "--cadres", "5", stdout=StringIO())
    assert CompletionRecord.objects.count() == before


# --- Bad arguments ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cadres", "0"], "--cadres: give a whole number from 1 to 200,000, not '0'"),
        (["--cadres", "300000"], "from 1 to 200,000, not '300000'"),
        (["--cadres", "abc"], "from 1 to 200,000, not 'abc'"),
        (["--cadres", "1.5"], "not '1.5'"),
        (["--cadres", "10", "--courses", "0"], "--courses: give a whole number from 1 to 100"),
        (["--cadres", "10", "--courses", "101"], "from 1 to 100, not '101'"),
        (["--cadres", "10", "--seed", "x"], "--seed: give a whole number"),
        ([], "the following arguments are required: --cadres"),
    ],
)
def test_bad_arguments_are_refused_with_a_message(args, message):
    before = OrgUnit.objects.count(), get_user_model().objects.count()
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("seed_scale", *args, stdout=StringIO())
    assert (OrgUnit.objects.count(), get_user_model().objects.count()) == before
