"""`make run` is what a newcomer and a demo use, so it runs the product as a cadre sees it
(issue 13): DEBUG off (the site's own error pages, not Django's debug page) and SITE_URL at the
port it serves, so the links in reminder e-mails lead back to it. Read from what `make -n run`
would run (nothing is run), each command's environment evaluated by the shell as make would."""

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")

# The commands that run the site, its migrations, the demo and the task worker beside it (the
# worker builds the reminder e-mails, so it needs SITE_URL as much as the server does).
SERVING = ("migrate", "demo", "db_worker", "runserver")
PYTHON = ".venv/bin/python manage.py "
# The caller's environment without what would decide the answer (and without a make running
# this test, whose flags a nested make would read).
ENVIRONMENT = {
    name: value
    for name, value in os.environ.items()
    if name not in {"DEBUG", "SITE_URL", "PORT", "MAKEFLAGS", "MAKELEVEL", "MFLAGS"}
}


def printed_commands(*variables: str) -> list[str]:
    """What `make -n run` prints, in an environment with no DEBUG, SITE_URL or PORT."""
    printed = subprocess.run(
        ["make", "--no-print-directory", "-n", "run", *variables],
        cwd=ROOT,
        env=ENVIRONMENT,
        capture_output=True,
        text=True,
        check=True,
    )
    return printed.stdout.splitlines()


def environment_of(line: str, **caller) -> dict[str, str]:
    """The environment the printed command gives manage.py, when the caller's has `caller`."""
    assignments = line.split(PYTHON, 1)[0]
    show = (
        f'{shlex.quote(sys.executable)} -c "import json, os; print(json.dumps(dict(os.environ)))"'
    )
    shown = subprocess.run(
        ["sh", "-c", f"{assignments} {show}"],
        env={**ENVIRONMENT, **caller},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(shown.stdout)


def serving_lines(*variables: str) -> dict[str, str]:
    lines = {}
    for line in printed_commands(*variables):
        for command in SERVING:
            if f"{PYTHON}{command}" in line:
                lines[command] = line
    assert set(lines) == set(SERVING), lines
    return lines


@pytest.mark.parametrize("variables,port", [(["PORT=9123"], "9123"), ([], "8000")])
def test_make_run_sets_site_url_from_its_port_and_debug_off(variables, port):
    lines = serving_lines(*variables)
    assert lines["runserver"].rstrip().endswith(f"runserver 127.0.0.1:{port}")
    for command, line in lines.items():
        environment = environment_of(line)
        assert environment["SITE_URL"] == f"http://127.0.0.1:{port}", command
        assert environment["DEBUG"] == "0", command


def test_make_run_keeps_the_site_url_and_debug_a_developer_sets():
    lines = serving_lines("PORT=9123")
    for command, line in lines.items():
        environment = environment_of(line, SITE_URL="https://training.example", DEBUG="1")
        assert environment["SITE_URL"] == "https://training.example", command
        assert environment["DEBUG"] == "1", command
