"""Certificates of completion (结业证书) and the institutions that issue them.

A certificate is issued only in the name of an institution an administrator has set up (a
party school or training centre), never in the name of whoever wrote the course: national
rules warn against unauthorised certificates (乱发证). It is a snapshot: the person's name and
unit, the course, the hours and the rule that credited them, and the institution, as they were
when it was issued, so a later rename changes no certificate already issued. Nothing is ever
deleted: a voided completion revokes its certificate, a reissue supersedes the old one, and
both stay, so a code once printed always answers at /verify/<code>.
"""

from __future__ import annotations

import base64
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from courses.models import Course
from people.models import OrgUnit
from people.worker_files import WorkerFile
from records.models import CompletionRecord

CHINESE = "zh-hans"


class Seal(models.Model):
    """A seal image as uploaded, kept in the database: the backup (one SQLite file or one
    pg_dump) holds it, and a certificate points at the seal it was issued with, so a new seal
    changes no certificate already issued. One row per distinct image."""

    image = models.BinaryField()
    content_type = models.CharField(max_length=20)  # image/png or image/jpeg
    sha256 = models.CharField(max_length=64, unique=True)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("seal")
        verbose_name_plural = _("seals")

    def __str__(self) -> str:
        return f"{self.content_type} {self.width}×{self.height} ({self.sha256[:8]})"

    @classmethod
    def digest(cls, data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()

    @property
    def data_uri(self) -> str:
        """The image inline (the CSP allows data: images), so neither the page nor the PDF
        fetches anything."""
        return f"data:{self.content_type};base64,{base64.b64encode(bytes(self.image)).decode()}"


class Institution(models.Model):
    """An issuing institution. At most one is active: the one every new certificate names.
    With none active, no certificate is issued (completions still credit their hours)."""

    name_zh = models.CharField(_("name in Chinese"), max_length=100)
    name_en = models.CharField(
        _("name in English"),
        max_length=200,
        blank=True,
        help_text=_("Shown on certificates in English; empty: the Chinese name."),
    )
    seal = models.ForeignKey(
        Seal, verbose_name=_("seal"), null=True, blank=True, on_delete=models.PROTECT
    )
    is_active = models.BooleanField(
        _("issues certificates"),
        default=False,
        help_text=_("Only one institution issues certificates at a time."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-is_active", "name_zh"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=Q(is_active=True), name="one_active_institution"
            )
        ]
        verbose_name = _("issuing institution")
        verbose_name_plural = _("issuing institutions")

    def __str__(self) -> str:
        return self.name_zh

    def delete(self, *args, **kwargs):
        if self.certificate_set.exists():
            raise ValidationError("An institution that issued certificates is kept.")
        return super().delete(*args, **kwargs)


class CertificateQuerySet(models.QuerySet):
    def delete(self):
        raise IntegrityError("certificates are never deleted; revoke or reissue")

    def update(self, **kwargs):
        # What a certificate says is fixed at issue; a bulk update may only revoke or replace.
        changed = set(kwargs) - Certificate.MUTABLE
        if changed:
            raise IntegrityError(f"an issued certificate keeps its {', '.join(sorted(changed))}")
        if kwargs.get("status") == Certificate.Status.ISSUED:
            raise IntegrityError("a revoked or replaced certificate stays so; issue a new one")
        return super().update(**kwargs)


class Certificate(models.Model):
    """One certificate of one completion ledger line. A completion has one issued certificate
    at most; a reissue makes a new one and marks the old one superseded."""

    class Status(models.TextChoices):
        ISSUED = "issued", _("Valid")
        REVOKED = "revoked", _("Revoked")
        SUPERSEDED = "superseded", _("Replaced by a reissue")

    record = models.ForeignKey(
        CompletionRecord, on_delete=models.PROTECT, related_name="certificates"
    )
    # The record's person and course, for listing and exports without a join.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates"
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("verification code"), max_length=20, unique=True)
    issued_at = models.DateTimeField(_("issued at"))
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT)
    seal = models.ForeignKey(Seal, null=True, blank=True, on_delete=models.PROTECT)
    # What the certificate says, as it was when issued.
    institution_name_zh = models.CharField(max_length=100)
    institution_name_en = models.CharField(max_length=200, blank=True)
    full_name = models.CharField(_("name"), max_length=120)
    unit_name = models.CharField(_("unit"), max_length=120, blank=True)
    # Per interface language ("zh-hans", "en"): the course's title in its language versions,
    # and the rule that credited the hours, in words.
    course_titles = models.JSONField(default=dict)
    rule_texts = models.JSONField(default=dict, blank=True)
    hours = models.DecimalField(_("study hours"), max_digits=5, decimal_places=2)
    completed_at = models.DateTimeField(_("completed at"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ISSUED
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )

    objects = CertificateQuerySet.as_manager()

    # The only fields that change once a certificate is issued: its status, and why.
    MUTABLE = frozenset({"status", "revoked_at", "revoked_reason", "revoked_by"})

    class Meta:
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["record"],
                condition=Q(status="issued"),
                name="one_valid_certificate_per_completion",
            )
        ]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        permissions = [("reissue_certificate", _("Can reissue a certificate"))]

    def __str__(self) -> str:
        return f"{self.code} · {self.full_name} · {self.course_titles.get(CHINESE, '')}"

    def save(self, *args, **kwargs) -> None:
        changing = set(kwargs.get("update_fields") or ())
        if self.pk is not None and not (changing and changing <= self.MUTABLE):
            raise ValidationError("An issued certificate only changes its status; reissue it.")
        if self.pk is not None and "status" in changing and self.status == self.Status.ISSUED:
            raise ValidationError("A revoked or replaced certificate stays so; issue a new one.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("certificates:certificate", args=[self.code])

    def delete(self, *args, **kwargs):
        raise ValidationError("Certificates are never deleted; revoke or reissue.")

    @property
    def is_valid(self) -> bool:
        return self.status == self.Status.ISSUED

    # What it says in the reader's language (the active one unless given).

    def course_title(self, language: str | None = None) -> str:
        titles = self.course_titles
        return titles.get(language or get_language()) or titles.get("original", "")

    def institution_name(self, language: str | None = None) -> str:
        if (language or get_language()) == CHINESE:
            return self.institution_name_zh
        return self.institution_name_en or self.institution_name_zh

    def rule_text(self, language: str | None = None) -> str:
        return self.rule_texts.get(language or get_language(), "")


class CertificateArchive(WorkerFile):
    """An HR officer's request for the certificates of their units as one ZIP of PDFs, built
    by the task worker (`tasks.build_archive`), kept `CERTIFICATE_ARCHIVE_HOURS` and then
    deleted (`people.worker_files`: the life it shares with other files the worker builds).
    The row stays after the file is gone: it records who took which people's certificates,
    and when. Only its requester may see it or download the file."""

    suffix = ".zip"

    # The filters: a unit inside the requester's (none: all their units), a course, a year.
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT
    )
    # The units it covers (with those below them), fixed when asked: the chosen unit, or the
    # requester's units at that moment. Building and downloading check they are still theirs.
    units = models.ManyToManyField(OrgUnit, through="ArchiveUnit", related_name="+")
    # The certificates it holds, as built: a download is refused once one of them is revoked
    # or replaced, so the ZIP never hands out a certificate that is no longer valid.
    certificates = models.ManyToManyField(
        Certificate, through="ArchiveCertificate", related_name="+"
    )
    course = models.ForeignKey(
        Course, verbose_name=_("course"), null=True, blank=True, on_delete=models.PROTECT
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(done__lte=F("total")), name="archive_done_le_total")
        ]
        verbose_name = _("certificate archive")
        verbose_name_plural = _("certificate archives")

    def __str__(self) -> str:
        return f"{self.token} · {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("certificates:archive", args=[self.token])


class ArchiveUnit(models.Model):
    """A unit an archive covers. PROTECT: the record of what was taken outlives no unit."""

    archive = models.ForeignKey(CertificateArchive, on_delete=models.CASCADE)
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["archive", "unit"], name="one_archive_unit")]

    def __str__(self) -> str:
        return f"{self.archive_id} · {self.unit_id}"


class ArchiveCertificate(models.Model):
    """A certificate an archive holds, as built. PROTECT, as certificates are never deleted."""

    archive = models.ForeignKey(CertificateArchive, on_delete=models.CASCADE)
    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["archive", "certificate"], name="one_archive_certificate"
            )
        ]

    def __str__(self) -> str:
        return f"{self.archive_id} · {self.certificate_id}"
