"""The demo's history leaves the site as xAPI statements that ralph-malph accepts, each dated
when its event happened in the replayed past (the demo backfills them after the replay).

Here rather than in tests/xapi/ to read the one demo this folder builds (conftest.py)."""

import datetime as dt
import json
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from courses.models import LessonProgress
from quizzes.models import Attempt
from records.models import CompletionRecord
from tests.xapi.validation import assert_valid
from xapi.models import Statement
from xapi.services import backfill, graded_moment

pytestmark = pytest.mark.django_db
MILLISECOND = dt.timedelta(milliseconds=1)


def exported() -> list[dict]:
    out = StringIO()
    call_command("export_xapi", stdout=out)
    return json.loads(out.getvalue())


def test_the_demo_history_exports_entirely_valid_and_the_same_twice(demo):
    statements = exported()
    assert len(statements) == Statement.objects.count()
    for statement in statements:
        assert_valid(statement)
    verbs = Counter(s["verb"]["id"].rsplit("/", 1)[1] for s in statements)
    assert set(verbs) == {"experienced", "answered", "passed", "failed", "completed"}
    assert verbs["completed"] == CompletionRecord.objects.filter(kind="completed").count()
    assert verbs["experienced"] == LessonProgress.objects.count()
    assert verbs["passed"] + verbs["failed"] == Attempt.objects.filter(status="graded").count()
    assert {s["context"]["language"] for s in statements} == {"zh-CN", "en"}
    assert exported() == statements
    assert backfill() == 0  # every event has its statement already


def test_each_statement_is_dated_when_its_event_happened_not_when_the_demo_ran(demo):
    def moment(statement: Statement) -> dt.datetime:
        return dt.datetime.fromisoformat(statement.stored_json["timestamp"])

    rows = {
        "lesson_experienced": {p.pk: p.studied_at for p in LessonProgress.objects.all()},
        "quiz_result": {a.pk: graded_moment(a) for a in Attempt.objects.filter(status="graded")},
        "course_completed": dict(CompletionRecord.objects.values_list("pk", "occurred_at")),
    }
    for statement in Statement.objects.filter(event__in=rows):
        happened = rows[statement.event][statement.event_pk]
        assert dt.timedelta(0) <= happened - moment(statement) < MILLISECOND
    # Written answers were graded by the trainer days after the submit: their results say so.
    delayed = [
        s
        for s in Statement.objects.filter(event="quiz_result").select_related()
        if moment(s) - Attempt.objects.get(pk=s.event_pk).submitted_at > dt.timedelta(hours=1)
    ]
    assert delayed


def test_the_login_accounts_have_no_statements(demo):
    assert not Statement.objects.filter(user__username__in=["cadre", "cadre2"]).exists()
