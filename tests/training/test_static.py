"""The site serves every asset itself: nothing is loaded from another host."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db

ASSET = re.compile(r'(?:src|href)="([^"]+)"')


def external_assets(html: str) -> list[str]:
    return [url for url in ASSET.findall(html) if re.match(r"^(https?:)?//", url)]


def test_pages_reference_no_other_host(client, login, hr_county, alice):
    pages = [client.get(reverse("login")).content.decode()]
    hr_client = login(hr_county)
    pages += [hr_client.get(url).content.decode() for url in ["/", reverse("records:people")]]
    for html in pages:
        assert "/static/bootstrap/css/bootstrap.min.css" in html
        assert external_assets(html) == []


def test_bootstrap_is_shipped_as_a_static_file():
    assert finders.find("bootstrap/css/bootstrap.min.css")
    assert finders.find("bootstrap/js/bootstrap.bundle.min.js")


def test_content_security_policy_only_allows_this_site(client):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
