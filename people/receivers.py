"""Every login, failed login and lockout goes to the "cadre.security" log.

The address is the one the lockout keys on (`people.client_address`), so a log line and an
axes record about the same attempt always name the same client. Passwords never appear:
Django hands `user_login_failed` credentials with the password already masked, and only the
user name is read from them.
"""

import logging

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from . import middleware
from .client_address import client_address

log = logging.getLogger("cadre.security")


def _address(request) -> str | None:
    return client_address(request) if request is not None else None


@receiver(user_logged_in, dispatch_uid="cadre_security_login")
def log_login(sender, request, user, **kwargs) -> None:
    log.info("login succeeded user=%r address=%s", user.get_username(), _address(request))
    if request is not None and hasattr(request, "session"):
        # The idle timeout counts from the login, not from the next request. Read through the
        # module so the one clock the middleware uses (and tests move) stamps the login too.
        request.session[middleware.LAST_SEEN_KEY] = middleware.current_time()


@receiver(user_login_failed, dispatch_uid="cadre_security_login_failed")
def log_login_failed(sender, credentials, request=None, **kwargs) -> None:
    log.warning(
        "login failed user=%r address=%s",
        str(credentials.get("username", ""))[:150],
        _address(request),
    )


@receiver(user_locked_out, dispatch_uid="cadre_security_locked_out")
def log_locked_out(sender, request, username, ip_address, **kwargs) -> None:
    log.warning("login locked out user=%r address=%s", username, ip_address)
