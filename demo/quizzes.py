"""The demo quizzes: the scenario questions of content/scenario_quiz.toml, on both demo courses
(the English one the Chinese one's translation: one case, one credit),
saved through `question_save` like a trainer's edit (rendered, sanitised, versioned)."""

from __future__ import annotations

import re
from decimal import Decimal

from django.db import transaction

from courses.case_import import short_label
from courses.models import Course
from quizzes.models import Competency, CompetencyFramework, Option, Quiz
from quizzes.services import OptionData, RubricData, course_link_translation, question_save

from . import quiz_content


def _options(item: dict, language: str) -> list[OptionData]:
    if item["kind"] in ("single", "multiple"):
        return [
            OptionData(o["key"], o["text"], o["correct"], o.get("feedback", ""))
            for o in item["options"]
        ]
    if item["kind"] == "decision":
        words = quiz_content.decision_words(language)
        decisions = [
            OptionData(
                code,
                words[code],
                code == item["decision"],
                item["decision_feedback"][code],
                Option.Group.DECISION,
            )
            for code in words
        ]
        reasons = [
            OptionData(
                r["key"], r["text"], r["correct"], r.get("feedback", ""), Option.Group.REASON
            )
            for r in item["reasons"]
        ]
        return decisions + reasons
    return []


def _title(prompt: str) -> str:
    """The prompt's first sentence, whole, as plain text, for the bank and the trainers' tables
    (a clause of it only if the sentence would not fit the title's 200 characters)."""
    return short_label(re.sub(r"[*_`#>]", "", prompt), limit=200)


def seed_framework() -> dict[str, Competency]:
    """The seed case's competencies by code, from content/scenario_quiz.toml. A migration creates
    the same framework; this recreates whatever is missing (after a test database flush)."""
    data = quiz_content.framework()
    framework, _created = CompetencyFramework.objects.get_or_create(
        slug=data["slug"],
        defaults={k: data[k] for k in ("name_en", "name_zh", "description")},
    )
    existing = framework.competencies_by_code()
    for order, row in enumerate(data["competencies"]):
        if row["code"] not in existing:
            existing[row["code"]] = framework.competencies.create(order=order, **row)
    return existing


def load_quiz(course: Course, items: list[dict]) -> Quiz:
    quiz = Quiz.objects.filter(course=course).first()
    if quiz is not None:
        return quiz
    competencies = seed_framework()
    lessons = {lesson.case_part: lesson for lesson in course.lessons.all()}
    title, intro = quiz_content.quiz_words(course.language)
    quiz = Quiz.objects.create(
        course=course,
        title=title,
        intro_md=intro,
        is_published=True,
        pass_mark=Decimal("60"),
        attempts_allowed=3,
        grading_method=Quiz.Grading.HIGHEST,
        shuffle_questions=False,
        shuffle_options=True,
    )
    for order, item in enumerate(items):
        question = question_save(
            course=course,
            key=item["key"],
            kind=item["kind"],
            title=_title(item["prompt"]),
            prompt=item["prompt"],
            options=_options(item, course.language),
            competencies=[competencies[c] for c in item["competencies"]],
            source_lesson=lessons.get(item.get("part")),
            unit_kind=item.get("unit_kind", ""),
            reference=item.get("reference", ""),
            rubric=[RubricData(text, Decimal(points)) for text, points in item.get("rubric", [])],
            # A written answer weighs two scenario questions; its rubric marks scale to that.
            points=Decimal("2") if item["kind"] == "written" else Decimal("1"),
            by=course.owner,
        )
        quiz.slots.create(order=order, question=question)
    return quiz


@transaction.atomic
def load_quizzes() -> list[Quiz]:
    quizzes = []
    for slug in ("paperless-office", "paperless-office-zh"):
        course = Course.objects.filter(slug=slug).first()
        if course is not None:
            quizzes.append(load_quiz(course, quiz_content.questions(course.language)))
    link_translation()
    return quizzes


def link_translation() -> None:
    """One case, one credit: the English course is the Chinese course in another language
    (its lessons and its quiz the Chinese ones'), so studying both credits the hours once."""
    courses = {c.slug: c for c in Course.objects.filter(slug__startswith="paperless-office")}
    english, chinese = courses.get("paperless-office"), courses.get("paperless-office-zh")
    if english is not None and chinese is not None and english.translation_of_id is None:
        course_link_translation(course=english, original=chinese)
