"""Courses, their lessons, who is enrolled, and which lessons each cadre has studied."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .markdown import MAX_LESSON_MARKDOWN, lesson_markdown_validators, render_markdown
from .reading import reading_seconds, text_size

# What a course may declare (学时): the form, the hours change and the database keep to it.
HOURS_MIN, HOURS_MAX = Decimal("0.25"), Decimal("50")


class CourseQuerySet(models.QuerySet):
    def published(self) -> CourseQuerySet:
        return self.filter(status=Course.Status.PUBLISHED)

    def editable_by(self, user) -> CourseQuerySet:
        """Courses the trainer owns or co-owns."""
        return self.filter(models.Q(owner=user) | models.Q(co_owners=user)).distinct()

    def with_lesson_count(self) -> CourseQuerySet:
        return self.annotate(lesson_count=Count("lessons", distinct=True))

    def one_per_case(self) -> CourseQuerySet:
        """Published courses, each case once: the originals, and a translation only when its
        original is not published (it then stands for the case)."""
        return self.published().filter(
            models.Q(translation_of__isnull=True)
            | ~models.Q(translation_of__status=Course.Status.PUBLISHED)
        )

    def outside_cases(self, credit_ids) -> CourseQuerySet:
        """Courses of none of these cases (originals `credit_ids` and their translations)."""
        return self.exclude(pk__in=credit_ids).exclude(translation_of_id__in=credit_ids)


class Course(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    class Language(models.TextChoices):
        ZH_HANS = "zh-hans", _("Simplified Chinese")
        EN = "en", _("English")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in the address"), max_length=80, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    # What the trainer declares; the credit is at most what the site's credit rule allows for
    # the course's content (`records.credit`). Changed on a published course only through
    # `courses.services.course_change_hours`, which keeps a `HoursChange` line.
    study_hours = models.DecimalField(
        _("study hours"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1.0"),
        validators=[MinValueValidator(HOURS_MIN), MaxValueValidator(HOURS_MAX)],
        help_text=_("Credit (学时) earned when the course is completed."),
    )
    # A language version of another course: one case, one credit. Progress, attempts and the
    # completion are the original's (`credit_course`), whichever language the cadre reads.
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="translations",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # The language the content is written in (not the interface's): screen readers need it.
    language = models.CharField(
        _("content language"), max_length=8, choices=Language.choices, default=Language.ZH_HANS
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_courses",
    )
    co_owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("co-owners"),
        blank=True,
        related_name="co_owned_courses",
        help_text=_("Other trainers who may edit this course."),
    )
    # The analysis tree behind the mind map, kept as imported: {"question", "parts": [...]}.
    outline = models.JSONField(_("case outline"), default=dict, blank=True)
    source_text = models.TextField(_("source case text"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        # The field's bounds, kept by the database too (a write that skips the form).
        constraints = [
            models.CheckConstraint(
                condition=models.Q(study_hours__gte=HOURS_MIN, study_hours__lte=HOURS_MAX),
                name="course_study_hours_range",
            )
        ]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        # In a transaction of its own when the caller has none, so what listens to post_save
        # (the records' summaries, when the status changes) is written with the row or not at
        # all.
        with transaction.atomic():
            super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("courses:course", args=[self.slug])

    def can_edit(self, user) -> bool:
        return self.owner_id == user.pk or self.co_owners.filter(pk=user.pk).exists()

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def declared_hours(self) -> Decimal:
        """The hours this course declares to cadres: a translation's are its original's (one
        case, one credit)."""
        return self.translation_of.study_hours if self.translation_of_id else self.study_hours

    @property
    def credit_course_id(self) -> int:
        """The course whose ledger lines, assignments and progress this one shares: the
        original of a translation, else itself."""
        return self.translation_of_id or self.pk

    def family_ids(self) -> list[int]:
        """This course and its other language versions (the original first)."""
        root = self.credit_course_id
        return [root, *Course.objects.filter(translation_of_id=root).values_list("pk", flat=True)]

    def family(self) -> CourseQuerySet:
        """This course and its other language versions, as a queryset (a subquery inside a
        filter, so no query of its own)."""
        root = self.credit_course_id
        return Course.objects.filter(models.Q(pk=root) | models.Q(translation_of_id=root))

    @staticmethod
    def in_families(field: str, credit_ids) -> models.Q:
        """A filter on a foreign key to a course (`field`, e.g. "lesson__course"): the courses
        `credit_ids` (originals) or any of their translations."""
        return models.Q(**{f"{field}_id__in": credit_ids}) | models.Q(
            **{f"{field}__translation_of_id__in": credit_ids}
        )

    @staticmethod
    def credit_of(field: str) -> Coalesce:
        """The credit course (the original) of the course a foreign key `field` points to, as
        an expression for values() and annotate()."""
        return Coalesce(f"{field}__translation_of_id", f"{field}_id")

    @staticmethod
    def credit_ids(course_ids) -> dict[int, int]:
        """Each of these courses' credit course (its original, or itself): one query."""
        return {
            pk: original or pk
            for pk, original in Course.objects.filter(pk__in=course_ids).values_list(
                "pk", "translation_of_id"
            )
        }

    def mindmap_tree(self, lessons: list[Lesson] | None = None) -> dict:
        """The tree the mind map draws: the imported outline, or the lessons when there is none."""
        if self.outline.get("parts"):
            return self.outline
        lessons = lessons if lessons is not None else list(self.lessons.all())
        return {
            "question": self.summary or self.title,
            "parts": [
                {
                    "number": i,
                    "title": lesson.title,
                    "lead": "",
                    "core": "",
                    "points": lesson.key_points,
                }
                for i, lesson in enumerate(lessons, start=1)
            ],
        }


