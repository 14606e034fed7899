"""The xAPI 1.0.3 statements the site makes, built from the rows a learning event wrote.

Pure functions: each takes the event's rows plus the actor's pseudonym and the enrolment's
registration, and returns the statement as JSON-ready values. The same function serves the
live receivers and the backfill, so a statement backfilled for an old event reads exactly as
the one stored live would have (apart from its id).

Checked against ralph-malph's models (tests/xapi). What they do not check, done here:
timestamps always carry their zone (UTC, "Z"), and the statement has no `version` (xAPI 1.0.3
§2.4.10: a Learning Record Provider SHOULD NOT set it; an LRS sets 1.0.0; the API version
1.0.3 goes in the X-Experience-API-Version header of the request that sends it).
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.conf import settings

from courses.models import Course, Lesson
from quizzes.models import Answer, Attempt, AttemptQuestion, Option, QuestionVersion, Quiz
from records.models import CompletionRecord

ADL = "http://adlnet.gov/expapi"
# Each verb with its display in the site's two languages.
VERBS = {
    "experienced": {"en-US": "experienced", "zh-CN": "学习了"},
    "answered": {"en-US": "answered", "zh-CN": "作答"},
    "passed": {"en-US": "passed", "zh-CN": "及格"},
    "failed": {"en-US": "failed", "zh-CN": "不及格"},
    "completed": {"en-US": "completed", "zh-CN": "完成"},
    "voided": {"en-US": "voided", "zh-CN": "撤销"},
}
COURSE, LESSON, ASSESSMENT, INTERACTION = (
    f"{ADL}/activities/{kind}" for kind in ("course", "lesson", "assessment", "cmi.interaction")
)
# The course's content language (`Course.language`) as an RFC 5646 tag.
LANGUAGE_TAGS = {Course.Language.ZH_HANS: "zh-CN", Course.Language.EN: "en"}
# How each question kind is described to an LRS. A written answer is an essay, which xAPI
# calls "long-fill-in" (its "other" is for what fits no type).
INTERACTION_TYPES = {
    QuestionVersion.Kind.SINGLE: "choice",
    QuestionVersion.Kind.MULTIPLE: "choice",
    QuestionVersion.Kind.DECISION: "choice",
    QuestionVersion.Kind.WRITTEN: "long-fill-in",
}
CHOICES_SEPARATOR = "[,]"  # xAPI's delimiter between the ids of a choice response


class SiteUrlMissing(Exception):
    """SITE_URL is unset: no activity or actor can be named. Nothing is stored; the backfill
    (`manage.py backfill_xapi`) makes the statements once it is set."""


def site_url() -> str:
    if not settings.SITE_URL:
        raise SiteUrlMissing("SITE_URL is not set: xAPI statements name activities under it.")
    return settings.SITE_URL.rstrip("/")


def extension(name: str) -> str:
    """An extension IRI the site defines, under its own address."""
    return f"{site_url()}/xapi/extensions/{name}"


def when(moment: dt.datetime) -> str:
    """ISO 8601 in UTC with "Z", to the millisecond (what an LRS keeps)."""
    utc = moment.astimezone(dt.UTC)
    return utc.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def number(value: Decimal) -> int | float:
    """A score or hours as a JSON number: 2, not 2.00 or "2.00"."""
    return int(value) if value == value.to_integral_value() else float(value)


def language_of(course: Course) -> str:
    return LANGUAGE_TAGS.get(course.language, course.language)


def verb(name: str) -> dict:
    return {"id": f"{ADL}/verbs/{name}", "display": VERBS[name]}


def actor(account_name: uuid.UUID) -> dict:
    """By account only: the site's address and the pseudonym, never a name or an e-mail."""
    return {"objectType": "Agent", "account": {"homePage": site_url(), "name": str(account_name)}}


def _activity(kind: str, pk: int, type_iri: str, name: str, language: str, **more) -> dict:
    definition = {"type": type_iri, **more}
    if name:
        definition["name"] = {language: name}
    return {
        "objectType": "Activity",
        "id": f"{site_url()}/xapi/activities/{kind}/{pk}",
        "definition": definition,
    }


def course_activity(course: Course) -> dict:
    return _activity("course", course.pk, COURSE, course.title, language_of(course))


def lesson_activity(lesson: Lesson) -> dict:
    return _activity("lesson", lesson.pk, LESSON, lesson.title, language_of(lesson.course))


def quiz_activity(quiz: Quiz) -> dict:
    return _activity("quiz", quiz.pk, ASSESSMENT, quiz.title, language_of(quiz.course))


def question_activity(version: QuestionVersion, options: list[Option], language: str) -> dict:
    """The question (one activity across its versions), defined as the version answered."""
    more: dict = {"interactionType": INTERACTION_TYPES[version.kind]}
    if version.kind != QuestionVersion.Kind.WRITTEN:
        more["choices"] = [
            {"id": o.key, "description": {language: o.text}} if o.text else {"id": o.key}
            for o in options
        ]
        correct = [o.key for o in options if o.is_correct]
        if correct:
            more["correctResponsesPattern"] = [CHOICES_SEPARATOR.join(correct)]
    return _activity("question", version.question_id, INTERACTION, version.title, language, **more)


