from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from courses.case_files import read_case
from courses.case_import import MAX_CASE_BYTES, CaseFormatError
from courses.services import course_import_case


class Command(BaseCommand):
    help = "Turn a case analysis text (English or Chinese) into a draft course with its lessons."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "path", type=Path, help="the case: a text file (UTF-8 or GBK) or a Word .docx"
        )
        parser.add_argument("--course", dest="slug", help="short name (slug) of the new course")
        parser.add_argument("--title", help="course title (default: from the question)")
        parser.add_argument("--hours", help="study hours credited on completion")
        parser.add_argument("--owner", help="username of the trainer who owns the course")

    def handle(self, *args, path: Path, slug, title, hours, owner, **options) -> None:
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        if path.stat().st_size > MAX_CASE_BYTES:
            # Refuse before reading a huge file into memory.
            size = path.stat().st_size / 1024 / 1024
            raise CommandError(f"{path}: too large ({size:.1f} MB); a case may be at most 1 MB.")
        try:
            study_hours = Decimal(hours) if hours else None
        except InvalidOperation as exc:
            raise CommandError(f"--hours must be a number, not {hours!r}") from exc
        owner_user = None
        if owner:
            owner_user = get_user_model().objects.filter(username=owner).first()
            if owner_user is None:
                raise CommandError(f"No user named {owner!r}")
        try:
            # Decoded here, once: the course keeps this text as its source, whatever the file.
            case = read_case(path.read_bytes(), path.name)
            course = course_import_case(
                data=case.text,
                owner=owner_user,
                slug=slug,
                title=title,
                study_hours=study_hours,
            )
        except CaseFormatError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        except ValidationError as exc:
            raise CommandError(f"{path}: {'; '.join(exc.messages)}") from exc
        lessons = course.lessons.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Created draft course '{course.title}' ({course.slug}) with {lessons} lessons "
                f"and {len(course.outline['parts'])} parts in the mind map "
                f"({case.read_as})."
            )
        )
