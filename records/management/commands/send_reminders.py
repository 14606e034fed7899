from django.core.management.base import BaseCommand, CommandError

from records.reminders import SiteUrlMissing, send_reminders


class Command(BaseCommand):
    help = (
        "E-mail every cadre with an overdue or soon-due required course (run daily from cron). "
        "Nobody is reminded twice on the same day, so running it again is harmless."
    )

    def handle(self, *args, **options) -> None:
        try:
            sent = send_reminders()
        except SiteUrlMissing as error:
            raise CommandError(f"{error} Nothing was sent.") from None
        self.stdout.write(f"Reminders sent: {sent}")