class Lesson(models.Model):
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="lessons"
    )
    order = models.PositiveIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=200)
    body_md = models.TextField(
        _("content (Markdown)"),
        blank=True,
        max_length=MAX_LESSON_MARKDOWN,
        validators=lesson_markdown_validators(),
    )
    body_html = models.TextField(editable=False, blank=True)
    key_points = models.JSONField(
        _("key points"),
        default=list,
        blank=True,
        help_text=_("Shown highlighted beside the lesson, one point per entry."),
    )
    # Which part of the case analysis this lesson carries (0: the case overview); quiz feedback
    # links to it.
    case_part = models.PositiveSmallIntegerField(null=True, blank=True)
    # What there is to read, counted when the body is saved (`courses.reading`).
    cjk_chars = models.PositiveIntegerField(default=0, editable=False)
    latin_words = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["course", "order"]
        constraints = [
            models.UniqueConstraint(fields=["course", "order"], name="lesson_order_unique")
        ]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        # Rendered and sanitised once, here, never on a request.
        self.body_html = render_markdown(self.body_md)
        self.cjk_chars, self.latin_words = text_size(f"{self.title}\n{self.body_md}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body_md" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_html", "cjk_chars", "latin_words"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("courses:lesson", args=[self.course.slug, self.pk])

    @property
    def reading_seconds(self) -> int:
        """Estimated reading time at the site's stated speeds."""
        return reading_seconds(self.cjk_chars, self.latin_words)

    @property
    def reading_minutes(self) -> int:
        return max(1, -(-self.reading_seconds // 60))


def _same_case(field: str, outer) -> models.Q:
    """Inside a subquery of enrolments: the course a foreign key `field` points to is the
    enrolment's course or another language version of it. `outer` makes the reference to the
    enrolment's columns (OuterRef, or OuterRef twice from a nested subquery)."""
    credit = Coalesce(outer("course__translation_of_id"), outer("course_id"))
    return models.Q(**{f"{field}_id": credit}) | models.Q(**{f"{field}__translation_of_id": credit})


class EnrolmentQuerySet(models.QuerySet):
    def with_progress(self) -> EnrolmentQuerySet:
        """Annotate `lesson_count` and `studied_count` with one subquery each, no join fan-out.
        Studied counts lesson positions studied in any language version of the course."""
        lessons = (
            Lesson.objects.filter(course=OuterRef("course"))
            .order_by()
            .values("course")
            .annotate(n=Count("pk"))
            .values("n")
        )
        studied = (
            LessonProgress.objects.filter(
                _same_case("lesson__course", OuterRef), user=OuterRef("user")
            )
            .order_by()
            .values("user")
            .annotate(n=Count("lesson__order", distinct=True))
            .values("n")
        )
        return self.annotate(
            lesson_count=Coalesce(Subquery(lessons), 0),
            studied_count=Coalesce(Subquery(studied), 0),
        )

    def with_next_lesson(self) -> EnrolmentQuerySet:
        """Annotate the first lesson, in course order, whose position the cadre has not
        studied yet in any language version of the course."""
        studied_here = LessonProgress.objects.filter(
            _same_case("lesson__course", lambda name: OuterRef(OuterRef(name))),
            user=OuterRef(OuterRef("user")),
            lesson__order=OuterRef("order"),
        )
        pending = (
            Lesson.objects.filter(course=OuterRef("course"))
            .exclude(Exists(studied_here))
            .order_by("order")
        )
        return self.annotate(
            next_lesson_id=Subquery(pending.values("pk")[:1]),
            next_lesson_title=Subquery(pending.values("title")[:1]),
        )

    def active(self) -> EnrolmentQuerySet:
        return self.filter(course__status=Course.Status.PUBLISHED)


class Enrolment(models.Model):
    class Source(models.TextChoices):
        SELF = "self", _("Self-enrolled")
        ASSIGNED = "assigned", _("Assigned")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.SELF)
    enrolled_at = models.DateTimeField(auto_now_add=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="enrolment_unique")]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")

    def __str__(self) -> str:
        return f"{self.user} · {self.course}"

    @property
    def percent(self) -> int:
        """Share of lessons studied, from the `with_progress()` annotations."""
        if not getattr(self, "lesson_count", 0):
            return 0
        return round(100 * self.studied_count / self.lesson_count)


class LessonProgressQuerySet(models.QuerySet):
    def lesson_ids(self, user, course: Course) -> set[int]:
        """The lessons of `course` that `user` has studied."""
        return set(
            self.filter(user=user, lesson__course=course).values_list("lesson_id", flat=True)
        )

    def orders_studied(self, user, course: Course) -> set[int]:
        """The lesson positions (`Lesson.order`) of `course` that `user` has studied in any of
        its language versions: lesson k of a translation is lesson k of the original. One
        query."""
        return set(
            self.filter(user=user, lesson__course__in=course.family()).values_list(
                "lesson__order", flat=True
            )
        )

    def orders_by_credit_course(self, user, credit_ids) -> dict[int, set[int]]:
        """Per credit course (original) in `credit_ids`, the positions `user` has studied in
        any of its language versions. One query, whatever the number of courses."""
        out: dict[int, set[int]] = {pk: set() for pk in credit_ids}
        rows = (
            self.filter(Course.in_families("lesson__course", list(credit_ids)), user=user)
            .annotate(credit_id=Course.credit_of("lesson__course"))
            .values_list("credit_id", "lesson__order")
        )
        for credit_id, order in rows:
            out.setdefault(credit_id, set()).add(order)
        return out


class LessonProgress(models.Model):
    """A cadre studied a lesson. Written once; a second "mark as studied" changes nothing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    # A studied lesson is evidence: deleting it is refused (`courses.services.lesson_delete`).
    lesson = models.ForeignKey(Lesson, on_delete=models.PROTECT, related_name="progress")
    studied_at = models.DateTimeField(auto_now_add=True)

    objects = LessonProgressQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="lesson_progress_unique")
        ]
        verbose_name = _("lesson studied")
        verbose_name_plural = _("lessons studied")

    def __str__(self) -> str:
        return f"{self.user} · {self.lesson}"


class LessonOpening(models.Model):
    """When a cadre first opened a lesson: written once, on the first visit, and never
    updated. Nothing is recorded in between; "studied" is refused until a share of the lesson's
    reading time has passed since this moment (`courses.services.lesson_mark_studied`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_openings"
    )
    lesson = models.ForeignKey(Lesson, on_delete=models.PROTECT, related_name="openings")
    opened_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="lesson_opened_once")
        ]
        verbose_name = _("lesson opened")
        verbose_name_plural = _("lessons opened")

    def __str__(self) -> str:
        return f"{self.user} · {self.lesson} · {self.opened_at}"


