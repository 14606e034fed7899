import time

from django.core.management.base import BaseCommand, CommandError

from records import summaries


class Command(BaseCommand):
    help = (
        "Work out the HR dashboard's summaries again from the raw records and replace them "
        "(one transaction). Needed after writes that send no signal (bulk imports) and after "
        "changing STUDY_HOURS_REQUIRED or STUDY_HOURS_PER_YEAR. With --check, only compare."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Compare the stored summaries with the raw records; fail when they differ.",
        )

    def handle(self, *args, check: bool, **options) -> None:
        started = time.perf_counter()
        if check:
            differences = summaries.differences(summaries.stored(), summaries.compute())
            for line in differences[:50]:
                self.stdout.write(line)
            if differences:
                raise CommandError(f"{len(differences)} summaries differ from the records.")
            self.stdout.write(self.style.SUCCESS("The summaries agree with the records."))
            return
        totals = summaries.rebuild()
        self.stdout.write(
            self.style.SUCCESS(
                f"Summaries rebuilt in {time.perf_counter() - started:.1f} s: "
                f"{len(totals.facts):,} people, {len(totals.cadres):,} cohorts."
            )
        )
