"""The site's pages under load, at several sizes of organisation: `manage.py bench`.

    .venv/bin/python manage.py bench                          # 1,000 and 10,000 cadres, SQLite
    .venv/bin/python manage.py bench --cadres 1000,10000,100000 --json bench.json
    .venv/bin/python manage.py bench --cadres 200 --short     # what the test suite runs
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/13 \\
        .venv/bin/python manage.py bench

For each size N in --cadres:

1. A fresh database (`benchmarks.load.run.Database`): an SQLite file in a temporary folder, or
   `cadre_bench_<N>_<pid>` on the PostgreSQL server DATABASE_URL names, dropped at the end.
   `migrate`, then `seed_scale --cadres N` (a province of N cadres with a year of history).
2. Setup, in a subprocess on that database (`python -m benchmarks.bench.run --prepare`): open
   attempts started for many cadres (`quizzes.services.attempt_start`, as the Start button
   does), a signed-in session for each person the workloads use (Django's `force_login`:
   hundreds of cadres, where a real login would spend the run hashing passwords), and the
   queries each workload's request makes, counted in process: Django's test client against
   the same database and settings, inside `CaptureQueriesContext`, the second of two like
   requests (the first warms the caches), an export read to its end.
3. gunicorn on a free loopback port, 2 workers × 4 threads (gthread), production settings
   (DEBUG off, the static files collected, the database above, REDIS_URL when set), serving
   `benchmarks.bench.wsgi`: the site plus two baselines, `/__bench/bare` (a view that does
   nothing, behind the site's whole middleware, signed in) and `/__bench/none` (answered
   before Django: gunicorn, the network and this driver alone).
4. Each workload for S seconds (--seconds, default 10; --short 3) over 8 concurrent
   connections from threads of this process (http.client), a new one for each request, as
   nginx configured as the README says opens them (kept alive, a connection stays with the
   worker that took it, and one worker of two could take all eight). Each request carries its
   person's cookies and, for a post, the CSRF token of its page (or cookie); a request still
   running at S seconds is waited for. The two exports, one long request each, run on 2
   connections (one per worker), so their rows/s, first byte and memory are an export's own.
   Before the clock starts each connection makes one untimed request (not for submit, nor the
   exports), and the workers' peak RSS (VmHWM) is reset through /proc/<pid>/clear_refs, so the
   peak is the workload's.

Per workload: requests/s, p50/p95/p99 latency, queries per request, the workers' peak RSS
during it and how far it rose above their RSS before it, requests/s as a ratio to each
baseline, and the CPU each worker and this driver used meanwhile (in cores: on a small machine
the driver competes with the server, and a loaded machine shows here); for the exports, rows
per export, rows/s and the time to the first byte. Exits 1, saying which, when a workload had
a server error (5xx), a connection error or an unexpected answer (a redirect to the login page,
a save not stored, ...), or gunicorn logged a traceback.
"""

from __future__ import annotations

import contextlib
import http.client
import io
import json
import math
import os
import platform
import random
import re
import secrets
import shutil
import sqlite3
import string
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from benchmarks.load.run import (
    PYTHON,
    Database,
    build_static,
    run,
    site_env,
    start_gunicorn,
    stop,
)

SETTINGS = "benchmarks.bench.settings"
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
WSGI = "benchmarks.bench.wsgi"
WORKERS, THREADS, CONNECTIONS = 2, 4, 8
# An export of the whole province is one long request (seconds to minutes): as many at once as
# there are workers, so its rows/s, first byte and memory are an export's, not four queued.
EXPORT_CONNECTIONS = WORKERS
DEFAULT_CADRES = [1_000, 10_000]
DEFAULT_SECONDS, SHORT_SECONDS = 10.0, 3.0
LESSON_CADRES = 64  # cadres whose lessons and My progress are read, spread over the province
SAVE_ATTEMPTS = 64  # attempts the answer saves go to (8 per connection)
ATTEMPTS_PER_SECOND = 60  # open attempts prepared per second of a workload, for submit
LANGUAGE = "zh-hans"  # as the province's cadres read the site
ROOT_HR, TOWNSHIP_HR = "scale-hr", "scale-hr-1"
CADRE_NAME = re.compile(r"^scale-[0-9]{6}$")
TEXT = "合并重复报送的工作群，保留群众使用的服务群。"

