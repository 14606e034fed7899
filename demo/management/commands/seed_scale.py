import argparse
import time

from django.core.management.base import BaseCommand, CommandError

from demo import scale


def bounded(low: int, high: int):
    """An argparse type: a whole number from `low` to `high`, else a message saying so."""

    def parse(text: str) -> int:
        value = text.strip()
        if not (value.isascii() and value.lstrip("-").isdigit()) or not (low <= int(value) <= high):
            raise argparse.ArgumentTypeError(
                f"give a whole number from {low:,} to {high:,}, not {text!r}"
            )
        return int(value)

    return parse


class Command(BaseCommand):
    help = (
        "Write a province-sized organisation for scale work: units, N cadres with a year of "
        "study, courses, quizzes, assignments and the hours ledger. Deterministic for a seed; "
        "refuses a database that already holds it."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--cadres", type=bounded(1, scale.MAX_CADRES), required=True, help="How many cadres."
        )
        parser.add_argument(
            "--courses",
            type=bounded(1, scale.MAX_COURSES),
            default=20,
            help="How many published courses (default 20).",
        )
        parser.add_argument(
            "--seed", type=bounded(0, 2**31 - 1), default=1, help="The same seed, the same data."
        )

    def handle(self, *args, cadres: int, courses: int, seed: int, **options) -> None:
        reason = scale.existing_seed_data()
        if reason:
            raise CommandError(f"Nothing written: {reason}. Run it on a fresh database.")
        started = time.perf_counter()
        plan = scale.build_plan(cadres=cadres, courses=courses, seed=seed)

        def progress(done: int) -> None:
            if done % 20_000 < scale.CHUNK or done == cadres:
                self.stdout.write(f"  {done:,} cadres ({time.perf_counter() - started:.0f} s)")

        written = scale.write_plan(plan, progress=progress)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"Scale data written in {elapsed:.1f} s (seed {seed}):")
        )
        for name, count in written.counts.items():
            self.stdout.write(f"  {name:<20} {count:>10,}")
        self.stdout.write(f"Logins (password {scale.SCALE_PASSWORD}):")
        for staff in plan.staff:
            role = "trainer" if staff.is_trainer else f"HR for {', '.join(staff.hr_units)}"
            self.stdout.write(f"  {staff.username:<14} {role}")
        self.stdout.write(f"  {scale.PREFIX}000001 … {scale.PREFIX}{cadres:06d}  cadres")
