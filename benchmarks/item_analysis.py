"""Benchmark the item analysis on 10,000 graded attempts of the demo quiz.

    DJANGO_SETTINGS_MODULE=training.settings .venv/bin/python -m benchmarks.item_analysis

Works on a throwaway test database (Django's test machinery; with SQLite a temporary file, so
the timing includes real disk reads as in production), never on db.sqlite3. Attempts are
bulk-created with answers drawn from a simple ability model, scored by `quizzes.scoring`, so the
figures look like a real cohort's.
"""

from __future__ import annotations

import math
import os
import random
import shutil
import tempfile
import time
import tracemalloc
from datetime import timedelta
from decimal import Decimal

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "training.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)
from django.utils import timezone  # noqa: E402

from quizzes import scoring  # noqa: E402
from quizzes.analysis import PUBLIC_FACING_KINDS, analyse_quiz  # noqa: E402
from quizzes.models import Answer, Attempt, AttemptQuestion, Option, Quiz  # noqa: E402

ATTEMPTS = int(os.environ.get("BENCH_ATTEMPTS", "10000"))
PER_USER = 4  # attempt numbers 1..4 per cadre: 2,500 cadres for 10,000 attempts
BATCH = 500  # attempts per bulk_create round, to keep the generator's own memory flat
rng = random.Random(2026)  # same data on every run


def _p(ability: float, difficulty: float) -> float:
    return 1 / (1 + math.exp(difficulty - ability))


def _answer(version, options: list[Option], ability: float, difficulty: float) -> list[str]:
    """Keys a cadre of this ability picks: right with a logistic probability."""
    p = _p(ability, difficulty)
    kind = version.kind
    if kind == "single":
        right = [o.key for o in options if o.is_correct]
        wrong = [o.key for o in options if not o.is_correct]
        return [rng.choice(right if rng.random() < p else wrong)]
    if kind == "multiple":
        return [o.key for o in options if rng.random() < (p if o.is_correct else (1 - p) * 0.5)]
    if kind == "decision":
        picked = []
        for group in (Option.Group.DECISION, Option.Group.REASON):
            right = [o.key for o in options if o.group == group and o.is_correct]
            wrong = [o.key for o in options if o.group == group and not o.is_correct]
            if rng.random() < p or not wrong:
                picked.append(rng.choice(right))
            elif (
                group == Option.Group.DECISION
                and version.unit_kind in PUBLIC_FACING_KINDS
                and rng.random() < 0.6
            ):
                picked.append(wrong[0])  # a shared misconception the report should surface
            else:
                picked.append(rng.choice(wrong))
        return picked
    return []


def populate(quiz: Quiz) -> None:
    versions = [slot.question.current for slot in quiz.slots.select_related("question__current")]
    options = {v.pk: list(v.options.all()) for v in versions}
    difficulty = {v.pk: rng.uniform(-1.5, 1.5) for v in versions}
    max_score = sum((v.points for v in versions), Decimal(0))
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"bench-{i:05d}", password="!")  # unusable password
        for i in range(math.ceil(ATTEMPTS / PER_USER))
    )
    now = timezone.now()
    for start in range(0, ATTEMPTS, BATCH):
        with transaction.atomic():
            attempts, plans = [], []
            for i in range(start, min(start + BATCH, ATTEMPTS)):
                ability = rng.gauss(0, 1)
                plan = []
                total = Decimal(0)
                for v in versions:
                    selected = _answer(v, options[v.pk], ability, difficulty[v.pk])
                    share = scoring.fraction(v, options[v.pk], selected)
                    if share is None:  # written: a grader's mark, in quarters of the points
                        share = Decimal(round(4 * _p(ability, difficulty[v.pk]))) / 4
                    score = scoring.points_for(share, v.points)
                    total += score
                    plan.append((v, selected, score))
                percent = (100 * total / max_score).quantize(scoring.CENT)
                attempts.append(
                    Attempt(
                        quiz=quiz,
                        user=users[i // PER_USER],
                        number=i % PER_USER + 1,
                        status=Attempt.Status.GRADED,
                        started_at=now - timedelta(minutes=30),
                        submitted_at=now,
                        score=total,
                        max_score=max_score,
                        percent=percent,
                        passed=percent >= quiz.pass_mark,
                    )
                )
                plans.append(plan)
            Attempt.objects.bulk_create(attempts)
            aqs, answers = [], []
            for attempt, plan in zip(attempts, plans, strict=True):
                for order, (v, _selected, _score) in enumerate(plan, start=1):
                    aqs.append(
                        AttemptQuestion(
                            attempt=attempt,
                            order=order,
                            version=v,
                            points=v.points,
                            option_order=[o.key for o in options[v.pk]],
                        )
                    )
            AttemptQuestion.objects.bulk_create(aqs)
            flat = [(v, s, sc) for plan in plans for (v, s, sc) in plan]
            for aq, (v, selected, score) in zip(aqs, flat, strict=True):
                answers.append(
                    Answer(
                        attempt_question=aq,
                        selected=selected,
                        score=score,
                        saved_at=now,
                        text="My view…" if v.kind == "written" else "",
                    )
                )
            Answer.objects.bulk_create(answers)


def main() -> None:
    setup_test_environment()
    workdir = None
    if connection.vendor == "sqlite":
        # A file rather than the in-memory default: timings then include real page reads.
        workdir = tempfile.mkdtemp(prefix="item-analysis-")
        connection.settings_dict.setdefault("TEST", {})["NAME"] = os.path.join(workdir, "db")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        quiz = Quiz.objects.get(course__slug="paperless-office")
        started = time.perf_counter()
        populate(quiz)
        print(f"populated in {time.perf_counter() - started:.1f} s")
        print(
            f"rows: {Attempt.objects.count():,} attempts, "
            f"{AttemptQuestion.objects.count():,} attempt questions, "
            f"{Answer.objects.count():,} answers, {quiz.slots.count()} questions in the quiz"
        )
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                report = analyse_quiz(quiz)
            timings.append(time.perf_counter() - started)
        tracemalloc.start()
        analyse_quiz(quiz)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"analyse_quiz: {', '.join(f'{t:.2f}' for t in timings)} s (3 runs)")
        print(f"queries: {len(queries)}")
        print(f"peak Python memory (tracemalloc): {peak / 2**20:.1f} MiB")
        print(f"attempts analysed: {report.attempts:,}; mean score {report.mean_percent:.1f} %")
        for q in report.questions[:3]:
            print(
                f"  Q{q.number} {q.kind:<8} n={q.n} facility={q.facility:.1f} "
                f"discrimination={q.discrimination:.1f}"
            )
        flagged = [m.unit_kind for m in report.misconceptions if m.flagged]
        print(f"flagged kinds of unit: {', '.join(flagged) or 'none'}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
        if workdir:
            shutil.rmtree(workdir, ignore_errors=True)  # WAL and shared-memory files too


if __name__ == "__main__":
    main()
