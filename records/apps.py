from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "records"
    verbose_name = _("Learning records")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  completion follows recorded learning
