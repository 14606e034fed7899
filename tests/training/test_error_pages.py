"""The product's own error pages, in both languages, and `make run` showing them.

`make run` serves with LOCAL_HTTP=1 and DEBUG off (Makefile `RUN_ENV`), so a newcomer or a
demo meets the pages a cadre would; `DEBUG=1 make run` brings Django's debug pages back.
"""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path

from tests.helpers import run_python
from training.urls import urlpatterns as site_urlpatterns

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en-US"}


def broken(request):
    raise RuntimeError("a bug")


def refused(request):
    raise PermissionDenied


# The site's URLs plus two views that fail, to see what a person gets.
urlpatterns = [path("broken/", broken), path("refused/", refused), *site_urlpatterns]


@pytest.fixture
def faulty_site(settings):
    settings.ROOT_URLCONF = __name__


def _page(url, headers, user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client.get(url, **headers)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url,status,english,chinese",
    [
        ("/no-such-page/", 404, "Page not found", "页面不存在"),
        ("/refused/", 403, "You do not have access to this page", "你无权访问此页面"),
        ("/broken/", 500, "Something went wrong on our side", "系统出错了"),
    ],
)
def test_error_pages_speak_both_languages(faulty_site, alice, url, status, english, chinese):
    page = _page(url, EN, alice.user)
    assert page.status_code == status
    assert english in page.content.decode()
    page = _page(url, ZH, alice.user)
    assert page.status_code == status
    body = page.content.decode()
    assert chinese in body and english not in body
    assert 'lang="zh-hans"' in body.lower()


MAKE_RUN = """
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
missing = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="zh-CN")
css = client.get("/static/css/site.css")
print("RESULT" + json.dumps({
    "status": missing.status_code,
    "body": missing.content.decode(),
    "css": css.status_code,
}))
"""


def _make_run(**env):
    result = run_python(
        MAKE_RUN,
        LOCAL_HTTP="1",
        SITE_URL="http://127.0.0.1:8000",
        ALLOWED_HOSTS="testserver",
        **env,
    )
    line = next((x for x in result.stdout.splitlines() if x.startswith("RESULT")), None)
    assert line, result.stderr[-3000:]
    return json.loads(line.removeprefix("RESULT"))


def test_make_run_shows_the_products_404_and_serves_its_static_files():
    page = _make_run(DEBUG="0")
    assert page["status"] == 404
    assert "页面不存在" in page["body"]
    assert "Django" not in page["body"]  # not the debug page
    assert page["css"] == 200  # from the source folders, no collectstatic


def test_a_developer_gets_the_debug_page_when_asking_for_it():
    page = _make_run(DEBUG="1")
    assert page["status"] == 404
    assert "Using the URLconf defined in" in page["body"]


def test_the_server_says_at_start_up_that_site_url_is_missing():
    result = run_python("import training.wsgi", SITE_URL="", DEBUG="0", LOCAL_HTTP="0")
    assert "training.W002" in result.stderr and "SITE_URL is not set" in result.stderr
    result = run_python("import training.wsgi", SITE_URL="https://t.example", DEBUG="0")
    assert "training.W002" not in result.stderr
