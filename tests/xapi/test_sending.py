"""Statements reach an LRS from the task worker, in order, with the ids they were stored with;
an LRS that is down or refusing keeps them queued, with backoff, and nothing is lost or sent as
a new statement. The LRS here is a real HTTP server on loopback that stores what it is sent by
id (as an LRS does) and can be taken down or made to fail."""

from __future__ import annotations

import base64
import datetime as dt
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.helpers import study
from xapi import lrs
from xapi.models import Statement
from xapi.tasks import send_statements

pytestmark = pytest.mark.django_db


class LRS:
    """Stores statements by id; `fail` makes it answer 503, `stop()` takes it off the network."""

    def __init__(self):
        self.stored: dict[str, dict] = {}
        self.posts: list[list[str]] = []
        self.puts: list[str] = []
        self.headers: list = []
        self.fail = False
        self.lose_answer = False  # store the batch, then hang up before answering
        self.invalid: set[str] = set()  # ids it refuses as invalid (400), as a strict LRS
        self.unauthorised = False
        lrs_ = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                lrs_.headers.append(self.headers)  # case-insensitive, as HTTP
                if lrs_.fail:
                    self.send_response(503)
                    self.end_headers()
                    self.wfile.write(b"maintenance")
                    return
                if lrs_.unauthorised:
                    self.send_response(401)
                    self.end_headers()
                    return
                if any(s["id"] in lrs_.invalid for s in body):
                    self.send_response(400)  # the whole batch, as an LRS stores all or none
                    self.end_headers()
                    self.wfile.write(b'{"detail": "invalid statement"}')
                    return
                if any(s["id"] in lrs_.stored for s in body):
                    self.send_response(409)  # as ralph's LRS answers ids it already has
                    self.end_headers()
                    return
                lrs_.posts.append([s["id"] for s in body])
                for statement in body:
                    lrs_.stored[statement["id"]] = statement
                if lrs_.lose_answer:
                    self.close_connection = True
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(json.dumps([s["id"] for s in body]).encode())

            def do_PUT(self):  # PUT statements?statementId=…: one statement, 204 or 409
                statement = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                lrs_.puts.append(statement["id"])
                known = statement["id"] in lrs_.stored
                lrs_.stored.setdefault(statement["id"], statement)
                self.send_response(409 if known else 204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/xAPI"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def lrs_server(settings):
    server = LRS()
    settings.XAPI_LRS_URL = server.url
    settings.XAPI_LRS_USERNAME, settings.XAPI_LRS_PASSWORD = "site", "s3cret"
    settings.XAPI_BATCH_SIZE = 2
    yield server
    server.stop()


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/xAPI"  # nothing listens there once the socket is closed


@pytest.fixture
def six_statements(alice, make_course):
    """Five lessons experienced, then the course completed (it has no quiz)."""
    course = make_course("sent", lessons=5)
    start = timezone.now() - dt.timedelta(days=3)
    for n, lesson in enumerate(course.lessons.order_by("order"), start=1):
        study(alice.user, lesson, now=start + dt.timedelta(hours=n))
    rows = list(Statement.objects.in_order())
    assert len(rows) == 6
    return rows


def test_statements_go_in_order_in_batches_with_their_ids_and_once(lrs_server, six_statements):
    result = lrs.send_pending()
    assert result.sent == 6 and not result.error
    order = [str(s.id) for s in six_statements]
    assert lrs_server.posts == [order[:2], order[2:4], order[4:]]  # XAPI_BATCH_SIZE = 2
    headers = lrs_server.headers[0]
    assert headers["X-Experience-API-Version"] == "1.0.3"
    assert headers["Authorization"] == "Basic " + base64.b64encode(b"site:s3cret").decode()
    assert lrs_server.stored[order[0]] == six_statements[0].stored_json
    assert not Statement.objects.unsent().exists()
    assert lrs.send_pending().sent == 0 and len(lrs_server.posts) == 3  # nothing sent twice


def test_an_unreachable_lrs_keeps_everything_queued_then_takes_the_same_ids(
    settings, lrs_server, six_statements
):
    settings.XAPI_LRS_URL = closed_port_url()
    result = lrs.send_pending()
    assert result.sent == 0 and result.failed_batches == 1 and "refused" in result.error.lower()
    first = Statement.objects.in_order().first()
    assert first.attempts == 1 and first.last_error and first.sent_at is None
    assert Statement.objects.unsent().count() == 6
    settings.XAPI_LRS_URL = lrs_server.url  # back on the network
    assert lrs.send_pending().sent == 6
    assert sorted(lrs_server.stored) == sorted(str(s.id) for s in six_statements)


def test_a_refusing_lrs_stops_the_batch_and_says_why(lrs_server, six_statements):
    lrs_server.fail = True
    result = lrs.send_pending()
    assert result.error.startswith("HTTP 503") and "maintenance" in result.error
    assert Statement.objects.unsent().count() == 6 and lrs_server.stored == {}


def test_a_batch_whose_answer_was_lost_is_sent_again_with_the_same_ids(
    settings, lrs_server, six_statements
):
    """The LRS stored a batch but hung up before answering: the batch stays queued, the resend
    carries the same ids, the LRS answers 409 (it has them) and they count as sent, once."""
    settings.XAPI_BATCH_SIZE = 10
    lrs_server.lose_answer = True
    assert lrs.send_pending().sent == 0
    assert len(lrs_server.stored) == 6 and Statement.objects.unsent().count() == 6
    lrs_server.lose_answer = False
    assert lrs.send_pending().sent == 6
    assert len(lrs_server.stored) == 6 and len(lrs_server.posts) == 1
    assert len(lrs_server.puts) == 6  # after the 409, one by one: each already there


def test_after_a_409_new_statements_in_the_batch_are_stored_too(
    settings, lrs_server, six_statements
):
    """A resent batch may hold statements the lost one did not (a backfill, a larger batch
    size): the 409 of the whole batch does not count them as stored unless they are."""
    settings.XAPI_BATCH_SIZE = 2
    lrs_server.lose_answer = True
    lrs.send_pending(max_batches=1)  # the first two reach the LRS, the answer is lost
    lrs_server.lose_answer = False
    settings.XAPI_BATCH_SIZE = 10
    assert lrs.send_pending().sent == 6
    assert sorted(lrs_server.stored) == sorted(str(s.id) for s in six_statements)


class Redirecting(BaseHTTPRequestHandler):
    """A proxy that moved: POST answers 301, the GET it leads to answers 200."""

    def do_POST(self):
        self.send_response(301)
        self.send_header("Location", "/elsewhere")
        self.end_headers()

    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"<html>a login page</html>")

    def log_message(self, *args):
        pass