# name, what it asks for; the two baselines first, the ratios' denominators.
WORKLOADS = [
    ("bare", "/__bench/none: no Django, no middleware"),
    ("middleware", "/__bench/bare: a view doing nothing behind the whole middleware"),
    ("lesson", "a lesson page, as a cadre"),
    ("attempt_page", "an open attempt's page"),
    ("answer_save", "an autosave: the attempt form's fields, sequence one higher"),
    ("submit", "Submit and finish (from the summary), once per prepared attempt"),
    ("results", "the results of a submitted attempt"),
    ("progress", "My progress"),
    ("dashboard_root", "HR dashboard, officer of the whole province"),
    ("dashboard_township", "HR dashboard, officer of one township"),
    ("completions_overdue", "completion table, ?status=overdue, whole province"),
    ("ledger", "hours ledger, whole province"),
    ("export_csv", "completions.csv, everything, whole province"),
    ("export_xlsx", "completions.xlsx, everything, whole province"),
]
BASELINES = {"bare", "middleware"}
EXPORTS = {"export_csv", "export_xlsx"}


# --- The attempt page's form, as the browser's FormData posts it ---------------------------


class AttemptForm(HTMLParser):
    """The fields of `#attempt-form` in document order: hidden inputs (the CSRF token,
    `sequence`, each question's `q<pk>_shown`), radio and checkbox groups, text areas."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.action = ""
        self.sequence = 0
        self.fields: list[tuple[str, str, str]] = []  # (kind, name, value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("id") == "attempt-form":
            self.inside = True
            self.action = a.get("action", "")
            self.sequence = int(a.get("data-sequence") or 0)
        elif self.inside and tag == "textarea" and a.get("name"):
            self.fields.append(("textarea", a["name"], ""))
        elif self.inside and tag == "input" and a.get("name"):
            self.fields.append((a.get("type", "text"), a["name"], a.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False

    @property
    def token(self) -> str:
        return next((v for _k, n, v in self.fields if n == "csrfmiddlewaretoken"), "")

    def answers(self, rng: random.Random, sequence: int) -> list[tuple[str, str]]:
        """What the page posts after the cadre has answered every question: one option of
        each radio group, some of each checkbox group (flags left unticked), text in each
        text area, every hidden field, and the save's number."""
        groups: dict[str, tuple[str, list[str]]] = {}
        for kind, name, value in self.fields:
            if kind in {"radio", "checkbox"} and not name.endswith("_flag"):
                groups.setdefault(name, (kind, []))[1].append(value)
        chosen = {
            name: [rng.choice(values)]
            if kind == "radio"
            else rng.sample(values, rng.randint(1, len(values)))
            for name, (kind, values) in groups.items()
        }
        out: list[tuple[str, str]] = []
        for kind, name, value in self.fields:
            if name == "sequence":
                out.append((name, str(sequence)))
            elif kind == "hidden":
                out.append((name, value))
            elif kind == "textarea":
                out.append((name, f"{TEXT}（{rng.randint(1, 10**6)}）"))
            elif name in chosen and value in chosen[name]:
                out.append((name, value))
        return out


def multipart(fields: list[tuple[str, str]]) -> tuple[bytes, str]:
    """A multipart/form-data body, as `fetch` sends a FormData."""
    boundary = "----benchBoundary" + secrets.token_hex(8)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields
    ]
    body = ("".join(parts) + f"--{boundary}--\r\n").encode()
    return body, f"multipart/form-data; boundary={boundary}"


# --- Setup, in a subprocess on the benchmark's database ------------------------------------


