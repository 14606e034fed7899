from django.core.management.base import BaseCommand

from certificates.archives import purge_expired


class Command(BaseCommand):
    help = (
        "Delete HR's ZIPs of certificates older than CERTIFICATE_ARCHIVE_HOURS (the task worker "
        "does it when each expires; run this from cron as a backstop). Safe to run again."
    )

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{purge_expired()} archives deleted.")
