from django.core.management.base import BaseCommand
from django.db.models import Count, Max, Min, Q

from xapi import lrs, services
from xapi.models import Statement
from xapi.tasks import send_statements


class Command(BaseCommand):
    help = (
        "Show the statements waiting for the LRS (and the last error) and those it refused; "
        "--retry queues a send now, --send sends in this process (no worker needed), "
        "--retry-refused queues the refused ones again (after the LRS or the site was fixed)."
    )

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--retry", action="store_true", help="queue a send for the worker")
        action.add_argument("--send", action="store_true", help="send now, in this process")
        action.add_argument(
            "--retry-refused",
            action="store_true",
            help="queue the statements the LRS refused again, and a send",
        )

    def handle(self, *args, retry=False, send=False, retry_refused=False, **options) -> None:
        if not lrs.configured():
            self.stdout.write("No LRS configured (XAPI_LRS_URL): statements are only stored.")
        counts = Statement.objects.aggregate(
            total=Count("pk"),
            waiting=Count("pk", filter=Q(sent_at__isnull=True)),
            failing=Count("pk", filter=Q(sent_at__isnull=True, attempts__gt=0)),
            oldest=Min("timestamp", filter=Q(sent_at__isnull=True)),
            tries=Max("attempts", filter=Q(sent_at__isnull=True)),
            refused=Count("pk", filter=Q(sent_at__isnull=True, refused_at__isnull=False)),
        )
        self.stdout.write(
            f"Statements: {counts['total']}; waiting: {counts['waiting']}"
            f" (oldest event {counts['oldest'] or '-'}); failed tries so far: {counts['failing']}"
            f" statements, up to {counts['tries'] or 0} tries each"
        )
        last = (
            Statement.objects.filter(sent_at__isnull=True)
            .exclude(last_error="")
            .values_list("last_error", flat=True)
            .first()
        )
        if last:
            self.stdout.write(f"Last error: {last}")
        if counts["refused"]:
            self.stdout.write(
                f"Refused by the LRS and set aside: {counts['refused']} (nothing queued behind"
                " them waits for them). The first few:"
            )
            refused = (
                Statement.objects.filter(sent_at__isnull=True, refused_at__isnull=False)
                .in_order()
                .values_list("pk", "event", "last_error")[:5]
            )
            for pk, event, error in refused:
                self.stdout.write(f"  {pk} {event}: {error}")
        if retry_refused:
            self.stdout.write(f"Queued again: {services.requeue_refused()}")
            retry = True
        if retry and lrs.configured():
            send_statements.enqueue()
            self.stdout.write("A send is queued for the worker.")
        if send and lrs.configured():
            result = lrs.send_pending()
            self.stdout.write(
                f"Sent: {result.sent}" + (f"; failed: {result.error}" if result.error else "")
            )
