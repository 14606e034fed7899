"""The demo's history sent to a real LRS (ralph-malph's, on loopback), read back whole, and an
outage in the middle: what was queued while the LRS was away arrives after it returns, once.

Here rather than in tests/xapi/ to read the one demo this folder builds (conftest.py)."""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import ROOT
from xapi import lrs
from xapi.models import Statement

pytestmark = pytest.mark.django_db

LRS_PYTHON = ROOT / ".venv/ralph-lrs/bin/python"
USER, PASSWORD = "site", "lrs-secret"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RalphLRS:
    def __init__(self, workdir: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/xAPI"
        (workdir / "data").mkdir()
        self.env = {
            **os.environ,
            "RALPH_APP_DIR": str(workdir),
            "RALPH_AUTH_FILE": str(workdir / "auth.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(workdir / "data"),
        }
        subprocess.run(
            [str(LRS_PYTHON), "-m", "ralph", "auth", "-u", USER, "-p", PASSWORD, "-s", "all"]
            + ["-M", "mailto:lrs@example.gov", "-w"],
            env=self.env,
            check=True,
            capture_output=True,
        )
        self.process = None

    def start(self):
        script = ROOT / "tests/xapi/ralph_lrs.py"
        self.process = subprocess.Popen(
            [str(LRS_PYTHON), str(script), str(self.port)], env=self.env
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                self.get("/statements?limit=1")
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("ralph's LRS did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)

    def get(self, path: str) -> dict:
        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}"
            + (path if path.startswith("/xAPI") else "/xAPI" + path),
            headers={"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
            return json.loads(response.read())

    def all_statements(self) -> list[dict]:
        out, page = [], self.get("/statements?limit=500")
        while True:
            out += page["statements"]
            if not page.get("more") or not page["statements"]:
                return out
            page = self.get(page["more"])


@pytest.fixture
def ralph(tmp_path, settings):
    if not LRS_PYTHON.exists():
        message = "ralph's LRS is not installed: make lrs-venv"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    server = RalphLRS(tmp_path)
    server.start()
    settings.XAPI_LRS_URL = server.url
    settings.XAPI_LRS_USERNAME, settings.XAPI_LRS_PASSWORD = USER, PASSWORD
    settings.XAPI_BATCH_SIZE = 100
    yield server
    if server.process.poll() is None:
        server.stop()


def test_the_demo_history_reaches_ralphs_lrs_whole_even_across_an_outage(demo, ralph):
    ours = {str(pk): verb for pk, verb in Statement.objects.values_list("pk", "verb")}
    assert len(ours) > 300
    # Three batches go; then the LRS goes away.
    assert lrs.send_pending(max_batches=3).sent == 300
    ralph.stop()
    result = lrs.send_pending()
    assert result.sent == 0 and result.failed_batches == 1
    assert Statement.objects.unsent().count() == len(ours) - 300
    # Back: the rest arrives, and a send with nothing queued sends nothing.
    ralph.start()
    assert lrs.send_pending().sent == len(ours) - 300
    assert lrs.send_pending().sent == 0
    stored = ralph.all_statements()
    assert len(stored) == len(ours)  # nothing twice
    assert {s["id"]: s["verb"]["id"] for s in stored} == ours
