"""Every kind of message a bot may send is drawn, and its actions work."""

from __future__ import annotations

import pytest
from linebot.v3.messaging import (
    PushMessageRequest,
)
from linebot.v3.webhooks import (
    PostbackEvent,
)
from playwright.sync_api import Page, expect

from linesim.server import RunningSim
from tests.linesim.chat_page.bot import MENU_TITLE, ChatBot
from tests.linesim.chat_page.page import shot, start_chat, tiny_png
from tests.linesim.chat_page.samples import IMAGE_HOST, every_kind_of_message

pytestmark = pytest.mark.browser


def test_every_kind_of_message_a_bot_may_send_is_drawn_and_its_actions_work(
    page: Page, chat_sim: RunningSim, chat_bot: ChatBot
) -> None:
    page.context.route(
        f"{IMAGE_HOST}/**", lambda route: route.fulfill(body=tiny_png(), content_type="image/png")
    )
    page.context.route(
        "https://www.mol.go.th/**",
        lambda route: route.fulfill(body="<title>mol</title>", content_type="text/html"),
    )
    user_id = start_chat(page, chat_sim)
    first, second = every_kind_of_message(user_id)
    with chat_bot.api() as api:
        for messages in (first, second):
            api.push_message(PushMessageRequest.from_dict({"to": user_id, "messages": messages}))

    pushes = page.locator('.msg-row--bot[data-endpoint="push"]')
    expect(pushes).to_have_count(2)
    news = pushes.first
    expect(news.locator(".sender-name")).to_have_text("อาสาปัตตานี")
    expect(news.get_by_role("img", name="อีโมจิ LINE")).to_have_count(1)
    expect(news).to_contain_text("@ผู้ใช้ ยินดีต้อนรับค่ะ")
    expect(news.locator(".location-card")).to_contain_text("ศูนย์ดำรงธรรม")
    expect(news.locator(".location-card")).to_contain_text("6.8691, 101.2501")
    expect(news.locator(".template-message .card__title")).to_have_text(["ร้องเรียน", "สิทธิ"])
    expect(pushes.last).to_contain_text("วิดีโอ")
    expect(pushes.last).to_contain_text("ข้อความเสียง")
    expect(pushes.last.locator(".card--confirm")).to_contain_text("ยืนยันการส่งเรื่องไหมคะ")
    shot(page, "390x844-message-types")

    # A uri action opens a new tab; message and postback actions speak for the user.
    with page.expect_popup() as popup:
        news.get_by_role("button", name="เว็บไซต์").click()
    assert popup.value.url == "https://www.mol.go.th/"
    popup.value.close()

    news.get_by_role("button", name="ขวา").click()
    expect(page.locator(".msg-row--user").last).to_contain_text("ขวา")
    expect(page.locator(".msg-row--bot").last).to_contain_text("ได้รับข้อความ “ขวา” แล้วค่ะ")

    pushes.last.get_by_role("button", name="ยืนยัน").click()
    expect(page.locator(".msg-row--user").last).to_contain_text("ยืนยันค่ะ")
    expect(page.locator(".msg-row--bot").last).to_contain_text(MENU_TITLE)
    assert [event.postback.data for event in chat_bot.events_of(PostbackEvent)] == ["confirm=yes"]
