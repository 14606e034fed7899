"""Checks on the login and admin settings: a wrong value here is a security hole that runs."""

import ipaddress

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from .limits import LIMIT_SETTINGS, rate_is_valid


@register(Tags.security)
def admin_networks_are_networks(app_configs, **kwargs) -> list[Error]:
    errors = []
    for item in settings.ADMIN_ALLOWED_NETWORKS:
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            errors.append(
                Error(
                    f"ADMIN_ALLOWED_NETWORKS has {item!r}, which is not a network.",
                    hint="Write networks in CIDR form, comma-separated: 10.20.0.0/16,::1/128.",
                    id="people.E001",
                )
            )
    return errors


@register(Tags.security, deploy=True)
def proxy_count_is_set_behind_a_proxy(app_configs, **kwargs) -> list[Warning]:
    # Behind a proxy with the count at 0, every client has the proxy's address: five wrong
    # passwords for one name lock that person out for everyone.
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and settings.TRUSTED_PROXY_COUNT == 0:
        return [
            Warning(
                "SECURE_PROXY_SSL_HEADER is set but TRUSTED_PROXY_COUNT is 0.",
                hint="Behind the README's nginx set TRUSTED_PROXY_COUNT=1, so the login "
                "lockout and the admin range see each client's own address.",
                id="people.W001",
            )
        ]
    return []


@register(Tags.security)
def rate_limits_are_rates(app_configs, **kwargs) -> list[Error]:
    return [
        Error(
            f"{name} is {getattr(settings, name)!r}, which is not a rate.",
            hint='Write a count per second, minute, hour or day: "60/m", "1000/h".',
            id="people.E002",
        )
        for name in LIMIT_SETTINGS
        if not rate_is_valid(getattr(settings, name))
    ]
