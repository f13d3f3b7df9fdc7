"""The chat page at linesim's root, driven in Debian's headless Chromium.

A person opens the page, becomes a LINE user, types Thai, taps quick replies and buttons, and
sees the bot's answers (text, Flex, pushes, broadcasts) arrive live. The bot here is a tiny
test-only one (tests/linesim/chat_bot.py) that talks to linesim through the real line-bot-sdk.
"""

from __future__ import annotations

import socket
import struct
import zlib
from collections.abc import Iterator

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
    UnfollowEvent,
)
from playwright.sync_api import (
    Browser,
    FilePayload,
    Page,
    ViewportSize,
    expect,
)

from linesim.config import SimConfig
from linesim.server import RunningSim, start_in_thread
from tests.conftest import SCREENSHOTS
from tests.linesim.chat_bot import GREETING, MENU_TITLE, ChatBot, serve_bot
from tests.linesim.chat_samples import IMAGE_HOST, NEWS_CAROUSEL, every_kind_of_message

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
SECRET = "chat-page-test-secret"
TOKEN = "chat-page-test-token"


@pytest.fixture
def chat_bot() -> Iterator[ChatBot]:
    bot = ChatBot(SECRET, TOKEN)
    with serve_bot(bot):
        yield bot


@pytest.fixture
def chat_sim(chat_bot: ChatBot) -> Iterator[RunningSim]:
    config = SimConfig(
        channel_secret=SECRET,
        access_token=TOKEN,
        webhook_url=chat_bot.webhook_url,
        webhook_timeout=5.0,
    )
    sim = start_in_thread(config)
    chat_bot.api_url = sim.url
    yield sim
    sim.stop()


@pytest.fixture
def requested() -> list[str]:
    """Every URL the page requested, to prove nothing comes from outside linesim."""
    return []


@pytest.fixture
def page(browser: Browser, chat_sim: RunningSim, requested: list[str]) -> Iterator[Page]:
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=1, locale="th-TH", timezone_id="Asia/Bangkok"
    )
    opened = context.new_page()
    opened.on("request", lambda request: requested.append(request.url))
    script_errors: list[str] = []
    opened.on("pageerror", lambda error: script_errors.append(str(error)))
    yield opened
    context.close()
    assert not script_errors, f"the page threw: {script_errors}"


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"chat-{name}.png"))


def start_chat(
    page: Page, sim: RunningSim, name: str = "สมหญิง ใจดี", first_visit_shot: str = ""
) -> str:
    """Open the page, create a user through the form; returns the new userId once greeted."""
    page.goto(sim.url)
    # A first visit opens the user panel at once: nobody can chat before being someone.
    expect(page.get_by_role("textbox", name="ชื่อที่แสดง")).to_be_focused()
    if first_visit_shot:
        shot(page, first_visit_shot)
    page.get_by_role("textbox", name="ชื่อที่แสดง").fill(name)
    page.get_by_role("button", name="สร้างและเริ่มแชต").click()
    expect(page.locator(".msg-row--bot").last).to_contain_text(GREETING)
    expect(page.locator(".chat-header")).to_contain_text(f"คุยในฐานะ {name}")
    user_id = page.evaluate("JSON.parse(localStorage.getItem('linesim.currentUser'))")
    assert isinstance(user_id, str) and user_id.startswith("U")
    return user_id


def type_and_send(page: Page, text: str) -> None:
    page.get_by_role("textbox", name="ข้อความ", exact=True).fill(text)
    page.keyboard.press("Enter")


def tiny_png() -> bytes:
    """A real 2x2 PNG (a browser must be able to decode it)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x06\xc7\x55" * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


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
