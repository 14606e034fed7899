"""Sending the stored statements to a Learning Record Store (xAPI 1.0.3 `POST statements`).

The statements go in batches, oldest event first, exactly as stored: the ids were given when
the events happened, so a resend after a lost answer, a second worker or a retry carries the
same ids and the LRS stores each statement once (a conformant LRS answers a repeated id with
the same content by accepting it, or with 409 Conflict; see `_post`). A batch
the LRS cannot take stays queued; the next try waits longer each time (`backoff_seconds`),
from XAPI_RETRY_SECONDS doubling up to an hour. A batch it refuses as invalid (400, 413, 422)
is sent again one statement at a time: each one refused alone is set aside with the LRS's
reason (`refused_at`, shown by `xapi_queue`, queued again by `xapi_queue --retry-refused`), so
one statement an LRS will not take never stops the rest.

HTTP with the standard library: one POST of JSON with Basic credentials needs no dependency.
"""

from __future__ import annotations

import base64
import http.client
import json
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings

from . import services

VERSION_HEADER = "1.0.3"
MAX_BACKOFF = 3600  # seconds


@dataclass
class SendResult:
    sent: int = 0
    failed_batches: int = 0
    error: str = ""
    attempts: int = 0  # of the batch that failed: how long the next try waits
    refused: int = 0  # statements the LRS refused on their own, set aside


def configured() -> bool:
    return bool(settings.XAPI_LRS_URL)


def backoff_seconds(attempts: int) -> int:
    """After the n-th failed try of a batch: base, 2×base, 4×base… at most an hour."""
    return min(MAX_BACKOFF, settings.XAPI_RETRY_SECONDS * 2 ** max(0, attempts - 1))


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect would turn the POST into a GET (and carry the credentials elsewhere) whose
    200 looked like success: refused, so the batch stays queued and the error says why."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise LrsRefused(f"HTTP {code}: the LRS redirects to {newurl}; set XAPI_LRS_URL to it")


_opener = urllib.request.build_opener(_NoRedirects)


def _request(method: str, url: str, body: object) -> tuple[int, bytes]:
    """One call to the LRS: its status and body for 2xx and 409; raises LrsRefused for any
    other answer and OSError when it cannot be reached."""
    if not url.startswith(("http://", "https://")):  # never file: or another scheme
        raise LrsRefused("XAPI_LRS_URL must be an http:// or https:// address")
    request = urllib.request.Request(  # noqa: S310 (scheme checked above)
        url,
        data=json.dumps(body, ensure_ascii=False).encode(),
        method=method,
        headers={
            "Content-Type": "application/json",
            "X-Experience-API-Version": VERSION_HEADER,
        },
    )
    if settings.XAPI_LRS_USERNAME:
        token = f"{settings.XAPI_LRS_USERNAME}:{settings.XAPI_LRS_PASSWORD}".encode()
        request.add_header("Authorization", "Basic " + base64.b64encode(token).decode())
    try:
        # The operator's setting, http(s) only (checked above), never a user's input.
        with _opener.open(request, timeout=settings.XAPI_TIMEOUT_SECONDS) as response:
            return response.status, response.read(1_000_000)
    except urllib.error.HTTPError as error:
        if error.code == 409:
            return 409, b""
        body = error.read(500).decode(errors="replace")
        raise LrsRefused(f"HTTP {error.code}: {body}", status=error.code) from None
    except (http.client.HTTPException, ValueError) as error:  # a bad address or answer
        raise LrsRefused(f"{type(error).__name__}: {error}") from None


def _post(batch: list[dict]) -> None:
    """Returns when the LRS holds every statement of the batch; raises otherwise.

    Accepted is a 200 whose body lists the ids posted (xAPI 1.0.3 §2.1.2), or a 204: a proxy's
    page or another 2xx is not proof. A 409 says the LRS already holds some of these ids (a
    batch sent before, its answer lost) and, strictly, stored none of this batch: each is then
    sent alone with PUT, where 204 stores it and 409 means it is there already."""
    base = settings.XAPI_LRS_URL.rstrip("/") + "/statements"
    status, body = _request("POST", base, batch)
    if status == 409:
        for statement in batch:
            _request("PUT", f"{base}?statementId={statement['id']}", statement)
        return
    if status == 204:
        return
    ids = [statement["id"] for statement in batch]
    try:
        answered = json.loads(body)
    except ValueError:
        answered = None
    if status != 200 or answered != ids:
        raise LrsRefused(f"HTTP {status}: the answer does not list the statements posted")


class LrsRefused(Exception):
    """The LRS answered, and not with success."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status

    @property
    def is_about_content(self) -> bool:
        """The LRS says what was posted is wrong (malformed, too large, not valid), rather than
        that the address, the credentials or the LRS itself are: a batch is then sent one by
        one to find the statement it refuses."""
        return self.status in CONTENT_REFUSALS


# Answers about the statements themselves. 401, 403, 404, 429 and 5xx are about the address,
# the credentials or the LRS: everything waits for them to be fixed.
CONTENT_REFUSALS = frozenset({400, 413, 422})


def send_pending(max_batches: int | None = None) -> SendResult:
    """Send what is queued, batch after batch, until the queue is empty or a batch fails."""
    result = SendResult()
    batches = 0
    while max_batches is None or batches < max_batches:
        rows = list(
            services.unsent(settings.XAPI_BATCH_SIZE).values("id", "stored_json", "attempts")
        )
        if not rows:
            break
        ids = [row["id"] for row in rows]
        try:
            _post([row["stored_json"] for row in rows])
        except LrsRefused as error:
            if not error.is_about_content:
                _failed(result, rows, error)
                break
            # Something in the batch is refused: one by one, the others go and the refused
            # ones are set aside, so they hold up nothing queued behind them.
            if not _one_by_one(rows, result):
                break
        except OSError as error:
            _failed(result, rows, error)
            break
        else:
            result.sent += services.mark_sent(ids)
        batches += 1
    return result


def _failed(result: SendResult, rows: list[dict], error: Exception) -> None:
    services.mark_failed([row["id"] for row in rows], str(error))
    result.failed_batches += 1
    result.error = str(error)
    result.attempts = max(row["attempts"] for row in rows) + 1


def _one_by_one(rows: list[dict], result: SendResult) -> bool:
    """Send each statement alone: accepted ones are marked sent, refused ones set aside.
    False when the LRS stops answering on the way (the rest wait, as for any failure)."""
    for index, row in enumerate(rows):
        try:
            _post([row["stored_json"]])
        except LrsRefused as error:
            if not error.is_about_content:
                _failed(result, rows[index:], error)
                return False
            services.mark_refused(row["id"], str(error))
            result.refused += 1
            result.error = str(error)
        except OSError as error:
            _failed(result, rows[index:], error)
            return False
        else:
            result.sent += services.mark_sent([row["id"]])
    return True