def prepare(out: Path, attempts_wanted: int) -> None:
    """Attempts, sessions and query counts for the driver, written to `out` as JSON."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from courses.models import Course, Lesson
    from quizzes.models import Attempt, Quiz
    from quizzes.services import AttemptRefused, attempt_start

    started = time.perf_counter()
    User = get_user_model()
    users = {
        u.username: u
        for u in User.objects.filter(username__startswith="scale-").order_by("username")
    }
    cadres = [u for name, u in users.items() if CADRE_NAME.match(name)]
    for name in (ROOT_HR, TOWNSHIP_HR):
        if name not in users:
            raise SystemExit(f"seed_scale wrote no {name}: cannot read HR's pages")
    random.Random(1).shuffle(cadres)  # spread over the province's units, the same every run

    quizzes = list(Quiz.objects.published().select_related("course").order_by("pk"))
    if not quizzes:
        raise SystemExit("seed_scale wrote no published quiz")
    open_attempts: list[Attempt] = []
    for index, user in enumerate(cadres):
        if len(open_attempts) >= attempts_wanted + 2:
            break
        mine = 0
        for quiz in quizzes[index % len(quizzes) :] + quizzes[: index % len(quizzes)]:
            try:
                attempt = attempt_start(quiz=quiz, user=user)
            except AttemptRefused:
                continue
            open_attempts.append(attempt)
            mine += 1
            if mine == 2 or len(open_attempts) >= attempts_wanted + 2:
                break
    if len(open_attempts) < 4:
        raise SystemExit(f"only {len(open_attempts)} attempts could be started")
    # Two for the query counts (one submitted to warm up, one measured), the rest for the load.
    probes, open_attempts = open_attempts[:2], open_attempts[2:]

    published = Lesson.objects.filter(course__status=Course.Status.PUBLISHED)
    readers = []
    for user in cadres[:LESSON_CADRES]:
        lessons = list(
            published.filter(course__enrolments__user=user).select_related("course")[:4]
        ) or list(published.select_related("course").order_by("?")[:4])
        readers.append((user, [lesson.get_absolute_url() for lesson in lessons]))

    sessions: dict[int, str] = {}

    def session(user) -> str:
        if user.pk not in sessions:
            client = Client()
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            sessions[user.pk] = client.cookies[settings.SESSION_COOKIE_NAME].value
        return sessions[user.pk]

    plan = {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "readers": [{"session": session(u), "lessons": urls} for u, urls in readers],
        "attempts": [
            {"session": session(a.user), "attempt": a.pk, "url": a.get_absolute_url()}
            for a in open_attempts
        ],
        "hr_root": session(users[ROOT_HR]),
        "hr_township": session(users[TOWNSHIP_HR]),
        "queries": count_queries(
            Client, CaptureQueriesContext, connection, probes, readers[0], users
        ),
    }
    out.write_text(json.dumps(plan))
    print(
        f"  prepared {len(open_attempts)} open attempts, {len(sessions)} sessions "
        f"in {time.perf_counter() - started:.1f} s",
        flush=True,
    )


def count_queries(Client, CaptureQueriesContext, connection, probes, reader, users) -> dict:
    """The queries of one request of each workload: the second of two like requests."""
    reader_user, lessons = reader
    first, second = probes

    def client_for(user):
        client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE=LANGUAGE)
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    def measure(client, method: str, path: str, data=None, status=200, **extra) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = getattr(client, method)(path, data, **extra)
            if response.streaming:
                b"".join(response.streaming_content)
            response.close()
        if response.status_code != status:
            raise SystemExit(f"{method.upper()} {path} answered {response.status_code}")
        return len(queries.captured_queries)

    def twice(client, method: str, path: str, data_for=lambda n: None, **extra) -> int:
        measure(client, method, path, data_for(1), **extra)
        return measure(client, method, path, data_for(2), **extra)

    reading = client_for(reader_user)
    one, two = client_for(first.user), client_for(second.user)
    root, township = client_for(users[ROOT_HR]), client_for(users[TOWNSHIP_HR])
    form = AttemptForm()
    form.feed(one.get(first.get_absolute_url()).content.decode())
    rng = random.Random(2)
    counts = {
        "bare": 0,  # answered before Django: no database at all
        "middleware": twice(reading, "get", "/__bench/bare"),
        "lesson": twice(reading, "get", lessons[0]),
        "attempt_page": twice(one, "get", first.get_absolute_url()),
        "answer_save": twice(
            one,
            "post",
            form.action,
            lambda n: dict(_grouped(form.answers(rng, form.sequence + n))),
            HTTP_ACCEPT="application/json",
        ),
    }
    summary = {"from": "summary"}
    measure(one, "post", f"/attempts/{first.pk}/submit/", summary, status=302)
    counts["submit"] = measure(two, "post", f"/attempts/{second.pk}/submit/", summary, status=302)
    counts["results"] = twice(two, "get", f"/attempts/{second.pk}/results/")
    counts["progress"] = twice(reading, "get", "/progress/")
    counts["dashboard_root"] = twice(root, "get", "/records/")
    counts["dashboard_township"] = twice(township, "get", "/records/")
    counts["completions_overdue"] = twice(root, "get", "/records/completions/?status=overdue")
    counts["ledger"] = twice(root, "get", "/records/hours/")
    counts["export_csv"] = twice(root, "get", "/records/export/completions.csv")
    counts["export_xlsx"] = twice(root, "get", "/records/export/completions.xlsx")
    return counts


def _grouped(fields: list[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, value in fields:
        out.setdefault(name, []).append(value)
    return out


# --- The driver ----------------------------------------------------------------------------


class Person:
    """One signed-in browser: its cookies, kept up to date from each answer's Set-Cookie."""

    def __init__(self, session_cookie: str, csrf_cookie: str, session: str) -> None:
        self.csrf_cookie = csrf_cookie
        self.cookies = {session_cookie: session}
        self.token = ""  # the CSRF token of the last form read, else the cookie's secret

    def header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def csrf(self) -> str:
        if self.csrf_cookie not in self.cookies:
            # Django accepts a well-formed secret a browser brings (and then keeps it).
            alphabet = string.ascii_letters + string.digits
            self.cookies[self.csrf_cookie] = "".join(secrets.choice(alphabet) for _ in range(32))
        return self.token or self.cookies[self.csrf_cookie]

    def update(self, response: http.client.HTTPResponse) -> None:
        for line in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(line).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)


