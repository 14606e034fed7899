import pytest

from tests.helpers import run_python


@pytest.mark.django_db
def test_health_check_reports_a_reachable_database_to_anonymous_callers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"]["status"] == "ok"
    assert response["Cache-Control"].startswith("max-age=0")


def test_health_check_answers_503_when_the_database_is_unreachable(tmp_path):
    # A real unreachable database: a SQLite file inside a directory that does not exist.
    code = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz'); print(r.status_code); print(r.content.decode())"
    )
    out = run_python(
        code,
        DATABASE_URL=f"sqlite:///{tmp_path}/missing/dir/db.sqlite3",
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
    )
    status, body = out.stdout.splitlines()[:2]
    assert status == "503"
    assert '"unreachable"' in body
    assert "missing" not in body  # no path or host leaks to the public endpoint
