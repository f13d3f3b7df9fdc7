"""Driving the chat page as a person does: open it, become a user, type; plus screenshots."""

from __future__ import annotations

import struct
import zlib

from playwright.sync_api import Page, ViewportSize, expect

from linesim.server import RunningSim
from tests.conftest import SCREENSHOTS
from tests.linesim.chat_page.bot import GREETING

PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
SECRET = "chat-page-test-secret"
TOKEN = "chat-page-test-token"


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
