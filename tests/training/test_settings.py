"""Settings come from the environment, and production settings pass Django's deploy check."""

import json
import os
from io import StringIO

import pytest
from django.core.management import call_command

from tests.helpers import run_manage, run_python

REAL_SECRET = "k3y-" + "x9Lm2Qp7Rt5Vw8Yz1Bc4Df6Gh0Jk3Mn5Pq8St2Uv4Wx7Za9" * 2


def settings_in(env: dict[str, str], *names: str) -> dict:
    """Settings as a fresh interpreter reads them from `env`."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    result = run_python(code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_deploy_check_passes_with_debug_off_and_a_real_secret():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=REAL_SECRET,
        ALLOWED_HOSTS="training.example.gov",
        SITE_URL="https://training.example.gov",
        SECURE_SSL_REDIRECT="",
        SESSION_COOKIE_SECURE="",
        CSRF_COOKIE_SECURE="",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_refuses_a_missing_site_url():
    result = run_manage(
        "check",
        "--deploy",
        DEBUG="0",
        SECRET_KEY=REAL_SECRET,
        ALLOWED_HOSTS="training.example.gov",
        SITE_URL="",
    )
    assert result.returncode != 0
    assert "training.E002" in result.stderr


def test_deploy_check_refuses_the_development_secret():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        ALLOWED_HOSTS="training.example.gov",
        SECURE_SSL_REDIRECT="",
        SESSION_COOKIE_SECURE="",
        CSRF_COOKIE_SECURE="",
    )
    assert result.returncode != 0
    assert "training.E001" in result.stderr


def test_deploy_check_warns_when_https_protections_are_switched_off():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=REAL_SECRET,
        ALLOWED_HOSTS="training.example.gov",
        SESSION_COOKIE_SECURE="0",
    )
    assert result.returncode != 0
    assert "security.W012" in result.stderr


def test_database_url_selects_postgresql_and_sqlite_gets_wal():
    pg = settings_in({"DATABASE_URL": "postgres://u:p@db.internal:5432/cadre"}, "DATABASES")
    assert pg["DATABASES"]["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert pg["DATABASES"]["default"]["HOST"] == "db.internal"
    lite = settings_in({"DATABASE_URL": ""}, "DATABASES")
    options = lite["DATABASES"]["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]


def test_redis_url_moves_cache_and_sessions_out_of_the_process():
    values = settings_in({"REDIS_URL": "redis://127.0.0.1:6379/3"}, "CACHES", "SESSION_ENGINE")
    assert values["CACHES"]["default"]["BACKEND"].endswith("RedisCache")
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    without = settings_in({}, "CACHES", "SESSION_ENGINE")
    assert without["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL not set")
def test_configured_redis_cache_round_trips():
    from django.core.cache import cache

    cache.set("cadre-test-key", {"hours": 50}, 30)
    assert cache.get("cadre-test-key") == {"hours": 50}
    cache.delete("cadre-test-key")


@pytest.mark.django_db
def test_no_pending_migrations():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"Models changed without a migration:\n{out.getvalue()}")


def test_postgresql_connections_run_without_jit(db):
    """PostgreSQL's JIT cost the completion table seconds at province size (issue 15)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
