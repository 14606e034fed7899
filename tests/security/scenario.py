"""One scenario for the security tests, built once per test module, and the personas who probe
it. The personas are tests/conftest.py's (same names, units and roles), plus a co-owner of the
course and an HR officer for West Town only, for whom alice is out of scope.

County
├── East Town           ← hr_town (HR in scope: alice, the assignment to East Town)
│   └── Riverside       ← alice (the cadre who owns the attempts, progress and records)
├── West Town           ← hr_west (HR out of scope)
│   └── Hill Village    ← bob (another cadre)
└── Archives Office     ← tom (owner), cora (co-owner), tina (another trainer)
"""

from __future__ import annotations

import datetime as dt
import hashlib
from contextlib import contextmanager
from decimal import Decimal

from django.apps import apps
from django.db import transaction
from django.test import Client

from courses.models import Course, Lesson
from people.models import OrgUnit
from quizzes.models import Answer, Competency, CompetencyFramework, Quiz
from quizzes.services import Submitted, attempt_start, attempt_submit
from records.models import Assignment
from records.services import record_waive
from tests.conftest import make_person
from tests.quizzes.conftest import decision, multiple, single, written

PERSONAS = (
    "anonymous",
    "cadre",
    "other_cadre",
    "owner",
    "co_owner",
    "other_trainer",
    "hr_in",
    "hr_out",
)

# The apps whose rows are records or content: a refused post must change none of them.
WATCHED_APPS = ("people", "courses", "quizzes", "records", "certificates")


def build() -> dict:
    """Every object the URL patterns take, and a user per persona."""
    from demo.quizzes import seed_framework

    Kind = OrgUnit.Kind
    county = OrgUnit.objects.create(name="County", code="county", kind=Kind.COUNTY)
    east = OrgUnit.objects.create(name="East Town", code="east", kind=Kind.TOWNSHIP, parent=county)
    west = OrgUnit.objects.create(name="West Town", code="west", kind=Kind.TOWNSHIP, parent=county)
    riverside = OrgUnit.objects.create(
        name="Riverside Community", code="riverside", kind=Kind.COMMUNITY, parent=east
    )
    hill = OrgUnit.objects.create(name="Hill Village", code="hill", kind=Kind.VILLAGE, parent=west)
    archives = OrgUnit.objects.create(
        name="Archives Office", code="archives", kind=Kind.OFFICE, parent=county
    )
    alice = make_person("alice", riverside, is_cadre=True, is_leader=True)
    bob = make_person("bob", hill, is_cadre=True)
    tom = make_person("tom", archives, is_trainer=True)
    cora = make_person("cora", archives, is_trainer=True)
    tina = make_person("tina", archives, is_trainer=True)
    hr_county = make_person("hr_county", county, is_hr=True, hr_units=[county])
    hr_town = make_person("hr_town", east, is_hr=True, hr_units=[east])
    hr_west = make_person("hr_west", west, is_hr=True, hr_units=[west])

    course = Course.objects.create(
        title="Work groups", slug="work-groups", status="published", owner=tom.user
    )
    course.co_owners.add(cora.user)
    for order in (1, 2):
        Lesson.objects.create(
            course=course, order=order, title=f"Lesson {order}", body_md=f"Body {order}"
        )
    # A point of its analysis, so the cadre's own answer has something to be held against.
    course.reference_points.create(key="p1", part=1, order=0, text="Keep the groups residents use.")
    c = seed_framework()
    questions = [
        single(course, [c["policy"]]),
        multiple(course, [c["measures"]]),
        decision(course, [c["situation"]]),
        written(course, [c["policy"]]),
    ]
    quiz = Quiz.objects.create(
        course=course, title="Dissolve, merge or keep", is_published=True, attempts_allowed=3
    )
    for order, question in enumerate(questions):
        quiz.slots.create(order=order, question=question)

    # alice's first attempt is submitted with a written answer waiting for a grader; her
    # second is open.
    done = attempt_start(quiz=quiz, user=alice.user)
    answers = {
        aq.pk: Submitted([], "Keep the groups residents use.")
        for aq in done.questions.filter(version__kind="written")
    }
    done = attempt_submit(attempt=done, answers=answers)
    pending = Answer.objects.get(
        attempt_question__attempt=done, attempt_question__version__kind="written"
    )
    open_attempt = attempt_start(quiz=quiz, user=alice.user)

    framework = CompetencyFramework.objects.create(
        slug="tom-framework", name_en="Tom's framework", name_zh="汤姆的框架", created_by=tom.user
    )
    competency = Competency.objects.create(
        framework=framework, code="listen", name_en="Listening", name_zh="倾听"
    )
    assignment = Assignment.objects.create(
        course=course,
        unit=east,
        due_date=dt.date.today() + dt.timedelta(days=30),
        assigned_by=hr_county.user,
    )
    waiver = record_waive(user=alice.user, course=course, reason="Seconded", by=hr_county.user)
    certificate = _certificate_of(alice, tom)
    archive = _archive_of(hr_town)
    export_file = _export_file_of(hr_town)
    return {
        "users": {
            "anonymous": None,
            "cadre": alice.user,
            "other_cadre": bob.user,
            "owner": tom.user,
            "co_owner": cora.user,
            "other_trainer": tina.user,
            "hr_in": hr_town.user,
            "hr_out": hr_west.user,
        },
        "units": {"east": east, "west": west},
        "person": alice,
        "course": course,
        "lesson": course.lessons.order_by("order").first(),
        "quiz": quiz,
        "question": questions[0],
        "attempt_done": done,
        "attempt_open": open_attempt,
        "answer": pending,
        "framework": framework,
        "competency": competency,
        "assignment": assignment,
        "waiver": waiver,
        "certificate": certificate,
        "archive": archive,
        "export_file": export_file,
        "points": Decimal("4"),
    }


