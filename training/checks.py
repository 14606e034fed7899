"""Deployment checks that Django's own `check --deploy` does not make."""

import re

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def secret_key_is_set(app_configs, **kwargs) -> list[Error]:
    # Django only warns about a weak key; the shipped placeholder must never reach production.
    if not settings.DEBUG and settings.SECRET_KEY == settings.DEV_SECRET_KEY:
        return [
            Error(
                "SECRET_KEY is the development placeholder.",
                hint="Set SECRET_KEY in the environment to a long random value.",
                id="training.E001",
            )
        ]
    return []


def site_url_problems() -> list[Warning]:
    """Said at the WSGI start-up (training/wsgi.py) and refused by `check --deploy`, not by
    every management command: reminders need the address cadres reach the site at."""
    url = settings.SITE_URL
    if not url:
        return [
            Warning(
                "SITE_URL is not set: reminder e-mails cannot link to the site, so none is sent.",
                hint="Set SITE_URL to the address cadres open, e.g. https://training.county.gov.cn",
                id="training.W002",
            )
        ]
    if url and not re.match(r"^https?://[^/\s]+(/\S*)?$", url):
        return [
            Warning(
                f"SITE_URL is {url!r}, which is not an http(s) address.",
                hint="Write the full address: https://training.county.gov.cn",
                id="training.W003",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def site_url_is_set(app_configs, **kwargs) -> list[Error]:
    return [Error(w.msg, hint=w.hint, id=w.id.replace(".W", ".E")) for w in site_url_problems()]
