"""Announcements in the console: what staff are told when they send, counts before sending,
and cancelling only after a confirm step."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from bot.admin.models import StaffUser
from bot.broadcasts.models import Broadcast, BroadcastStatus
from bot.core.db import get_session
from bot.core.users import LineUser
from bot.volunteers.models import Role, Volunteer
from tests.admin.conftest import post

NIGHT = datetime(2026, 11, 21, 15, 0, tzinfo=UTC)  # 22:00 in Thailand, inside quiet hours


def _followers(app, province: str, count: int) -> None:
    with app.app_context():
        session = get_session()
        for n in range(count):
            user_id = f"U{province}{n:030d}"
            session.add(LineUser(id=user_id, display_name=f"คน{n}"))
            session.flush()
            session.add(Volunteer(user_id=user_id, role=Role.VOLUNTEER, province_code=province))
        session.commit()


def _create(client, action: str, at: str = "") -> int:
    response = post(
        client,
        "/admin/broadcasts/",
        {"text": "อบรมอาสาสมัครวันเสาร์นี้ค่ะ", "provinces": "94", "action": action, "at": at},
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.location.rstrip("/").rsplit("/", 1)[1])


def _flash(client, broadcast_id: int) -> str:
    page = client.get(f"/admin/broadcasts/{broadcast_id}").get_data(as_text=True)
    start = page.index('class="flash')
    return page[start : page.index("</p>", start)]


def _status(app, broadcast_id: int) -> BroadcastStatus:
    with app.app_context():
        return get_session().scalar(select(Broadcast.status).where(Broadcast.id == broadcast_id))


def test_sending_in_quiet_hours_says_it_was_delayed_why_and_until_when_in_buddhist_era(
    app, clients
) -> None:
    app.config.update(QUIET_HOURS="21:00-07:00", CLOCK=lambda: NIGHT)
    admin = clients["admin"]

    delayed = _create(admin, "send")
    told_delayed = _flash(admin, delayed)
    later = _create(admin, "send", at="2026-11-23T10:00")
    told = _flash(admin, later)

    assert "เลื่อนไปส่ง 22 พ.ย. 2569 07:00 น. เพราะอยู่ในช่วงงดส่ง 21:00–07:00 น." in told_delayed
    assert "ตั้งเวลาส่งแล้ว จะส่งเวลา 23 พ.ย. 2569 10:00 น." in told
    assert "2026" not in told and "งดส่ง" not in told
    for broadcast_id in (delayed, later):  # nothing left waiting on a timer after the test
        post(admin, f"/admin/broadcasts/{broadcast_id}/cancel")


def test_a_broadcast_not_sent_yet_shows_the_audience_it_would_reach_now(app, clients) -> None:
    _followers(app, "94", 3)
    _followers(app, "95", 2)
    admin = clients["admin"]
    composing = admin.get("/admin/broadcasts/count?provinces=94").get_json()["count"]
    draft = _create(admin, "draft")

    page = admin.get(f"/admin/broadcasts/{draft}").get_data(as_text=True)
    listing = admin.get("/admin/broadcasts/").get_data(as_text=True)

    assert composing == 3
    assert f'<strong id="recipients">{composing}</strong>' in page and "โดยประมาณ" in page
    assert f"~{composing}" in listing


def test_cancelling_asks_for_confirmation_on_its_own_page_first(app, clients) -> None:
    admin = clients["admin"]
    app.config.update(QUIET_HOURS="21:00-07:00", CLOCK=lambda: NIGHT)
    scheduled = _create(admin, "send")
    show = admin.get(f"/admin/broadcasts/{scheduled}").get_data(as_text=True)
    cancel_url = f"/admin/broadcasts/{scheduled}/cancel"

    # The broadcast page only leads to the confirm page; nothing there posts a cancel.
    assert f'method="get" action="{cancel_url}"' in show
    assert f'method="post" action="{cancel_url}"' not in show
    confirm = admin.get(cancel_url)
    assert confirm.status_code == 200 and _status(app, scheduled) is BroadcastStatus.SCHEDULED
    body = confirm.get_data(as_text=True)
    assert "ยกเลิกประกาศ #" in body and "ใช่ไหมคะ" in body
    assert f'method="post" action="{cancel_url}"' in body and 'name="csrf_token"' in body
    assert f'href="/admin/broadcasts/{scheduled}"' in body  # the way back without cancelling

    assert post(admin, cancel_url).status_code == 302
    assert _status(app, scheduled) is BroadcastStatus.CANCELLED
    # Once cancelled, the confirm page is not offered again.
    assert admin.get(cancel_url).status_code == 302


def test_sending_now_says_sending_began_which_stays_true_once_it_has_finished(
    app, clients
) -> None:
    admin = clients["admin"]
    sent = _create(admin, "send")

    told = _flash(admin, sent)

    assert "เริ่มส่งประกาศแล้วค่ะ ดูความคืบหน้าด้านล่าง" in told
    assert "กำลังส่ง" not in told


def test_the_broadcast_page_names_its_author_by_display_name_or_else_username(
    app, clients
) -> None:
    admin = clients["admin"]
    by_admin = _create(admin, "draft")
    with app.app_context():
        session = get_session()
        from_cli = Broadcast(messages=[{"type": "text", "text": "ทดสอบ"}], created_by="cli")
        session.add(from_cli)
        nameless = session.scalar(select(StaffUser).where(StaffUser.username == "pattani"))
        assert nameless is not None
        nameless.display_name = ""
        session.commit()
        by_cli = from_cli.id
    by_officer = _create(clients["pattani"], "draft")

    def author(broadcast_id: int) -> str:
        page = admin.get(f"/admin/broadcasts/{broadcast_id}").get_data(as_text=True)
        start = page.index('id="broadcast-author"')
        return page[start : page.index("</dd>", start)]

    assert "คุณadmin" in author(by_admin) and "staff:" not in author(by_admin)
    assert "pattani ·" in author(by_officer) and "staff:" not in author(by_officer)
    assert "ผู้ดูแลระบบ (คำสั่ง)" in author(by_cli)