class HoursChange(models.Model):
    """The trail of a published course's declared hours: each change with its reason. Hours
    already credited keep the value they were credited with (the ledger line holds it)."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="hours_changes")
    old_hours = models.DecimalField(max_digits=5, decimal_places=2)
    new_hours = models.DecimalField(max_digits=5, decimal_places=2)
    reason = models.TextField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["course", "changed_at", "pk"]
        verbose_name = _("change of study hours")
        verbose_name_plural = _("changes of study hours")

    def __str__(self) -> str:
        return f"{self.course}: {self.old_hours} → {self.new_hours}"


# --- Think first, then compare: the cadre's own answer to a case ------------------------------


class ReferencePoint(models.Model):
    """A point of a case's reference analysis: a part's core sentence ("p3") or one of its
    sub-points ("p3a"), as the case file states them (`courses.services.reference_points`,
    when a case is imported), and the key phrases a trainer adds in the studio so that other
    wordings of the point count. A cadre's own answer is held against them (`coverage.py`)."""

    MAX_TEXT = 2000
    MAX_PHRASES = 2000

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="reference_points")
    key = models.CharField(max_length=12)
    part = models.PositiveSmallIntegerField()
    order = models.PositiveSmallIntegerField()
    text = models.TextField(_("point"), max_length=MAX_TEXT)
    phrases = models.TextField(
        _("key phrases"),
        max_length=MAX_PHRASES,
        blank=True,
        help_text=_(
            "One a line: other words a cadre may use to make this point (synonyms, a common "
            "paraphrase). An answer that holds one of them covers the point."
        ),
    )

    class Meta:
        ordering = ["course", "order"]
        constraints = [
            models.UniqueConstraint(fields=["course", "key"], name="one_reference_point_key")
        ]
        verbose_name = _("reference point")
        verbose_name_plural = _("reference points")

    def __str__(self) -> str:
        return f"{self.course_id} · {self.key}"

    @property
    def phrase_list(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.phrases.splitlines() if line.strip())

    def as_point(self):
        from .coverage import Point

        return Point(self.key, self.part, self.text, self.phrase_list)


