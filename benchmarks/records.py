"""Benchmark the HR pages over a county of 10,000 cadres: dashboard, completion table, ledger,
CSV export.

    .venv/bin/python -m benchmarks.records                      # SQLite (a temporary file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python -m benchmarks.records

Works on a throwaway test database, never on db.sqlite3. The county has 10 townships of 10
villages each; four courses are assigned (county-wide required, a township's required one due
next year, leaders-only elective, ranks-only required), and the ledger, lessons studied and a
few waivers and voids look like a year of study. Each page is fetched through Django's test
client as an HR officer of the whole county, three times; the figures are the best and the
median of the three, with the number of queries.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import tempfile
import time
import warnings
from decimal import Decimal

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "training.settings")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")  # no per-request login chatter in the figures
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)
from django.utils import timezone  # noqa: E402

from courses.models import Course, Lesson, LessonOpening, LessonProgress  # noqa: E402
from people.models import OrgUnit, Profile  # noqa: E402
from records.models import Assignment, CompletionRecord  # noqa: E402

CADRES = int(os.environ.get("BENCH_CADRES", "10000"))
RUNS = 3
rng = random.Random(2026)  # the same county on every run


def populate() -> Profile:
    User = get_user_model()
    county = OrgUnit.objects.create(name="Bench County", code="bench", kind="county")
    towns, villages = [], []
    for t in range(10):
        town = OrgUnit.objects.create(
            name=f"Town {t:02d}", code=f"town-{t}", kind="township", parent=county
        )
        towns.append(town)
        for v in range(10):
            villages.append(
                OrgUnit.objects.create(
                    name=f"Village {t:02d}-{v:02d}", code=f"v-{t}-{v}", kind="village", parent=town
                )
            )
    officer_user = User.objects.create(username="bench-hr", password="!")
    officer = Profile.objects.create(user=officer_user, full_name="HR", unit=county, is_hr=True)
    officer.hr_units.set([county])

    courses = []
    for c in range(4):
        course = Course.objects.create(
            title=f"Course {c}",
            slug=f"course-{c}",
            status=Course.Status.PUBLISHED,
            study_hours=Decimal("2.0"),
        )
        Lesson.objects.bulk_create(
            Lesson(course=course, title=f"Lesson {n}", order=n, body_md="Text", body_html="Text")
            for n in range(1, 4)
        )
        courses.append(course)
    year = timezone.localdate().year
    due = dt.date(year, 3, 1)
    Assignment.objects.create(course=courses[0], unit=county, kind="required", due_date=due)
    Assignment.objects.create(
        course=courses[1], unit=towns[0], kind="required", due_date=dt.date(year + 1, 1, 15)
    )
    Assignment.objects.create(
        course=courses[2],
        unit=county,
        kind="elective",
        leaders_only=True,
        due_date=dt.date(year, 11, 1),
    )
    Assignment.objects.create(
        course=courses[3],
        unit=county,
        kind="required",
        ranks=["section", "deputy_section"],
        due_date=dt.date(year, 12, 31),
    )

    ranks = [r for r, _label in Profile.Rank.choices]
    users = User.objects.bulk_create(
        User(username=f"bench-{i:05d}", password="!") for i in range(CADRES)
    )
    Profile.objects.bulk_create(
        Profile(
            user=user,
            full_name=f"Cadre {i:05d}",
            unit=villages[i % len(villages)],
            rank=rng.choice(ranks),
            is_leader=rng.random() < 0.15,
            is_cadre=True,
        )
        for i, user in enumerate(users)
    )
    lessons = {c.pk: list(c.lessons.all()) for c in courses}
    now = timezone.now()
    progress, lines = [], []
    for user in users:
        for course in courses[:3]:
            roll = rng.random()
            if roll < 0.45:  # completed
                progress += [LessonProgress(user=user, lesson=x) for x in lessons[course.pk]]
                lines.append(
                    CompletionRecord(
                        user=user,
                        course=course,
                        kind="completed",
                        year=year,
                        hours=course.study_hours,
                        occurred_at=now - dt.timedelta(days=30),
                    )
                )
            elif roll < 0.70:  # started
                progress.append(LessonProgress(user=user, lesson=lessons[course.pk][0]))
            elif roll < 0.72:  # waived
                lines.append(
                    CompletionRecord(
                        user=user,
                        course=course,
                        kind="waived",
                        year=year,
                        hours=0,
                        occurred_at=now - dt.timedelta(days=20),
                        reason="bench",
                    )
                )
    # Each lesson studied was opened first, its reading time before (the evidence the site
    # asks for: `courses.services.lesson_mark_studied`).
    openings = [
        LessonOpening(user=p.user, lesson=p.lesson, opened_at=now - dt.timedelta(days=31))
        for p in progress
    ]
    with transaction.atomic():
        LessonOpening.objects.bulk_create(openings, batch_size=5000)
        LessonProgress.objects.bulk_create(progress, batch_size=5000)
        CompletionRecord.objects.bulk_create(lines, batch_size=5000)
    voids = [
        CompletionRecord(
            user_id=r.user_id,
            course_id=r.course_id,
            kind="voided",
            year=r.year,
            hours=-r.hours,
            occurred_at=now,
            reason="bench",
            corrects=r,
        )
        for r in CompletionRecord.objects.filter(kind="completed").order_by("pk")[:200]
    ]
    CompletionRecord.objects.bulk_create(voids)
    return officer


def measure(client: Client, url: str, stream: bool = False) -> tuple[list[float], int, int]:
    timings, queries, size = [], 0, 0
    for _ in range(RUNS):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
            body = b"".join(response.streaming_content) if stream else response.content
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
        queries, size = len(captured), len(body)
    return timings, queries, size


def main() -> None:
    warnings.filterwarnings("ignore", message="No directory at")
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    # No collectstatic output here: serve static names as they are, as the tests do.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if connection.vendor == "sqlite":
        workdir = tempfile.mkdtemp(prefix="records-bench-")
        connection.settings_dict.setdefault("TEST", {})["NAME"] = os.path.join(workdir, "db")
    else:  # its own database, so a test run on the same server is not disturbed
        connection.settings_dict.setdefault("TEST", {})["NAME"] = "records_bench"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        officer = populate()
        print(
            f"{connection.vendor}: {Profile.objects.filter(is_cadre=True).count():,} cadres, "
            f"{CompletionRecord.objects.count():,} ledger lines, "
            f"{LessonProgress.objects.count():,} lessons studied "
            f"(built in {time.perf_counter() - started:.1f} s)"
        )
        client = Client()
        client.force_login(officer.user)
        year = timezone.localdate().year
        pages = [
            ("dashboard (county)", "/records/", False),
            ("completion table, page 1", "/records/completions/", False),
            ("completion table, overdue", "/records/completions/?status=overdue", False),
            ("completion table, page 200", "/records/completions/?page=200", False),
            ("hours ledger, page 1", "/records/hours/", False),
            ("completions CSV (all rows)", f"/records/export/completions.csv?year={year}", True),
        ]
        print(f"{'page':<30} {'best s':>7} {'median s':>9} {'queries':>8} {'bytes':>10}")
        for label, url, stream in pages:
            timings, queries, size = measure(client, url, stream)
            print(
                f"{label:<30} {min(timings):>7.3f} {statistics.median(timings):>9.3f} "
                f"{queries:>8} {size:>10,}"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
