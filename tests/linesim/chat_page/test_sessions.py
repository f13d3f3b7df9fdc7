"""Blocking and following again, and what a reload keeps: the chosen user and the chat."""

from __future__ import annotations

import pytest
from linebot.v3.webhooks import (
    FollowEvent,
    PostbackEvent,
    UnfollowEvent,
)
from playwright.sync_api import Page, expect

from linesim.server import RunningSim
from tests.linesim.chat_page.bot import GREETING, MENU_TITLE, ChatBot
from tests.linesim.chat_page.page import DESKTOP, shot, start_chat, type_and_send

pytestmark = pytest.mark.browser


def test_blocking_and_following_again_reach_the_bot(
    page: Page, chat_sim: RunningSim, chat_bot: ChatBot
) -> None:
    start_chat(page, chat_sim)

    page.get_by_role("button", name="เปลี่ยนผู้ใช้", exact=True).click()
    page.get_by_role("button", name="บล็อก (unfollow)").click()
    expect(page.locator("#blocked-bar")).to_be_visible()
    expect(page.get_by_role("textbox", name="ข้อความ", exact=True)).to_be_disabled()
    assert len(chat_bot.events_of(UnfollowEvent)) == 1
    shot(page, "390x844-blocked-panel")

    page.get_by_role("button", name="ปิดแผงผู้ใช้").click()
    shot(page, "390x844-blocked")
    page.get_by_role("button", name="เลิกบล็อก").click()
    expect(page.get_by_role("textbox", name="ข้อความ", exact=True)).to_be_enabled()
    follows = chat_bot.events_of(FollowEvent)
    assert [event.follow.is_unblocked for event in follows] == [False, True]
    expect(page.locator(".msg-row--bot").last).to_contain_text(GREETING)


def test_the_welcome_after_unblocking_keeps_its_quick_replies_under_the_unblocked_notice(
    page: Page, chat_sim: RunningSim, chat_bot: ChatBot
) -> None:
    user_id = start_chat(page, chat_sim)
    page.get_by_role("button", name="เปลี่ยนผู้ใช้", exact=True).click()
    page.get_by_role("button", name="บล็อก (unfollow)").click()
    expect(page.locator("#blocked-bar")).to_be_visible()
    page.get_by_role("button", name="ปิดแผงผู้ใช้").click()
    page.get_by_role("button", name="เลิกบล็อก").click()

    expect(page.locator(".system-note").last).to_have_text("คุณเลิกบล็อกอาสาบอทแล้ว")
    expect(page.locator(".msg-row--bot").last).to_contain_text(GREETING)
    assert _notice_comes_before_the_welcome(page)
    # The notice is the page's, not a turn in the chat: the welcome's choices stay tappable.
    quick = page.get_by_role("group", name="ตัวเลือกตอบกลับด่วน")
    expect(quick.get_by_role("button")).to_have_text(["ถามเรื่องค่าแรง", "ดูเมนู"])
    shot(page, "390x844-unblocked-quick-replies")

    # After a reload the history is drawn again in time order, the notice last: still shown.
    page.reload()
    expect(page.locator(".msg-row--bot").last).to_contain_text(GREETING)
    expect(quick.get_by_role("button")).to_have_text(["ถามเรื่องค่าแรง", "ดูเมนู"])
    assert _notice_comes_before_the_welcome(page)

    # A history saved by the earlier page has the notice after the welcome: still not a turn.
    page.evaluate(
        """(userId) => {
            const key = `linesim.sent.${userId}`;
            const kept = JSON.parse(localStorage.getItem(key));
            for (const item of kept) if (item.type === "system") item.time = Date.now() + 60000;
            localStorage.setItem(key, JSON.stringify(kept));
        }""",
        user_id,
    )
    page.reload()
    expect(page.locator(".msg-row--bot").last).to_contain_text(GREETING)
    assert not _notice_comes_before_the_welcome(page)
    expect(quick.get_by_role("button")).to_have_text(["ถามเรื่องค่าแรง", "ดูเมนู"])
    quick.get_by_role("button", name="ดูเมนู").click()
    expect(page.locator(".flex-message").last).to_contain_text(MENU_TITLE)
    assert [event.postback.data for event in chat_bot.events_of(PostbackEvent)] == ["action=menu"]


def _notice_comes_before_the_welcome(page: Page) -> bool:
    notice = page.locator(".system-note").last.element_handle()
    welcome = page.locator(".msg-row--bot").last.element_handle()
    # Node.DOCUMENT_POSITION_FOLLOWING (4): the welcome is drawn after the notice.
    position = page.evaluate("([a, b]) => a.compareDocumentPosition(b)", [notice, welcome])
    return bool(position & 4)


def test_the_chosen_user_and_the_conversation_survive_a_reload_on_a_desktop(
    page: Page, chat_sim: RunningSim
) -> None:
    user_id = start_chat(page, chat_sim, name="สมชาย")
    type_and_send(page, "ขอบคุณค่ะ")
    expect(page.locator(".msg-row--bot").last).to_contain_text("ได้รับข้อความ “ขอบคุณค่ะ” แล้วค่ะ")

    page.set_viewport_size(DESKTOP)
    page.reload()
    expect(page.locator(".chat-header")).to_contain_text("คุยในฐานะ สมชาย")
    expect(page.locator(".msg-row--user")).to_contain_text(["ขอบคุณค่ะ"])
    expect(page.locator(".msg-row--bot")).to_contain_text([GREETING, "ได้รับข้อความ"])
    # On a wide screen the user list stands beside the phone, the current user marked.
    current = page.locator('.user-item[aria-current="true"]')
    expect(current).to_be_visible()
    expect(current).to_contain_text(user_id)
    expect(page.get_by_role("group", name="ตัวเลือกตอบกลับด่วน")).to_be_visible()
    shot(page, "1280x800-desktop")
