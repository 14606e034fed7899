"""xAPI statements as they were made, once, at the moment of each learning event.

A statement's id and JSON are fixed when it is stored: an export or a resend to a Learning
Record Store sends the same statement under the same id, so the LRS sees one event once, however
often it is sent. Only the sending bookkeeping (`sent_at`, `attempts`, `last_error`) changes.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from courses.models import Enrolment

# The only columns a stored statement may change: whether and how it was sent.
SENDING_FIELDS = frozenset({"sent_at", "attempts", "last_error", "refused_at"})


class StatementChanged(Exception):
    """Something tried to change a stored statement other than its sending bookkeeping."""


class ActorAccount(models.Model):
    """The cadre's pseudonym in statements: a random UUID drawn on first use and kept.

    Random rather than derived (an HMAC of the user id under a key from SECRET_KEY): a
    derived name changes when SECRET_KEY is rotated, as it must be after a leak, which would
    split every cadre into two people in the LRS; and it carries nothing that could be
    recomputed from a user id by whoever learns the key. Never the e-mail or user name."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="xapi_account"
    )
    name = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("statement actor")
        verbose_name_plural = _("statement actors")

    def __str__(self) -> str:
        return str(self.name)


class Registration(models.Model):
    """The xAPI `registration` of one enrolment, drawn on first use and kept, so every
    statement about that enrolment carries the same one (courses/ stays unaware)."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="xapi_registration"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("statement registration")
        verbose_name_plural = _("statement registrations")

    def __str__(self) -> str:
        return str(self.uuid)


class StatementQuerySet(models.QuerySet):
    def delete(self):
        # A deleted statement would be stored again under a new id by backfill_xapi.
        raise StatementChanged("Stored statements are never deleted.")

    def update(self, **kwargs):
        changed = set(kwargs) - SENDING_FIELDS
        if changed:
            raise StatementChanged(f"Stored statements keep their {', '.join(sorted(changed))}.")
        return super().update(**kwargs)

    def in_order(self) -> StatementQuerySet:
        """Export and sending order: when the events happened, ties by id."""
        return self.order_by("timestamp", "id")

    def unsent(self) -> StatementQuerySet:
        return self.filter(sent_at__isnull=True).in_order()

    def queued(self) -> StatementQuerySet:
        """What the sender takes next: not sent, and not set aside because the LRS refused
        it on its own (`refused_at`), so one statement it cannot take holds up no other."""
        return self.unsent().filter(refused_at__isnull=True)


class Statement(models.Model):
    """One xAPI statement, stored whole when its event happens. Append-only in spirit: the
    JSON is never rebuilt; `save()` and `update()` refuse to change anything but the sending
    bookkeeping."""

    class Event(models.TextChoices):
        LESSON_EXPERIENCED = "lesson_experienced", _("Lesson studied")
        QUESTION_ANSWERED = "question_answered", _("Question answered")
        QUIZ_RESULT = "quiz_result", _("Quiz passed or failed")
        COURSE_COMPLETED = "course_completed", _("Course completed")
        COMPLETION_VOIDED = "completion_voided", _("Completion voided")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The event it records, by kind and the primary key of the row the event wrote
    # (a LessonProgress, an AttemptQuestion, an Attempt, a CompletionRecord): one statement
    # per event, whatever runs twice (a double submit, a backfill after the receivers).
    event = models.CharField(_("event"), max_length=20, choices=Event.choices)
    event_pk = models.PositiveBigIntegerField()
    verb = models.CharField(_("verb"), max_length=200)
    timestamp = models.DateTimeField(_("time of the event"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="xapi_statements",
    )
    stored_json = models.JSONField(_("statement"))
    created_at = models.DateTimeField(auto_now_add=True)
    # Sending to an LRS (a background task): when it was accepted, how many tries, the last
    # failure. Nothing else here ever changes.
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("sending attempts"), default=0)
    last_error = models.TextField(_("last sending error"), blank=True)
    # The LRS refused this statement alone as invalid (400, 413, 422): it waits, with the
    # LRS's reason in last_error, until `xapi_queue --retry-refused` queues it again.
    refused_at = models.DateTimeField(_("refused by the LRS"), null=True, blank=True)

    objects = StatementQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "event_pk"], name="xapi_one_statement_per_event"
            )
        ]
        indexes = [
            models.Index(fields=["timestamp", "id"], name="xapi_statement_order"),
            models.Index(
                fields=["timestamp", "id"],
                condition=Q(sent_at__isnull=True),
                name="xapi_statement_unsent",
            ),
        ]
        verbose_name = _("xAPI statement")
        verbose_name_plural = _("xAPI statements")

    def __str__(self) -> str:
        return f"{self.get_event_display()} · {self.timestamp:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            fields = kwargs.get("update_fields")
            if fields is None or set(fields) - SENDING_FIELDS:
                raise StatementChanged("A stored statement changes only its sending fields.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise StatementChanged("Stored statements are never deleted.")
