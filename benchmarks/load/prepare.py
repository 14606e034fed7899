"""Create the load test's cadres: load-1 … load-N, enrolled in the demo course.

    .venv/bin/python -m benchmarks.load.prepare --users 50

Run after `manage.py migrate` and `manage.py demo`, against the database the load test uses
(DATABASE_URL), never a production one: the accounts share one password, LOAD_PASSWORD
(default below). Safe to run again: existing accounts are kept.
"""

from __future__ import annotations

import argparse
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "training.settings")

DEFAULT_PASSWORD = "load-test-pass-2026"  # noqa: S105  # nosec B105  # a throwaway load database
COURSE = "paperless-office"  # the demo quiz's course, in English (its quiz is a translation)


def password() -> str:
    return os.environ.get("LOAD_PASSWORD") or DEFAULT_PASSWORD


def prepare(users: int) -> list[str]:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from courses.models import Course
    from courses.services import enrolment_create
    from people.models import OrgUnit, Profile

    User = get_user_model()
    course = Course.objects.get(slug=COURSE)
    units = list(OrgUnit.objects.filter(kind__in=["community", "village"]).order_by("code"))
    if not units:
        raise SystemExit("No demo units: run `manage.py demo` first.")
    names = []
    with transaction.atomic():
        for i in range(1, users + 1):
            username = f"load-{i}"
            user, created = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@load.example"}
            )
            if created:
                user.set_password(password())
                user.save(update_fields=["password"])
                Profile.objects.create(
                    user=user,
                    full_name=f"Load Cadre {i}",
                    unit=units[i % len(units)],
                    rank=Profile.Rank.CLERK,
                    position="Load test",
                    is_cadre=True,
                )
            if not course.enrolments.filter(user=user).exists():
                enrolment_create(user=user, course=course)
            names.append(username)
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    args = parser.parse_args()
    django.setup()
    names = prepare(args.users)
    print(f"{len(names)} load cadres ready (load-1 … load-{args.users}), enrolled in {COURSE}.")


if __name__ == "__main__":
    main()
