"""The rich menu on linesim's chat page, in Debian's headless Chromium, with the real bot behind it.

A person opens the chat, sees the public menu under the input, taps "ภาษา · Bahasa" and gets the
bot's language question; choosing Malay switches the page to the Malay menu, registering as a
volunteer to the Malay volunteer menu by itself, and a tap there is answered too (in Malay).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from bot.core.i18n import IN_MALAY
from bot.core.line import LineApi
from bot.core.migrate import upgrade
from bot.core.orm import utcnow
from bot.core.users import LineUser
from bot.richmenu import link_menu_for_role
from bot.richmenu.handlers import NO_ANNOUNCEMENTS
from bot.richmenu.sync import BuiltMenu, sync_menus
from bot.volunteers.models import Role, Volunteer
from tests.conftest import SCREENSHOTS, BotWithEmulator
from tests.support.channel import ACCESS_TOKEN

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture
def synced_bot(
    tmp_path: Path, built_menus: list[BuiltMenu]
) -> Iterator[BotWithEmulator]:
    """The bot (SQLite) and linesim, with the menus synced as `asabot richmenu sync` would."""
    url = f"sqlite:///{tmp_path / 'page.db'}"
    upgrade(url)
    running = BotWithEmulator(url)
    line = LineApi(running.emulator.url, ACCESS_TOKEN)
    sync_menus(line, built_menus)
    line.close()
    yield running
    running.stop()


@pytest.fixture
def page(browser: Browser, synced_bot: BotWithEmulator) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, locale="th-TH", timezone_id="Asia/Bangkok")
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, f"the page threw: {errors}"


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"richmenu-{name}.png"))


def menu_image_width(page: Page) -> Any:
    return page.locator(".rich-menu__image").evaluate("img => img.complete && img.naturalWidth")


def test_tapping_menu_areas_on_the_chat_page_gets_the_bots_answers(
    page: Page, synced_bot: BotWithEmulator, built_menus: list[BuiltMenu]
) -> None:
    page.goto(synced_bot.emulator.url)
    page.get_by_role("textbox", name="ชื่อที่แสดง").fill("อามีนะห์")
    page.get_by_role("button", name="สร้างและเริ่มแชต").click()
    expect(page.locator(".msg-row--bot").last).to_contain_text("ยินดีต้อนรับสู่อาสาบอท")
    user_id = page.evaluate("JSON.parse(localStorage.getItem('linesim.currentUser'))")

    menu = page.get_by_role("group", name="ริชเมนู")
    expect(menu).to_be_visible()
    bar = menu.get_by_role("button", name="เมนูอาสาบอท")
    expect(bar).to_have_attribute("aria-expanded", "true")
    expect(menu.locator(".rich-menu__area")).to_have_count(6)
    page.wait_for_function("document.querySelector('.rich-menu__image').naturalWidth > 0")
    assert menu_image_width(page) == 2500
    shot(page, "390x844-public")

    menu.get_by_role("button", name="ภาษา Bahasa").click()
    expect(page.locator(".msg-row--user").last).to_contain_text("ภาษา Bahasa")
    expect(page.locator(".msg-row--bot").last).to_contain_text("เลือกภาษาที่ต้องการได้เลยค่ะ")
    quick = page.get_by_role("group", name="ตัวเลือกตอบกลับด่วน")
    quick.get_by_role("button", name="Bahasa Melayu").click()
    expect(page.locator(".msg-row--bot").last).to_contain_text("menjawab dalam bahasa Melayu")
    with synced_bot.app.extensions["asabot.sessions"]() as session:
        assert session.get(LineUser, user_id).reply_language == "ms"
    # Choosing Malay brings the Malay public menu, without a reload.
    expect(menu.get_by_role("button", name="Menu AsaBot")).to_be_visible(timeout=10_000)
    expect(menu.get_by_role("button", name="Tanya Soalan")).to_be_visible()
    shot(page, "390x844-public-ms")

    # Registration links the volunteer menu in the person's language.
    line = LineApi(synced_bot.emulator.url, ACCESS_TOKEN)
    with synced_bot.app.extensions["asabot.sessions"]() as session:
        session.add(Volunteer(user_id=user_id, role=Role.VOLUNTEER, registered_at=utcnow()))
        session.commit()
        assert link_menu_for_role(session, line, user_id, Role.VOLUNTEER)
    line.close()
    expect(menu.get_by_role("button", name="Menu Relawan")).to_be_visible(timeout=10_000)
    expect(menu.locator(".rich-menu__area")).to_have_count(10)
    page.wait_for_function("document.querySelector('.rich-menu__image').naturalWidth > 0")
    shot(page, "390x844-volunteer-ms")

    menu.get_by_role("button", name="Notis Saya").click()
    expect(page.locator(".msg-row--bot").last).to_contain_text(IN_MALAY(NO_ANNOUNCEMENTS))

    # The chat bar folds the menu away and brings it back, as in LINE.
    menu.get_by_role("button", name="Menu Relawan").click()
    expect(menu.locator(".rich-menu__panel")).to_be_hidden()
    menu.get_by_role("button", name="Menu Relawan").click()
    expect(menu.locator(".rich-menu__panel")).to_be_visible()

    # Back to Thai: the Thai volunteer menu.
    menu.get_by_role("button", name="Bahasa ภาษา").click()
    page.get_by_role("group", name="ตัวเลือกตอบกลับด่วน").get_by_role(
        "button", name="ภาษาไทย"
    ).click()
    expect(menu.get_by_role("button", name="เมนูอาสาสมัคร")).to_be_visible(timeout=10_000)
    page.wait_for_function("document.querySelector('.rich-menu__image').naturalWidth > 0")
    shot(page, "390x844-volunteer")