def test_a_redirect_or_a_page_is_not_taken_for_success(settings, six_statements):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirecting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        settings.XAPI_LRS_URL = f"http://127.0.0.1:{server.server_port}/xAPI"
        result = lrs.send_pending()
        assert result.sent == 0 and "redirects" in result.error
        assert Statement.objects.unsent().count() == 6
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("url", ["http://h:abc/x", "http://host with space/x", "ftp://h/x"])
def test_a_malformed_address_is_an_error_kept_not_a_crash(settings, six_statements, url):
    settings.XAPI_LRS_URL = url
    result = lrs.send_pending()
    assert result.failed_batches == 1 and result.error
    assert Statement.objects.in_order().first().last_error


def test_a_transaction_of_many_statements_queues_one_send(
    settings, lrs_server, alice, make_course, django_capture_on_commit_callbacks
):
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        course = make_course("many", lessons=4)
        for lesson in course.lessons.order_by("order"):
            study(alice.user, lesson, now=timezone.now() - dt.timedelta(days=1))
    assert Statement.objects.count() == 5
    assert DBTaskResult.objects.count() == 1


@pytest.mark.parametrize("attempts,seconds", [(1, 30), (2, 60), (3, 120), (20, 3600)])
def test_retries_wait_longer_each_time(settings, attempts, seconds):
    settings.XAPI_RETRY_SECONDS = 30
    assert lrs.backoff_seconds(attempts) == seconds


def test_a_failed_send_queues_a_retry_for_later(settings, lrs_server, six_statements):
    settings.XAPI_LRS_URL = closed_port_url()
    DBTaskResult.objects.all().delete()
    before = timezone.now()
    send_statements.call()
    [retry] = DBTaskResult.objects.all()
    assert retry.task_path.endswith("send_statements")
    assert retry.run_after >= before + dt.timedelta(seconds=settings.XAPI_RETRY_SECONDS - 1)


