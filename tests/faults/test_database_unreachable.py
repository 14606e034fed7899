"""With the database unreachable, every page answers a clean 503 and `/healthz` says why.

Each test starts a fresh interpreter pointed at a PostgreSQL port nothing listens on, so the
failure is a real refused connection, not a mock. The interpreter reads `tests.settings` (the
production settings with DEBUG off, plus the static storage that needs no collectstatic).
"""

import json

from tests.helpers import run_python

UNREACHABLE = "postgres://postgres@127.0.0.1:1/none"

PROBE = """
import json, django
django.setup()
from django.test import Client

client = Client(raise_request_exception=False)
out = {}
def record(name, response):
    out[name] = {
        "status": response.status_code,
        "body": response.content.decode(),
        "headers": dict(response.headers),
    }

record("healthz", client.get("/healthz"))
# A login reaches the database in the view.
record("login", client.post("/accounts/login/", {"username": "cadre", "password": "x" * 12}))
# A logged-in reader: the session is read from the database before any view runs.
client.cookies["sessionid"] = "a" * 32
record("home", client.get("/"))
record("home_zh", client.get("/courses/", HTTP_ACCEPT_LANGUAGE="zh-hans"))
print("RESULT" + json.dumps(out))
"""


def probe() -> dict:
    result = run_python(
        PROBE,
        DATABASE_URL=UNREACHABLE,
        DJANGO_SETTINGS_MODULE="tests.settings",
        ALLOWED_HOSTS="testserver",
        DEBUG="0",
        SECURE_SSL_REDIRECT="0",
    )
    line = next((x for x in result.stdout.splitlines() if x.startswith("RESULT")), None)
    assert line, result.stderr[-3000:]
    return json.loads(line.removeprefix("RESULT"))


def test_an_unreachable_database_gives_a_clean_503_page_and_healthz_says_why():
    pages = probe()

    health = pages["healthz"]
    assert health["status"] == 503
    assert json.loads(health["body"])["database"]["status"] == "unreachable"
    assert "127.0.0.1" not in health["body"]

    for name in ["login", "home"]:
        page = pages[name]
        assert page["status"] == 503, (name, page["body"][:500])
        assert "The site is temporarily unavailable" in page["body"]
        assert page["headers"]["Retry-After"] == "30"
        assert page["headers"]["Cache-Control"] == "no-store"
        assert "'self'" in page["headers"]["Content-Security-Policy"]
        # No stack trace, no exception name, no host or port of the database.
        for leak in ["Traceback", "OperationalError", "psycopg", "127.0.0.1", "port 1"]:
            assert leak not in page["body"], (name, leak)


def test_the_503_page_speaks_the_readers_language():
    page = probe()["home_zh"]
    assert page["status"] == 503
    assert 'lang="zh-Hans"' in page["body"]
    assert "网站暂时无法使用" in page["body"]
    assert "Traceback" not in page["body"]
