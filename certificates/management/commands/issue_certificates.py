from django.core.management.base import BaseCommand, CommandError

from certificates.services import active_institution, issue_missing


class Command(BaseCommand):
    help = (
        "Issue certificates for the standing completions that have none (completed before an "
        "issuing institution was set up). Safe to run again."
    )

    def handle(self, *args, **options) -> None:
        if active_institution() is None:
            raise CommandError(
                "No institution issues certificates: set one up in the admin "
                "(Certificates › Issuing institutions, tick “issues certificates”)."
            )
        self.stdout.write(self.style.SUCCESS(f"{issue_missing()} certificates issued."))