@dataclass
class Request:
    person: Person
    path: str
    method: str = "GET"
    body: bytes | None = None
    content_type: str = ""
    accept: str = "text/html"
    # Called with (status, headers, body): an error message, or None when the answer is right.
    check: Callable[[int, http.client.HTTPMessage, bytes], str | None] | None = None
    rows: str = ""  # "csv" or "xlsx": count the rows of the export, keep no body


def expect(status: int, *, location: str = "", json_stored: bool = False):
    def check(got: int, headers, body: bytes) -> str | None:
        if got != status:
            where = headers.get("Location", "")
            return f"answered {got}" + (f" (to {where})" if where else "")
        if location and location not in headers.get("Location", ""):
            return f"redirected to {headers.get('Location', '')!r}, not to {location}"
        if json_stored and not json.loads(body).get("stored"):
            return f"save not stored: {body[:200]!r}"
        return None

    return check


@dataclass
class Outcome:
    name: str
    connections: int = CONNECTIONS
    latencies: list[float] = field(default_factory=list)
    ttfb: list[float] = field(default_factory=list)
    rows: int = 0
    elapsed: float = 0.0
    server_errors: int = 0
    connection_errors: int = 0
    wrong: int = 0
    messages: list[str] = field(default_factory=list)
    rss_mb: float = 0.0
    rss_growth_mb: float = 0.0
    worker_cores: list[float] = field(default_factory=list)  # CPU each worker used, in cores
    driver_cores: float = 0.0  # CPU this process (the driver) used meanwhile, in cores
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def note(self, message: str) -> None:
        if len(self.messages) < 5:
            self.messages.append(message)

    @property
    def failures(self) -> int:
        return self.server_errors + self.connection_errors + self.wrong


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)  # nearest rank
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def count_rows(kind: str, response: http.client.HTTPResponse) -> int:
    """Data rows of an export, read as it arrives (CSV) or from the whole file (XLSX)."""
    if kind == "csv":
        lines = 0
        while chunk := response.read(1 << 16):
            lines += chunk.count(b"\n")
        return max(0, lines - 1)  # the header
    with zipfile.ZipFile(io.BytesIO(response.read())) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/sheet")]
        return sum(max(0, book.read(n).count(b"<row ") - 1) for n in sheets)


class Server:
    """The gunicorn the workloads talk to, and its workers' memory."""

    def __init__(self, process: subprocess.Popen, url: str) -> None:
        self.process = process
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80

    def workers(self) -> list[int]:
        pid = self.process.pid
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            return [int(c) for c in children]
        except OSError:
            return [
                int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and _ppid(p) == pid
            ]

    @staticmethod
    def memory(pid: int) -> dict[str, float]:
        """VmRSS and VmHWM of a process, in MB."""
        out = {}
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                key, _, value = line.partition(":")
                if key in {"VmRSS", "VmHWM"}:
                    out[key] = int(value.split()[0]) / 1024
        except OSError:
            pass
        return out

    def reset_peaks(self) -> dict[int, float]:
        """Each worker's RSS now, its peak (VmHWM) reset to it where Linux allows."""
        before = {}
        for pid in self.workers():
            # Where Linux refuses, VmHWM stays the worker's peak since it started.
            with contextlib.suppress(OSError):
                Path(f"/proc/{pid}/clear_refs").write_text("5")
            before[pid] = self.memory(pid).get("VmRSS", 0.0)
        return before

    def cpu(self) -> dict[int, float]:
        """Each worker's CPU time so far (user and system), in seconds."""
        out = {}
        for pid in self.workers():
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                out[pid] = (int(fields[11]) + int(fields[12])) / TICKS
        return out

    def peaks(self, before: dict[int, float]) -> tuple[float, float]:
        """The highest peak RSS of the workers, and the most one rose above its RSS before."""
        peak, growth = 0.0, 0.0
        for pid in self.workers():
            hwm = self.memory(pid).get("VmHWM", 0.0)
            peak = max(peak, hwm)
            if pid in before:
                growth = max(growth, hwm - before[pid])
        return peak, growth


def _ppid(proc: Path) -> int:
    try:
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1


