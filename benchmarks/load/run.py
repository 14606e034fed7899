"""The load scenario from start to finish: fresh database, gunicorn, locust, then the checks.

    bash benchmarks/load/run.sh --short      # CI: 20 cadres for 30 s, SQLite
    bash benchmarks/load/run.sh --long       # 50 cadres for 2 minutes
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres bash benchmarks/load/run.sh --long

1. A fresh database: an SQLite file in a temporary folder, or, when DATABASE_URL names a
   PostgreSQL server, a new database `cadre_load_<pid>` on that server (dropped at the end; the
   database DATABASE_URL names is only used to connect). Then compile_translations,
   collectstatic, migrate, demo, and `prepare.py` (the load cadres).
2. gunicorn on a free loopback port: 2 workers, gthread, production settings (DEBUG off).
3. `locust --headless -u USERS -r RATE -t DURATION` with `locustfile.py`, CSV stats.
4. Checks: zero failures in locust's stats; `check.py` finds every stored save in the
   database exactly once; no "database is locked" and no server error in gunicorn's log.
Prints requests, failures, p50 and p95 per request kind; exits 1 if any check fails.
"""

from __future__ import annotations

import argparse
import csv
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv" / "bin"
PYTHON = str(VENV / "python") if (VENV / "python").exists() else sys.executable
FORMS = {"short": (20, 5, 30), "long": (50, 5, 120)}  # users, spawn rate per second, seconds


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(args: list[str], env: dict, timeout: float = 900, **kwargs) -> None:
    print("$", " ".join(args[1:] if args[0] == PYTHON else args), flush=True)
    subprocess.run(args, cwd=ROOT, env=env, check=True, timeout=timeout, **kwargs)


class Database:
    """A database made for this run only: `name` on the PostgreSQL server DATABASE_URL names,
    else the SQLite file `name`.sqlite3 in `workdir`."""

    def __init__(self, workdir: Path, name: str = "") -> None:
        given = os.environ.get("DATABASE_URL", "")
        self.server = given if given.startswith(("postgres://", "postgresql://")) else ""
        self.name = name or f"cadre_load_{os.getpid()}"
        if not self.server:
            self.url = f"sqlite:///{workdir / (self.name + '.sqlite3')}"
            return
        parts = urlsplit(self.server)
        self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}"')
        self._admin(f'CREATE DATABASE "{self.name}"')

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.server, autocommit=True) as connection:
            connection.execute(sql)

    def drop(self) -> None:
        if self.server:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    @property
    def kind(self) -> str:
        return "PostgreSQL" if self.server else "SQLite"


def wait_for_health(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn exited before answering; see its log")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310  # nosec B310  # loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer /healthz in time")


def site_env(database_url: str, cache_prefix: str, **extra: str) -> dict:
    """The environment of a production-like site on loopback: DEBUG off, a fresh secret key,
    plain http on 127.0.0.1, the given database (and REDIS_URL when it is set)."""
    return {
        **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}},
        "DJANGO_SETTINGS_MODULE": "training.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "DATABASE_URL": database_url,
        "CACHE_KEY_PREFIX": cache_prefix,
        "PYTHONPATH": str(ROOT),
        **extra,
    }


def build_static(env: dict) -> None:
    """What gunicorn serves besides the code: the compiled catalogue and the static files."""
    run([PYTHON, "manage.py", "compile_translations"], env, stdout=subprocess.DEVNULL)
    run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], env)


