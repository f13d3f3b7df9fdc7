"""A person types Thai, taps quick replies and buttons, sends places and pictures, and sees the
bot's answers (text, Flex, pushes, broadcasts) arrive live; a failing bot does not block them."""

from __future__ import annotations

import socket

import pytest
from linebot.v3.messaging import (
    ApiClient,
    BroadcastRequest,
    ButtonsTemplate,
    Configuration,
    DatetimePickerAction,
    FlexContainer,
    FlexMessage,
    ImageMessage,
    MessagingApiBlob,
    PushMessageRequest,
    StickerMessage,
    TemplateMessage,
    TextMessage,
)
from linebot.v3.webhooks import (
    FollowEvent,
    ImageMessageContent,
    LocationMessageContent,
    MessageEvent,
    PostbackEvent,
)
from playwright.sync_api import FilePayload, Page, expect

from linesim.server import RunningSim
from tests.linesim.chat_page.bot import MENU_TITLE, ChatBot
from tests.linesim.chat_page.page import TOKEN, shot, start_chat, tiny_png, type_and_send
from tests.linesim.chat_page.samples import IMAGE_HOST, NEWS_CAROUSEL

pytestmark = pytest.mark.browser


def test_a_new_user_types_thai_taps_a_quick_reply_and_sees_the_flex_answer(
    page: Page, chat_sim: RunningSim, chat_bot: ChatBot, requested: list[str]
) -> None:
    user_id = start_chat(page, chat_sim, first_visit_shot="390x844-first-visit")
    assert [event.source.user_id for event in chat_bot.events_of(FollowEvent)] == [user_id]

    chat_bot.think_seconds = 1.0
    type_and_send(page, "สวัสดีค่ะ อยากถามเรื่องค่าแรง")
    expect(page.locator(".msg-row--user").last).to_contain_text("สวัสดีค่ะ อยากถามเรื่องค่าแรง")
    # The bot called loading/start before answering: the typing dots show, then give way.
    expect(page.locator("#typing")).to_be_visible()
    bot_rows = page.locator(".msg-row--bot")
    expect(bot_rows.last).to_contain_text("ได้รับข้อความ “สวัสดีค่ะ อยากถามเรื่องค่าแรง” แล้วค่ะ")
    expect(page.locator("#typing")).to_be_hidden()
    expect(page.locator(".msg-row--user").last).to_contain_text("อ่านแล้ว")
    chat_bot.think_seconds = 0.0

    quick = page.get_by_role("group", name="ตัวเลือกตอบกลับด่วน")
    expect(quick.get_by_role("button")).to_have_text(["ค่าแรงขั้นต่ำ", "ดูเมนู"])
    shot(page, "390x844-quick-replies")

    quick.get_by_role("button", name="ดูเมนู").click()
    expect(quick).to_be_hidden()
    expect(page.locator(".msg-row--user").last).to_contain_text("ขอดูเมนูค่ะ")
    flex = page.locator(".flex-message").last
    expect(flex).to_contain_text(MENU_TITLE)
    expect(flex).to_contain_text("สิทธิแรงงาน")
    assert [event.postback.data for event in chat_bot.events_of(PostbackEvent)] == ["action=menu"]

    # Thai is drawn with the Sarabun shipped in static/fonts, regular and bold, from linesim itself.
    page.evaluate("document.fonts.ready.then(() => true)")
    assert page.evaluate("document.fonts.check('16px Sarabun', 'ก')")
    assert page.evaluate("document.fonts.check('bold 16px Sarabun', 'ก')")
    loaded = page.evaluate(
        """() => [...document.fonts]
            .filter((f) => f.family.replace(/["']/g, '') === 'Sarabun' && f.status === 'loaded')
            .map((f) => `${f.weight} ${f.unicodeRange}`)"""
    )
    assert any(face.startswith("400 ") and "E01" in face for face in loaded), loaded
    assert any(face.startswith("700 ") and "E01" in face for face in loaded), loaded
    family = bot_rows.last.locator(".fx-text").first.evaluate("n => getComputedStyle(n).fontFamily")
    assert family.split(",")[0].strip("\"' ") == "Sarabun"
    assert f"{chat_sim.url}/static/fonts/sarabun-thai-400-normal.woff2" in requested
    assert all(url.startswith((chat_sim.url, "data:")) for url in requested), requested
    shot(page, "390x844-flex-menu")

    # A button inside the Flex bubble is a message action: it speaks for the user.
    flex.get_by_role("button", name="ร้องเรียน").click()
    expect(page.locator(".msg-row--user").last).to_contain_text("ร้องเรียน")
    expect(bot_rows.last).to_contain_text("ได้รับข้อความ “ร้องเรียน” แล้วค่ะ")


