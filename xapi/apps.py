from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class XapiConfig(AppConfig):
    name = "xapi"
    verbose_name = _("Learning record statements (xAPI)")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  a statement is stored with each learning event
