"""HR records: assignments, the append-only completion ledger, and reminders sent.

The ledger's kinds share their stored values with `rules` (which reads plain values)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from courses.models import Course
from people.models import OrgUnit, Profile
from people.worker_files import WorkerFile

from . import rules


class AssignmentQuerySet(models.QuerySet):
    def active(self) -> AssignmentQuerySet:
        return self.filter(cancelled_at__isnull=True, course__status=Course.Status.PUBLISHED)

    def for_profile(self, profile: Profile) -> list[Assignment]:
        """The assignments that reach this cadre (`rules.reaches`). Evaluated now, so a cadre
        who joins a unit later gets its assignments too."""
        if profile.unit_id is None or not profile.is_cadre:
            return []
        candidates = (
            self.active()
            .filter(unit_id__in=profile.unit.ancestor_ids())
            .select_related("course", "unit")
        )
        return [a for a in candidates if a.reaches(profile)]


class Assignment(models.Model):
    """A course assigned to a unit subtree, optionally only to some ranks or to leaders."""

    class Kind(models.TextChoices):
        REQUIRED = rules.REQUIRED, _("Required")
        ELECTIVE = "elective", _("Elective")

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="assignments"
    )
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit and everything below it"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REQUIRED)
    ranks = models.JSONField(
        _("only these ranks"), default=list, blank=True, help_text=_("Empty: every rank.")
    )
    leaders_only = models.BooleanField(_("only cadres in leading posts"), default=False)
    due_date = models.DateField(_("due date"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return f"{self.course} → {self.unit} ({self.get_kind_display()})"

    def save(self, *args, **kwargs) -> None:
        # In a transaction, so the summaries' recompute (post_save) is written with the
        # assignment or not at all: an HR officer never sees one saved and the other lost.
        with transaction.atomic():
            super().save(*args, **kwargs)

    def reaches(self, profile: Profile) -> bool:
        """Whether this assignment reaches the cadre (`rules.reaches`); `unit` must be loaded.
        Assignments reach cadres only: an HR officer or trainer is never assigned a course."""
        return profile.is_cadre and rules.reaches(
            self,
            self.unit.path,
            unit_path=profile.unit.path if profile.unit_id else "",
            rank=profile.rank,
            is_leader=profile.is_leader,
        )


APPEND_ONLY = "completion records are append-only; write a correction"


class LedgerQuerySet(models.QuerySet):
    """Refuses bulk changes before they reach the database, whose triggers refuse them too
    (migration 0002): `update()`, `delete()` and so `bulk_update()`."""

    def update(self, **kwargs):
        raise IntegrityError(APPEND_ONLY)

    def delete(self):
        raise IntegrityError(APPEND_ONLY)


class CompletionRecord(models.Model):
    """One line of the study-hours ledger. Never changed, never deleted: a correction is a new
    line that points at the one it corrects."""

    class Kind(models.TextChoices):
        COMPLETED = rules.COMPLETED, _("Completed")
        WAIVED = rules.WAIVED, _("Waived by HR")
        VOIDED = rules.VOIDED, _("Credit voided by HR")
        WITHDRAWN = rules.WITHDRAWN, _("Waiver withdrawn by HR")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="completion_records"
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="completion_records")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(help_text=_("The year the hours count towards."))
    hours = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0"))
    occurred_at = models.DateTimeField()
    reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )
    # Why a completion credits what it credits, as it was when credited: the rule applied and
    # the evidence it read (lessons first opened and studied, the attempt that passed). Kept on
    # the line so a later change of rule, course or speed never rewrites an earlier credit.
    evidence = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LedgerQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_at", "pk"]
        constraints = [
            # A course's hours are earned once: a second completion cannot be written.
            models.UniqueConstraint(
                fields=["user", "course"], condition=Q(kind="completed"), name="completed_once"
            ),
            models.UniqueConstraint(
                fields=["corrects"], condition=Q(kind="voided"), name="voided_once"
            ),
            models.UniqueConstraint(
                fields=["corrects"], condition=Q(kind="withdrawn"), name="withdrawn_once"
            ),
        ]
        verbose_name = _("completion record")
        verbose_name_plural = _("completion records")

    def __str__(self) -> str:
        return f"{self.user} · {self.course} · {self.get_kind_display()} {self.hours}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError("Completion records are append-only; write a correction.")
        with transaction.atomic():  # the summaries (post_save) are written with the line
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Completion records are append-only; write a correction.")


class Reminder(models.Model):
    """A reminder e-mail sent to a cadre; one a day at most."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    overdue = models.PositiveSmallIntegerField(default=0)
    due_soon = models.PositiveSmallIntegerField(default=0)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "sent_on"], name="one_reminder_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.sent_on}"


