"""Cadres studying and taking the demo quiz, for locust (headless, loopback only).

Run through `benchmarks/load/run.py` (or `bash benchmarks/load/run.sh --short`), which builds the
database, starts gunicorn and checks what the server stored. Each simulated cadre logs in as one
of the accounts `prepare.py` made (load-1 … load-N, password LOAD_PASSWORD), opens the demo
course and its lessons, then takes the quiz as the page's JavaScript would: start, autosave the
answers with increasing sequence numbers (and, once per attempt, a late save with an older
number that the server must ignore), then submit from the summary and read the results.

Every save the server answered with `stored: true` is written to LOAD_RESULTS (JSON lines), so
`check.py` can compare the database with what each cadre was told was saved.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from html.parser import HTMLParser

from locust import HttpUser, between, task

PASSWORD = os.environ.get("LOAD_PASSWORD") or "load-test-pass-2026"
ACCOUNTS = int(os.environ.get("LOAD_ACCOUNTS", "50"))
RESULTS = os.environ.get("LOAD_RESULTS", "load-results.jsonl")
COURSE = "/courses/paperless-office/"
TEXT = "Keep the groups residents use; merge the duplicated reporting groups."

_numbers = itertools.count(1)


def record(entry: dict) -> None:
    # Locust users are greenlets of one process: a line written and flushed at once is whole.
    with open(RESULTS, "a", encoding="utf-8") as out:
        out.write(json.dumps(entry) + "\n")


class AttemptForm(HTMLParser):
    """The answer fields of the attempt page: radio and checkbox groups, text areas, and the
    `q<pk>_shown` markers that say which questions a post carries."""

    def __init__(self) -> None:
        super().__init__()
        self.choices: dict[str, tuple[str, list[str]]] = {}  # name → (type, values)
        self.texts: list[str] = []
        self.shown: list[str] = []
        self.save_url = self.submit_url = ""
        self.sequence = 0  # the highest save number the server holds, as the page says

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        name = a.get("name", "")
        if tag == "form" and a.get("id") == "attempt-form":
            self.save_url, self.submit_url = a.get("action", ""), a.get("data-submit-url", "")
            self.sequence = int(a.get("data-sequence") or 0)
        elif tag == "textarea" and re.fullmatch(r"q\d+_text", name):
            self.texts.append(name)
        elif tag == "input" and name.endswith("_shown"):
            self.shown.append(name)
        elif a.get("type") in {"radio", "checkbox"} and re.fullmatch(
            r"q\d+(_decision|_reason)?", name
        ):
            self.choices.setdefault(name, (a["type"], []))[1].append(a.get("value", ""))

    def answers(self, rng: random.Random) -> dict[str, list[str] | str]:
        out: dict[str, list[str] | str] = {}
        for name, (kind, values) in self.choices.items():
            if kind == "radio":
                out[name] = [rng.choice(values)]
            else:
                out[name] = rng.sample(values, rng.randint(1, len(values)))
        for name in self.texts:
            out[name] = f"{TEXT} ({rng.randint(1, 10**6)})"
        return out


class Cadre(HttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.username = f"load-{(next(_numbers) - 1) % ACCOUNTS + 1}"
        self.rng = random.Random(self.username)
        self.quiz_done = False
        self.client.get("/accounts/login/", name="login page")
        with self.client.post(
            "/accounts/login/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()},
            allow_redirects=False,
            catch_response=True,
            name="log in",
        ) as response:
            if response.status_code != 302:
                response.failure(f"login of {self.username} answered {response.status_code}")

    def csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    def post(self, url: str, data: dict, **kwargs):
        return self.client.post(url, {**data, "csrfmiddlewaretoken": self.csrf()}, **kwargs)

    @task(2)
    def study(self) -> None:
        page = self.client.get(COURSE, name="course")
        lessons = sorted(set(re.findall(rf'href="({COURSE}lessons/\d+/)"', page.text)))
        for url in self.rng.sample(lessons, min(2, len(lessons))):
            self.client.get(url, name="lesson")

    @task(3)
    def take_quiz(self) -> None:
        if self.quiz_done:
            return self.study()
        course = self.client.get(COURSE, name="course")
        quiz = re.search(r'href="(/quizzes/\d+/)"', course.text)
        if not quiz:
            return
        self.client.get(quiz.group(1), name="quiz")
        started = self.post(f"{quiz.group(1)}start/", {}, allow_redirects=False, name="start")
        location = started.headers.get("Location", "")
        if not re.fullmatch(r"/attempts/\d+/", location):
            self.quiz_done = True  # every allowed attempt used: study from now on
            return
        attempt = int(location.strip("/").split("/")[1])
        form = AttemptForm()
        form.feed(self.client.get(location, name="attempt").text)
        sequence = form.sequence
        for _ in range(self.rng.randint(2, 4)):
            sequence += 1
            self.save(attempt, form, sequence)
        # A save from a tab the network delayed: numbered below what the server holds.
        self.save(attempt, form, sequence - 1, late=True)
        self.client.get(f"/attempts/{attempt}/summary/", name="summary")
        with self.post(
            form.submit_url,
            {"from": "summary"},
            allow_redirects=False,
            catch_response=True,
            name="submit",
        ) as response:
            if response.status_code != 302 or "/results/" not in response.headers.get(
                "Location", ""
            ):
                response.failure(f"submit answered {response.status_code}")
                return
        record({"user": self.username, "submitted": attempt})
        self.client.get(f"/attempts/{attempt}/results/", name="results")

    def save(self, attempt: int, form: AttemptForm, sequence: int, late: bool = False) -> None:
        answers = form.answers(self.rng)
        data = {name: "1" for name in form.shown} | answers | {"sequence": str(sequence)}
        with self.post(
            form.save_url,
            data,
            headers={"Accept": "application/json"},
            catch_response=True,
            name="late save" if late else "autosave",
        ) as response:
            if response.status_code != 200:
                response.failure(f"save answered {response.status_code}")
                return
            stored = response.json().get("stored")
            if late and stored:
                response.failure("a save older than the stored one was stored")
            if stored:
                record(
                    {
                        "user": self.username,
                        "attempt": attempt,
                        "sequence": sequence,
                        "answers": answers,
                    }
                )