@pytest.mark.django_db(transaction=True)
def test_a_request_only_queues_and_a_real_worker_sends(
    settings, lrs_server, login, alice, make_course
):
    """The cadre's click stores the statement and queues a task; the LRS hears nothing until
    a real worker (`manage.py db_worker`, its own process) runs it."""
    from django.db import connection
    from django.urls import reverse

    from tests.faults.test_killed_worker import database_url
    from tests.helpers import opened, run_manage

    if connection.vendor != "postgresql":
        pytest.skip("a worker process shares the test database on PostgreSQL only")
    course = make_course("clicked", lessons=2)
    lesson = course.lessons.order_by("order").first()
    opened(alice.user, lesson, before=timezone.now() - dt.timedelta(hours=1))
    DBTaskResult.objects.all().delete()
    response = login(alice).post(reverse("courses:studied", args=[course.slug, lesson.pk]))
    assert response.status_code == 302
    assert Statement.objects.unsent().count() == 1
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert lrs_server.posts == []  # the request did not wait for the LRS
    worker = run_manage(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        DATABASE_URL=database_url(),
        XAPI_LRS_URL=lrs_server.url,
        SITE_URL=settings.SITE_URL,
    )
    assert worker.returncode == 0, worker.stderr[-2000:]
    assert len(lrs_server.stored) == 1 and not Statement.objects.unsent().exists()


def test_a_statement_the_lrs_refuses_is_set_aside_and_holds_up_nothing(lrs_server, six_statements):
    """A strict LRS refuses one statement (400, for its whole batch): the batch goes again one
    by one, the refused one is kept aside with the reason, and everything else arrives."""
    bad = six_statements[1]
    lrs_server.invalid = {str(bad.id)}
    result = lrs.send_pending()
    assert result.sent == 5 and result.refused == 1 and result.failed_batches == 0
    assert set(lrs_server.stored) == {str(s.id) for s in six_statements} - {str(bad.id)}
    bad.refresh_from_db()
    assert bad.sent_at is None and bad.refused_at is not None
    assert "HTTP 400" in bad.last_error and "invalid statement" in bad.last_error
    assert lrs.send_pending().sent == 0  # not tried again on its own
    out = StringIO()
    call_command("xapi_queue", stdout=out)
    assert "Refused by the LRS and set aside: 1" in out.getvalue()
    assert str(bad.id) in out.getvalue()
    # The LRS is fixed (or accepts it now): queued again, it goes, with its own id.
    lrs_server.invalid = set()
    DBTaskResult.objects.all().delete()
    out = StringIO()
    call_command("xapi_queue", "--retry-refused", stdout=out)
    assert "Queued again: 1" in out.getvalue()
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert lrs.send_pending().sent == 1 and str(bad.id) in lrs_server.stored
    bad.refresh_from_db()
    assert bad.sent_at is not None and bad.refused_at is None


def test_credentials_refused_keep_everything_queued_not_set_aside(lrs_server, six_statements):
    """A 401 is about the site's settings, not a statement: nothing is set aside."""
    lrs_server.unauthorised = True
    result = lrs.send_pending()
    assert result.failed_batches == 1 and result.refused == 0
    assert not Statement.objects.filter(refused_at__isnull=False).exists()
    assert Statement.objects.queued().count() == 6


def test_the_lrs_failing_while_batches_go_one_by_one_keeps_the_rest_queued(
    lrs_server, six_statements, monkeypatch
):
    """Going one by one after a 400, the LRS goes down: what was not sent stays queued (not
    refused), and the next try continues."""
    lrs_server.invalid = {str(six_statements[0].id)}
    real_post = lrs._post
    calls = []

    def post(batch):
        calls.append(batch)
        if len(calls) == 3:  # the batch, the refused one alone, then the LRS is gone
            raise OSError("connection reset")
        return real_post(batch)

    monkeypatch.setattr(lrs, "_post", post)
    result = lrs.send_pending()
    assert result.refused == 1 and result.failed_batches == 1 and result.sent == 0
    assert Statement.objects.queued().count() == 5
    second = Statement.objects.get(pk=six_statements[1].pk)
    assert second.attempts == 1 and "connection reset" in second.last_error


def test_without_an_lrs_nothing_is_queued(settings, alice, make_course):
    settings.XAPI_LRS_URL = ""
    DBTaskResult.objects.all().delete()
    study(alice.user, make_course("quiet", lessons=2).lessons.order_by("order").first())
    assert Statement.objects.count() == 1 and not DBTaskResult.objects.exists()


def test_the_queue_command_shows_what_waits_and_the_last_error(
    settings, lrs_server, six_statements
):
    settings.XAPI_LRS_URL = closed_port_url()
    lrs.send_pending()
    out = StringIO()
    call_command("xapi_queue", stdout=out)
    text = out.getvalue()
    assert "waiting: 6" in text and "Last error:" in text
    settings.XAPI_LRS_URL = lrs_server.url
    out = StringIO()
    call_command("xapi_queue", "--send", stdout=out)
    assert "Sent: 6" in out.getvalue()
