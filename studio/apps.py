from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudioConfig(AppConfig):
    """Trainers' authoring pages. No models: it edits courses and quizzes through their services."""

    name = "studio"
    verbose_name = _("Studio")
