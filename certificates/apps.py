from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self) -> None:
        from records.exports import add_completion_columns

        from . import receivers  # noqa: F401  a completion issues, a void revokes
        from .exports import CERTIFICATE_COLUMNS

        # The completion exports end with each completion's certificate: records never
        # imports certificates, so the columns are handed to it here.
        add_completion_columns(CERTIFICATE_COLUMNS)
