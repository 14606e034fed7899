"""Login under attack: the lockout keys on the real client behind a trusted proxy, passwords
are checked for strength, idle sessions end, and every login, failure and lockout is logged."""

import logging

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

import people.middleware
from people.client_address import client_address
from people.middleware import LAST_SEEN_KEY
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

VICTIM = "10.0.0.22"  # the real alice's desk
ATTACKER = "198.51.100.7"  # the guesser's machine
NGINX = "127.0.0.1"  # the README's proxy, on the same host


def log_in(client, password, *, remote=NGINX, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(reverse("login"), {"username": "alice", "password": password}, **extra)


def guess_until_locked(client, settings, **where):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "guess", **where)


# --- Which address the lockout sees ---------------------------------------------------------


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("count", "remote", "forwarded", "expected"),
    [
        (0, ATTACKER, None, ATTACKER),
        (0, ATTACKER, VICTIM, ATTACKER),  # without a trusted proxy the header is ignored
        (1, NGINX, VICTIM, VICTIM),
        (1, NGINX, f"{VICTIM}, {ATTACKER}", ATTACKER),  # left of nginx's entry: forged
        (1, NGINX, f'{VICTIM}, ", {ATTACKER}', ATTACKER),  # a quote does not hide nginx's entry
        (1, NGINX, f'for={VICTIM};x=", {ATTACKER}', ATTACKER),
        (1, NGINX, "", NGINX),  # straight to the app, not through the proxy
        (1, NGINX, None, NGINX),
        (1, NGINX, f"{VICTIM}, not-an-address", None),  # a broken proxy: trust nothing
        (2, NGINX, f"{VICTIM}, {ATTACKER}, 10.9.9.9", ATTACKER),
        (1, "::1", "2001:db8::5", "2001:db8::5"),
    ],
)
def test_the_client_address_is_the_entry_the_trusted_proxy_wrote(
    settings, count, remote, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_address(request_from(remote, forwarded)) == expected


def test_without_a_trusted_proxy_forged_headers_do_not_lock_the_real_user_out(
    client, alice, settings
):
    settings.TRUSTED_PROXY_COUNT = 0
    # The exploit: the guesser names the victim's address, and varies it.
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "guess", remote=ATTACKER, forwarded=VICTIM if n % 2 else f"10.0.0.{n}")
    assert log_in(client, PASSWORD, remote=ATTACKER, forwarded=VICTIM).status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    # The real alice, from her own address, is not locked out.
    response = log_in(client, PASSWORD, remote=VICTIM)
    assert response["Location"] == reverse("home")


def test_behind_the_proxy_the_lockout_follows_the_client_not_the_proxy(client, alice, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # Through nginx every request has REMOTE_ADDR 127.0.0.1; nginx appends the guesser's own
    # address to whatever X-Forwarded-For the guesser sent.
    guess_until_locked(client, settings, forwarded=f"{VICTIM}, {ATTACKER}")
    assert log_in(client, PASSWORD, forwarded=f"{VICTIM}, {ATTACKER}").status_code == 429
    assert log_in(client, PASSWORD, forwarded=f'{VICTIM}, ", {ATTACKER}').status_code == 429
    assert log_in(client, PASSWORD, forwarded=ATTACKER).status_code == 429
    # alice at her desk, through the same proxy, logs in.
    assert log_in(client, PASSWORD, forwarded=VICTIM)["Location"] == reverse("home")


def test_behind_the_proxy_two_clients_are_locked_out_independently(client, alice, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    guess_until_locked(client, settings, forwarded="10.0.0.31")
    assert log_in(client, PASSWORD, forwarded="10.0.0.31").status_code == 429
    assert log_in(client, PASSWORD, forwarded="10.0.0.32")["Location"] == reverse("home")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.31"}


def test_behind_the_proxy_with_the_count_at_0_everyone_shares_the_proxy_address(
    client, alice, settings
):
    """Why the deploy check warns (people.W001): this is the issue's lockout of colleagues."""
    settings.TRUSTED_PROXY_COUNT = 0
    guess_until_locked(client, settings, forwarded=ATTACKER)
    assert log_in(client, PASSWORD, forwarded=VICTIM).status_code == 429


def test_the_deploy_check_warns_behind_a_proxy_without_a_proxy_count(settings):
    from people.checks import proxy_count_is_set_behind_a_proxy

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXY_COUNT = 0
    assert [w.id for w in proxy_count_is_set_behind_a_proxy(None)] == ["people.W001"]
    settings.TRUSTED_PROXY_COUNT = 1
    assert proxy_count_is_set_behind_a_proxy(None) == []


# --- Passwords ------------------------------------------------------------------------------


@pytest.mark.parametrize("password", ["dem0-pass", "qwertyuiop", "iloveyou12", "4839201756"])
def test_short_common_and_numeric_passwords_are_refused(alice, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=alice.user)


def test_a_password_like_the_user_name_is_refused(alice):
    alice.user.username = "riverside-secretary"
    with pytest.raises(ValidationError):
        validate_password("riverside-secretary1", user=alice.user)


@pytest.mark.parametrize("password", ["demo-pass-2026", PASSWORD])
def test_the_demo_and_test_passwords_pass(alice, password):
    validate_password(password, user=alice.user)


def test_the_password_change_form_refuses_a_nine_character_password(login, alice):
    client = login(alice)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "nine-char", "new_password2": "nine-char"},
    )
    assert response.status_code == 200
    assert "at least 10 characters" in response.content.decode()
    alice.user.refresh_from_db()
    assert alice.user.check_password(PASSWORD)


