from django.core.management.base import BaseCommand

from certificates.models import Certificate
from certificates.services import issue_missing
from demo.courses import load_courses
from demo.history import load_history
from demo.institution import load_institution
from demo.people import ACCOUNTS, DEMO_PASSWORD, load_people
from demo.quizzes import load_quizzes
from records import summaries
from records.models import Assignment, CompletionRecord
from xapi.services import backfill as backfill_statements
from xapi.statements import SiteUrlMissing


class Command(BaseCommand):
    help = (
        "Load the demo county, its people, the demo accounts and a year of study history. "
        "Safe to run again."
    )

    def handle(self, *args, **options) -> None:
        people = load_people()
        courses = load_courses()
        quizzes = load_quizzes()
        load_institution()  # before the history: its completions get their certificates
        load_history()  # after the quizzes: the history takes them
        issue_missing()  # completions of an earlier run, from before there was an institution
        # The replay holds back the receiver that moves a leader's mastery (`load_history`):
        # the dashboard's summaries are worked out again from what it wrote.
        summaries.rebuild()
        # The history's xAPI statements, dated when each event happened (idempotent: a demo
        # built before statements were kept gets them too).
        try:
            statements = backfill_statements()
        except SiteUrlMissing as error:
            statements = 0
            self.stderr.write(f"{error} Run `manage.py backfill_xapi` once it is set.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(people)} people, {len(courses)} published courses, "
                f"{len(quizzes)} quizzes, {Assignment.objects.count()} assignments, "
                f"{CompletionRecord.objects.count()} completion records, "
                f"{Certificate.objects.count()} certificates, "
                f"{statements} new xAPI statements."
            )
        )
        self.stdout.write(f"Demo logins (password {DEMO_PASSWORD}):")
        for account in ACCOUNTS:
            profile = people[account.username]
            roles = ", ".join(str(label) for label in profile.role_labels)
            self.stdout.write(f"  {account.username:<9} {profile.full_name} ({roles})")