def context(course: Course, registration: uuid.UUID | None, parent=(), grouping=()) -> dict:
    """The course's language and registration; a translation's original is in `grouping`,
    so both language versions of one case meet under one activity."""
    grouping = list(grouping)
    if course.translation_of_id:
        grouping.append(course_activity(course.translation_of))
    activities = {}
    if parent:
        activities["parent"] = list(parent)
    if grouping:
        activities["grouping"] = grouping
    out: dict = {"language": language_of(course)}
    if registration:
        out["registration"] = str(registration)
    if activities:
        out["contextActivities"] = activities
    return out


def _statement(statement_id, account_name, verb_name, obj, moment, result=None, ctx=None):
    out = {
        "id": str(statement_id),
        "actor": actor(account_name),
        "verb": verb(verb_name),
        "object": obj,
    }
    if result:
        out["result"] = result
    if ctx:
        out["context"] = ctx
    out["timestamp"] = when(moment)
    return out


# --- One builder per event ------------------------------------------------------------------


def lesson_experienced(statement_id, account_name, registration, progress) -> dict:
    lesson = progress.lesson
    return _statement(
        statement_id,
        account_name,
        "experienced",
        lesson_activity(lesson),
        progress.studied_at,
        ctx=context(lesson.course, registration, parent=[course_activity(lesson.course)]),
    )


def _attempt_extensions(attempt: Attempt) -> dict:
    return {"extensions": {extension("attempt-number"): attempt.number}}


def question_answered(
    statement_id, account_name, registration, aq: AttemptQuestion, answer: Answer
) -> dict:
    """As it stood at submission: the response, and for a question the site scores itself,
    whether it earned full marks and its points. A written answer waits for a grader, so it
    has no success and no score."""
    attempt, version = aq.attempt, aq.version
    course = attempt.quiz.course
    result: dict = {}
    if version.kind == QuestionVersion.Kind.WRITTEN:
        if answer.text.strip():
            result["response"] = answer.text
    else:
        if answer.selected:
            result["response"] = CHOICES_SEPARATOR.join(answer.selected)
        earned = answer.score or Decimal(0)
        result["success"] = bool(aq.points) and earned >= aq.points
        result["score"] = _score(earned, aq.points)
    options = list(version.options.all())
    return _statement(
        statement_id,
        account_name,
        "answered",
        question_activity(version, options, language_of(course)),
        attempt.submitted_at,
        result=result,
        ctx={
            **context(
                course,
                registration,
                parent=[quiz_activity(attempt.quiz)],
                grouping=[course_activity(course)],
            ),
            **_attempt_extensions(attempt),
        },
    )


def _score(raw: Decimal, most: Decimal) -> dict:
    score = {"raw": number(raw), "min": 0, "max": number(most)}
    if most > 0:
        score["scaled"] = number((raw / most).quantize(Decimal("0.0001")))
    return score


def quiz_result(statement_id, account_name, registration, attempt: Attempt, graded_at) -> dict:
    """Passed or failed, with the attempt's score, once the attempt has its final grade."""
    course = attempt.quiz.course
    result = {
        "score": _score(attempt.score or Decimal(0), attempt.max_score),
        "success": bool(attempt.passed),
        "completion": True,
    }
    if attempt.submitted_at and attempt.submitted_at >= attempt.started_at:
        seconds = int((attempt.submitted_at - attempt.started_at).total_seconds())
        result["duration"] = f"PT{seconds}S"
    return _statement(
        statement_id,
        account_name,
        "passed" if attempt.passed else "failed",
        quiz_activity(attempt.quiz),
        graded_at,
        result=result,
        ctx={
            **context(course, registration, parent=[course_activity(course)]),
            **_attempt_extensions(attempt),
        },
    )


def course_completed(statement_id, account_name, registration, record: CompletionRecord) -> dict:
    """The credit course (a translation's original) completed, with the hours credited."""
    course = record.course
    return _statement(
        statement_id,
        account_name,
        "completed",
        course_activity(course),
        record.occurred_at,
        result={
            "completion": True,
            "success": True,
            "extensions": {extension("study-hours"): number(record.hours)},
        },
        ctx=context(course, registration),
    )


def completion_voided(statement_id, account_name, completed_id, void: CompletionRecord) -> dict:
    """HR voided a completion: xAPI's voiding statement, pointing at the `completed` one, so
    an LRS stops counting it. The actor is the HR officer who voided it (the cadre when the
    site did)."""
    return _statement(
        statement_id,
        account_name,
        "voided",
        {"objectType": "StatementRef", "id": str(completed_id)},
        void.occurred_at,
    )