def send(server: Server, request: Request, outcome: Outcome) -> None:
    """One request on a connection of its own, and its answer; records the latency and any
    failure. A connection per request, as nginx configured as the README says talks to
    gunicorn: a kept-alive one stays with the worker that accepted it, and in trials one
    worker of two took all eight while the other idled."""
    headers = {
        "Cookie": request.person.header(),
        "Accept": request.accept,
        "Accept-Language": LANGUAGE,
        "Connection": "close",
    }
    if request.body is not None:
        headers["Content-Type"] = request.content_type
    connection = http.client.HTTPConnection(server.host, server.port, timeout=600)
    start = time.perf_counter()
    try:
        connection.request(request.method, request.path, body=request.body, headers=headers)
        response = connection.getresponse()
        first = time.perf_counter()
        if request.rows:
            rows, body = count_rows(request.rows, response), b""
        else:
            rows, body = 0, response.read()
        end = time.perf_counter()
    except (OSError, http.client.HTTPException) as error:
        with outcome.lock:
            outcome.connection_errors += 1
            outcome.note(f"{request.method} {request.path}: {type(error).__name__} {error}")
        return
    finally:
        connection.close()
    request.person.update(response)
    problem = None
    if response.status >= 500:
        problem = f"answered {response.status}"
    elif request.check:
        problem = request.check(response.status, response.headers, body)
    with outcome.lock:
        outcome.latencies.append(end - start)
        outcome.ttfb.append(first - start)
        outcome.rows += rows
        if response.status >= 500:
            outcome.server_errors += 1
        elif problem:
            outcome.wrong += 1
        if problem:
            outcome.note(f"{request.method} {request.path}: {problem}")


@dataclass
class Workload:
    name: str
    # Each connection's requests, made as they are sent (a save's number, a submit's attempt).
    requests: Callable[[int], Iterator[Request]]
    warm_up: bool = True  # one untimed request per connection before the clock starts
    connections: int = CONNECTIONS


