"""`manage.py bench` in its smallest form, so the benchmark cannot rot: 200 cadres, one second a
workload, on SQLite, with every workload measured and no request failed. And the driver's
check itself: a server error or a dropped connection is a failure, never a figure.
"""

import http.server
import json
import subprocess
import sys
import threading

from benchmarks.bench import run
from tests.helpers import ROOT, subprocess_env


def test_the_bench_measures_every_workload_and_no_request_fails(tmp_path):
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, "manage.py", "bench", "--cadres", "200", "--short", "--seconds", "1"]
        + ["--json", str(out)],
        cwd=ROOT,
        env=subprocess_env(DATABASE_URL=""),  # SQLite: a temporary file of the bench's own
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-5000:]
    figures = json.loads(out.read_text())

    assert figures["machine"]["cores"] and figures["database"].startswith("SQLite")
    assert figures["failures"] == []
    rows = {row["name"]: row for row in figures["workloads"]}
    assert list(rows) == [name for name, _what in run.WORKLOADS]
    for name, row in rows.items():
        assert row["cadres"] == 200
        assert row["rps"] > 0, name
        assert row["errors"] == 0, name
        assert row["p50_ms"] <= row["p95_ms"] <= row["p99_ms"], name
        assert row["rss_mb"] > 0, name
        assert row["ratio_to_bare"] > 0 and row["ratio_to_middleware"] > 0, name
        if name != "bare":  # answered before Django: no database at all
            assert row["queries"] > 0, name
    for name in run.EXPORTS:
        assert rows[name]["rows_per_export"] > 0 and rows[name]["rows_per_s"] > 0
    assert "Bench passed" in result.stdout


class _Flaky(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        if self.path == "/drop":
            self.close_connection = True  # no answer at all
            return
        status = 500 if self.path == "/error" else 200
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args) -> None:
        pass


class _NoWorkers(run.Server):
    def workers(self) -> list[int]:
        return []


def test_a_server_error_or_a_dropped_connection_is_a_failure():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        person = run.Person("sessionid", "csrftoken", "x")
        ok = run.expect(200)
        paths = ["/ok", "/error", "/drop", "/ok"]
        workload = run.Workload(
            "flaky", lambda i: (run.Request(person, p, check=ok) for p in paths), warm_up=False
        )
        target = _NoWorkers(None, f"http://127.0.0.1:{server.server_port}")
        outcome = run.drive(target, workload, seconds=30)
    finally:
        server.shutdown()
        server.server_close()
    connections = run.CONNECTIONS
    assert len(outcome.latencies) == 3 * connections  # the drop has no latency
    assert outcome.server_errors == connections
    assert outcome.connection_errors == connections
    assert outcome.wrong == 0
    assert outcome.failures == 2 * connections
    assert any("answered 500" in m for m in outcome.messages)
