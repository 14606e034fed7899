"""`manage.py backfill_xapi`: statements for learning events that have none."""

from django.core.management.base import BaseCommand, CommandError

from xapi.services import backfill
from xapi.statements import SiteUrlMissing


class Command(BaseCommand):
    help = (
        "Store an xAPI statement for every learning event that has none yet (history from "
        "before statements were kept, or from while SITE_URL was unset), dated when each "
        "happened. Statements already stored are never changed; running it again is harmless."
    )

    def handle(self, *args, **options) -> None:
        try:
            made = backfill()
        except SiteUrlMissing as error:
            raise CommandError(f"{error} Nothing was stored.") from None
        self.stdout.write(f"Statements stored: {made}")
