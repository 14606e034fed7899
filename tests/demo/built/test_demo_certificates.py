"""The demo sets up its county party school, and every standing completion of the demo has
its certificate from it."""

import pytest

from certificates.models import Certificate, Institution
from certificates.services import active_institution, issue_missing, without_certificate
from records.models import CompletionRecord

pytestmark = pytest.mark.django_db


def test_the_demo_issues_in_the_name_of_its_party_school(demo):
    institution = active_institution()
    assert institution is not None and institution.name_zh == "中共青山县委党校"
    assert institution.seal is not None and institution.seal.content_type == "image/png"
    assert Institution.objects.count() == 1


def test_every_standing_completion_has_one_valid_certificate(demo):
    completions = CompletionRecord.objects.filter(kind="completed").exclude(
        corrections__kind="voided"
    )
    assert completions.exists()
    assert not without_certificate().exists()
    for record in completions:
        assert record.certificates.filter(status="issued").count() == 1
    assert issue_missing() == 0  # a second run issues nothing more
    assert set(Certificate.objects.values_list("institution__name_zh", flat=True)) == {
        "中共青山县委党校"
    }
