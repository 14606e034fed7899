"""Deployment checks that Django's own `check --deploy` does not make."""

from django.conf import settings
from django.core.checks import Error, Tags, register


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
