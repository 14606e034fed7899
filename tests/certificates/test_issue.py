"""Issue, snapshot, revocation and reissue: one certificate per completion, written with it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from certificates.models import Certificate, Institution
from certificates.services import (
    CODE_ALPHABET,
    CODE_LENGTH,
    CertificateError,
    certificates_for,
    issue_missing,
    reissue,
)
from courses.models import Course
from records.services import completion_check, record_void

from .conftest import complete, make_seal

pytestmark = pytest.mark.django_db


def test_a_completion_issues_one_certificate_in_its_transaction(completion, institution, wang):
    certificate = Certificate.objects.get()
    assert certificate.record == completion
    assert certificate.user == wang.user and certificate.course_id == completion.course_id
    assert certificate.status == "issued" and certificate.is_valid
    assert certificate.institution == institution
    assert certificate.issued_at is not None


def test_a_second_completion_check_issues_nothing_more(completion, wang, course):
    assert completion_check(user=wang.user, course=course) is None
    lesson = course.lessons.order_by("order").last()
    from tests.helpers import study

    study(wang.user, lesson)  # already studied: no new completion, no new certificate
    assert Certificate.objects.count() == 1


def test_codes_are_random_unguessable_and_unique(institution, units, make_course):
    from tests.conftest import make_person

    codes = []
    for i in range(6):
        person = make_person(f"c{i}", units["hill"], is_cadre=True)
        codes.append(
            complete(person, make_course(f"course-{i}", lessons=1)).certificates.get().code
        )
    assert len(set(codes)) == 6
    for code in codes:
        assert len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET)
    # Not a sequence: no two share a long prefix.
    assert len({code[:6] for code in codes}) == 6


def test_the_certificate_is_a_snapshot(completion, wang, course, institution):
    certificate = Certificate.objects.get()
    assert certificate.full_name == "王建国"
    assert certificate.unit_name == "Riverside Community"
    assert certificate.course_title("zh-hans") == "乡镇工作组的设置与精简"
    assert certificate.hours == completion.hours == Decimal("0.25")  # the reading band
    assert certificate.institution_name("zh-hans") == "青山县委党校"
    assert certificate.institution_name("en") == "Qingshan County Party School"
    assert "0.25 h" in certificate.rule_text("en") and "(no test)" in certificate.rule_text("en")
    assert certificate.rule_text("zh-hans")  # written in Chinese too, at issue
    assert certificate.seal_id == institution.seal_id
    # Later renames change nothing issued.
    wang.full_name = "王建民"
    wang.save()
    Course.objects.filter(pk=course.pk).update(title="Renamed")
    institution.name_zh = "别的学校"
    institution.seal = make_seal("#0000c0")
    institution.save()
    certificate.refresh_from_db()
    assert certificate.full_name == "王建国"
    assert certificate.course_title("zh-hans") == "乡镇工作组的设置与精简"
    assert certificate.institution_name("zh-hans") == "青山县委党校"
    assert certificate.seal_id != institution.seal_id


def test_an_english_version_names_the_course_in_english(institution, wang, course, make_course):
    english = make_course("work-groups-en", lessons=2, title="Work groups", language="en")
    Course.objects.filter(pk=english.pk).update(translation_of=course)
    certificate = complete(wang, course).certificates.get()
    assert certificate.course_title("en") == "Work groups"
    assert certificate.course_title("zh-hans") == "乡镇工作组的设置与精简"


def test_an_issued_certificate_is_never_edited_or_deleted(completion):
    certificate = Certificate.objects.get()
    certificate.full_name = "Someone else"
    with pytest.raises(ValidationError):
        certificate.save()
    with pytest.raises(ValidationError):
        certificate.delete()
    with pytest.raises(IntegrityError):
        Certificate.objects.all().delete()


def test_without_an_institution_nothing_is_issued_and_later_the_missing_are(
    wang, course, units, make_course
):
    record = complete(wang, course)
    assert not Certificate.objects.exists()
    assert issue_missing() == 0
    Institution.objects.create(name_zh="青山县委党校", is_active=True)
    assert issue_missing() == 1
    assert record.certificates.get().institution_name("en") == "青山县委党校"  # no English name
    assert issue_missing() == 0  # idempotent


def test_only_one_institution_issues(institution):
    with pytest.raises(IntegrityError):
        Institution.objects.create(name_zh="另一所", is_active=True)


def test_a_void_revokes_the_certificate_in_the_same_transaction(completion, hr_town):
    record_void(record=completion, reason="Studied by a colleague", by=hr_town.user)
    certificate = Certificate.objects.get()
    assert certificate.status == "revoked" and not certificate.is_valid
    assert certificate.revoked_reason == "Studied by a colleague"
    assert certificate.revoked_by == hr_town.user
    assert certificate.revoked_at is not None
    assert issue_missing() == 0  # a voided completion gets no new certificate


def test_a_void_that_fails_revokes_nothing(completion, hr_town, monkeypatch):
    """The void and the revocation are one transaction: a failing revocation undoes both."""
    from records.models import CompletionRecord

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("certificates.receivers.revoke_for_void", boom)
    with pytest.raises(RuntimeError):
        record_void(record=completion, reason="Studied by a colleague", by=hr_town.user)
    assert not CompletionRecord.objects.filter(kind="voided").exists()
    assert Certificate.objects.get().status == "issued"


def test_a_failing_issue_undoes_the_completion(institution, wang, course, monkeypatch):
    """No completion without its certificate when an institution issues them."""
    from records.models import CompletionRecord

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("certificates.receivers.issue_for_completion", boom)
    with pytest.raises(RuntimeError):
        complete(wang, course)
    assert not CompletionRecord.objects.exists()


def test_a_reissue_keeps_the_history(completion, wang, hr_county):
    old = Certificate.objects.get()
    wang.full_name = "王建民"  # the name was misspelt
    wang.save()
    new = reissue(old, reason="Name corrected", by=hr_county.user)
    old.refresh_from_db()
    assert old.status == "superseded" and old.revoked_reason == "Name corrected"
    assert new.replaces == old and new.status == "issued" and new.code != old.code
    assert new.full_name == "王建民" and old.full_name == "王建国"
    assert new.record == old.record and new.hours == old.hours
    assert new.rule_texts == old.rule_texts
    assert Certificate.objects.count() == 2
    with pytest.raises(CertificateError):
        reissue(old, reason="Again", by=hr_county.user)
    with pytest.raises(CertificateError):
        reissue(new, reason=" ", by=hr_county.user)


def test_certificates_for_a_unit(completion, units, bob, make_course, institution):
    complete(bob, make_course("other", lessons=1))
    assert [c.full_name for c in certificates_for([units["east"]])] == ["王建国"]
    assert {c.full_name for c in certificates_for([units["county"]])} == {"王建国", "Bob"}
    year = timezone.localdate().year
    assert certificates_for([units["county"]], year=year + 1).count() == 0
    assert certificates_for([units["county"]], course=completion.course).count() == 1


def test_the_completion_date_is_the_records(institution, wang, course):
    record = complete(wang, course)
    certificate = record.certificates.get()
    assert certificate.completed_at == record.occurred_at
    assert abs(certificate.issued_at - record.occurred_at) < dt.timedelta(seconds=5)
