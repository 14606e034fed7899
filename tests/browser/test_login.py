import pytest

from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_cadre_logs_in_and_sees_their_name(demo, page):
    page.goto("/")
    assert "/accounts/login/" in page.url  # anonymous visitors land on the login page
    assert_accessible(page, "login")
    log_in(page, "cadre", "demo-pass-2026")
    assert page.get_by_test_id("current-user").inner_text() == "王建国"
    assert page.get_by_role("heading", level=1).inner_text() == "Welcome, 王建国"
    assert_accessible(page, "home")


def test_hr_switches_to_chinese_on_a_phone_and_opens_the_records(demo, phone_page):
    page = phone_page
    log_in(page, "hr", "demo-pass-2026")
    page.get_by_role("button", name="简体中文").click()
    assert page.get_by_role("heading", level=1).inner_text() == "欢迎，陈红"
    page.get_by_role("button", name="显示菜单").click()
    page.get_by_role("link", name="档案", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "档案总览"
    page.get_by_role("link", name="人员", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "我单位的人员"
    assert page.locator("tbody tr").count() == 25
    assert_accessible(page, "records-zh-phone")