def start_gunicorn(
    env: dict,
    log: Path,
    app: str = "training.wsgi",
    workers: int = 2,
    threads: int = 4,
    access_log: bool = True,
) -> tuple[subprocess.Popen, str]:
    """gunicorn on a free loopback port (gthread), its output in `log` (with every request
    unless `access_log` is off); returns the server and its address once /healthz answers."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with log.open("w") as out:
        server = subprocess.Popen(
            [str(VENV / "gunicorn"), app, "--bind", f"127.0.0.1:{port}"]
            + ["--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads)]
            # Keep-alive longer than a cadre's pause (locustfile: 1-3 s), or a connection
            # the server closes as the next request is sent shows as a reset (nginx, in
            # production, holds its own upstream connections).
            + ["--timeout", "60", "--keep-alive", "10", "--no-control-socket"]
            + (["--access-logfile", "-"] if access_log else []),
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_health(url, server)
    except BaseException:
        stop(server)
        raise
    return server, url


def stop(server: subprocess.Popen | None) -> None:
    """Kill the server if it is still running, and wait for it."""
    if server is not None and server.poll() is None:
        server.kill()
        server.wait(timeout=30)


def stats(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as rows:
        return list(csv.DictReader(rows))


def report(rows: list[dict]) -> dict:
    print(f"{'request':<22}{'count':>8}{'failures':>10}{'p50 ms':>9}{'p95 ms':>9}")
    total = {}
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "all"
        print(
            f"{name:<22}{row['Request Count']:>8}{row['Failure Count']:>10}"
            f"{row['50%']:>9}{row['95%']:>9}"
        )
        if row["Name"] == "Aggregated":
            total = row
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--short", action="store_const", const="short", dest="form")
    form.add_argument("--long", action="store_const", const="long", dest="form")
    parser.add_argument("--users", type=int)
    parser.add_argument("--rate", type=float)
    parser.add_argument("--duration", type=int, help="seconds")
    parser.add_argument("--keep", action="store_true", help="keep the folder and the database")
    args = parser.parse_args()
    users, rate, duration = FORMS[args.form or "short"]
    users, rate, duration = args.users or users, args.rate or rate, args.duration or duration

    workdir = Path(tempfile.mkdtemp(prefix="cadre-load-"))
    database = Database(workdir)
    password = "load-" + secrets.token_urlsafe(12)
    env = site_env(
        database.url,
        f"cadre-load-{os.getpid()}",
        LOAD_PASSWORD=password,
        LOAD_ACCOUNTS=str(users),
        LOAD_RESULTS=str(workdir / "saves.jsonl"),
    )
    print(f"Load: {users} cadres, {rate}/s, {duration} s, {database.kind}; work in {workdir}")
    server = None
    failures: list[str] = []
    try:
        build_static(env)
        run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], env)
        run([PYTHON, "manage.py", "demo"], env, stdout=subprocess.DEVNULL)
        run([PYTHON, "-m", "benchmarks.load.prepare", "--users", str(users)], env)

        log = workdir / "gunicorn.log"
        server, url = start_gunicorn(env, log)

        prefix = workdir / "locust"
        locust = subprocess.run(
            [str(VENV / "locust"), "-f", str(ROOT / "benchmarks/load/locustfile.py")]
            + ["--headless", "-u", str(users), "-r", str(rate), "-t", f"{duration}s"]
            + ["--host", url, "--csv", str(prefix), "--only-summary", "--stop-timeout", "10"]
            + ["--loglevel", "WARNING"],
            cwd=ROOT,
            env=env,
            timeout=duration + 120,
        )
        total = report(stats(prefix))
        if not total or int(total["Request Count"]) == 0:
            failures.append("locust made no requests")
        elif int(total["Failure Count"]):
            failures.append(f"{total['Failure Count']} failed requests (see {prefix}_failures.csv)")
        if locust.returncode:
            failures.append(f"locust exited with {locust.returncode}")

        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        text = log.read_text(errors="replace")
        if "database is locked" in text:
            failures.append("'database is locked' in gunicorn's log")
        if "Traceback" in text or '" 500 ' in text:
            failures.append(f"server errors in gunicorn's log ({log})")

        check = subprocess.run(
            [PYTHON, "-m", "benchmarks.load.check", env["LOAD_RESULTS"]], cwd=ROOT, env=env
        )
        if check.returncode:
            failures.append("the database does not hold what the cadres saved")
    finally:
        stop(server)
        if not args.keep:
            database.drop()
    if failures:
        print("LOAD FAILED:\n  " + "\n  ".join(failures))
        print(f"Logs and stats kept in {workdir}")
        return 1
    print(f"Load passed: {users} cadres for {duration} s on {database.kind}, zero failures.")
    if not args.keep:
        subprocess.run(["rm", "-rf", str(workdir)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
