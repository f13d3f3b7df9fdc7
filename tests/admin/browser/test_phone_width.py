"""The console at a phone's width in Debian's headless Chromium: nothing wider than the screen.

Screenshots land in var/screenshots/ so a person can check Thai renders as Thai.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from playwright.sync_api import Page, expect

from bot.agent_requests.service import record_request
from bot.chat.models import Direction, MessageLog
from bot.core.db import get_session
from bot.core.users import LineUser
from bot.volunteers.models import Role, Volunteer
from tests.admin.browser.support import log_in, shot
from tests.admin.conftest import (
    add_complaint,
    encrypted_phone,
)
from tests.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser


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
