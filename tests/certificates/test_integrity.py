"""What a certificate says and what the site said it sent stay as they were."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from certificates.models import Certificate
from xapi.models import Statement, StatementChanged

pytestmark = pytest.mark.django_db


def test_a_bulk_update_cannot_rewrite_a_certificate_or_bring_one_back():
    with pytest.raises(IntegrityError):
        Certificate.objects.update(hours=99)
    with pytest.raises(IntegrityError):
        Certificate.objects.update(full_name="X")
    with pytest.raises(IntegrityError):
        Certificate.objects.update(status=Certificate.Status.ISSUED)


def test_a_revoked_certificate_is_not_saved_valid_again():
    certificate = Certificate(pk=1, status=Certificate.Status.ISSUED)
    with pytest.raises(ValidationError):
        certificate.save(update_fields=["status"])


def test_statements_are_never_deleted():
    with pytest.raises(StatementChanged):
        Statement.objects.all().delete()
    with pytest.raises(StatementChanged):
        Statement(pk="00000000-0000-0000-0000-000000000001").delete()