def drive(server: Server, workload: Workload, seconds: float) -> Outcome:
    outcome = Outcome(workload.name, connections=workload.connections)
    box: dict[str, float | dict] = {}

    def start_clock() -> None:
        box["before"] = server.reset_peaks()
        box["cpu"] = server.cpu()
        box["driver"] = time.process_time()
        box["start"] = time.perf_counter()

    barrier = threading.Barrier(workload.connections, action=start_clock)
    ends: list[float] = []
    warm = Outcome("warm-up")

    def worker(index: int) -> None:
        requests = workload.requests(index)
        try:
            first = next(requests, None) if workload.warm_up else None
            if first is not None:
                send(server, first, warm)
            barrier.wait()
            deadline = box["start"] + seconds
            for request in requests:
                if time.perf_counter() >= deadline:
                    break
                send(server, request, outcome)
        except threading.BrokenBarrierError:
            pass
        except Exception as error:  # a bug in the driver must not hang the other threads
            barrier.abort()
            with outcome.lock:
                outcome.wrong += 1
                outcome.note(f"driver: {type(error).__name__}: {error}")
        finally:
            ends.append(time.perf_counter())

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(workload.connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcome.server_errors += warm.server_errors
    outcome.connection_errors += warm.connection_errors
    outcome.wrong += warm.wrong
    outcome.messages = [f"(warm-up) {m}" for m in warm.messages] + outcome.messages
    if "start" in box:
        outcome.elapsed = max(ends) - float(box["start"])
        outcome.rss_mb, outcome.rss_growth_mb = server.peaks(box["before"])
        cpu, before = server.cpu(), box["cpu"]
        outcome.worker_cores = sorted(
            (round((cpu[pid] - before[pid]) / outcome.elapsed, 2) for pid in cpu if pid in before),
            reverse=True,
        )
        outcome.driver_cores = (time.process_time() - float(box["driver"])) / outcome.elapsed
    return outcome


def workloads(plan: dict, server: Server) -> Iterator[Workload]:
    """The workloads in order, each built when its turn comes (results reads what submit
    submitted)."""
    session, csrf = plan["session_cookie"], plan["csrf_cookie"]

    def person(key: str) -> Person:
        return Person(session, csrf, key)

    readers = [(person(r["session"]), r["lessons"]) for r in plan["readers"]]
    attempts = [(person(a["session"]), a["attempt"], a["url"]) for a in plan["attempts"]]
    root, township = person(plan["hr_root"]), person(plan["hr_township"])
    ok = expect(200)

    def cycle(items: list, index: int) -> Iterator:
        """This connection's share of the items, round and round."""
        mine = items[index::CONNECTIONS] or items
        while mine:
            yield from mine

    def repeat(who: Person, path: str, **kwargs) -> Callable[[int], Iterator[Request]]:
        def requests(index: int) -> Iterator[Request]:
            while True:
                yield Request(who, path, check=ok, **kwargs)

        return requests

    yield Workload("bare", repeat(readers[0][0], "/__bench/none"))
    yield Workload(
        "middleware",
        lambda i: (Request(p, "/__bench/bare", check=ok) for p, _ in cycle(readers, i)),
    )
    pages = [(p, url) for p, urls in readers for url in urls]
    yield Workload("lesson", lambda i: (Request(p, url, check=ok) for p, url in cycle(pages, i)))
    yield Workload(
        "attempt_page", lambda i: (Request(p, url, check=ok) for p, _pk, url in cycle(attempts, i))
    )

    saving = attempts[:SAVE_ATTEMPTS]

    def saves(index: int) -> Iterator[Request]:
        rng = random.Random(index)
        forms = {}
        for who, pk, url in saving[index::CONNECTIONS] or saving:
            # Before the clock starts: the page the cadre answers on, read for its fields.
            conn = http.client.HTTPConnection(server.host, server.port, timeout=600)
            conn.request("GET", url, headers={"Cookie": who.header(), "Accept-Language": LANGUAGE})
            response = conn.getresponse()
            who.update(response)
            form = AttemptForm()
            form.feed(response.read().decode())
            conn.close()
            if not form.action:
                raise RuntimeError(f"no attempt form on {url} ({response.status})")
            forms[pk] = [form, form.sequence]
        for who, pk, _url in cycle(saving, index):
            form, sequence = forms[pk]
            forms[pk][1] = sequence + 1
            who.token = form.token
            body, content_type = multipart(form.answers(rng, sequence + 1))
            yield Request(
                who,
                form.action,
                "POST",
                body,
                content_type,
                accept="application/json",
                check=expect(200, json_stored=True),
            )

    yield Workload("answer_save", saves)

    submitted: list[tuple[Person, int]] = []

    def submits(index: int) -> Iterator[Request]:
        for who, pk, _url in attempts[index::CONNECTIONS]:
            done = expect(302, location=f"/attempts/{pk}/results/")

            def check(status, headers, body, who=who, pk=pk, done=done) -> str | None:
                problem = done(status, headers, body)
                if problem is None:
                    submitted.append((who, pk))
                return problem

            body = urlencode({"from": "summary", "csrfmiddlewaretoken": who.csrf()}).encode()
            yield Request(
                who,
                f"/attempts/{pk}/submit/",
                "POST",
                body,
                "application/x-www-form-urlencoded",
                check=check,
            )

    yield Workload("submit", submits, warm_up=False)
    yield Workload(
        "results",
        lambda i: (
            Request(p, f"/attempts/{pk}/results/", check=ok) for p, pk in cycle(submitted, i)
        ),
    )
    yield Workload(
        "progress", lambda i: (Request(p, "/progress/", check=ok) for p, _ in cycle(readers, i))
    )
    yield Workload("dashboard_root", repeat(root, "/records/"))
    yield Workload("dashboard_township", repeat(township, "/records/"))
    yield Workload("completions_overdue", repeat(root, "/records/completions/?status=overdue"))
    yield Workload("ledger", repeat(root, "/records/hours/"))
    csv_accept, xlsx_accept = "text/csv,*/*", "application/vnd.openxmlformats-officedocument"
    yield Workload(
        "export_csv",
        repeat(root, "/records/export/completions.csv", rows="csv", accept=csv_accept),
        warm_up=False,
        connections=EXPORT_CONNECTIONS,
    )
    yield Workload(
        "export_xlsx",
        repeat(root, "/records/export/completions.xlsx", rows="xlsx", accept=xlsx_accept),
        warm_up=False,
        connections=EXPORT_CONNECTIONS,
    )


# --- One size, all sizes -------------------------------------------------------------------


def bench_size(cadres: int, seconds: float, workdir: Path) -> tuple[list[dict], list[str]]:
    """Every workload at one size of organisation: its figures and its failures."""
    database = Database(workdir, name=f"cadre_bench_{cadres}_{os.getpid()}")
    prefix = f"cadre-bench-{os.getpid()}-{cadres}"
    env = site_env(
        database.url,
        prefix,
        DJANGO_SETTINGS_MODULE=SETTINGS,
        SITE_URL="http://127.0.0.1",
        LOG_LEVEL="WARNING",
        # The XLSX workload measures how fast a workbook is built: inside the request here,
        # where the site hands a table of more than 2,000 cadres to the task worker.
        EXPORT_DIRECT_CADRES="1000000",
    )
    process = None
    failures: list[str] = []
    rows: list[dict] = []
    try:
        started = time.perf_counter()
        run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], env, timeout=1800)
        run(
            [PYTHON, "manage.py", "seed_scale", "--cadres", str(cadres)],
            env,
            timeout=4 * 3600,
            stdout=subprocess.DEVNULL,
        )
        print(f"  {cadres:,} cadres seeded in {time.perf_counter() - started:.0f} s", flush=True)
        plan_file = workdir / f"plan-{cadres}.json"
        wanted = max(SAVE_ATTEMPTS, int(seconds * ATTEMPTS_PER_SECOND))
        run(
            [PYTHON, "-m", "benchmarks.bench.run", "--prepare", str(plan_file), str(wanted)],
            env,
            timeout=3600,
        )
        plan = json.loads(plan_file.read_text())
        log = workdir / f"gunicorn-{cadres}.log"
        process, url = start_gunicorn(
            env, log, app=WSGI, workers=WORKERS, threads=THREADS, access_log=False
        )
        server = Server(process, url)
        baseline: dict[str, float] = {}
        print(
            f"  {'workload':<21}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
            f"{'queries':>8}{'RSS MB':>8}{'+MB':>7}{'×bare':>8}{'×mw':>7}"
            f"{'CPU: workers':>14}{'driver':>7}",
            flush=True,
        )
        for workload in workloads(plan, server):
            outcome = drive(server, workload, seconds)
            row = figures(outcome, cadres, plan["queries"].get(workload.name, 0), baseline)
            if workload.name in BASELINES:
                baseline[workload.name] = row["rps"]
            rows.append(row)
            print(line(row), flush=True)
            if outcome.failures:
                failures.append(
                    f"{cadres:,} cadres, {workload.name}: {outcome.server_errors} server errors, "
                    f"{outcome.connection_errors} connection errors, {outcome.wrong} wrong "
                    f"answers; " + "; ".join(outcome.messages)
                )
            elif not outcome.latencies:
                failures.append(f"{cadres:,} cadres, {workload.name}: no request was made")
        # The bare baseline ran before the middleware one: its ratio to it, now.
        for row in rows:
            for name in BASELINES:
                if row[f"ratio_to_{name}"] is None and baseline.get(name):
                    row[f"ratio_to_{name}"] = significant(row["rps"] / baseline[name])
        stop_server(process)
        text = log.read_text(errors="replace")
        for sign in ("Traceback", "database is locked", "WORKER TIMEOUT"):
            if sign in text:
                failures.append(f"{cadres:,} cadres: {sign!r} in gunicorn's log ({log})")
    except subprocess.CalledProcessError as error:
        failures.append(f"{cadres:,} cadres: {' '.join(error.cmd[1:])} exited {error.returncode}")
    finally:
        stop(process)
        database.drop()
        forget_cache(prefix)
    return rows, failures


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        stop(process)


