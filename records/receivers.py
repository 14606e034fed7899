"""Completion is checked whenever learning is recorded (a lesson studied, an attempt graded), and
the dashboard's summaries follow every write that changes them, in that write's transaction."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from courses.models import Course
from courses.signals import lesson_studied
from people.models import OrgUnit, Profile
from people.signals import unit_moved
from quizzes.signals import attempt_graded

from . import summaries
from .models import Assignment, CadreFacts, CompletionRecord
from .services import completion_check


@receiver(lesson_studied)
def on_lesson_studied(sender, *, user, lesson, **kwargs) -> None:
    completion_check(user=user, course=lesson.course)


@receiver(attempt_graded)
def on_attempt_graded(sender, *, attempt, now, **kwargs) -> None:
    completed = completion_check(user=attempt.user, course=attempt.quiz.course, now=now)
    # A new grade moves a leader's mastery, which the dashboard's heatmap sums per cohort (a
    # completion just written has refreshed the leader's facts already).
    if (
        completed is None
        and Profile.objects.filter(user_id=attempt.user_id, is_leader=True).exists()
    ):
        summaries.refresh([attempt.user_id])


# --- Summaries -----------------------------------------------------------------------------
# `bulk_create` and queryset `update()` send no signal: whoever writes that way (the scale
# generator, the demo) calls `summaries.rebuild()` afterwards.


@receiver(post_save, sender=CompletionRecord)
def on_ledger_line(sender, instance, created, **kwargs) -> None:
    if created:
        summaries.refresh([instance.user_id])


def _counted_as(user_id: int, key) -> bool:
    """Whether the summaries already count this person in cohort `key` (None: nowhere)."""
    stored = (
        CadreFacts.objects.filter(user_id=user_id)
        .values_list("cohort__unit_id", "cohort__rank", "cohort__is_leader")
        .first()
    )
    if stored is None or stored[0] is None:
        return key is None
    return summaries.Key(*stored) == key


@receiver(pre_save, sender=Profile)
def before_profile_saved(sender, instance, **kwargs) -> None:
    # A profile handed to another account (the admin allows it) leaves the first account.
    if instance.pk is not None:
        instance._summaries_previous_user = (
            Profile.objects.filter(pk=instance.pk).values_list("user_id", flat=True).first()
        )


@receiver(post_save, sender=Profile)
def on_profile_saved(sender, instance, **kwargs) -> None:
    previous = getattr(instance, "_summaries_previous_user", None)
    if previous is not None and previous != instance.user_id:
        summaries.refresh([previous, instance.user_id])
        return
    key = summaries.cohort_key(instance, instance.user.is_active)
    if not _counted_as(instance.user_id, key):
        summaries.refresh([instance.user_id])


@receiver(post_delete, sender=Profile)
def on_profile_deleted(sender, instance, **kwargs) -> None:
    summaries.refresh([instance.user_id])


@receiver(pre_delete, sender=get_user_model())
def before_user_deleted(sender, instance, **kwargs) -> None:
    # Before the cascade takes their facts row, or nothing would say which cohort to leave.
    summaries.refresh([instance.pk], gone=True)


@receiver(post_save, sender=get_user_model())
def on_user_saved(sender, instance, update_fields=None, **kwargs) -> None:
    # A login saves `last_login` only: nothing the summaries read.
    if update_fields is not None and "is_active" not in update_fields:
        return
    profile = Profile.objects.filter(user_id=instance.pk).first()
    key = summaries.cohort_key(profile, instance.is_active) if profile else None
    if not _counted_as(instance.pk, key):
        summaries.refresh([instance.pk])


@receiver(post_save, sender=Assignment)
def on_assignment_saved(sender, instance, **kwargs) -> None:
    summaries.refresh_units([instance.unit])


@receiver(pre_save, sender=Course)
def before_course_saved(sender, instance, update_fields=None, **kwargs) -> None:
    if instance.pk is not None and (update_fields is None or "status" in update_fields):
        instance._summaries_previous_status = (
            Course.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
        )


@receiver(post_save, sender=Course)
def on_course_saved(sender, instance, created, **kwargs) -> None:
    # Publishing or archiving a course starts or ends its assignments; a new title does not
    # (and must not lock every cohort the course is assigned to).
    previous = getattr(instance, "_summaries_previous_status", None)
    if created or previous is None or previous == instance.status:
        return
    units = list(OrgUnit.objects.filter(assignments__course=instance).distinct())
    if units:
        summaries.refresh_units(units)


@receiver(unit_moved)
def on_unit_moved(sender, *, unit, **kwargs) -> None:
    # A unit moved in the tree has new units above it, and so perhaps other assignments.
    summaries.refresh_units([unit])
