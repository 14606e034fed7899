"""`manage.py bench`: the site's pages under load at several sizes (benchmarks/bench/run.py)."""

import argparse

from django.core.management.base import BaseCommand, CommandError


def sizes(text: str) -> list[int]:
    """ "1000,10000" → [1000, 10000]: whole numbers of cadres, each at least 50."""
    try:
        values = [int(part.replace("_", "").strip()) for part in text.split(",") if part.strip()]
    except ValueError:
        values = []
    if not values or any(v < 50 for v in values):
        raise argparse.ArgumentTypeError(f"give numbers of cadres (50 or more), not {text!r}")
    return values


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"give seconds from 0 to 3,600, not {text!r}")
    return value


class Command(BaseCommand):
    help = (
        "Benchmark the site on fresh databases of N cadres each (seed_scale): gunicorn with 2 "
        "workers, 8 connections, each workload for --seconds; prints requests/s, latency, "
        "queries, worker memory and the ratios to two baselines. Exits 1 on any failed request."
    )
    requires_system_checks = []  # it runs the site elsewhere, on databases of its own

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--cadres",
            type=sizes,
            help="Sizes of organisation, comma-separated (default 1000,10000).",
        )
        parser.add_argument(
            "--seconds", type=seconds, help="Seconds per workload (default 10; --short 3)."
        )
        parser.add_argument("--json", dest="json_path", help="Write the figures to this file.")
        parser.add_argument("--short", action="store_true", help="3 s per workload.")
        parser.add_argument(
            "--keep", action="store_true", help="Keep the work folder (logs, plans)."
        )

    def handle(self, *args, cadres, seconds, json_path, short, keep, **options) -> None:
        from benchmarks.bench import run

        if run.main(cadres=cadres, seconds=seconds, json_path=json_path, short=short, keep=keep):
            raise CommandError("The bench found failures (listed above).")
