"""Announcements in the console: what staff are told when they send, counts before sending,
sending and cancelling only after a confirm step, and no sending to nobody."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from bot.admin.models import StaffUser
from bot.broadcasts.models import Broadcast, BroadcastStatus
from bot.broadcasts.views import NO_RECIPIENTS
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
    """Compose and save ("draft") or send, through the confirm page as staff do."""
    response = post(
        client,
        "/admin/broadcasts/",
        {"text": "อบรมอาสาสมัครวันเสาร์นี้ค่ะ", "provinces": "94", "action": action, "at": at},
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    if action != "send":
        return int(response.location.rstrip("/").rsplit("/", 1)[1])
    confirm = urlsplit(response.location)
    broadcast_id = int(confirm.path.split("/")[-2])
    assert confirm.path == f"/admin/broadcasts/{broadcast_id}/send"
    asked_at = parse_qs(confirm.query).get("at", [""])[0]
    assert asked_at == at
    assert client.get(response.location).status_code == 200
    sent = post(client, confirm.path, {"at": asked_at})
    assert sent.status_code == 302 and sent.location.endswith(f"/broadcasts/{broadcast_id}")
    return broadcast_id


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
    _followers(app, "94", 1)
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
    _followers(app, "94", 1)
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
    _followers(app, "94", 1)
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


def test_sending_asks_on_a_confirm_page_showing_the_audience_count_and_sends_only_then(
    app, clients
) -> None:
    _followers(app, "94", 3)
    _followers(app, "95", 2)
    admin = clients["admin"]
    composed = post(
        admin,
        "/admin/broadcasts/",
        {"text": "ประชุมอาสาวันจันทร์ค่ะ", "provinces": "94", "action": "send", "urgent": "1"},
    )
    assert composed.status_code == 302
    confirm_url = composed.location
    broadcast_id = int(confirm_url.rstrip("/").split("/")[-2])
    assert _status(app, broadcast_id) is BroadcastStatus.DRAFT  # nothing sent yet

    page = admin.get(confirm_url).get_data(as_text=True)
    assert "ส่งประกาศ #" in page and "ใช่ไหมคะ" in page
    assert '<strong id="confirm-count">3</strong> คน' in page
    assert "ยืนยันส่งถึง 3 คน" in page and "ส่งทันที" in page and "ด่วน" in page
    assert f'method="post" action="/admin/broadcasts/{broadcast_id}/send"' in page
    assert f'href="/admin/broadcasts/{broadcast_id}"' in page  # the way back without sending
    show = admin.get(f"/admin/broadcasts/{broadcast_id}").get_data(as_text=True)
    assert f'method="get" action="/admin/broadcasts/{broadcast_id}/send"' in show
    assert f'method="post" action="/admin/broadcasts/{broadcast_id}/send"' not in show

    assert post(admin, f"/admin/broadcasts/{broadcast_id}/send").status_code == 302
    assert _status(app, broadcast_id) is not BroadcastStatus.DRAFT
    # Once sent, the confirm page is not offered again.
    assert admin.get(confirm_url).status_code == 302


def test_an_announcement_that_would_reach_nobody_is_refused_with_a_thai_reason(
    app, clients
) -> None:
    admin = clients["admin"]  # nobody follows in Narathiwat (96)
    form = {"text": "ข่าวถึงนราธิวาส", "provinces": "96", "action": "send"}

    refused = post(admin, "/admin/broadcasts/", form)

    assert refused.status_code == 400
    body = refused.get_data(as_text=True)
    assert NO_RECIPIENTS in body and "ข่าวถึงนราธิวาส" in body  # the text is kept to fix
    with app.app_context():
        assert get_session().scalar(select(Broadcast.id)) is None

    # A draft for nobody can be saved, but its confirm page offers no send, nor does a post.
    draft = post(admin, "/admin/broadcasts/", {**form, "action": "draft"})
    broadcast_id = int(draft.location.rstrip("/").rsplit("/", 1)[1])
    page = admin.get(f"/admin/broadcasts/{broadcast_id}/send").get_data(as_text=True)
    assert NO_RECIPIENTS in page and "ยืนยันส่ง" not in page
    assert '<strong id="confirm-count">0</strong>' in page
    assert post(admin, f"/admin/broadcasts/{broadcast_id}/send").status_code == 302
    assert _status(app, broadcast_id) is BroadcastStatus.DRAFT
    assert NO_RECIPIENTS in _flash(admin, broadcast_id)
