"""Scale-out: two app servers (two gunicorn instances on two ports) share PostgreSQL and Redis,
as behind a load balancer. A session begun on one continues on the other, a save made through
one is what the other shows, and a logout on one ends the session on both."""

import re

import pytest
import requests
from django.conf import settings
from django.urls import reverse

from quizzes.models import Attempt
from quizzes.services import attempt_start

from .test_killed_worker import TIMEOUT, Gunicorn, logged_in, post

pytestmark = [
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL: a database two servers share",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def two_servers(tmp_path):
    # A Redis database of the test's own: sessions are cached there and read by both.
    servers = [
        Gunicorn(tmp_path / f"gunicorn-{n}.log", REDIS_URL="redis://127.0.0.1:6379/11")
        for n in (1, 2)
    ]
    try:
        for server in servers:
            server.ready()
        yield servers
    finally:
        for server in servers:
            server.stop()


def test_a_session_begun_on_one_server_continues_on_the_other(two_servers, alice, quiz):
    import redis

    redis.Redis.from_url("redis://127.0.0.1:6379/11").flushdb()
    first, second = two_servers
    browser = logged_in(first.url, "alice")
    # The other server knows her: her own page, not the login page.
    page = browser.get(
        f"{second.url}{reverse('records:my_learning')}", timeout=TIMEOUT, allow_redirects=False
    )
    assert page.status_code == 200 and "Alice" in page.text
    # A save through one server is what the other one shows.
    attempt = attempt_start(quiz=quiz, user=alice.user)
    aq = attempt.questions.order_by("order").first()
    key = aq.option_order[0]
    saved = post(
        browser,
        f"{first.url}{reverse('quizzes:save', args=[attempt.pk])}",
        **{f"q{aq.pk}": key, f"q{aq.pk}_shown": "1"},
    )
    assert saved.status_code == 302
    shown = browser.get(
        f"{second.url}{reverse('quizzes:attempt', args=[attempt.pk])}", timeout=TIMEOUT
    )
    assert re.search(rf'name="q{aq.pk}" value="{key}" id="[^"]+" checked>', shown.text)
    assert Attempt.objects.get(pk=attempt.pk).questions.get(pk=aq.pk).answer.selected == [key]
    # Logging out on the second server ends the session on the first.
    assert post(browser, f"{second.url}{reverse('logout')}").status_code == 302
    after = browser.get(
        f"{first.url}{reverse('records:my_learning')}", timeout=TIMEOUT, allow_redirects=False
    )
    assert after.status_code == 302 and reverse("login") in after.headers["Location"]
    assert requests.get(f"{first.url}/healthz", timeout=TIMEOUT).status_code == 200