def test_pushes_and_broadcasts_arrive_live_and_a_date_picker_posts_back(
    page: Page, chat_sim: RunningSim, chat_bot: ChatBot
) -> None:
    # The bot's pictures live on https hosts; serve them here so the test needs no network.
    page.route(
        f"{IMAGE_HOST}/**", lambda route: route.fulfill(body=tiny_png(), content_type="image/png")
    )
    user_id = start_chat(page, chat_sim, name="อับดุลเลาะ")
    page.evaluate("window.notReloaded = true")

    picker = DatetimePickerAction(label="เลือกวันนัด", data="action=appointment", mode="date")
    with chat_bot.api() as api:
        api.push_message(
            PushMessageRequest(
                to=user_id,
                messages=[
                    TextMessage(text="มีข่าวจากอาสาค่ะ"),
                    ImageMessage(
                        original_content_url=f"{IMAGE_HOST}/poster.png",
                        preview_image_url=f"{IMAGE_HOST}/poster-small.png",
                    ),
                    StickerMessage(package_id="446", sticker_id="1988"),
                    FlexMessage(
                        alt_text="ข่าวอาสา", contents=FlexContainer.from_dict(NEWS_CAROUSEL)
                    ),
                ],
            )
        )
        api.push_message(
            PushMessageRequest(
                to=user_id,
                messages=[
                    TemplateMessage(
                        alt_text="นัดหมาย",
                        template=ButtonsTemplate(
                            title="นัดพบอาสาสมัคร", text="เลือกวันที่สะดวกได้เลยค่ะ", actions=[picker]
                        ),
                    )
                ],
            )
        )
        api.broadcast(BroadcastRequest(messages=[TextMessage(text="ประกาศถึงทุกคนค่ะ")]))

    pushes = page.locator('.msg-row--bot[data-endpoint="push"]')
    expect(pushes.first).to_contain_text("มีข่าวจากอาสาค่ะ")
    expect(pushes.first.locator(".carousel .fx-bubble")).to_have_count(2)
    expect(pushes.first.get_by_role("img", name="สติกเกอร์ 446/1988")).to_be_visible()
    poster = pushes.first.locator("img.img-msg")
    expect(poster).to_have_attribute("src", f"{IMAGE_HOST}/poster-small.png")
    page.wait_for_function("() => document.querySelector('img.img-msg').naturalWidth === 2")
    pushes.first.locator(".carousel").scroll_into_view_if_needed()
    shot(page, "390x844-push-carousel")
    expect(page.locator('.msg-row--bot[data-endpoint="broadcast"]')).to_contain_text(
        "ประกาศถึงทุกคนค่ะ"
    )
    assert page.evaluate("window.notReloaded === true")
    shot(page, "390x844-push-broadcast")

    page.get_by_role("button", name="เลือกวันนัด").click()
    dialog = page.get_by_role("dialog", name="เลือกวันนัด")
    dialog.get_by_label("วันที่").fill("2026-11-21")
    dialog.get_by_role("button", name="ตกลง").click()
    expect(dialog).to_be_hidden()
    expect(page.locator(".msg-row--bot").last).to_contain_text(MENU_TITLE)
    postbacks = chat_bot.events_of(PostbackEvent)
    assert [(event.postback.data, event.postback.params) for event in postbacks] == [
        ("action=appointment", {"date": "2026-11-21"})
    ]


def test_places_of_the_region_and_image_files_reach_the_bot(
    page: Page, chat_sim: RunningSim, chat_bot: ChatBot
) -> None:
    start_chat(page, chat_sim)

    page.get_by_role("button", name="แนบ: ตำแหน่งที่ตั้ง รูปภาพ สติกเกอร์").click()
    page.get_by_role("button", name="ตำแหน่งที่ตั้ง", exact=True).click()
    places = page.get_by_role("dialog", name="ส่งตำแหน่งที่ตั้ง")
    for town in ["ปัตตานี", "ยะลา", "นราธิวาส", "จะนะ", "เทพา", "นาทวี", "สะบ้าย้อย"]:
        expect(places).to_contain_text(town)
    shot(page, "390x844-places")
    places.get_by_role("button", name="ยะลา").click()
    expect(page.locator(".msg-row--bot").last).to_contain_text("ได้รับตำแหน่ง ยะลา แล้วค่ะ")
    (location,) = [
        e.message
        for e in chat_bot.events_of(MessageEvent)
        if isinstance(e.message, LocationMessageContent)
    ]
    assert (location.title, round(location.latitude, 1), round(location.longitude, 1)) == (
        "ยะลา",
        6.5,
        101.3,
    )

    png = tiny_png()
    slip: FilePayload = {"name": "slip.png", "mimeType": "image/png", "buffer": png}
    page.set_input_files("#image-input", files=[slip])
    expect(page.locator(".msg-row--user img.img-msg")).to_have_count(1)
    expect(page.locator(".msg-row--user").last).to_contain_text("อ่านแล้ว")
    (image,) = [
        e.message
        for e in chat_bot.events_of(MessageEvent)
        if isinstance(e.message, ImageMessageContent)
    ]
    # The bot downloads exactly the bytes the person picked.
    config = Configuration(host=chat_sim.url, access_token=TOKEN)
    with ApiClient(config) as client:
        assert MessagingApiBlob(client).get_message_content(image.id) == png


def test_a_bot_that_fails_or_is_unreachable_shows_a_non_blocking_error(
    page: Page, chat_sim: RunningSim, chat_bot: ChatBot
) -> None:
    start_chat(page, chat_sim)

    chat_bot.status = 500
    type_and_send(page, "ฮัลโหล")
    expect(page.locator(".toast")).to_contain_text("ส่งไม่สำเร็จ: บอทตอบกลับด้วยสถานะ 500")
    expect(page.locator(".msg-row--user").last).to_contain_text("ส่งไม่สำเร็จ")

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    chat_sim.config.webhook_url = f"http://127.0.0.1:{closed_port}/callback"
    type_and_send(page, "มีใครอยู่ไหม")
    expect(page.locator(".toast", has_text="บอทไม่ตอบ")).to_be_visible()
    # Non-blocking: the person can keep typing.
    expect(page.get_by_role("textbox", name="ข้อความ", exact=True)).to_be_enabled()
    shot(page, "390x844-delivery-error")
