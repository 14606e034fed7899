"""Question bank, quizzes and attempts.

A `Question` is a bank entry; its content lives in immutable-once-used `QuestionVersion`s.
Answers store option *keys* ("a", "d1", "r2"), which stay the same across versions, so an
explicit regrade can score an old answer against a newer version.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from courses.markdown import MAX_MARKDOWN, markdown_validators, render_markdown
from courses.models import Course, Lesson
from people.models import OrgUnit

# Bounds every date and limit a trainer or HR officer types must keep to (the quiz form, the
# assignment form): beyond them Python's date arithmetic overflows and a page fails.
EARLIEST_YEAR = 2000
LATEST_YEAR = 2100
ATTEMPTS_MAX = 100
TIME_LIMIT_MAX = 24 * 60  # minutes
MIN_MINUTES_MAX = 10 * 60
POINTS_MIN = Decimal("0.5")
COMPETENCY_ORDER_MAX = 999


def validate_sane_datetime(value) -> None:
    """A date (or date and time) between `EARLIEST_YEAR` and `LATEST_YEAR`."""
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            _("Give a date between %(first)s and %(last)s."),
            code="date_out_of_range",
            params={"first": EARLIEST_YEAR, "last": LATEST_YEAR},
        )


def _in_language(english: str, chinese: str) -> str:
    """The Chinese text under a Chinese interface when there is one, else the English."""
    language = get_language() or ""
    return chinese if chinese and language.lower().startswith("zh") else english


class CompetencyFramework(models.Model):
    """A set of competencies that questions measure and progress is tracked on.

    Each case can bring its own; the seed case's framework is created by a migration. The `slug`
    is fixed at creation, so data files can find a framework whatever its names become.
    """

    slug = models.SlugField(_("identifier"), max_length=60, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_zh = models.CharField(_("name (Chinese)"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("competency framework")
        verbose_name_plural = _("competency frameworks")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return _in_language(self.name_en, self.name_zh)

    def competencies_by_code(self) -> dict[str, Competency]:
        return {c.code: c for c in self.competencies.all()}

    def can_edit(self, user) -> bool:
        """Only its creator. A framework nobody created (the seed's, made by a migration) is
        read-only in the studio: every course that uses it shares it."""
        return self.created_by_id is not None and self.created_by_id == user.pk

    @staticmethod
    def free_slug(name: str, taken: set[str]) -> str:
        """An identifier from the English name, whole words, not among `taken`."""
        base = slugify(name)[:50].strip("-") or "framework"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        return slug


class Competency(models.Model):
    """One thing a quiz question measures and progress is tracked on, within a framework."""

    framework = models.ForeignKey(
        CompetencyFramework,
        verbose_name=_("framework"),
        on_delete=models.PROTECT,
        related_name="competencies",
    )
    code = models.SlugField(_("code"), max_length=20)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_zh = models.CharField(_("name (Chinese)"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, validators=[MaxValueValidator(COMPETENCY_ORDER_MAX)]
    )

    class Meta:
        # Framework by creation, then the framework's own order: no join needed.
        ordering = ["framework_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"], name="competency_code_unique_in_framework"
            ),
            models.CheckConstraint(
                condition=Q(order__lte=COMPETENCY_ORDER_MAX), name="competency_order_max"
            ),
        ]
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return _in_language(self.name_en, self.name_zh)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.framework_id, self.order, self.pk or 0)

    @staticmethod
    def free_code(name: str, taken: set[str]) -> str:
        """A code from the English name, unique within the framework."""
        base = slugify(name)[:16].strip("-") or "c"
        code, n = base, 1
        while code in taken:
            n += 1
            code = f"{base}-{n}"
        return code

    def is_used(self) -> bool:
        """Questions or quiz draws refer to it: deleting it would rewrite what they measured."""
        return self.versions.exists() or QuizSlot.objects.filter(draw_from=self).exists()


class Question(models.Model):
    """A bank entry. What it asks is in its versions; `current` is the one new attempts use."""

    course = models.ForeignKey(
        Course,
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    key = models.SlugField(_("key"), max_length=80, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    current = models.OneToOneField(
        "QuestionVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.current.title if self.current else f"Question {self.pk}"


class QuestionVersion(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple response")
        DECISION = "decision", _("Scenario decision")
        WRITTEN = "written", _("Written answer")

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(default=1)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    prompt_md = models.TextField(
        _("question (Markdown)"), max_length=MAX_MARKDOWN, validators=markdown_validators()
    )
    prompt_html = models.TextField(editable=False, blank=True)
    points = models.DecimalField(
        _("points"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(POINTS_MIN)],
    )
    competencies = models.ManyToManyField(
        Competency, verbose_name=_("competencies"), related_name="versions"
    )
    source_lesson = models.ForeignKey(
        Lesson,
        verbose_name=_("lesson section it comes from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Decision questions: the kind of unit described, for the misconceptions view.
    unit_kind = models.CharField(
        _("kind of unit described"), max_length=20, choices=OrgUnit.Kind.choices, blank=True
    )
    # Written questions: what the grader reads beside the answer.
    reference_md = models.TextField(
        _("reference answer (Markdown)"),
        blank=True,
        max_length=MAX_MARKDOWN,
        validators=markdown_validators(),
    )
    reference_html = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["question", "number"]
        constraints = [
            models.UniqueConstraint(fields=["question", "number"], name="question_version_unique"),
            # The form's and the field's bound, kept by the database too (a write that skips
            # the form, an .update(), is refused).
            models.CheckConstraint(
                condition=Q(points__gte=POINTS_MIN), name="question_version_points_min"
            ),
        ]
        verbose_name = _("question version")
        verbose_name_plural = _("question versions")

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"

    def save(self, *args, **kwargs) -> None:
        self.prompt_html = render_markdown(self.prompt_md)
        self.reference_html = render_markdown(self.reference_md)
        super().save(*args, **kwargs)

    def has_attempts(self) -> bool:
        return self.attempt_questions.exists()


class Option(models.Model):
    """A choice of a single/multiple question, or a decision or reason of a decision question."""

    class Group(models.TextChoices):
        CHOICE = "choice", _("Choice")
        DECISION = "decision", _("Decision")
        REASON = "reason", _("Reason")

    version = models.ForeignKey(QuestionVersion, on_delete=models.CASCADE, related_name="options")
    key = models.SlugField(max_length=20)
    group = models.CharField(max_length=10, choices=Group.choices, default=Group.CHOICE)
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("text"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)
    feedback_md = models.TextField(
        _("feedback"), blank=True, max_length=MAX_MARKDOWN, validators=markdown_validators()
    )
    feedback_html = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["version", "group", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="option_key_unique")]

    def __str__(self) -> str:
        return self.text

    def save(self, *args, **kwargs) -> None:
        self.feedback_html = render_markdown(self.feedback_md)
        super().save(*args, **kwargs)


class RubricCriterion(models.Model):
    version = models.ForeignKey(QuestionVersion, on_delete=models.CASCADE, related_name="rubric")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("criterion"), max_length=300)
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["version", "order"]

    def __str__(self) -> str:
        return self.text


class QuizQuerySet(models.QuerySet):
    def published(self) -> QuizQuerySet:
        return self.filter(is_published=True, course__status=Course.Status.PUBLISHED)


class Quiz(models.Model):
    class Grading(models.TextChoices):
        HIGHEST = "highest", _("Highest attempt")
        LAST = "last", _("Last attempt")
        AVERAGE = "average", _("Average of attempts")
        FIRST = "first", _("First attempt")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="quizzes")
    title = models.CharField(_("title"), max_length=200)
    intro_md = models.TextField(
        _("introduction"), blank=True, max_length=MAX_MARKDOWN, validators=markdown_validators()
    )
    intro_html = models.TextField(editable=False, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    pass_mark = models.DecimalField(
        _("pass mark (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("60"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    # 100 is far past any real use and inside every database's small integer.
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"),
        default=3,
        validators=[MaxValueValidator(ATTEMPTS_MAX)],
        help_text=_("0 means unlimited."),
    )
    grading_method = models.CharField(
        _("grading method"), max_length=10, choices=Grading.choices, default=Grading.HIGHEST
    )
    # A day at most: a larger limit overflowed the deadline's arithmetic on every start.
    time_limit_minutes = models.PositiveIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(TIME_LIMIT_MAX)],
    )
    opens_at = models.DateTimeField(
        _("opens"), null=True, blank=True, validators=[validate_sane_datetime]
    )
    closes_at = models.DateTimeField(
        _("closes"), null=True, blank=True, validators=[validate_sane_datetime]
    )
    # An attempt submitted sooner than this is graded as usual and flagged to the trainer.
    min_minutes = models.PositiveSmallIntegerField(
        _("minimum time (minutes)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MIN_MINUTES_MAX)],
        help_text=_("Attempts submitted sooner are graded, and flagged to you."),
    )
    # A language version of another course's quiz: attempts and the grade are shared.
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="translations",
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_options = models.BooleanField(_("shuffle options"), default=True)
    # What a cadre may see on review: right after an attempt while attempts remain, after
    # their last attempt, and once the quiz has closed (Moodle's review options). The defaults
    # protect the answer key while it can still earn credit: until the last attempt the review
    # shows the cadre's own answers, the score per competency and the lesson to read again.
    review_answers_after_attempt = models.BooleanField(default=True)
    review_correctness_after_attempt = models.BooleanField(default=False)
    review_feedback_after_attempt = models.BooleanField(default=False)
    review_right_answers_after_attempt = models.BooleanField(default=False)
    review_answers_after_last = models.BooleanField(default=True)
    review_correctness_after_last = models.BooleanField(default=True)
    review_feedback_after_last = models.BooleanField(default=True)
    review_right_answers_after_last = models.BooleanField(default=True)
    review_answers_after_close = models.BooleanField(default=True)
    review_correctness_after_close = models.BooleanField(default=True)
    review_feedback_after_close = models.BooleanField(default=True)
    review_right_answers_after_close = models.BooleanField(default=True)

    objects = QuizQuerySet.as_manager()

    class Meta:
        ordering = ["course", "pk"]
        # The fields' bounds, kept by the database too: a value past them written without the
        # form (an .update(), a script) is refused, not stored for a later page to fail on.
        constraints = [
            models.CheckConstraint(
                condition=Q(pass_mark__gte=0, pass_mark__lte=100), name="quiz_pass_mark_range"
            ),
            models.CheckConstraint(
                condition=Q(attempts_allowed__lte=ATTEMPTS_MAX), name="quiz_attempts_allowed_max"
            ),
            models.CheckConstraint(
                condition=Q(time_limit_minutes__isnull=True)
                | Q(time_limit_minutes__gte=1, time_limit_minutes__lte=TIME_LIMIT_MAX),
                name="quiz_time_limit_range",
            ),
            models.CheckConstraint(
                condition=Q(min_minutes__isnull=True) | Q(min_minutes__lte=MIN_MINUTES_MAX),
                name="quiz_min_minutes_max",
            ),
        ]
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.intro_html = render_markdown(self.intro_md)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("quizzes:quiz", args=[self.pk])

    def passed_with(self, grade: Decimal | None) -> bool:
        """Whether a grade (this quiz's grading method applied to the cadre's attempts) passes:
        the one place the pass mark is read for completion and My learning."""
        return grade is not None and grade >= self.pass_mark

    @property
    def original_id(self) -> int:
        """The quiz whose attempts and grade this one shares: the original of a translation,
        else itself."""
        return self.translation_of_id or self.pk

    def family(self) -> QuizQuerySet:
        """This quiz and its other language versions, as a queryset (a subquery when used in
        a filter, so no query of its own)."""
        root = self.original_id
        return Quiz.objects.filter(models.Q(pk=root) | models.Q(translation_of_id=root))

    def family_ids(self) -> list[int]:
        """This quiz and its other language versions (the original first)."""
        root = self.original_id
        return [root, *Quiz.objects.filter(translation_of_id=root).values_list("pk", flat=True)]

    def original(self) -> Quiz:
        """The original quiz: its attempts allowed, grading method and pass mark rule the
        whole family."""
        return self.translation_of if self.translation_of_id else self

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (self.opens_at is None or now >= self.opens_at) and (
            self.closes_at is None or now < self.closes_at
        )

    def has_closed(self, now=None) -> bool:
        return self.closes_at is not None and (now or timezone.now()) >= self.closes_at

    def review_phase(self, now=None, attempts_left: int | None = None) -> str:
        """Which of the trainer's review columns applies: "close" once the quiz has closed,
        "last" when the cadre has no attempt left, else "attempt". `attempts_left` is None for
        unlimited attempts (there is no last one) or when unknown: attempts remain, the side
        that protects the answer key."""
        if self.has_closed(now):
            return "close"
        if attempts_left is not None and attempts_left <= 0:
            return "last"
        return "attempt"

    def review_options(self, now=None, attempts_left: int | None = None) -> dict[str, bool | str]:
        """What a finished attempt's review shows, as of `now`: the four review settings of
        the phase the cadre is in, and the phase's name under "phase"."""
        phase = self.review_phase(now, attempts_left)
        options: dict[str, bool | str] = {
            name: getattr(self, f"review_{name}_after_{phase}")
            for name in ("answers", "correctness", "feedback", "right_answers")
        }
        options["phase"] = phase
        return options


class QuizSlot(models.Model):
    """One question of a quiz: a fixed bank question, or one drawn at random from a tag."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="slots")
    order = models.PositiveSmallIntegerField(default=0)
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.PROTECT, related_name="slots"
    )
    draw_from = models.ForeignKey(
        Competency,
        verbose_name=_("draw at random from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )

    class Meta:
        ordering = ["quiz", "order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(question__isnull=False, draw_from__isnull=True)
                | Q(question__isnull=True, draw_from__isnull=False),
                name="slot_question_or_draw",
            )
        ]

    def __str__(self) -> str:
        return f"{self.quiz} · {self.order}"


class AttemptQuerySet(models.QuerySet):
    def finished(self) -> AttemptQuerySet:
        return self.filter(status__in=[Attempt.Status.GRADED, Attempt.Status.AWAITING_GRADING])


class Attempt(models.Model):
    class Status(models.TextChoices):
        # "Being answered" (作答中), not a course's "in progress" (学习中).
        IN_PROGRESS = "in_progress", pgettext_lazy("attempt", "In progress")
        AWAITING_GRADING = "awaiting", _("Awaiting grading")
        GRADED = "graded", _("Graded")

    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attempts"
    )
    number = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    started_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField(null=True, blank=True)  # time limit or closing, if any
    submitted_at = models.DateTimeField(null=True, blank=True)
    closed_by_server = models.BooleanField(default=False)  # the deadline passed, not a click
    # Submitted sooner than the quiz's minimum time: graded as usual, shown to the trainer.
    too_fast = models.BooleanField(default=False)
    # The page numbers its saves; the highest number stored. A save that arrives after a newer
    # one (the network reorders requests) is older than what the server holds and is ignored.
    save_sequence = models.PositiveBigIntegerField(default=0)
    score = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(max_digits=7, decimal_places=2, default=Decimal("0"))
    percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["quiz", "user", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "user", "number"], name="attempt_number_unique"
            ),
            models.UniqueConstraint(
                fields=["quiz", "user"],
                condition=Q(status="in_progress"),
                name="one_open_attempt",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quiz} · {self.user} · #{self.number}"

    def get_absolute_url(self) -> str:
        if self.status == self.Status.IN_PROGRESS:
            return reverse("quizzes:attempt", args=[self.pk])
        return reverse("quizzes:results", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.IN_PROGRESS

    def seconds_left(self, now=None) -> int | None:
        if self.deadline is None:
            return None
        return max(0, int((self.deadline - (now or timezone.now())).total_seconds()))


class AttemptQuestion(models.Model):
    """A question as this attempt shows it: version, place and option order fixed at start."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField()
    version = models.ForeignKey(
        QuestionVersion, on_delete=models.PROTECT, related_name="attempt_questions"
    )
    option_order = models.JSONField(default=list)  # option keys in the order shown
    points = models.DecimalField(max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["attempt", "order"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "order"], name="attempt_question_unique")
        ]

    def __str__(self) -> str:
        return f"{self.attempt} · Q{self.order}"


