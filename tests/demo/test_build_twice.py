"""`manage.py demo` is safe to run again: a second run changes nothing.

This test writes (it runs the demo itself), so it starts from an empty database, outside the
folder whose tests share one demo (tests/demo/built/).
"""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from certificates.models import Certificate, Institution
from courses.models import LessonProgress
from people.models import OrgUnit, Profile
from quizzes.models import Answer, Attempt, Question, Quiz, QuizSlot, ScoreChange
from records.models import Assignment, CompletionRecord, Reminder
from xapi.models import Statement

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    """The people as the demo sets them up, and how many rows of everything else it made."""
    User = get_user_model()
    models = (
        Quiz,
        Question,
        QuizSlot,
        CompletionRecord,
        Attempt,
        Reminder,
        Assignment,
        LessonProgress,
        Answer,
        ScoreChange,
        Statement,  # the backfill after the replay is idempotent too
        Certificate,  # one per completion, the missing ones issued once
        Institution,
    )
    return {
        "users": list(User.objects.order_by("username").values_list("username", "password")),
        "units": list(OrgUnit.objects.values_list("code", "name", "kind", "path")),
        "profiles": list(
            Profile.objects.order_by("user__username").values_list(
                "user__username",
                "staff_number",
                "full_name",
                "unit__code",
                "rank",
                "is_leader",
                "is_cadre",
                "is_trainer",
                "is_hr",
            )
        ),
        "hr_units": list(
            Profile.hr_units.through.objects.order_by("profile_id", "orgunit_id").values_list(
                "profile__user__username", "orgunit__code"
            )
        ),
        "counts": {m.__name__: m.objects.count() for m in models},
    }


def test_running_demo_twice_changes_nothing():
    assert not OrgUnit.objects.exists()
    call_command("demo", stdout=StringIO())
    first = snapshot()
    assert first["counts"]["Question"] and first["counts"]["CompletionRecord"]
    assert first["counts"]["Statement"]
    call_command("demo", stdout=StringIO())
    assert snapshot() == first


def test_running_demo_again_fills_missing_staff_numbers_and_keeps_others():
    """A demo built before staff numbers existed gets them; one HR changed since is kept."""
    call_command("demo", stdout=StringIO())
    Profile.objects.filter(user__username="cadre").update(staff_number="")
    Profile.objects.filter(user__username="cadre2").update(staff_number="HK-77")
    call_command("demo", stdout=StringIO())
    numbers = dict(Profile.objects.values_list("user__username", "staff_number"))
    assert numbers["cadre"] == "QS-0001" and numbers["cadre2"] == "HK-77"
    assert numbers["cadre-01"] == "QS-1001" and numbers["cadre-38"] == "QS-1038"
