"""Who opens a certificate, the cadre's list, the public verification page and its rate
limit, and what is said when no institution issues certificates."""

import pytest
from django.test import Client
from django.urls import reverse

from certificates.models import Certificate, Institution
from people.limits import LIMIT_SETTINGS
from records.services import record_void
from tests.conftest import make_person

from .conftest import complete

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(completion) -> Certificate:
    return completion.certificates.get()


def urls(certificate) -> list[str]:
    return [
        reverse("certificates:certificate", args=[certificate.code]),
        reverse("certificates:pdf", args=[certificate.code]),
    ]


# --- Access ---------------------------------------------------------------------------------


def test_the_owner_opens_page_and_pdf(certificate, login, wang):
    client = login(wang)
    assert [client.get(url).status_code for url in urls(certificate)] == [200, 200]


def test_hr_in_scope_reads_it(certificate, login, hr_town):
    client = login(hr_town)
    assert [client.get(url).status_code for url in urls(certificate)] == [200, 200]
    page = client.get(urls(certificate)[0]).content.decode()
    assert f'href="{reverse("certificates:mine")}"' not in page  # not her list


@pytest.mark.parametrize("who", ["hr_out", "bob", "tom"])
def test_anyone_else_gets_404(certificate, login, units, who, request):
    if who == "hr_out":
        person = make_person("hr_west", units["west"], is_hr=True, hr_units=[units["west"]])
    else:
        person = request.getfixturevalue(who)
    client = login(person)
    assert [client.get(url).status_code for url in urls(certificate)] == [404, 404]


def test_anonymous_is_sent_to_log_in(certificate):
    for url in [*urls(certificate), reverse("certificates:mine")]:
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_unknown_code_is_404_for_the_owner_too(completion, login, wang):
    assert login(wang).get(reverse("certificates:certificate", args=["NOPE"])).status_code == 404


# --- My certificates ------------------------------------------------------------------------


def test_the_cadre_lists_her_certificates(certificate, login, wang):
    page = login(wang).get(reverse("certificates:mine")).content.decode()
    assert certificate.code in page and certificate.get_absolute_url() in page
    assert "乡镇工作组的设置与精简" in page and "Valid" in page


def test_my_progress_links_to_the_certificates(login, wang):
    page = login(wang).get(reverse("records:progress")).content.decode()
    assert reverse("certificates:mine") in page


def test_a_non_cadre_has_no_list(login, tom):
    assert login(tom).get(reverse("certificates:mine")).status_code == 403


def test_without_an_institution_the_cadre_is_told_why(wang, course, login):
    complete(wang, course)
    assert not Certificate.objects.exists()
    response = login(wang).get(reverse("certificates:mine"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "No issuing institution has been set up" in page
    assert 'data-testid="no-certificates"' in page


def test_completions_from_before_the_institution_are_counted(wang, course, login):
    complete(wang, course)
    Institution.objects.create(name_zh="青山县委党校", is_active=True)
    page = login(wang).get(reverse("certificates:mine")).content.decode()
    assert "One of your completions has no certificate yet" in page


# --- Verification ---------------------------------------------------------------------------


def verify(client, code):
    return client.get(reverse("certificates:verify", args=[code]))


def test_a_valid_code_says_valid_with_only_the_certificates_facts(certificate):
    response = verify(Client(), certificate.code)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Valid: this certificate was issued by this site and stands." in page
    for shown in ("王建国", "乡镇工作组的设置与精简", "0.25", "Qingshan County Party School"):
        assert shown in page
    facts = page.split('data-testid="verify-facts"', 1)[1].split("</dl>", 1)[0]
    assert facts.count("<dt>") == 6  # code, name, course, hours, date of issue, issuer
    # Nothing else about the person: no unit, no account, no rule or evidence.
    assert "Riverside" not in page and "wang" not in page and "reading" not in page


def test_a_code_is_read_whatever_its_case(certificate):
    assert verify(Client(), certificate.code.lower()).status_code == 200


def test_a_revoked_code_says_revoked_without_the_reason(certificate, hr_town):
    record_void(record=certificate.record, reason="Studied by a colleague", by=hr_town.user)
    page = verify(Client(), certificate.code).content.decode()
    assert "Revoked on" in page and "no longer valid" in page
    assert "colleague" not in page and "Valid:" not in page


def test_a_superseded_code_says_replaced(certificate, hr_county):
    from certificates.services import reissue

    new = reissue(certificate, reason="Name corrected", by=hr_county.user)
    assert (
        "Replaced by a reissued certificate" in verify(Client(), certificate.code).content.decode()
    )
    assert "Valid:" in verify(Client(), new.code).content.decode()


def test_an_unknown_code_is_a_clear_404(db):
    response = verify(Client(), "ABCDEFGHJKMNPQRS")
    assert response.status_code == 404
    assert "No certificate has the code ABCDEFGHJKMNPQRS" in response.content.decode()


def test_verification_is_rate_limited_per_address(certificate, settings):
    settings.VERIFY_RATE = "3/m"
    client = Client(REMOTE_ADDR="203.0.113.7")
    assert [verify(client, certificate.code).status_code for _ in range(3)] == [200] * 3
    refused = verify(client, "ABCDEFGHJKMNPQRS")
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert verify(Client(REMOTE_ADDR="203.0.113.8"), certificate.code).status_code == 200


def test_the_verify_rate_is_checked_at_start_up(settings):
    assert "VERIFY_RATE" in LIMIT_SETTINGS


def test_pdfs_are_rate_limited_per_person(certificate, settings, client):
    """Each PDF costs a worker a quarter of a second: one person cannot keep them all busy."""
    settings.PDF_RATE = "2/m"
    client.force_login(certificate.user)
    url = reverse("certificates:pdf", args=[certificate.code])
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]
    assert "PDF_RATE" in LIMIT_SETTINGS