def forget_cache(prefix: str) -> None:
    """The run's sessions and cache entries, out of the Redis database REDIS_URL names."""
    url = os.environ.get("REDIS_URL", "")
    if not url:
        return
    import redis

    try:
        client = redis.Redis.from_url(url)
        for key in client.scan_iter(match=f"{prefix}:*", count=1000):
            client.delete(key)
    except redis.RedisError as error:
        print(f"  (Redis keys {prefix}:* left: {error})")


def significant(value: float) -> float:
    """Four significant digits: a ratio of 0.0002 keeps its figures."""
    return float(f"{value:.4g}")


def figures(outcome: Outcome, cadres: int, queries: int, baseline: dict[str, float]) -> dict:
    count = len(outcome.latencies)
    rps = count / outcome.elapsed if outcome.elapsed else 0.0
    ms = [1000 * v for v in outcome.latencies]

    def ratio(name: str) -> float | None:
        return significant(rps / baseline[name]) if baseline.get(name) else None

    row = {
        "name": outcome.name,
        "cadres": cadres,
        "connections": outcome.connections,
        "requests": count,
        "seconds": round(outcome.elapsed, 2),
        "rps": round(rps, 2),
        "p50_ms": round(percentile(ms, 0.50), 1),
        "p95_ms": round(percentile(ms, 0.95), 1),
        "p99_ms": round(percentile(ms, 0.99), 1),
        "queries": queries,
        "rss_mb": round(outcome.rss_mb, 1),
        "rss_growth_mb": round(outcome.rss_growth_mb, 1),
        "ratio_to_bare": 1.0 if outcome.name == "bare" else ratio("bare"),
        "ratio_to_middleware": 1.0 if outcome.name == "middleware" else ratio("middleware"),
        "errors": outcome.failures,
        "worker_cores": outcome.worker_cores,
        "driver_cores": round(outcome.driver_cores, 2),
    }
    if outcome.name in EXPORTS:
        row["rows_per_export"] = outcome.rows // count if count else 0
        row["rows_per_s"] = round(outcome.rows / outcome.elapsed) if outcome.elapsed else 0
        row["ttfb_ms"] = round(1000 * percentile(outcome.ttfb, 0.50), 1)
    return row


