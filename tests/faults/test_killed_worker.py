"""A gunicorn worker killed in the middle of grading a quiz leaves nothing half-done.

A real gunicorn serves the test database. The cadre has studied every lesson and saved passing
answers, so submitting grades the attempt and writes the course's completion in one transaction.
The test holds an uncommitted completion line for the same cadre and course in its own
connection: the worker's submission scores every answer, marks the attempt graded, then waits on
the ledger's unique index. At that moment the worker process is killed (SIGKILL, not the master).
Its transaction never commits: the attempt is still open, with no score, no answer graded and no
completion. A second submission (through the worker the master starts again) grades it
completely: the status, a score equal to the sum of the answers' scores, and one completion line.

PostgreSQL only: it needs row locks and a database another process can reach while the test
holds a transaction open.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
from decimal import Decimal
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from quizzes.models import Answer, Attempt
from quizzes.services import attempt_save
from records.models import CompletionRecord
from tests.conftest import PASSWORD
from tests.helpers import ROOT, study, subprocess_env
from tests.quizzes.conftest import answers_for

pytestmark = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL: row locks and a database gunicorn can share with the test",
)

TIMEOUT = 30  # seconds for any one step: a step that takes longer fails the test, never hangs it
PASSING = {"quota": ["b"], "measures": ["a", "b", "c"], "blocks": ["keep", "r1"]}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(predicate, what: str, timeout: float = TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (name) state ppid ...": the name may hold spaces, so split after its ")".
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


class Gunicorn:
    """gunicorn on a free loopback port, one sync worker, serving the test database."""

    def __init__(self, log: Path, **extra_env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log.open("w")
        env = subprocess_env(
            # The test hasher (alice's password), static files without a manifest.
            DJANGO_SETTINGS_MODULE="tests.settings",
            DATABASE_URL=database_url(),
            SECRET_KEY="killed-worker-" + "x" * 40,
            ALLOWED_HOSTS="127.0.0.1",
            DEBUG="0",
            SECURE_SSL_REDIRECT="0",
            SESSION_COOKIE_SECURE="0",
            CSRF_COOKIE_SECURE="0",
            **extra_env,
        )
        self.process = subprocess.Popen(
            [str(ROOT / ".venv/bin/gunicorn"), "training.wsgi", "--bind", f"127.0.0.1:{self.port}"]
            + ["--workers", "1", "--worker-class", "sync", "--timeout", "120"]
            + ["--no-control-socket"],  # several servers may run on one machine
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def ready(self) -> None:
        def answers() -> bool:
            assert self.process.poll() is None, "gunicorn exited; see its log"
            try:
                return requests.get(f"{self.url}/healthz", timeout=2).status_code == 200
            except (requests.ConnectionError, requests.Timeout):
                # Not listening yet, or listening but still loading the site: a cold worker's
                # first answer can take longer than the probe waits on a loaded machine.
                return False

        wait_for(answers, "gunicorn to answer /healthz")

    def worker(self) -> int:
        workers = wait_for(lambda: children_of(self.process.pid), "a gunicorn worker")
        assert len(workers) == 1, workers
        return workers[0]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.log.close()


def logged_in(base: str, username: str) -> requests.Session:
    browser = requests.Session()
    browser.get(f"{base}/accounts/login/", timeout=TIMEOUT)
    response = browser.post(
        f"{base}/accounts/login/",
        {
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
        timeout=TIMEOUT,
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:500]
    return browser


def post(browser: requests.Session, url: str, **data) -> requests.Response:
    data["csrfmiddlewaretoken"] = browser.cookies["csrftoken"]
    return browser.post(url, data, timeout=TIMEOUT, allow_redirects=False)


def waiting_backend(conninfo: str) -> int | None:
    """The server process of a connection waiting for a lock to write a completion line."""
    import psycopg

    with psycopg.connect(conninfo, autocommit=True) as watcher:
        row = watcher.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock' AND query ILIKE %s",
            ['INSERT INTO "records_completionrecord"%'],
        ).fetchone()
    return row[0] if row else None


def backend_alive(conninfo: str, pid: int) -> bool:
    import psycopg

    with psycopg.connect(conninfo, autocommit=True) as watcher:
        return bool(
            watcher.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone()
        )


def assert_open_or_fully_graded(attempt: Attempt) -> str:
    attempt.refresh_from_db()
    answers = list(Answer.objects.filter(attempt_question__attempt=attempt))
    completions = CompletionRecord.objects.filter(
        user=attempt.user, course=attempt.quiz.course, kind=CompletionRecord.Kind.COMPLETED
    )
    if attempt.status == Attempt.Status.IN_PROGRESS:
        assert attempt.score is None and attempt.submitted_at is None
        assert all(a.score is None for a in answers), "answers graded on an open attempt"
        assert not completions.exists()
        return "open"
    assert attempt.status == Attempt.Status.GRADED
    assert all(a.score is not None for a in answers)
    assert attempt.score == sum((a.score for a in answers), Decimal(0))
    assert completions.count() == 1
    assert completions.get().evidence  # the rule and the attempt that passed
    return "graded"


def test_a_worker_killed_while_grading_leaves_the_attempt_open_then_it_grades_whole(
    transactional_db, alice, quiz, tmp_path
):
    for lesson in quiz.course.lessons.all():
        study(alice.user, lesson)
    conninfo = database_url()
    server = Gunicorn(tmp_path / "gunicorn.log")
    try:
        server.ready()
        browser = logged_in(server.url, "alice")
        started = post(browser, f"{server.url}/quizzes/{quiz.pk}/start/")
        assert started.status_code == 302, started.text[:500]
        attempt = Attempt.objects.get(user=alice.user, quiz=quiz)
        assert attempt_save(attempt=attempt, answers=answers_for(attempt, PASSING)).stored

        outcome: dict = {}

        def submit() -> None:
            try:
                outcome["response"] = post(
                    browser, f"{server.url}/attempts/{attempt.pk}/submit/", **{"from": "summary"}
                )
            except requests.RequestException as error:
                outcome["error"] = error

        with transaction.atomic():
            # The test's own uncommitted completion line: the worker's insert of the same
            # (cadre, course) waits on the unique index, deep inside its transaction.
            blocker = CompletionRecord.objects.create(
                user=alice.user,
                course=quiz.course,
                kind=CompletionRecord.Kind.COMPLETED,
                year=timezone.now().year,
                hours=Decimal(0),
                occurred_at=timezone.now(),
                evidence={},
            )
            worker = server.worker()
            thread = threading.Thread(target=submit, daemon=True)
            thread.start()
            backend = wait_for(lambda: waiting_backend(conninfo), "the worker to wait on the lock")
            os.kill(worker, signal.SIGKILL)
            wait_for(lambda: "error" in outcome or "response" in outcome, "the request to end")
            transaction.set_rollback(True)  # releases the lock, the blocker never existed
        assert blocker.pk
        assert "error" in outcome, "the killed worker cannot have answered"
        # The worker's server process finds its client gone and rolls back.
        wait_for(lambda: not backend_alive(conninfo, backend), "the worker's transaction to end")

        assert assert_open_or_fully_graded(attempt) == "open"
        assert Answer.objects.filter(attempt_question__attempt=attempt).exclude(selected=[]).count()

        # The master starts a new worker; submitting again grades the attempt completely.
        server.ready()
        assert server.worker() != worker
        again = post(browser, f"{server.url}/attempts/{attempt.pk}/submit/", **{"from": "summary"})
        assert again.status_code == 302, again.text[:500]
        assert assert_open_or_fully_graded(attempt) == "graded"
        assert attempt.passed
    finally:
        server.stop()
