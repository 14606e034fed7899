"""Who reaches what: every URL pattern of the site, for every persona, against a table.

The table below has one entry per URL name, read from the URL configuration itself
(`test_every_url_pattern_has_an_entry`), so a new page without an entry fails the suite.
Each entry says how to build the pattern's arguments from the scenario (tests/security/
scenario.py) and, for GET and for POST (empty body, no CSRF check, as the test client does),
what each persona gets:

- "ok": allowed, a 2xx, or a 3xx that does not lead to the login page;
- "login": a redirect to the login page (anonymous, on every page but the public ones);
- 403 / 404 / 405: exactly that status. ARCHITECTURE.md "Who may see what": 403 for a role
  missing for a whole area, or an object one may see but not act on; 404 for an object one may
  not know exists (another cadre's attempt, a person or assignment outside an HR officer's
  units, an answer outside a grader's queue). 405: GET on a POST-only view.

Left out: the admin (`admin:` names: Django's own login and permissions, and its own tests),
and static files (not URL patterns: WhiteNoise serves them as middleware).
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .scenario import PERSONAS, client_for, rolled_back

SKIPPED_NAMESPACES = {"admin"}


def who(default, **exceptions):
    """What each persona gets: `default` for every signed-in persona unless named, and a
    redirect to the login page for anonymous unless named."""
    outcome = {persona: default for persona in PERSONAS}
    outcome["anonymous"] = "login"
    outcome.update(exceptions)
    return outcome


PUBLIC = who("ok", anonymous="ok")
ANYONE = who("ok")  # every signed-in person
CADRES = who(403, cadre="ok", other_cadre="ok")
OWN = who(404, cadre="ok")  # alice's attempt: anyone else may not know it exists
TRAINERS = who(403, owner="ok", co_owner="ok", other_trainer="ok")
EDITORS = who(403, owner="ok", co_owner="ok")  # others see the course, may not change it
GRADERS = who(403, owner="ok", co_owner="ok", other_trainer=404)  # the answer is anonymous
CREATOR = who(403, owner="ok")  # tom created the framework; a course's co-owner did not
HR = who(403, hr_in="ok", hr_out="ok")
IN_SCOPE = who(403, hr_in="ok", hr_out=404)
POST_ONLY = who(405)
OWN_AND_HR = who(404, cadre="ok", hr_in="ok")  # alice's certificate: HR in scope reads it
REQUESTER = who(403, hr_in="ok", hr_out=404)  # hr_in's ZIP: another officer may not know of it


def course(s):
    return {"slug": s["course"].slug}


def lesson(s):
    return {"slug": s["course"].slug, "pk": s["lesson"].pk}


def quiz(s):
    return {"pk": s["quiz"].pk}


def person(s):
    return {"pk": s["person"].pk}


def framework(s):
    return {"pk": s["framework"].pk}


def competency(s):
    return {"pk": s["framework"].pk, "competency_pk": s["competency"].pk}


def certificate(s):
    return {"code": s["certificate"].code}


def archive(s):
    return {"token": s["archive"].token}


def export_file(s):
    return {"token": s["export_file"].token}


def none(s):
    return {}


# name: (kwargs from the scenario, GET outcome, POST outcome or None when the view only reads)
# An entry may add "data": what the POST carries, when an empty body would not reach the check.
MATRIX: dict[str, dict] = {
    # training/urls.py
    "home": {"kwargs": none, "get": ANYONE, "post": None},
    "healthz": {"kwargs": none, "get": PUBLIC, "post": who(405, anonymous=405)},
    # A redirect to the static icon, for everyone: browsers ask for it on the login page too.
    "favicon": {"kwargs": none, "get": PUBLIC, "post": who(405, anonymous=405)},
    "set_language": {"kwargs": none, "get": PUBLIC, "post": PUBLIC},
    "login": {"kwargs": none, "get": PUBLIC, "post": PUBLIC},
    # Logging out, signed in or not, leads to the login page (LOGOUT_REDIRECT_URL).
    "logout": {"kwargs": none, "get": POST_ONLY, "post": who("login")},
    "password_change": {"kwargs": none, "get": ANYONE, "post": ANYONE},
    "password_change_done": {"kwargs": none, "get": ANYONE, "post": None},
    # courses/urls.py: published courses, for everyone signed in; only cadres leave evidence
    "courses:catalogue": {"kwargs": none, "get": ANYONE, "post": None},
    "courses:course": {"kwargs": course, "get": ANYONE, "post": None},
    "courses:enrol": {"kwargs": course, "get": POST_ONLY, "post": CADRES},
    "courses:outline": {"kwargs": course, "get": ANYONE, "post": None},
    "courses:lesson": {"kwargs": lesson, "get": ANYONE, "post": None},
    "courses:studied": {"kwargs": lesson, "get": POST_ONLY, "post": CADRES},
    # A cadre's own answer to the case: each cadre reads and writes only their own
    "courses:own_answer": {
        "kwargs": course,
        "get": POST_ONLY,
        "post": CADRES,
        "data": lambda s: {"text": "Keep the groups.", "sequence": "1"},
    },
    "courses:own_answer_revise": {"kwargs": course, "get": POST_ONLY, "post": CADRES},
    "courses:compare": {"kwargs": course, "get": CADRES, "post": None},
    # quizzes/urls.py
    "quizzes:quiz": {"kwargs": quiz, "get": ANYONE, "post": None},
    "quizzes:start": {"kwargs": quiz, "get": POST_ONLY, "post": CADRES},
    "quizzes:attempt": {"kwargs": lambda s: {"pk": s["attempt_open"].pk}, "get": OWN, "post": None},
    "quizzes:save": {
        "kwargs": lambda s: {"pk": s["attempt_open"].pk},
        "get": POST_ONLY,
        "post": OWN,
    },
    "quizzes:summary": {"kwargs": lambda s: {"pk": s["attempt_open"].pk}, "get": OWN, "post": None},
    "quizzes:submit": {
        "kwargs": lambda s: {"pk": s["attempt_open"].pk},
        "get": POST_ONLY,
        "post": OWN,
    },
    "quizzes:results": {"kwargs": lambda s: {"pk": s["attempt_done"].pk}, "get": OWN, "post": None},
    # records/urls.py: the cadre's own pages, the rule for all, HR within its units
    "records:my_learning": {"kwargs": none, "get": CADRES, "post": None},
    "records:progress": {"kwargs": none, "get": CADRES, "post": None},
    "records:credit_rules": {"kwargs": none, "get": ANYONE, "post": None},
    "records:dashboard": {"kwargs": none, "get": HR, "post": None},
    "records:completions": {"kwargs": none, "get": HR, "post": None},
    "records:ledger": {"kwargs": none, "get": HR, "post": None},
    "records:export": {
        "kwargs": lambda s: {"table": "completions", "fmt": "csv"},
        "get": HR,
        "post": None,
    },
    # A long XLSX: asked for by any officer (for their own scope), then theirs alone
    "records:export_files": {
        "kwargs": none,
        "get": POST_ONLY,
        "post": HR,
        "data": lambda s: {"table": "ledger", "query": ""},
    },
    "records:export_file": {"kwargs": export_file, "get": REQUESTER, "post": None},
    "records:export_download": {"kwargs": export_file, "get": REQUESTER, "post": None},
    "records:people": {"kwargs": none, "get": HR, "post": None},
    "records:person": {"kwargs": person, "get": IN_SCOPE, "post": None},
    "records:waive": {"kwargs": person, "get": POST_ONLY, "post": IN_SCOPE},
    "records:void": {"kwargs": person, "get": POST_ONLY, "post": IN_SCOPE},
    "records:withdraw": {"kwargs": person, "get": POST_ONLY, "post": IN_SCOPE},
    "records:assignments": {"kwargs": none, "get": HR, "post": HR},
    "records:assignment_cancel": {
        "kwargs": lambda s: {"pk": s["assignment"].pk},
        "get": POST_ONLY,
        "post": IN_SCOPE,
    },
    "records:remind_unit": {
        "kwargs": none,
        "get": POST_ONLY,
        "post": IN_SCOPE,
        "data": lambda s: {"unit": str(s["units"]["east"].pk)},
    },
    # certificates/urls.py: the owner's, read by HR in scope; verification is public; an HR
    # officer's ZIP, theirs alone
    "certificates:mine": {"kwargs": none, "get": CADRES, "post": None},
    "certificates:certificate": {"kwargs": certificate, "get": OWN_AND_HR, "post": None},
    "certificates:pdf": {"kwargs": certificate, "get": OWN_AND_HR, "post": None},
    "certificates:archives": {
        "kwargs": none,
        "get": HR,
        "post": HR,
        "data": lambda s: {"language": "en"},
    },
    "certificates:archive": {"kwargs": archive, "get": REQUESTER, "post": None},
    "certificates:download": {"kwargs": archive, "get": REQUESTER, "post": None},
    "certificates:verify": {
        "kwargs": certificate,
        "get": PUBLIC,
        "post": who(405, anonymous=405),
    },
    # studio/urls.py: trainers only; the course's owner and co-owner change it
    "studio:home": {"kwargs": none, "get": TRAINERS, "post": None},
    "studio:course_create": {"kwargs": none, "get": TRAINERS, "post": TRAINERS},
    "studio:course": {"kwargs": course, "get": TRAINERS, "post": None},
    "studio:course_edit": {"kwargs": course, "get": EDITORS, "post": EDITORS},
    "studio:mindmap_labels": {"kwargs": course, "get": EDITORS, "post": EDITORS},
    "studio:points": {"kwargs": course, "get": EDITORS, "post": EDITORS},
    "studio:course_publish": {"kwargs": course, "get": EDITORS, "post": EDITORS},
    "studio:hours_change": {"kwargs": course, "get": EDITORS, "post": EDITORS},
    "studio:course_archive": {"kwargs": course, "get": POST_ONLY, "post": EDITORS},
    "studio:course_copy": {"kwargs": course, "get": POST_ONLY, "post": TRAINERS},
    "studio:preview_course": {"kwargs": course, "get": TRAINERS, "post": None},
    "studio:preview_lesson": {"kwargs": lesson, "get": TRAINERS, "post": None},
    "studio:lesson_create": {"kwargs": course, "get": EDITORS, "post": EDITORS},
    "studio:lesson_edit": {"kwargs": lesson, "get": EDITORS, "post": EDITORS},
    "studio:lesson_move": {"kwargs": lesson, "get": POST_ONLY, "post": EDITORS},
    "studio:lesson_delete": {"kwargs": lesson, "get": POST_ONLY, "post": EDITORS},
    "studio:course_assign": {"kwargs": course, "get": EDITORS, "post": EDITORS},
    "studio:markdown_preview": {"kwargs": none, "get": POST_ONLY, "post": TRAINERS},
    "studio:import": {"kwargs": none, "get": TRAINERS, "post": TRAINERS},
    "studio:question_create": {
        "kwargs": lambda s: {"slug": s["course"].slug, "kind": "single"},
        "get": EDITORS,
        "post": EDITORS,
    },
    "studio:question_edit": {
        "kwargs": lambda s: {"pk": s["question"].pk},
        "get": EDITORS,
        "post": EDITORS,
    },
    "studio:quiz_create": {"kwargs": course, "get": EDITORS, "post": EDITORS},
    "studio:quiz_edit": {"kwargs": quiz, "get": EDITORS, "post": EDITORS},
    "studio:regrade": {"kwargs": quiz, "get": EDITORS, "post": EDITORS},
    "studio:analysis": {"kwargs": quiz, "get": EDITORS, "post": None},
    "studio:frameworks": {"kwargs": none, "get": TRAINERS, "post": None},
    "studio:framework_create": {"kwargs": none, "get": TRAINERS, "post": TRAINERS},
    "studio:framework": {"kwargs": framework, "get": TRAINERS, "post": None},
    "studio:framework_edit": {"kwargs": framework, "get": CREATOR, "post": CREATOR},
    "studio:competency_create": {"kwargs": framework, "get": CREATOR, "post": CREATOR},
    "studio:competency_edit": {"kwargs": competency, "get": CREATOR, "post": CREATOR},
    "studio:competency_delete": {"kwargs": competency, "get": POST_ONLY, "post": CREATOR},
    "studio:grading": {"kwargs": none, "get": TRAINERS, "post": None},
    "studio:grade": {"kwargs": lambda s: {"pk": s["answer"].pk}, "get": GRADERS, "post": GRADERS},
}


def url_names(patterns=None, namespace: str = "") -> list[str]:
    """Every named URL pattern of the site, as `namespace:name`, walking includes."""
    names = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or ""
            if inner in SKIPPED_NAMESPACES:
                continue
            prefix = f"{namespace}{inner}:" if inner else namespace
            names += url_names(entry.url_patterns, prefix)
        elif isinstance(entry, URLPattern):
            # An unnamed pattern cannot be in the table: it is listed by its route, and fails.
            names.append(f"{namespace}{entry.name}" if entry.name else f"<unnamed {entry.pattern}>")
    return names


def test_every_url_pattern_has_an_entry():
    """A new page must say who may reach it: add it to MATRIX."""
    names = url_names()
    assert len(names) == len(set(names)), "two patterns share a name"
    assert sorted(set(names) - set(MATRIX)) == [], "URL patterns without an entry in MATRIX"
    assert sorted(set(MATRIX) - set(names)) == [], "MATRIX entries for URLs that are gone"


def _login_url() -> str:
    return resolve_url(settings.LOGIN_URL)


def outcome_of(response) -> str | int:
    """The response in the table's terms."""
    status = response.status_code
    if 300 <= status < 400:
        to_login = response["Location"].split("?")[0] == _login_url()
        return "login" if to_login else "ok"
    if 200 <= status < 300:
        return "ok"
    return status


def probe(scenario, name: str, method: str) -> list[str]:
    """Every persona's request to one pattern, each on the untouched scenario; the
    mismatches with the table, as sentences."""
    entry = MATRIX[name]
    expected = entry[method]
    url = reverse(name, kwargs=entry["kwargs"](scenario))
    data = entry.get("data", lambda s: {})(scenario) if method == "post" else None
    wrong = []
    for persona in PERSONAS:
        with rolled_back():
            client = client_for(scenario["users"][persona])
            response = client.post(url, data) if method == "post" else client.get(url)
        got = outcome_of(response)
        if got != expected[persona]:
            wrong.append(
                f"{method.upper()} {url} as {persona}: got {got}, expected {expected[persona]}"
            )
    return wrong


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_access(scenario, db, name):
    wrong = probe(scenario, name, "get")
    if MATRIX[name]["post"] is not None:
        wrong += probe(scenario, name, "post")
    assert not wrong, "\n".join(wrong)


def test_matrix_covers_every_persona():
    for name, entry in MATRIX.items():
        for method in ("get", "post"):
            if entry[method] is not None:
                assert set(entry[method]) == set(PERSONAS), f"{name} {method}"
