"""Helpers for tests: studying a lesson as the site requires, and fresh interpreters that
read settings from the environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Variables a test run sets for itself that must not leak into a "production" subprocess.
_TEST_ONLY = {"DEBUG", "SECRET_KEY", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def subprocess_env(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _TEST_ONLY}
    env["DJANGO_SETTINGS_MODULE"] = "training.settings"
    env.update(overrides)
    return env


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=subprocess_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=subprocess_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def opened(user, lesson, *, before=None):
    """`user` first opened `lesson` long enough before `before` (default: now) to have read
    it, so marking it studied is accepted. An earlier opening already recorded is moved back
    if it is too recent: tests only, the site never moves one."""
    import datetime as dt

    from django.utils import timezone

    from courses.models import LessonOpening
    from courses.services import lesson_open

    at = (before or timezone.now()) - dt.timedelta(seconds=lesson.reading_seconds + 1)
    opening = lesson_open(user=user, lesson=lesson, now=at)
    if opening.opened_at > at:
        LessonOpening.objects.filter(pk=opening.pk).update(opened_at=at)
        opening.opened_at = at
    return opening


def study(user, lesson, now=None):
    """Study `lesson` as the site requires it: opened in the past, then marked studied (at
    `now` when given). Returns what `lesson_mark_studied` returns.

    Reading counts from the later of the opening and the previous lesson marked studied
    (`courses.services.studied_from`), so lessons studied back to back in a test would wait
    for each other: the lessons of the course this cadre marked studied too recently are moved
    back to when this one's reading must have begun. Tests only; the site never moves one."""
    import datetime as dt

    from django.utils import timezone

    from courses.models import LessonProgress
    from courses.reading import minimum_seconds
    from courses.services import lesson_mark_studied

    opened(user, lesson, before=now)
    began = (now or timezone.now()) - dt.timedelta(
        seconds=minimum_seconds(lesson.reading_seconds) + 1
    )
    LessonProgress.objects.filter(
        user=user, lesson__course_id__in=lesson.course.family_ids(), studied_at__gt=began
    ).exclude(lesson=lesson).update(studied_at=began)
    return lesson_mark_studied(user=user, lesson=lesson, now=now)
