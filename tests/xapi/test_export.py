"""`manage.py export_xapi`: the stored statements, as stored, in order, from a date, to a file."""

import datetime as dt
import json
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.helpers import study
from xapi.models import Statement

from .validation import assert_valid

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def export(*args) -> str:
    out = StringIO()
    call_command("export_xapi", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


# Three days in a row a month ago, as dates and as ISO text.
DAY1 = timezone.localdate() - dt.timedelta(days=30)
DAY2, DAY3 = DAY1 + dt.timedelta(days=1), DAY1 + dt.timedelta(days=2)


def at_nine(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9), tzinfo=SHANGHAI)  # 01:00 UTC


@pytest.fixture
def history(alice, bob, make_course):
    """Lessons studied on three days at 09:00 in Shanghai (01:00 UTC); bob's at the same
    moment as alice's first, so one timestamp is shared. The course completes now."""
    course = make_course("plain", lessons=3, title="一门课")
    lessons = list(course.lessons.order_by("order"))
    for day, lesson in zip((DAY1, DAY2, DAY3), lessons, strict=True):
        study(alice.user, lesson, now=at_nine(day))
    study(bob.user, lessons[0], now=at_nine(DAY1))
    return course


def test_the_export_is_every_statement_as_stored_in_order_and_the_same_twice(history):
    text = export()
    statements = json.loads(text)
    assert len(statements) == Statement.objects.count() == 5  # 4 lessons and alice's completion
    stored = {str(s.id): s.stored_json for s in Statement.objects.all()}
    assert all(stored[s["id"]] == s for s in statements)
    for statement in statements:
        assert_valid(statement)
    keys = [(s["timestamp"], s["id"]) for s in statements]
    assert keys == sorted(keys)
    assert keys[0][0] == keys[1][0] == f"{DAY1}T01:00:00.000Z"  # a tie, ordered by id
    assert "一门课" in text  # UTF-8, not \\u escapes
    assert export() == text  # no new ids, nothing rebuilt


def test_since_a_date_starts_at_midnight_where_the_site_is(history):
    assert len(json.loads(export("--since", str(DAY2)))) == 3  # days 2 and 3, completion
    # A moment with its own offset: day 2 at 01:00 UTC exactly is included.
    assert len(json.loads(export("--since", f"{DAY2}T01:00:00Z"))) == 3
    assert len(json.loads(export("--since", f"{DAY2}T01:00:01+00:00"))) == 2
    assert len(json.loads(export("--since", f"{DAY3}T09:00"))) == 2  # naive: Shanghai
    assert len(json.loads(export("--since", f"{DAY3}T09:00:01"))) == 1  # the completion


def test_an_empty_export_is_an_empty_array(db):
    assert json.loads(export()) == []
    assert export() == "[]\n"


@pytest.mark.parametrize(
    ("since", "message"),
    [
        ("2026-02-30", "not an ISO 8601 date"),
        ("yesterday", "not an ISO 8601 date"),
        ("03/01/2026", "not an ISO 8601 date"),
        ("1999-12-31", "before 2000-01-01"),
        ("2" * 100, "too long"),
    ],
)
def test_a_bad_since_is_refused_with_a_clear_message(db, since, message):
    with pytest.raises(CommandError, match=message):
        export("--since", since)


def test_a_since_in_the_future_is_refused(db):
    tomorrow = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    with pytest.raises(CommandError, match="in the future"):
        export("--since", tomorrow)


def test_output_writes_a_real_file_and_replaces_it_whole(history, tmp_path):
    target = tmp_path / "statements.json"
    target.write_text("old contents")
    err = StringIO()
    call_command("export_xapi", "--output", str(target), stdout=StringIO(), stderr=err)
    assert target.read_text(encoding="utf-8") == export()
    assert "5 statements written" in err.getvalue()
    assert [p.name for p in tmp_path.iterdir()] == ["statements.json"]  # no temporary left
    call_command("export_xapi", "--since", str(DAY3), "--output", str(target), stderr=StringIO())
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 2


def test_output_into_a_missing_directory_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="not a directory"):
        call_command("export_xapi", "--output", str(tmp_path / "nowhere" / "x.json"))
