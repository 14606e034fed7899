from django.core.management.base import BaseCommand

from records.export_files import purge_expired


class Command(BaseCommand):
    help = (
        "Delete HR's XLSX files built by the task worker older than EXPORT_FILE_HOURS (the "
        "worker does it when each expires; run this from cron as a backstop). Safe to run again."
    )

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{purge_expired()} export files deleted.")