# --- Summaries: what the HR dashboard reads instead of every cadre's ledger ----------------------
#
# Kept by `records.summaries` in the transaction of each write that changes them, rebuilt from
# the raw records by `manage.py rebuild_summaries`. A cohort is the cadres of one unit, rank and
# leadership: they share their assigned courses (`rules.reaches` reads nothing else), so a county
# of 100,000 cadres is a few thousand cohorts. Overdue is not stored: it follows from the
# calendar, so the dashboard counts a cohort's open courses as overdue once their due date has
# passed, with no write on the day it happens.


class Cohort(models.Model):
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    rank = models.CharField(max_length=20, blank=True)
    is_leader = models.BooleanField()
    cadres = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "rank", "is_leader"], name="one_cohort")
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.rank} · {self.is_leader}: {self.cadres}"


class CohortCourse(models.Model):
    """How many cadres of a cohort have a standing completion or waiver of a course."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="courses")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    completed = models.PositiveIntegerField(default=0)
    waived = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cohort", "course"], name="one_cohort_course")
        ]

    def __str__(self) -> str:
        return f"{self.cohort_id} · {self.course_id}: {self.completed} / {self.waived}"


class CohortYear(models.Model):
    """A cohort's hours in a year. `counted` is how many of its cadres have a ledger line
    crediting that year; `required_hours` and `met` depend on which courses the cohort is
    required to take and on the yearly targets, recorded in `basis`: a row whose basis is not
    the cohort's current one is stale, and the dashboard works that cohort out from its cadres
    instead."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField()
    counted = models.PositiveIntegerField(default=0)
    hours = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal(0))
    required_hours = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal(0))
    met = models.PositiveIntegerField(default=0)
    basis = models.CharField(max_length=2000)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cohort", "year"], name="one_cohort_year")]

    def __str__(self) -> str:
        return f"{self.cohort_id} · {self.year}: {self.hours}"


class CohortMastery(models.Model):
    """The sum of a leaders' cohort's current mastery of a competency (each leader's rounded by
    `summaries.heat_value`) and how many leaders have one: the heatmap's mean is total / leaders.
    """

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="mastery")
    competency = models.ForeignKey("quizzes.Competency", on_delete=models.CASCADE, related_name="+")
    total = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal(0))
    leaders = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cohort", "competency"], name="one_cohort_mastery")
        ]

    def __str__(self) -> str:
        return f"{self.cohort_id} · {self.competency_id}: {self.total} / {self.leaders}"


class CadreFacts(models.Model):
    """What one cadre adds to the summaries: the cohort they are counted in (none when they
    are not an active cadre with a unit) and, per course with ledger lines, the standing line's
    kind and the net hours per year. Subtracted and added again whenever they change."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    cohort = models.ForeignKey(Cohort, null=True, on_delete=models.SET_NULL, related_name="+")
    # {"<course id>": ["completed" | "waived" | "", {"<year>": "<net hours>"}]}
    courses = models.JSONField(default=dict)
    # A leader's current mastery per competency, {"<competency id>": "<percent>"}; the heatmap
    # shows leaders only, so other cadres' is not kept.
    mastery = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"{self.user_id} · {self.cohort_id}"


class ExportFile(WorkerFile):
    """A long XLSX export, built by the task worker (`export_files`), kept `EXPORT_FILE_HOURS`
    and then deleted (`people.worker_files`: the life it shares with the certificate ZIPs).
    An XLSX cannot be sent while it is written (the workbook is zipped when closed), so a
    county's table, minutes of work, is not built inside a request. The row records who took
    which table of which people, with which filters, and when."""

    suffix = ".xlsx"

    class Table(models.TextChoices):
        COMPLETIONS = "completions", _("Completion table")
        LEDGER = "ledger", _("Hours ledger")

    table = models.CharField(_("table"), max_length=20, choices=Table.choices)
    # The filters as the table's page had them (a query string, as the form reads it).
    query = models.CharField(_("filters"), max_length=2000, blank=True)
    # The requester's HR units when asked: building and downloading refuse once they differ,
    # so the file never hands out people who are no longer theirs.
    roots = models.JSONField(default=list)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("export file")
        verbose_name_plural = _("export files")

    def __str__(self) -> str:
        return f"{self.token} · {self.table} · {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("records:export_file", args=[self.token])
