import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.urls import reverse

from tests.helpers import subprocess_env

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"

pytestmark = pytest.mark.django_db


def test_browser_language_chinese_shows_chinese_login_page(client):
    body = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9").content.decode()
    assert "登录" in body
    assert 'lang="zh-Hans"' in body


def test_browser_language_english_shows_english(client):
    body = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert "Log in" in body
    assert 'lang="en"' in body


def test_switching_language_sticks_for_later_pages(login, alice):
    client = login(alice)
    response = client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert response["Location"] == "/"
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "你的资料" in body  # "Your profile"
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Your profile" in client.get("/").content.decode()


def test_language_switch_is_on_the_login_page_too(client):
    body = client.get(reverse("login")).content.decode()
    assert f'action="{reverse("set_language")}"' in body
    assert 'value="zh-hans"' in body


def test_chinese_catalogue_has_no_untranslated_or_fuzzy_entries():
    catalogue = polib.pofile(str(CATALOGUE))
    missing = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not missing, f"untranslated: {missing}"
    assert not fuzzy, f"fuzzy: {fuzzy}"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext not installed")
def test_every_interface_string_is_in_the_catalogue(tmp_path):
    """makemessages over a copy of the code must find no string the catalogue lacks."""
    ignore = shutil.ignore_patterns("__pycache__", "*.mo")
    apps = [p.name for p in ROOT.iterdir() if (p / "apps.py").exists()]
    for name in [*apps, "templates", "locale"]:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=ignore)
    shutil.copy(ROOT / "manage.py", tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-obsolete"],
        cwd=tmp_path,
        env=subprocess_env(),  # the copy holds the site's settings, not tests/settings.py
        check=True,
        capture_output=True,
        timeout=300,
    )
    fresh = polib.pofile(str(tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    missing = sorted({e.msgid for e in fresh.untranslated_entries() + fresh.fuzzy_entries()})
    assert not missing, f"strings without a Chinese translation: {missing}"
