from django.core.management.base import BaseCommand

from records.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail every cadre with an overdue or soon-due required course (run daily from cron). "
        "Nobody is reminded twice on the same day, so running it again is harmless."
    )

    def handle(self, *args, **options) -> None:
        sent = send_reminders()
        self.stdout.write(f"Reminders sent: {sent}")
