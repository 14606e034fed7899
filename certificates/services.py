"""Issuing, revoking and reissuing certificates; the one place a certificate is written.

A completion issues its certificate in its own transaction (`records.signals`, heard in
`receivers.py`), and a void revokes it in the void's. A certificate names the active
institution (`active_institution`); with none set up, nothing is issued and `issue_missing`
issues the certificates of earlier completions once one is.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses.models import Course
from people.locks import lock_person
from people.models import OrgUnit, Profile
from records.credit import rule_applied
from records.models import CompletionRecord

from .models import Certificate, Institution

Kind = CompletionRecord.Kind
Status = Certificate.Status

# Upper-case letters and digits without the look-alikes 0/O and 1/I/L, so a code read off
# paper is typed right: 16 of 31 symbols is 79 random bits, never guessed, never in sequence.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 16


class CertificateError(Exception):
    """A change to a certificate that cannot be made; the message says why."""


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """A code as typed or scanned: case, spaces and dashes do not matter."""
    return "".join(str(text).split()).replace("-", "").upper()[:40]


def active_institution() -> Institution | None:
    return Institution.objects.filter(is_active=True).select_related("seal").first()


# --- Issuing --------------------------------------------------------------------------------


def _course_titles(course: Course) -> dict[str, str]:
    """The course's title per language, from its language versions; "original" is the credit
    course's own, for a language it has no version in."""
    titles = {"original": course.title, course.language: course.title}
    for language, title in Course.objects.filter(translation_of=course).values_list(
        "language", "title"
    ):
        titles.setdefault(language, title)
    return titles


def _rule_texts(record: CompletionRecord) -> dict[str, str]:
    texts = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            texts[language] = rule_applied(record.evidence)
    return texts


def _person(user) -> tuple[str, str]:
    """The name and unit a certificate is made out to, as they stand now."""
    profile = Profile.objects.filter(user=user).select_related("unit").first()
    if profile is None:
        return user.get_full_name() or user.get_username(), ""
    return profile.full_name, profile.unit.name if profile.unit_id else ""


def _create(record: CompletionRecord, institution: Institution, now, replaces=None):
    full_name, unit_name = _person(record.user)
    fields = {
        "record": record,
        "user_id": record.user_id,
        "course_id": record.course_id,
        "issued_at": now,
        "institution": institution,
        "seal": institution.seal,
        "institution_name_zh": institution.name_zh,
        "institution_name_en": institution.name_en,
        "full_name": full_name,
        "unit_name": unit_name,
        "course_titles": _course_titles(record.course),
        "rule_texts": _rule_texts(record),
        "hours": record.hours,
        "completed_at": record.occurred_at,
        "replaces": replaces,
    }
    # A repeated code (79 random bits: never, in practice) is drawn again; the savepoint keeps
    # the completion's transaction usable.
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Certificate.objects.create(code=new_code(), **fields)
        except IntegrityError:
            if Certificate.objects.filter(record=record, status=Status.ISSUED).exists():
                raise
    raise IntegrityError("no free certificate code")  # pragma: no cover


def issue_for_completion(record: CompletionRecord, now=None) -> Certificate | None:
    """The certificate of a new completion, in the name of the active institution; None when
    none is set up, when the line is not a standing completion, or when it has one already
    (issued once per completion: a revoked one is not issued again)."""
    if record.kind != Kind.COMPLETED or record.certificates.exists():
        return None
    if record.corrections.filter(kind=Kind.VOIDED).exists():
        return None
    institution = active_institution()
    if institution is None:
        return None
    return _create(record, institution, now or timezone.now())


def issue_missing(now=None) -> int:
    """Certificates for the standing completions that have none (completed before an
    institution was set up); safe to run again. Returns how many were issued."""
    if active_institution() is None:
        return 0
    count = 0
    for record in without_certificate().select_related("user", "course"):
        with transaction.atomic():
            lock_person(record.user)
            if issue_for_completion(record, now):
                count += 1
    return count


def without_certificate() -> QuerySet[CompletionRecord]:
    """Standing completions (not voided) with no certificate at all."""
    return (
        CompletionRecord.objects.filter(kind=Kind.COMPLETED, certificates__isnull=True)
        .exclude(corrections__kind=Kind.VOIDED)
        .order_by("occurred_at", "pk")
    )


# --- Revoking and reissuing -----------------------------------------------------------------


def _end(certificate: Certificate, status: str, *, at, reason: str, by) -> None:
    certificate.status = status
    certificate.revoked_at = at
    certificate.revoked_reason = reason
    certificate.revoked_by = by
    certificate.save(update_fields=["status", "revoked_at", "revoked_reason", "revoked_by"])


def revoke_for_void(record: CompletionRecord, void: CompletionRecord) -> Certificate | None:
    """A voided completion's certificate is revoked, with the void's moment, reason and
    officer; it stays, and its code says "revoked"."""
    certificate = record.certificates.filter(status=Status.ISSUED).first()
    if certificate is None:
        return None
    _end(
        certificate,
        Status.REVOKED,
        at=void.occurred_at,
        reason=void.reason,
        by=void.recorded_by,
    )
    return certificate


@transaction.atomic
def reissue(certificate: Certificate, *, reason: str, by, now=None) -> Certificate:
    """A new certificate for the same completion (after a name or unit was corrected): the
    person's name and unit and the institution's name and seal as they are now, the course,
    hours and rule as recorded. The old one is marked superseded and kept, and its code says
    so."""
    if not reason.strip():
        raise CertificateError(_("Give the reason for the reissue."))
    lock_person(certificate.user)
    certificate = Certificate.objects.select_related("record", "institution__seal").get(
        pk=certificate.pk
    )
    if certificate.status != Status.ISSUED:
        raise CertificateError(_("Only a valid certificate can be reissued."))
    now = now or timezone.now()
    _end(certificate, Status.SUPERSEDED, at=now, reason=reason.strip(), by=by)
    return _create(certificate.record, certificate.institution, now, replaces=certificate)


# --- For HR -----------------------------------------------------------------------------------


def certificates_for(
    units: list[OrgUnit],
    *,
    course: Course | None = None,
    year: int | None = None,
    statuses: tuple[str, ...] = (Status.ISSUED,),
) -> QuerySet[Certificate]:
    """The certificates of the people in these units and below (an HR officer's scope, or a
    unit they chose inside it), optionally of one course and one year of completion; valid
    ones unless told otherwise. For a background task that zips their PDFs (`pdf.render_pdf`
    needs no request)."""
    people = Profile.objects.in_units(units).values("user_id")
    query = Certificate.objects.filter(user_id__in=people, status__in=statuses)
    if course is not None:
        query = query.filter(course=course)
    if year is not None:
        query = query.filter(record__year=year)
    return query.select_related("seal").order_by("unit_name", "full_name", "issued_at", "pk")
