"""The demo courses: the seed case in Chinese and in English, published, cadres enrolled in
both (each reads the language they like). The English course is linked as the Chinese one's
translation once its quiz exists (`demo.quizzes.link_translation`): one case, one credit."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from courses.models import Course, Enrolment
from courses.services import course_import_case

SEEDS = Path(__file__).resolve().parent / "content" / "seeds"
DEMO_COURSES = [
    ("paperless-office", "Paperless office and grassroots work groups", "paperless-office.en.txt"),
    ("paperless-office-zh", "无纸化办公与基层工作群", "paperless-office.zh.txt"),
]
# Declared honestly: the case reads in about 3 minutes (under 15: 0.25 h) and its quiz must be
# passed (0.5 h), so the credit rule (`records.credit`) supports 0.75 h.
DEMO_HOURS = Decimal("0.75")


@transaction.atomic
def load_courses() -> list[Course]:
    trainer = get_user_model().objects.filter(username="trainer").first()
    courses = []
    for slug, title, seed in DEMO_COURSES:
        course = Course.objects.filter(slug=slug).first()
        if course is None:
            course = course_import_case(
                data=(SEEDS / seed).read_bytes(),
                owner=trainer,
                slug=slug,
                title=title,
                study_hours=DEMO_HOURS,
                status=Course.Status.PUBLISHED,
            )
        courses.append(course)
    cadres = get_user_model().objects.filter(profile__is_cadre=True)
    for course in courses:
        have = set(Enrolment.objects.filter(course=course).values_list("user_id", flat=True))
        Enrolment.objects.bulk_create(
            Enrolment(user=user, course=course, source=Enrolment.Source.ASSIGNED)
            for user in cadres
            if user.pk not in have
        )
    return courses
