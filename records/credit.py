"""How many study hours (学时) a course credits, and the evidence a credit rests on.

The rule is configuration an administrator sets and an auditor reads (`CREDIT_BANDS`,
`CREDIT_TEST_HOURS`; the default is a provincial academy's published rule: a course of
30 minutes or more of reading is 1 h, 15 to 30 minutes 0.5 h, under 15 minutes 0.25 h, and a
passed test adds 0.5 h). A completion credits the course's declared hours, but never more
than its content supports under the rule: its lessons' estimated reading time
(`courses.reading`) and, when the course has a published quiz that must be passed, the test.

A credit keeps a snapshot of the rule and of the evidence (each lesson first opened and
studied, the attempt that passed) on its ledger line (`completion_evidence`), so a later change
of rule, speed or course never rewrites why an hour was credited.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.utils.translation import gettext as _

from courses.hours import format_hours
from courses.models import Course, Lesson, LessonOpening, LessonProgress
from courses.reading import reading_seconds
from quizzes.models import Attempt, Quiz

CENT = Decimal("0.01")


# --- The rule -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Band:
    """Reading of at least `minutes` minutes credits `hours`."""

    minutes: int
    hours: Decimal


def _hours(text: str, name: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise ImproperlyConfigured(f"{name}: {text.strip()!r} is not a number of hours.") from None
    if not value.is_finite() or value < 0 or value != value.quantize(CENT) or value > 50:
        raise ImproperlyConfigured(
            f"{name}: hours must be from 0 to 50 with at most 2 decimals, not {text.strip()!r}."
        )
    return value.quantize(CENT)


def parse_bands(text: str) -> tuple[Band, ...]:
    """`CREDIT_BANDS` ("30:1,15:0.5,0:0.25"): minutes:hours from the longest band down, the
    minutes strictly descending and the last band 0. Raises `ImproperlyConfigured`."""
    bands = []
    for item in (text or "").split(","):
        minutes, sep, hours = item.partition(":")
        minutes = minutes.strip()
        # ASCII digits only: "²".isdigit() is true and int("²") fails. A week at most.
        if not (sep and minutes.isascii() and minutes.isdigit() and int(minutes) <= 7 * 24 * 60):
            raise ImproperlyConfigured(
                f"CREDIT_BANDS: {item.strip()!r} is not minutes:hours (for example 30:1)."
            )
        bands.append(Band(int(minutes), _hours(hours, "CREDIT_BANDS")))
    if any(a.minutes <= b.minutes for a, b in zip(bands, bands[1:], strict=False)):
        raise ImproperlyConfigured(
            "CREDIT_BANDS: the bands must go from the longest down (minutes strictly descending)."
        )
    if bands[-1].minutes != 0:
        raise ImproperlyConfigured("CREDIT_BANDS: the last band must start at 0 minutes.")
    return tuple(bands)


@dataclass(frozen=True)
class CreditRule:
    """The length bands and the hours a passed test adds."""

    bands: tuple[Band, ...]
    test_hours: Decimal

    @classmethod
    def from_settings(cls) -> CreditRule:
        return cls(
            bands=parse_bands(settings.CREDIT_BANDS),
            test_hours=_hours(str(settings.CREDIT_TEST_HOURS), "CREDIT_TEST_HOURS"),
        )

    @classmethod
    def from_json(cls, data: dict) -> CreditRule:
        """The rule as a ledger line recorded it."""
        return cls(
            bands=tuple(Band(int(m), Decimal(h)) for m, h in data.get("bands", [])),
            test_hours=Decimal(data.get("test_hours", "0")),
        )

    def as_json(self) -> dict:
        return {
            "bands": [[band.minutes, str(band.hours)] for band in self.bands],
            "test_hours": str(self.test_hours),
        }

    def band_index(self, minutes: int) -> int:
        """The band whole `minutes` of reading fall in (the last band starts at 0)."""
        for index, band in enumerate(self.bands):
            if minutes >= band.minutes:
                return index
        return len(self.bands) - 1

    def band_label(self, index: int) -> str:
        """A band in words: "30 minutes or more", "15 to 30 minutes", "under 15 minutes"."""
        band = self.bands[index]
        if len(self.bands) == 1:
            return _("any length")
        if index == 0:
            return _("%(minutes)d minutes or more") % {"minutes": band.minutes}
        above = self.bands[index - 1].minutes
        if band.minutes == 0:
            return _("under %(minutes)d minutes") % {"minutes": above}
        return _("%(low)d to %(high)d minutes") % {"low": band.minutes, "high": above}

    def describe(self) -> list[str]:
        """The rule in words, one line per band, then the test and the cap."""
        lines = [
            _("%(band)s of reading: %(hours)s h")
            % {"band": self.band_label(i), "hours": format_hours(band.hours)}
            for i, band in enumerate(self.bands)
        ]
        lines.append(
            _(
                "A passed test adds %(hours)s h; a course without a published quiz gets no "
                "test hours."
            )
            % {"hours": format_hours(self.test_hours)}
        )
        lines.append(
            _(
                "A course credits its declared hours, but never more than its reading and its "
                "test support."
            )
        )
        return lines


def current_rule() -> CreditRule:
    return CreditRule.from_settings()


@checks.register()
def check_credit_rule(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A wrong CREDIT_BANDS or CREDIT_TEST_HOURS stops the start-up, with the reason."""
    try:
        CreditRule.from_settings()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="records.E001")]
    return []


