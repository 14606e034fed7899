"""The administrator sets up the issuing institution: names, a checked seal image, one active;
the admin says why no certificate is issued, issues the missing ones and reissues with a
reason. Certificates are never edited or deleted there."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from certificates.models import Certificate, Institution, Seal
from tests.conftest import make_person

from .conftest import complete, seal_png

pytestmark = pytest.mark.django_db

ADD = reverse("admin:certificates_institution_add")
LIST = reverse("admin:certificates_institution_changelist")


@pytest.fixture
def admin_client(superuser_client):
    return superuser_client


def post_institution(client, seal: bytes | None = None, name="seal.png", **fields):
    data = {"name_zh": "青山县委党校", "name_en": "Qingshan Party School", "is_active": "on"}
    data.update(fields)
    if seal is not None:
        data["seal_upload"] = SimpleUploadedFile(name, seal, content_type="image/png")
    return client.post(ADD, data)


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_an_institution_with_its_seal_is_set_up(admin_client):
    response = post_institution(admin_client, seal_png())
    assert response.status_code == 302, response.content.decode()[:2000]
    institution = Institution.objects.get()
    assert institution.is_active and institution.seal.content_type == "image/png"
    assert bytes(institution.seal.image) == seal_png()
    page = admin_client.get(reverse("admin:certificates_institution_change", args=[institution.pk]))
    assert 'src="data:image/png;base64,' in page.content.decode()


@pytest.mark.parametrize(
    "data, name",
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "seal.svg"),
        (b"not an image at all", "seal.png"),
    ],
)
def test_a_seal_that_is_not_a_png_or_jpeg_is_refused(admin_client, data, name):
    response = post_institution(admin_client, data, name=name)
    assert response.status_code == 200  # the form again, with the error
    assert not Institution.objects.exists() and not Seal.objects.exists()


def test_a_gif_seal_is_refused(admin_client):
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (10, 10), "red").save(out, format="GIF")
    response = post_institution(admin_client, out.getvalue(), name="seal.gif")
    assert "The seal must be a PNG or JPEG image." in response.content.decode()
    assert not Institution.objects.exists()


def test_only_one_institution_issues(admin_client, institution):
    response = post_institution(admin_client, name_zh="另一所学校")
    assert response.status_code == 200
    assert "issues certificates now" in response.content.decode()
    assert Institution.objects.count() == 1


def test_without_an_active_institution_the_admin_says_why(admin_client):
    response = admin_client.get(LIST)
    assert any("No institution issues certificates" in m for m in messages_of(response))


def test_the_admin_issues_the_missing_certificates(admin_client, wang, course):
    complete(wang, course)
    institution = Institution.objects.create(name_zh="青山县委党校", is_active=True)
    response = admin_client.get(LIST)
    assert any("1 completions have no certificate" in m for m in messages_of(response))
    response = admin_client.post(
        LIST, {"action": "issue_missing_certificates", "_selected_action": [institution.pk]}
    )
    assert response.status_code == 302
    assert Certificate.objects.get().full_name == "王建国"


def test_a_certificate_is_read_only_in_the_admin(admin_client, completion):
    certificate = Certificate.objects.get()
    url = reverse("admin:certificates_certificate_change", args=[certificate.pk])
    assert admin_client.get(url).status_code == 200
    admin_client.post(url, {"full_name": "Someone else"})
    certificate.refresh_from_db()
    assert certificate.full_name == "王建国"
    delete = reverse("admin:certificates_certificate_delete", args=[certificate.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403


def test_reissue_asks_for_a_reason_then_supersedes(admin_client, completion, wang):
    old = Certificate.objects.get()
    wang.full_name = "王建民"
    wang.save()
    changelist = reverse("admin:certificates_certificate_changelist")
    ask = admin_client.post(
        changelist, {"action": "reissue_selected", "_selected_action": [old.pk]}
    )
    assert ask.status_code == 200 and "Reason for the reissue" in ask.content.decode()
    assert Certificate.objects.count() == 1
    done = admin_client.post(
        changelist,
        {"action": "reissue_selected", "_selected_action": [old.pk], "reason": "Name corrected"},
    )
    assert done.status_code == 302
    old.refresh_from_db()
    assert old.status == "superseded"
    assert Certificate.objects.get(status="issued").full_name == "王建民"


def test_reissue_needs_its_permission(client, completion, units, settings):
    settings.ADMIN_ENABLED = True
    settings.TRUSTED_PROXY_COUNT = 0
    staff = make_person("clerk", units["county"])
    staff.user.is_staff = True
    staff.user.save()
    staff.user.user_permissions.add(Permission.objects.get(codename="view_certificate"))
    client.force_login(staff.user)
    old = Certificate.objects.get()
    changelist = reverse("admin:certificates_certificate_changelist")
    client.post(
        changelist,
        {"action": "reissue_selected", "_selected_action": [old.pk], "reason": "Name corrected"},
    )
    assert Certificate.objects.count() == 1
    old.refresh_from_db()
    assert old.status == "issued"
