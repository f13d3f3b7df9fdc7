"""Talking to an officer end to end, in Chromium: the LINE chat page and the console side by side.

A person asks for an officer, an officer takes the conversation and replies, the person sees it
arrive, the bot says nothing meanwhile, the officer ends it, and the bot answers again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.admin.conftest import PASSWORD, add_staff, console_config
from tests.conftest import SCREENSHOTS, BotWithEmulator

pytestmark = pytest.mark.browser
MENU_LEAD = "อาสาบอทช่วยอะไรได้บ้าง"


@pytest.fixture
def console(db_url: str, tmp_path: Any) -> Iterator[BotWithEmulator]:
    """The browser folder's console, with office hours off so an officer is always on duty."""
    running = BotWithEmulator(db_url, **console_config(tmp_path), OFFICE_HOURS="")
    add_staff(running.app, "admin", "admin")
    yield running
    running.stop()


def _page(browser: Browser) -> Page:
    context = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
    return context.new_page()


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"handoff-{name}.png"), full_page=True)


def _say(person: Page, text: str) -> None:
    person.get_by_role("textbox", name="ข้อความ", exact=True).fill(text)
    person.keyboard.press("Enter")
    expect(person.locator(".msg-row--user").last).to_contain_text(text)


def test_an_officer_takes_the_chat_replies_and_ends_it_while_the_bot_stays_silent(
    console, browser
) -> None:
    person, officer = _page(browser), _page(browser)
    try:
        person.goto(console.emulator.url)
        person.get_by_role("textbox", name="ชื่อที่แสดง").fill("อามีนะห์")
        person.get_by_role("button", name="สร้างและเริ่มแชต").click()
        bot_rows = person.locator(".msg-row--bot")
        expect(bot_rows.last).to_be_visible()
        _say(person, "สวัสดีค่ะ")
        expect(bot_rows.last).to_contain_text(MENU_LEAD)
        person.get_by_role("group", name="ตัวเลือกตอบกลับด่วน").get_by_role(
            "button", name="คุยกับเจ้าหน้าที่"
        ).click()
        expect(bot_rows.last).to_contain_text("เจ้าหน้าที่จะตอบในแชตนี้")

        officer.goto(f"{console.bot.url}/admin/login")
        officer.get_by_label("ชื่อผู้ใช้").fill("admin")
        officer.get_by_label("รหัสผ่าน").fill(PASSWORD)
        officer.get_by_role("button", name="เข้าสู่ระบบ").click()
        officer.get_by_role("link", name="แชทกับประชาชน").click()
        row = officer.get_by_role("row").filter(has_text="อามีนะห์")
        expect(officer.locator("#quota")).to_contain_text("ส่งไปแล้ว")
        row.get_by_role("button", name="รับเรื่อง").click()
        expect(officer.locator(".flash-ok")).to_contain_text("รับเรื่องแล้ว")
        expect(bot_rows.last).to_contain_text("เจ้าหน้าที่เข้ามาคุยแล้ว")  # pushed, live

        bot_count = bot_rows.count()
        _say(person, "เงินเดือนไม่ออกสองเดือนแล้วค่ะ")
        transcript = officer.locator("#transcript")
        expect(transcript).to_contain_text("เงินเดือนไม่ออกสองเดือนแล้วค่ะ")  # polled in
        officer.get_by_label("ข้อความถึงผู้ใช้").fill("รับทราบค่ะ ขอชื่อบริษัทด้วยนะคะ")
        officer.get_by_role("button", name="ส่ง", exact=True).click()
        expect(bot_rows.last).to_contain_text("รับทราบค่ะ ขอชื่อบริษัทด้วยนะคะ")
        expect(bot_rows).to_have_count(bot_count + 1)  # only the officer's: the bot said nothing
        shot(officer, "console")
        shot(person, "person")

        officer.get_by_label("บันทึกสำหรับเจ้าหน้าที่ (ผู้ใช้ไม่เห็น)").fill("แนะนำให้แจ้งเรื่อง")
        officer.get_by_role("button", name="จบการสนทนา").click()
        expect(officer).to_have_url(re.compile(r"/admin/chats/$"))
        expect(bot_rows.last).to_contain_text("ให้คะแนน")
        expect(person.locator(".msg-row--bot", has_text="เจ้าหน้าที่จบการสนทนาแล้ว")).to_be_visible()

        _say(person, "สวัสดีค่ะ")
        expect(bot_rows.last).to_contain_text(MENU_LEAD)  # the bot answers again
    finally:
        person.context.close()
        officer.context.close()