# --- Idle sessions --------------------------------------------------------------------------


@pytest.fixture
def clock(monkeypatch):
    """The idle check's clock, moved by the test instead of waiting."""

    class Clock:
        now = people.middleware.current_time()

        def advance(self, minutes: float) -> None:
            self.now += int(minutes * 60)

    c = Clock()
    monkeypatch.setattr(people.middleware, "current_time", lambda: c.now)
    return c


def test_a_session_idle_longer_than_the_limit_is_logged_out_with_a_message(
    client, alice, settings, clock
):
    settings.SESSION_IDLE_MINUTES = 30
    log_in(client, PASSWORD)
    assert client.get("/").status_code == 200
    clock.advance(31)
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == f"{reverse('login')}?next=/"
    assert "logged out after 30 minutes without activity" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302


def test_activity_keeps_the_session_open(client, alice, settings, clock):
    settings.SESSION_IDLE_MINUTES = 30
    log_in(client, PASSWORD)
    for _ in range(4):  # two hours in all, never 30 minutes apart
        clock.advance(29)
        assert client.get("/").status_code == 200
    assert client.session[LAST_SEEN_KEY] == clock.now


def test_the_idle_limit_counts_from_the_login(client, alice, settings, clock):
    settings.SESSION_IDLE_MINUTES = 30
    log_in(client, PASSWORD)
    clock.advance(31)  # logged in, then no request at all
    assert client.get("/").status_code == 302


def test_the_last_request_time_moves_at_most_once_a_minute(client, alice, settings, clock):
    """Not a record of time online: a coarse mark in the session, not written per request."""
    settings.SESSION_IDLE_MINUTES = 30
    log_in(client, PASSWORD)
    first = client.session[LAST_SEEN_KEY]
    clock.advance(0.5)
    client.get("/")
    assert client.session[LAST_SEEN_KEY] == first
    clock.advance(0.5)
    client.get("/")
    assert client.session[LAST_SEEN_KEY] == clock.now


def test_an_idle_limit_of_zero_never_logs_out(client, alice, settings, clock):
    settings.SESSION_IDLE_MINUTES = 0
    log_in(client, PASSWORD)
    clock.advance(7 * 60)
    assert client.get("/").status_code == 200


# --- The security log -----------------------------------------------------------------------


def security_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "cadre.security"]


def test_a_login_is_logged_with_the_user_and_address(client, alice, settings, caplog):
    settings.TRUSTED_PROXY_COUNT = 1
    with caplog.at_level(logging.INFO, logger="cadre.security"):
        log_in(client, PASSWORD, forwarded=f"6.6.6.6, {VICTIM}")
    assert security_lines(caplog) == [f"login succeeded user='alice' address={VICTIM}"]


def test_failures_and_the_lockout_are_logged_without_the_password(client, alice, settings, caplog):
    settings.TRUSTED_PROXY_COUNT = 0
    with caplog.at_level(logging.INFO, logger="cadre.security"):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            log_in(client, "secret-guess\nlogin succeeded", remote=ATTACKER)
    lines = security_lines(caplog)
    failed = f"login failed user='alice' address={ATTACKER}"
    assert lines.count(failed) == settings.AXES_FAILURE_LIMIT
    assert f"login locked out user='alice' address={ATTACKER}" in lines
    assert not any("secret-guess" in line for line in lines)
    warnings = [r for r in caplog.records if r.name == "cadre.security"]
    assert all(r.levelno == logging.WARNING for r in warnings)


def test_a_user_name_cannot_forge_a_log_line(client, alice, caplog):
    with caplog.at_level(logging.INFO, logger="cadre.security"):
        client.post(
            reverse("login"),
            {"username": "x\nlogin succeeded user='alice'", "password": "guess"},
        )
    (line,) = security_lines(caplog)
    assert "\n" not in line


def test_the_lockout_page_says_how_long_it_lasts(client, alice, settings):
    from datetime import timedelta

    settings.AXES_COOLOFF_TIME = timedelta(minutes=20)
    guess_until_locked(client, settings, remote=ATTACKER)
    page = log_in(client, PASSWORD, remote=ATTACKER)
    assert page.status_code == 429
    text = page.content.decode()
    assert f"After {settings.AXES_FAILURE_LIMIT} wrong passwords" in text
    assert "locked on this computer for 20 minutes" in text
    zh = client.post(
        reverse("login"),
        {"username": "alice", "password": PASSWORD},
        REMOTE_ADDR=ATTACKER,
        HTTP_ACCEPT_LANGUAGE="zh-CN",
    ).content.decode()
    assert "锁定 20 分钟" in zh
