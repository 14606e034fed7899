from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("People and organisation")

    def ready(self) -> None:
        from . import checks  # noqa: F401  registers the deployment checks
        from .records import receivers  # noqa: F401  completion follows recorded learning
