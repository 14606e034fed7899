from django.core.management.base import BaseCommand

from demo.courses import load_courses
from demo.history import load_history
from demo.people import ACCOUNTS, DEMO_PASSWORD, load_people
from demo.quizzes import load_quizzes
from records.models import Assignment, CompletionRecord


class Command(BaseCommand):
    help = (
        "Load the demo county, its people, the demo accounts and a year of study history. "
        "Safe to run again."
    )

    def handle(self, *args, **options) -> None:
        people = load_people()
        courses = load_courses()
        quizzes = load_quizzes()
        load_history()  # after the quizzes: the history takes them
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(people)} people, {len(courses)} published courses, "
                f"{len(quizzes)} quizzes, {Assignment.objects.count()} assignments, "
                f"{CompletionRecord.objects.count()} completion records."
            )
        )
        self.stdout.write(f"Demo logins (password {DEMO_PASSWORD}):")
        for account in ACCOUNTS:
            profile = people[account.username]
            roles = ", ".join(str(label) for label in profile.role_labels)
            self.stdout.write(f"  {account.username:<9} {profile.full_name} ({roles})")
