from django.core.management.base import BaseCommand

from quizzes.services import close_expired_attempts


class Command(BaseCommand):
    help = (
        "Close and grade attempts left open past their deadline. Pages close them too when "
        "visited; run this from cron (every few minutes) so abandoned attempts reach records."
    )

    def handle(self, *args, **options) -> None:
        closed = close_expired_attempts()
        self.stdout.write(f"Closed {closed} expired attempts.")
