"""The address a request came from, as the login lockout and the admin range see it.

`TRUSTED_PROXY_COUNT` says how many reverse proxies stand in front of the app, each appending
the address it was reached from to `X-Forwarded-For` (nginx's `$proxy_add_x_forwarded_for`).
With none, the header is ignored: anyone can write it. With N, the client is the N-th entry
from the right: everything to its left was written by the client and is not trusted.

django-axes reads this through `AXES_CLIENT_IP_CALLABLE`, and the admin range check calls the
same function, so both always agree. ipware's own proxy settings are not used: its parser
honours quotes inside `X-Forwarded-For`, so a client that sends `6.6.6.6, "` makes nginx's
appended entry disappear into a quoted token and is taken for 6.6.6.6.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """The client's address: `REMOTE_ADDR`, or the entry the trusted proxies wrote."""
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    entries = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(entries) < count or not entries[-count]:
        # Not through every proxy (a health check straight to gunicorn): the connection's
        # own address is the only one nobody could write.
        return remote
    # The entry a trusted proxy wrote; if it is not an address the proxy is misconfigured,
    # and no address is better than one the client chose.
    return _address(entries[-count])
