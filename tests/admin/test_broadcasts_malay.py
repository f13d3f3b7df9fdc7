"""The compose page takes an optional Malay text beside each Thai one, and previews both."""

from __future__ import annotations

from sqlalchemy import select

from bot.broadcasts.models import Broadcast
from bot.broadcasts.views import MALAY_WITHOUT_THAI
from bot.core.db import get_session
from tests.admin.conftest import post

THAI = "อบรมอาสาสมัครวันเสาร์นี้ค่ะ"
MALAY = "Latihan sukarelawan pada hari Sabtu ini."


def _stored(app, broadcast_id: int) -> Broadcast:
    with app.app_context():
        broadcast = get_session().scalar(select(Broadcast).where(Broadcast.id == broadcast_id))
        assert broadcast is not None
        return broadcast


def test_the_compose_page_has_a_malay_box_beside_each_thai_one_and_a_malay_preview(
    clients,
) -> None:
    page = clients["admin"].get("/admin/broadcasts/new").get_data(as_text=True)

    assert page.count('name="text_ms"') == page.count('name="text"') == 5
    assert 'id="line-preview-ms"' in page


def test_a_malay_text_is_stored_as_the_malay_version_and_shown_on_the_broadcast_page(
    app, clients
) -> None:
    admin = clients["admin"]
    form = {"text": [THAI, "ข้อสอง", ""], "text_ms": [MALAY, "", ""], "action": "draft"}
    response = post(admin, "/admin/broadcasts/", form)
    assert response.status_code == 302, response.get_data(as_text=True)
    broadcast_id = int(response.location.rstrip("/").rsplit("/", 1)[1])

    stored = _stored(app, broadcast_id)
    assert stored.messages == [{"type": "text", "text": THAI}, {"type": "text", "text": "ข้อสอง"}]
    # The second message had no Malay: Malay speakers get its Thai.
    assert stored.messages_ms == [
        {"type": "text", "text": MALAY},
        {"type": "text", "text": "ข้อสอง"},
    ]
    shown = admin.get(f"/admin/broadcasts/{broadcast_id}").get_data(as_text=True)
    assert "ผู้รับภาษามลายู" in shown and MALAY in shown


def test_without_malay_nothing_malay_is_stored_or_shown(app, clients) -> None:
    admin = clients["admin"]
    response = post(admin, "/admin/broadcasts/", {"text": THAI, "action": "draft"})
    broadcast_id = int(response.location.rstrip("/").rsplit("/", 1)[1])

    assert _stored(app, broadcast_id).messages_ms is None
    assert "ผู้รับภาษามลายู" not in admin.get(f"/admin/broadcasts/{broadcast_id}").get_data(
        as_text=True
    )


def test_a_malay_text_without_its_thai_is_refused_politely(app, clients) -> None:
    response = post(
        clients["admin"],
        "/admin/broadcasts/",
        {"text": [THAI, ""], "text_ms": ["", MALAY], "action": "draft"},
    )

    assert response.status_code == 400
    assert MALAY_WITHOUT_THAI in response.get_data(as_text=True)
    with app.app_context():
        assert get_session().scalar(select(Broadcast.id)) is None
