"""The console in Debian's headless Chromium, against the bot served over HTTP and the emulator.

Screenshots land in var/screenshots/ so a person can check Thai renders as Thai.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect

from bot.agent_requests.service import record_request
from bot.chat.models import Direction, MessageLog
from bot.core.db import get_session
from bot.core.users import LineUser
from bot.volunteers.models import Role, Volunteer
from tests.admin.conftest import (
    PASSWORD,
    add_complaint,
    add_staff,
    console_config,
    encrypted_phone,
)
from tests.conftest import SCREENSHOTS, BotWithEmulator

pytestmark = pytest.mark.browser


@pytest.fixture(params=["sqlite"])
def db_url(request: pytest.FixtureRequest, tmp_path: Any) -> str:
    """Browser tests run on SQLite only: the pages are the same, the runs are slow."""
    from bot.core.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'browser.db'}"
    upgrade(url)
    return url


@pytest.fixture
def console(db_url: str, tmp_path: Any) -> Iterator[BotWithEmulator]:
    running = BotWithEmulator(db_url, **console_config(tmp_path))
    add_staff(running.app, "admin", "admin")
    yield running
    running.stop()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def log_in(page: Page, base: str, username: str = "admin") -> None:
    page.goto(f"{base}/admin/login")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"admin-{name}.png"), full_page=True)


def test_login_and_logout(console, page) -> None:
    base = console.bot.url
    page.goto(f"{base}/admin/complaints/")
    expect(page).to_have_url(re.compile(r"/admin/login"))
    page.get_by_label("ชื่อผู้ใช้").fill("admin")
    page.get_by_label("รหัสผ่าน").fill("wrong password")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    expect(page.get_by_role("alert")).to_contain_text("ไม่ถูกต้อง")
    shot(page, "login-error")

    page.get_by_label("ชื่อผู้ใช้").fill("admin")
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    expect(page).to_have_url(re.compile(r"/admin/complaints/$"))  # back where it was going
    expect(page.get_by_role("heading", level=1)).to_contain_text("เรื่องร้องเรียน")
    page.get_by_role("button", name="ออกจากระบบ").click()
    expect(page).to_have_url(re.compile(r"/admin/login"))


def test_the_dashboard_draws_its_charts(console, page) -> None:
    add_complaint(console.app, province="94")
    add_complaint(console.app, province="96", category="state_agency")
    with console.app.app_context():
        session = get_session()
        for intent, decision in [("wage_info", "accept"), ("social_security", "clarify")]:
            session.add(
                MessageLog(
                    direction=Direction.IN,
                    event_type="message.text",
                    text="ถาม",
                    intent=intent,
                    confidence=0.5,
                    decision=decision,
                )
            )
        session.commit()
    log_in(page, console.bot.url)
    expect(page.locator("body[data-charts-ready=true]")).to_have_count(1)
    drawn = page.evaluate(
        """() => [...document.querySelectorAll('canvas')].map(c => {
            const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let inked = 0;
            for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
            return [c.id, c.width > 0 && inked > 100];
        })"""
    )
    assert len(drawn) == 6 and all(ok for _, ok in drawn), drawn
    shot(page, "dashboard")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.get_by_role("button", name="เมนู").click()
    expect(page.get_by_role("link", name="เรื่องร้องเรียน")).to_be_visible()
    shot(page, "dashboard-phone")


def test_a_status_change_reaches_the_reporter_in_the_emulator(console, page) -> None:
    reporter = console.sim.user("U" + "e" * 32, display_name="สมศักดิ์")
    reporter.follow()
    reference = add_complaint(console.app, province="94", user_id=reporter.user_id)
    log_in(page, console.bot.url)

    page.goto(f"{console.bot.url}/admin/complaints/")
    page.get_by_role("link", name=reference).click()
    page.get_by_label("สถานะใหม่").select_option("in_progress")
    page.get_by_label("หมายเหตุถึงผู้แจ้ง").fill("นัดนายจ้างวันจันทร์นี้ค่ะ")
    page.get_by_role("button", name="บันทึกและแจ้งผู้ร้อง").click()

    expect(page.get_by_role("status")).to_contain_text("แจ้งผู้ร้องทาง LINE แล้ว")
    expect(page.locator("#case-status")).to_have_text("กำลังดำเนินการ")
    shot(page, "complaint-case")
    pushed = [m for m in console.sim.messages(endpoint="push") if m["to"] == [reporter.user_id]]
    assert reference in pushed[-1]["messages"][0]["text"]
    assert "นัดนายจ้างวันจันทร์นี้ค่ะ" in pushed[-1]["messages"][0]["text"]


def test_composing_and_sending_a_broadcast_shows_progress_to_the_end(console, page) -> None:
    followers = [console.sim.user("U" + c * 32, display_name=f"คน{c}") for c in "123"]
    for chat in followers:
        chat.follow()
    log_in(page, console.bot.url)

    page.goto(f"{console.bot.url}/admin/broadcasts/new")
    page.get_by_label("ข้อความที่ 1").fill("อบรมอาสาสมัครแรงงาน วันเสาร์นี้ค่ะ")
    expect(page.locator("#line-preview .line-bubble")).to_have_text("อบรมอาสาสมัครแรงงาน วันเสาร์นี้ค่ะ")
    expect(page.locator("#recipient-count")).to_have_text("3")
    page.get_by_role("button", name="เพิ่มข้อความ").click()
    page.get_by_label("ข้อความที่ 2").fill("สมัครได้ที่สำนักงานแรงงานจังหวัดค่ะ")
    expect(page.locator("#line-preview .line-bubble")).to_have_count(2)
    shot(page, "broadcast-compose")
    page.get_by_role("button", name="ส่งประกาศ").click()
    # Nothing goes out before staff confirm on a page that says how many it reaches.
    expect(page.get_by_role("heading", level=1)).to_contain_text("ใช่ไหมคะ")
    expect(page.locator("#confirm-count")).to_have_text("3")
    shot(page, "broadcast-send-confirm")
    assert console.sim.messages(endpoint="multicast") == []
    page.get_by_role("button", name="ยืนยันส่งถึง 3 คน").click()

    expect(page.get_by_role("status")).to_have_text("เริ่มส่งประกาศแล้วค่ะ ดูความคืบหน้าด้านล่าง")
    expect(page.locator("#broadcast-status")).to_have_text("ส่งแล้ว", timeout=15_000)
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100")
    expect(page.locator("#accepted")).to_have_text("3")
    shot(page, "broadcast-sent")
    delivered = console.sim.messages(endpoint="broadcast") + console.sim.messages(
        endpoint="multicast"
    )
    reached = {user for m in delivered for user in m["to"]}
    assert reached == {chat.user_id for chat in followers}
    assert delivered[0]["messages"][1]["text"] == "สมัครได้ที่สำนักงานแรงงานจังหวัดค่ะ"


def test_extra_message_boxes_stay_hidden_until_staff_add_one(console, page) -> None:
    # `form label { display: block }` outranks the browser's own [hidden] rule; the console's
    # `[hidden] { display: none !important }` is what keeps these boxes out of sight.
    log_in(page, console.bot.url)
    page.goto(f"{console.bot.url}/admin/broadcasts/new")
    boxes = page.locator(".message-field")
    expect(boxes).to_have_count(5)
    expect(page.get_by_label("ข้อความที่ 1")).to_be_visible()
    for n in range(2, 6):
        expect(boxes.nth(n - 1)).to_be_hidden()

    page.get_by_role("button", name="เพิ่มข้อความ").click()

    expect(page.get_by_label("ข้อความที่ 2")).to_be_visible()
    expect(page.get_by_label("ข้อความที่ 2")).to_be_focused()
    for n in range(3, 6):
        expect(boxes.nth(n - 1)).to_be_hidden()


def test_a_request_to_talk_to_staff_in_the_emulator_is_listed_and_marked_contacted(
    console, page
) -> None:
    asker = console.sim.user("U" + "f" * 32, display_name="ฟาตีมะห์")
    asker.follow()
    asker.postback("action=intent&intent=human_agent")
    assert any("สายด่วน" in m.get("text", "") for m in asker.last_reply(timeout=10.0))
    log_in(page, console.bot.url)

    page.get_by_role("link", name="คำขอคุยกับเจ้าหน้าที่").click()
    row = page.get_by_role("row").filter(has_text="ฟาตีมะห์")
    expect(row).to_contain_text("ยังไม่ได้ลงทะเบียน")
    expect(row).to_contain_text(re.compile(r"25\d\d \d\d:\d\d"))  # a Buddhist-era year
    shot(page, "agent-requests")
    row.get_by_role("button", name="ติดต่อแล้ว").click()

    expect(page.get_by_role("status")).to_contain_text("บันทึกว่าติดต่อแล้ว")
    expect(page.get_by_role("row").filter(has_text="ฟาตีมะห์")).to_have_count(0)
    page.get_by_role("link", name="ติดต่อแล้ว").click()
    expect(page.get_by_role("row").filter(has_text="ฟาตีมะห์")).to_contain_text("คุณadmin")


def test_a_scheduled_broadcast_shows_its_estimated_audience_and_cancels_after_confirming(
    console, page
) -> None:
    for c in "45":
        console.sim.user("U" + c * 32, display_name=f"คน{c}").follow()
    later = (datetime.now(UTC) + timedelta(days=2)).astimezone(ZoneInfo("Asia/Bangkok"))
    log_in(page, console.bot.url)
    page.goto(f"{console.bot.url}/admin/broadcasts/new")
    page.get_by_label("ข้อความที่ 1").fill("ประชุมอาสาสมัครวันจันทร์ค่ะ")
    page.get_by_label("ตั้งเวลาส่ง").fill(f"{later:%Y-%m-%d}T10:00")
    page.get_by_role("button", name="ส่งประกาศ").click()
    expect(page.locator("#confirm-count")).to_have_text("2")
    expect(page.locator(".facts")).to_contain_text("10:00 น.")
    page.get_by_role("button", name="ยืนยันส่งถึง 2 คน").click()
    expect(page.locator("#broadcast-status")).to_have_text("ตั้งเวลาแล้ว")

    # The page keeps polling while it waits; the polls must not put the count back to 0.
    for _ in range(2):
        with page.expect_response(re.compile(r"/progress$")):
            pass
    expect(page.locator("#recipients")).to_have_text("2")
    expect(page.locator("#recipients-note")).to_be_visible()

    page.get_by_role("button", name="ยกเลิกประกาศ…").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("ใช่ไหมคะ")
    shot(page, "broadcast-cancel-confirm")
    page.get_by_role("link", name="ไม่ยกเลิก").click()
    expect(page.locator("#broadcast-status")).to_have_text("ตั้งเวลาแล้ว")

    page.get_by_role("button", name="ยกเลิกประกาศ…").click()
    page.get_by_role("button", name="ยืนยันยกเลิกประกาศ").click()
    expect(page.get_by_role("status")).to_contain_text("ยกเลิกประกาศแล้ว")
    expect(page.locator("#broadcast-status")).to_have_text("ยกเลิก")


PHONE = {"width": 390, "height": 844}


def overflows_the_page(page: Page) -> bool:
    """Whether the page itself scrolls sideways (a wide table should scroll in its own box)."""
    return bool(
        page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth + 1")
    )


def test_at_phone_width_a_request_shows_the_phone_and_its_button_scrolls_into_reach(
    console, page
) -> None:
    with console.app.app_context():
        session = get_session()
        session.add(LineUser(id="U" + "7" * 32, display_name="ซูไฮมี"))
        session.flush()
        session.add(
            Volunteer(
                user_id="U" + "7" * 32,
                role=Role.VOLUNTEER,
                province_code="94",
                district_code="9401",
                full_name="ซูไฮมี เจ๊ะมะ",
                phone_encrypted=encrypted_phone("0812345678"),
                consent_at=datetime.now(UTC),
                registered_at=datetime.now(UTC),
            )
        )
        record_request(session, "U" + "7" * 32)
        session.commit()
    page.set_viewport_size(PHONE)
    log_in(page, console.bot.url)
    page.goto(f"{console.bot.url}/admin/agent-requests/")

    row = page.get_by_role("row").filter(has_text="ซูไฮมี")
    expect(row.get_by_role("link", name="0812345678")).to_be_visible()
    assert not overflows_the_page(page)
    wrap = page.locator(".table-wrap").first
    assert wrap.evaluate("w => getComputedStyle(w).overflowX") == "auto"
    shot(page, "agent-requests-phone")
    button = row.get_by_role("button", name="ติดต่อแล้ว")
    button.scroll_into_view_if_needed()
    box, frame = button.bounding_box(), wrap.bounding_box()
    assert box is not None and frame is not None
    assert box["x"] + box["width"] <= frame["x"] + frame["width"] + 1  # inside, not cut off
    shot(page, "agent-requests-phone-scrolled")
    button.click()
    expect(page.get_by_role("status")).to_contain_text("บันทึกว่าติดต่อแล้ว")


def test_at_phone_width_the_topic_doughnut_shows_its_legend_whole_below_it(console, page) -> None:
    long_labels = ["volunteer_role", "complaint_status", "workplace_safety", "skill_training"]
    with console.app.app_context():
        session = get_session()
        for count, intent in enumerate(long_labels, start=1):
            for _ in range(count):
                session.add(
                    MessageLog(
                        direction=Direction.IN,
                        event_type="message.text",
                        text="ถาม",
                        intent=intent,
                        confidence=0.9,
                        decision="accept",
                    )
                )
        session.commit()
    page.set_viewport_size(PHONE)
    log_in(page, console.bot.url)
    expect(page.locator("body[data-charts-ready=true]")).to_have_count(1)

    legend = page.evaluate(
        """() => {
            const chart = document.getElementById('chart-intents').chart;
            const width = chart.ctx.measureText.bind(chart.ctx);
            chart.ctx.font = Chart.helpers.toFont(chart.legend.options.labels.font).string;
            return {
                position: chart.legend.options.position,
                chartWidth: chart.width,
                items: chart.legend.legendItems.map((item, i) => {
                    const box = chart.legend.legendHitBoxes[i];
                    return { text: item.text, right: box.left + box.width,
                             fits: width(item.text).width <= box.width };
                }),
            };
        }"""
    )
    shot(page, "dashboard-doughnut-phone")
    page.locator(".card", has=page.locator("#chart-intents")).screenshot(
        path=str(SCREENSHOTS / "admin-dashboard-doughnut-phone-card.png")
    )

    assert legend["position"] == "bottom"
    texts = [item["text"] for item in legend["items"]]
    assert "ติดตามเรื่องร้องเรียน" in texts and "บทบาทอาสาสมัคร / บัณฑิตแรงงาน" in texts
    for item in legend["items"]:
        assert item["fits"] and item["right"] <= legend["chartWidth"] + 1, item
    assert not overflows_the_page(page)

    page.set_viewport_size({"width": 640, "height": 900})  # one wide card: room beside it
    page.wait_for_function(
        "() => document.getElementById('chart-intents').chart.legend.options.position === 'right'"
    )


def test_at_phone_width_the_audit_log_reads_in_thai_and_scrolls_in_its_own_box(
    console, page
) -> None:
    reference = add_complaint(console.app, province=None)
    page.set_viewport_size(PHONE)
    log_in(page, console.bot.url)
    page.goto(f"{console.bot.url}/admin/complaints/{reference}")
    area_form = page.locator('form[action$="/area"]')
    area_form.locator('select[name="province"]').select_option("94")
    area_form.locator('select[name="district"]').select_option("9401")
    page.get_by_label("เหตุผลที่แก้ไข").fill("ผู้แจ้งโทรมาบอกว่าอยู่ปัตตานี")
    page.get_by_role("button", name="บันทึกพื้นที่").click()
    expect(page.get_by_role("status")).to_contain_text("แก้ไขพื้นที่")
    expect(page.locator("#case-area")).to_contain_text("ปัตตานี / เมืองปัตตานี")
    shot(page, "complaint-area-phone")

    page.goto(f"{console.bot.url}/admin/audit")
    row = page.get_by_role("row").filter(has_text="แก้ไขพื้นที่")
    expect(row).to_contain_text(f"เรื่องร้องเรียน {reference}")
    expect(row).to_contain_text("เหตุผล: ผู้แจ้งโทรมาบอกว่าอยู่ปัตตานี")
    expect(row).to_contain_text("จังหวัดใหม่: ปัตตานี")
    assert not overflows_the_page(page)
    shot(page, "audit-phone")


def test_an_unbroken_5001_character_message_keeps_the_unsure_table_within_the_page(
    console, page
) -> None:
    # Someone pasted one unbroken run of 5,001 characters: it made this table 37,150 px wide.
    long_text = "ก" * 5001
    with console.app.app_context():
        session = get_session()
        for user, text in (("U" + "d" * 32, long_text), ("U" + "e" * 32, "เงินไม่ออก")):
            session.add(
                MessageLog(
                    direction=Direction.IN,
                    event_type="message.text",
                    user_id=user,
                    text=text,
                    intent="labour_protection",
                    confidence=0.4,
                    decision="clarify",
                )
            )
        session.commit()
    log_in(page, console.bot.url)
    page.goto(f"{console.bot.url}/admin/unsure/")

    widths = page.evaluate(
        """() => {
            const wrap = document.querySelector('.table-wrap');
            return {table: wrap.querySelector('table').scrollWidth, wrap: wrap.clientWidth,
                    page: document.documentElement.scrollWidth, window: window.innerWidth};
        }"""
    )
    assert widths["table"] <= widths["wrap"] + 1, widths
    assert widths["page"] <= widths["window"] + 1, widths
    row = page.get_by_role("row").filter(has_text="ดูทั้งหมด")
    expect(row.locator("select[name=intent]")).to_be_visible()  # the labelling form in view
    expect(page.get_by_role("row").filter(has_text="เงินไม่ออก")).to_be_visible()
    shot(page, "unsure-long-message")
    row.get_by_text("ดูทั้งหมด (5,001 ตัวอักษร)").click()
    full = row.locator(".long-text")
    expect(full).to_be_visible()
    assert len(full.inner_text()) == 5001
    assert page.evaluate("() => document.documentElement.scrollWidth") <= widths["window"] + 1