class Answer(models.Model):
    """What the cadre answered to one attempt question, and what it scored."""

    attempt_question = models.OneToOneField(
        AttemptQuestion, on_delete=models.CASCADE, related_name="answer"
    )
    selected = models.JSONField(default=list, blank=True)  # option keys
    text = models.TextField(blank=True)
    saved_at = models.DateTimeField(null=True, blank=True)
    flagged = models.BooleanField(default=False)  # the cadre marked it to come back to
    score = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    # Written answers: the grader's mark and comment.
    grader_comment = models.TextField(blank=True)
    rubric_marks = models.JSONField(default=dict, blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    graded_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.attempt_question}"


class ScoreChange(models.Model):
    """Trail of every change to a finished attempt's score: grading and regrading."""

    class Reason(models.TextChoices):
        GRADED = "graded", _("Written answer graded")
        REGRADED = "regraded", _("Regraded against a new question version")

    attempt = models.ForeignKey(Attempt, on_delete=models.PROTECT, related_name="score_changes")
    reason = models.CharField(max_length=10, choices=Reason.choices)
    old_score = models.DecimalField(max_digits=7, decimal_places=2, null=True)
    new_score = models.DecimalField(max_digits=7, decimal_places=2)
    note = models.CharField(max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["attempt", "changed_at"]

    def __str__(self) -> str:
        return f"{self.attempt}: {self.old_score} → {self.new_score}"