class OwnAnswer(models.Model):
    """A cadre's own answer to a course's case: written before the analysis is read ("think
    first"), then held against its points and revised ("compare"). Private: only its writer
    reads it; trainers see anonymous counts of the points missed, HR nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="own_answers")
    created_at = models.DateTimeField(auto_now_add=True)
    # The highest save number stored: a save numbered lower arrived late and is ignored.
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_own_answer_per_course")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.course_id}"


class OwnAnswerVersion(models.Model):
    """One version of an own answer. The latest is the one being written; starting a revision
    closes it, so every earlier version stays as it was."""

    MAX_CHARS = 20_000

    answer = models.ForeignKey(OwnAnswer, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField(max_length=MAX_CHARS, blank=True)
    started_at = models.DateTimeField()
    saved_at = models.DateTimeField()
    # Begun before the cadre opened any lesson of the analysis: the "think first" answer. Once
    # they have (an opening is written once and never removed), it takes no more saves.
    before_analysis = models.BooleanField(default=False)
    # Each point's mark when the version was last saved, {"p3a": "covered", ...}: what the
    # trainer's counts read, as the points stood then (recounting on each view would let a
    # trainer probe an answer with key phrases, and cost a match per answer per page).
    marks = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["answer", "number"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "number"], name="one_own_answer_version")
        ]

    def __str__(self) -> str:
        return f"{self.answer_id} · {self.number}"