def _certificate_of(cadre, trainer):
    """A second course alice completed, with its certificate from an issuing institution."""
    from certificates.models import Institution
    from certificates.services import issue_for_completion
    from records.models import CompletionRecord

    done = Course.objects.create(
        title="Finished", slug="finished", status="published", owner=trainer.user
    )
    Institution.objects.create(name_zh="县委党校", is_active=True)
    record = CompletionRecord.objects.create(
        user=cadre.user,
        course=done,
        kind="completed",
        year=dt.date.today().year,
        hours=Decimal("1"),
        occurred_at=dt.datetime.now(dt.UTC),
    )
    return issue_for_completion(record)


def _archive_of(officer):
    """A ZIP of the certificates of the officer's units, built and ready to download."""
    from certificates.archives import build, request_archive

    archive = request_archive(officer, unit=None, course=None, year=None, language="en")
    return build(archive.pk)


def _export_file_of(officer):
    """A long XLSX of the officer's completion table, built by the worker, ready to download."""
    from records.export_files import build, request_export

    row = request_export(officer, "completions", "", "en")
    return build(row.pk)


@contextmanager
def rolled_back():
    """Whatever happens inside is undone, so every request meets the same scenario."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


_client: list[Client] = []


def client_for(user) -> Client:
    """The test client, signed in as `user` (None: anonymous). One client serves every
    request, since building one loads the middleware (WhiteNoise scans the static files); its
    cookies are cleared, so nothing of the previous persona's session is left."""
    if not _client:
        # A 500 is a result to report, not an exception that ends the loop over personas.
        _client.append(Client(raise_request_exception=False))
    client = _client[0]
    client.cookies.clear()
    if user is not None:
        client.force_login(user)
    return client


def row_digests() -> dict[str, tuple[int, str]]:
    """Each watched model's row count and a digest of every value of its rows, so that a post
    which changes a row, not only one which adds or deletes one, shows. The base manager, in
    primary key order: every row, whatever a default manager hides, in an order that needs no
    comparing of mixed values."""
    digests = {}
    for app in WATCHED_APPS:
        # With the tables of many-to-many fields: a co-owner or a competency added is a write.
        for model in apps.get_app_config(app).get_models(include_auto_created=True):
            rows = [
                # PostgreSQL reads a binary column (a seal's image) as a memoryview, whose
                # repr is its address: its bytes are what it holds.
                tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
                for row in model._base_manager.order_by("pk").values_list()
            ]
            digest = hashlib.sha256(repr(rows).encode()).hexdigest()
            digests[model._meta.label] = (len(rows), digest)
    return digests


def changed_models(before: dict, after: dict) -> list[str]:
    """The models whose rows differ between two `row_digests()`."""
    return sorted(
        label for label in before.keys() | after.keys() if before.get(label) != after.get(label)
    )
