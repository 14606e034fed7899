import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_cadre_logs_in_and_sees_their_name(demo, page):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))  # anonymous visitors land here
    assert_accessible(page, "login")
    log_in(page, "cadre", "demo-pass-2026")
    expect(page.get_by_test_id("current-user")).to_have_text("王建国")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, 王建国")
    assert_accessible(page, "home")


def test_hr_switches_to_chinese_on_a_phone_and_opens_the_records(demo, phone_page):
    page = phone_page
    log_in(page, "hr", "demo-pass-2026")
    page.get_by_role("button", name="简体中文", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("欢迎，陈红")
    page.get_by_role("button", name="显示菜单", exact=True).click()
    page.get_by_role("link", name="档案", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("档案总览")
    page.get_by_role("link", name="人员", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("我单位的人员")
    expect(page.locator("tbody tr")).to_have_count(25)
    assert_accessible(page, "records-zh-phone")