def line(row: dict) -> str:
    def ratio(value: float | None) -> str:
        return "" if value is None else f"{value:.2g}"

    text = (
        f"  {row['name']:<21}{row['rps']:>9,.1f}{row['p50_ms']:>9,.1f}{row['p95_ms']:>9,.1f}"
        f"{row['p99_ms']:>9,.1f}{row['queries']:>8}{row['rss_mb']:>8.0f}"
        f"{row['rss_growth_mb']:>7.1f}{ratio(row['ratio_to_bare']):>8}"
        f"{ratio(row['ratio_to_middleware']):>7}"
        f"{'+'.join(f'{c:.2f}' for c in row['worker_cores']):>14}{row['driver_cores']:>7.2f}"
    )
    if "rows_per_s" in row:
        text += (
            f"\n  {'':<21}{row['rows_per_export']:,} rows an export, "
            f"{row['rows_per_s']:,} rows/s in all, first byte {row['ttfb_ms']:,.0f} ms (p50)"
        )
    return text


def machine(database: str, seconds: float) -> dict:
    model = ""
    try:
        for text in Path("/proc/cpuinfo").read_text().splitlines():
            if text.startswith("model name"):
                model = text.split(":", 1)[1].strip()
                break
        memory = Path("/proc/meminfo").read_text().split("\n", 1)[0].split()[1]
        memory_gb = round(int(memory) / 1024 / 1024, 1)
    except (OSError, IndexError, ValueError):
        memory_gb = None
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "memory_gb": memory_gb,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "database": database,
        "cache": "Redis" if os.environ.get("REDIS_URL") else "local memory",
        "server": f"gunicorn, {WORKERS} workers × {THREADS} threads (gthread)",
        "connections": CONNECTIONS,
        "seconds_per_workload": seconds,
        "load_average_before": list(os.getloadavg()),
    }


def static_is_fresh() -> bool:
    """Whether collectstatic's manifest is newer than every file it would collect, so that
    collecting again (half a minute of compressing) would change nothing. Asked of the
    settings of the process that runs the bench (manage.py's); False without them."""
    from django.conf import settings

    if not settings.configured or not settings.STATIC_ROOT:
        return False
    from django.contrib.staticfiles.finders import get_finders

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        return False
    built = manifest.stat().st_mtime
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            if os.path.getmtime(storage.path(path)) > built:
                return False
    return True


def database_kind() -> str:
    given = os.environ.get("DATABASE_URL", "")
    if not given.startswith(("postgres://", "postgresql://")):
        return f"SQLite {sqlite3.sqlite_version}"
    import psycopg

    with psycopg.connect(given, autocommit=True) as connection:
        row = connection.execute("SHOW server_version").fetchone()
    return f"PostgreSQL {row[0] if row else '?'}"


def main(
    cadres: list[int] | None = None,
    seconds: float | None = None,
    json_path: str | Path | None = None,
    short: bool = False,
    keep: bool = False,
) -> int:
    sizes = cadres or DEFAULT_CADRES
    seconds = seconds or (SHORT_SECONDS if short else DEFAULT_SECONDS)
    database = database_kind()
    about = machine(database, seconds)
    print(
        f"Bench: {', '.join(f'{n:,}' for n in sizes)} cadres on {database} "
        f"({about['cache']} cache), {seconds:g} s a workload over {CONNECTIONS} connections; "
        f"{about['cores']} cores, load average {about['load_average_before'][0]:.2f}",
        flush=True,
    )
    workdir = Path(tempfile.mkdtemp(prefix="cadre-bench-"))
    all_rows: list[dict] = []
    failures: list[str] = []
    try:
        static_env = site_env(f"sqlite:///{workdir / 'static.sqlite3'}", "cadre-bench-static")
        if static_is_fresh():
            run(
                [PYTHON, "manage.py", "compile_translations"], static_env, stdout=subprocess.DEVNULL
            )
            print("  (static files collected since they last changed: not collected again)")
        else:
            build_static(static_env)
        for size in sizes:
            print(f"\n{size:,} cadres", flush=True)
            rows, problems = bench_size(size, seconds, workdir)
            all_rows += rows
            failures += problems
    finally:
        about["load_average_after"] = list(os.getloadavg())
        if json_path:
            Path(json_path).write_text(
                json.dumps(
                    {
                        "machine": about,
                        "database": database,
                        "workloads": all_rows,
                        "failures": failures,
                    },
                    indent=2,
                    ensure_ascii=False,
                )
            )
        if keep or failures:
            print(f"Logs kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"\nLoad average after: {about['load_average_after'][0]:.2f}")
    if failures:
        print("BENCH FAILED:\n  " + "\n  ".join(failures))
        return 1
    print("Bench passed: no server error, no connection error, every answer as expected.")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--prepare":
        prepare(Path(sys.argv[2]), int(sys.argv[3]))
    else:
        sys.exit("usage: manage.py bench (this module's --prepare is the bench's own setup)")
