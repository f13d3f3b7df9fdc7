"""What the console's browser tests share: logging in and screenshots a person can look at."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.admin.conftest import PASSWORD
from tests.conftest import SCREENSHOTS


def log_in(page: Page, base: str, username: str = "admin") -> None:
    page.goto(f"{base}/admin/login")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"admin-{name}.png"), full_page=True)
