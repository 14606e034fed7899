from django.apps import AppConfig


class TrainingConfig(AppConfig):
    """The site package: settings, root URLs, the home page and deployment checks; no models."""

    name = "training"
    verbose_name = "Site"

    def ready(self) -> None:
        from . import checks  # noqa: F401  registers the deployment checks
