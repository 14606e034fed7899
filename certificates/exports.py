"""The completion exports' last two columns: each row's certificate code and status (blank
when the course has none). Handed to `records.exports` at start-up (apps.py): records never
imports certificates."""

from __future__ import annotations

from django.utils.translation import gettext as _

from records.exports import ExtraColumns

from .models import Certificate


def _headers() -> list[str]:
    return [_("Certificate code"), _("Certificate status")]


def _values(rows) -> list[list]:
    """Per row, the latest certificate of its cadre and course (a reissue's, not the one it
    replaced; a revoked one says so): one query for the whole batch."""
    users = {row.cadre.user_id for row in rows}
    courses = {row.assignment.course_id for row in rows}
    latest: dict[tuple[int, int], tuple[str, str]] = {}
    # Each status's label translated once per batch, not once per certificate.
    labels = {value: str(label) for value, label in Certificate.Status.choices}
    if rows:
        for user_id, course_id, code, status in (
            Certificate.objects.filter(user_id__in=users, course_id__in=courses)
            .order_by("issued_at", "pk")
            .values_list("user_id", "course_id", "code", "status")
        ):
            latest[user_id, course_id] = (code, labels[status])
    return [
        list(latest.get((row.cadre.user_id, row.assignment.course_id), (None, None)))
        for row in rows
    ]


CERTIFICATE_COLUMNS = ExtraColumns(headers=_headers, values=_values, widths=[20, 16])
