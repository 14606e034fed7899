from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Builds the demo (`manage.py demo`); no models of its own."""

    name = "demo"
    verbose_name = "Demo"