# --- A course's credit ----------------------------------------------------------------------


@dataclass
class Credit:
    """What a course credits under the rule, and why."""

    rule: CreditRule
    lessons: int
    seconds: int  # estimated reading time of all its lessons
    band: int  # index into rule.bands
    has_test: bool
    declared: Decimal
    explanation: list[str] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return self.seconds // 60

    @property
    def band_hours(self) -> Decimal:
        return self.rule.bands[self.band].hours

    @property
    def band_label(self) -> str:
        return self.rule.band_label(self.band)

    @property
    def test_hours(self) -> Decimal:
        return self.rule.test_hours if self.has_test else Decimal(0)

    @property
    def supported(self) -> Decimal:
        return self.band_hours + self.test_hours

    @property
    def credited(self) -> Decimal:
        return min(self.declared, self.supported)

    @property
    def over_declared(self) -> bool:
        return self.declared > self.supported

    @property
    def over_declared_message(self) -> str:
        return _(
            "This course declares %(declared)s h; its content supports %(supported)s h; "
            "it will credit %(credited)s h."
        ) % {
            "declared": format_hours(self.declared),
            "supported": format_hours(self.supported),
            "credited": format_hours(self.credited),
        }


def credit_for(
    *, rule: CreditRule, seconds: int, lessons: int, has_test: bool, declared: Decimal
) -> Credit:
    credit = Credit(
        rule=rule,
        lessons=lessons,
        seconds=seconds,
        band=rule.band_index(seconds // 60),
        has_test=has_test,
        declared=Decimal(declared).quantize(CENT),
    )
    credit.explanation = _explain(credit)
    return credit


def _explain(credit: Credit) -> list[str]:
    hours = format_hours
    lines = [
        _("%(minutes)d minutes of reading in %(lessons)d lessons (%(band)s): %(hours)s h.")
        % {
            "minutes": credit.minutes,
            "lessons": credit.lessons,
            "band": credit.band_label,
            "hours": hours(credit.band_hours),
        }
    ]
    if credit.has_test:
        lines.append(
            _("A published quiz must be passed: + %(hours)s h.")
            % {"hours": hours(credit.test_hours)}
        )
    else:
        lines.append(
            _(
                "No published quiz: without a test the course credits only its reading band "
                "(a passed test would add %(hours)s h)."
            )
            % {"hours": hours(credit.rule.test_hours)}
        )
    lines.append(_("Its content supports %(hours)s h.") % {"hours": hours(credit.supported)})
    if credit.over_declared:
        lines.append(credit.over_declared_message)
    else:
        lines.append(
            _("It declares %(declared)s h and will credit %(credited)s h.")
            % {"declared": hours(credit.declared), "credited": hours(credit.credited)}
        )
    return lines


def course_credit(course: Course, *, declared: Decimal | None = None) -> Credit:
    """What `course` credits under the current rule (two queries: its lessons' reading counts,
    its published quizzes). `declared` replaces its declared hours, to show what a new value
    would credit."""
    counts = list(Lesson.objects.filter(course=course).values_list("cjk_chars", "latin_words"))
    return credit_for(
        rule=current_rule(),
        seconds=sum(reading_seconds(cjk, words) for cjk, words in counts),
        lessons=len(counts),
        has_test=Quiz.objects.filter(course=course, is_published=True).exists(),
        declared=course.study_hours if declared is None else declared,
    )


# --- The evidence kept on a credit ----------------------------------------------------------


def _iso(moment) -> str | None:
    return moment.isoformat() if moment is not None else None


def passing_attempt(quiz: Quiz, graded: list[Attempt]) -> Attempt | None:
    """The attempt a quiz was passed with: the first graded attempt that reaches the pass
    mark, else (a grade averaged over attempts) the last graded one, which made it pass."""
    for attempt in graded:
        if quiz.passed_with(attempt.percent):
            return attempt
    return graded[-1] if graded else None


def credit_evidence(credit: Credit) -> dict:
    """The part of a completion's evidence that is the course's, the same for every cadre: the
    rule with the reading speeds, and what the course credits under it. Plain JSON values."""
    return {
        "rule": {
            **credit.rule.as_json(),
            "chars_per_minute": settings.READING_CHARS_PER_MINUTE,
            "words_per_minute": settings.READING_WORDS_PER_MINUTE,
            "minimum_share": settings.STUDY_MINIMUM_SHARE,
        },
        "reading_seconds": credit.seconds,
        "minutes": credit.minutes,
        "band_minutes": credit.rule.bands[credit.band].minutes,
        "band_hours": str(credit.band_hours),
        "test_hours": str(credit.test_hours),
        "supported": str(credit.supported),
        "declared": str(credit.declared),
        "credited": str(credit.credited),
    }


def completion_evidence(user, course: Course, credit: Credit) -> dict:
    """The snapshot a completion line keeps: the rule, the reading and the declared hours,
    and per lesson when it was first opened and studied, per quiz the attempt that passed.
    Plain JSON values, ISO datetimes; six queries."""
    # A course in several languages is one case: a lesson position counts where it was read
    # first, in any language, and a quiz's attempts are those of every language version.
    family = course.family_ids()
    lessons = list(Lesson.objects.filter(course=course).order_by("order", "pk"))
    opened: dict[int, object] = {}
    for order, at in LessonOpening.objects.filter(
        user=user, lesson__course_id__in=family
    ).values_list("lesson__order", "opened_at"):
        opened[order] = min(at, opened.get(order, at))
    studied: dict[int, object] = {}
    for order, at in LessonProgress.objects.filter(
        user=user, lesson__course_id__in=family
    ).values_list("lesson__order", "studied_at"):
        studied[order] = min(at, studied.get(order, at))
    quizzes = list(Quiz.objects.filter(course=course, is_published=True).order_by("pk"))
    graded: dict[int, list[Attempt]] = {quiz.pk: [] for quiz in quizzes}
    for attempt in (
        Attempt.objects.filter(user=user, status=Attempt.Status.GRADED)
        .filter(Q(quiz__in=quizzes) | Q(quiz__translation_of__in=quizzes))
        .select_related("quiz")
        .order_by("number")
    ):
        graded[attempt.quiz.translation_of_id or attempt.quiz_id].append(attempt)
    attempts = []
    for quiz in quizzes:
        attempt = passing_attempt(quiz, graded[quiz.pk])
        if attempt is not None:
            attempts.append(
                {
                    "quiz": quiz.title,
                    "number": attempt.number,
                    "percent": str(attempt.percent),
                    "pass_mark": str(quiz.pass_mark),
                    "submitted_at": _iso(attempt.submitted_at),
                }
            )
    return {
        **credit_evidence(credit),
        "lessons": [
            {
                "title": lesson.title,
                "order": lesson.order,
                "opened_at": _iso(opened.get(lesson.order)),
                "studied_at": _iso(studied.get(lesson.order)),
            }
            for lesson in lessons
        ],
        "attempts": attempts,
    }


def rule_applied(evidence: dict) -> str:
    """One line saying how a recorded credit was worked out, in the reader's language:
    "30 minutes or more of reading: 1 h + passed test 0.5 h; declared 2 h". Empty for a line
    credited before evidence was recorded."""
    if not evidence.get("rule"):
        return ""
    rule = CreditRule.from_json(evidence["rule"])
    label = rule.band_label(rule.band_index(int(evidence.get("band_minutes", 0))))
    text = _("%(band)s of reading (%(minutes)d min): %(hours)s h") % {
        "band": label,
        "minutes": int(evidence.get("minutes", 0)),
        "hours": format_hours(evidence.get("band_hours")),
    }
    if Decimal(evidence.get("test_hours", "0")):
        text += _(" + passed test %(hours)s h") % {"hours": format_hours(evidence["test_hours"])}
    else:
        text += _(" (no test)")
    text += _("; declared %(hours)s h") % {"hours": format_hours(evidence.get("declared"))}
    if Decimal(evidence.get("credited", "0")) < Decimal(evidence.get("declared", "0")):
        text += _("; capped at %(hours)s h") % {"hours": format_hours(evidence["credited"])}
    return text
