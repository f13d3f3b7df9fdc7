"""Talking to an officer: the bot steps aside, the console takes, answers and ends, once each."""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import select

from bot.admin.models import AuditEntry
from bot.agent_requests import handoff as service
from bot.agent_requests.models import Handoff, HandoffMessage, HandoffStatus
from bot.core.db import get_session
from bot.core.users import LineUser
from bot.volunteers.models import Role, Volunteer
from tests.admin.conftest import post
from tests.support.channel import CHANNEL_SECRET
from tests.support.events import signed_post
from tests.support.fakes import RecordingLine

PERSON = "U" + "b" * 32
_ids = itertools.count(1)


@dataclass
class HandoffLine(RecordingLine):
    """Replies as RecordingLine records them, plus pushes, read marks and the quota."""

    pushes: list[dict[str, Any]] = field(default_factory=list)
    read: list[str] = field(default_factory=list)
    keys_seen: set[str] = field(default_factory=set)
    _push_lock: threading.Lock = field(default_factory=threading.Lock)

    def push(self, to: str, messages: Any, retry_key: str | None = None) -> None:
        with self._push_lock:
            if retry_key in self.keys_seen:
                from linebot.v3.messaging import ApiException

                raise ApiException(status=409, reason="Conflict")  # as LINE answers a reused key
            self.keys_seen.add(retry_key or "")
            self.pushes.append(
                {"to": to, "messages": [m.to_dict() for m in messages], "retry_key": retry_key}
            )

    def content(self, message_id: str) -> bytes:
        return b"\x89PNG\r\n\x1a\n" + message_id.encode()

    def mark_as_read(self, token: str) -> None:
        self.read.append(token)

    def quota(self) -> tuple[int | None, int]:
        return 500, len(self.pushes)

    def pushed_texts(self) -> list[str]:
        return [m.get("text", "") for p in self.pushes for m in p["messages"]]


@pytest.fixture
def line() -> HandoffLine:
    return HandoffLine()


def _event(message: dict[str, Any] | None = None, postback: str | None = None) -> dict[str, Any]:
    n = next(_ids)
    event: dict[str, Any] = {
        "webhookEventId": f"01HANDOFF{n:017d}",
        "deliveryContext": {"isRedelivery": False},
        "timestamp": 1763700000000,
        "source": {"type": "user", "userId": PERSON},
        "replyToken": f"r{n:031d}",
        "mode": "active",
    }
    if postback is not None:
        event.update(type="postback", postback={"data": postback})
    else:
        event.update(type="message", message={"id": str(9000 + n), **(message or {})})
    return event


def _send(app, event: dict[str, Any]) -> None:
    body = {"destination": "Uf" + "0" * 31, "events": [event]}
    assert signed_post(app.test_client(), body, CHANNEL_SECRET).status_code == 200


def _says(app, line: HandoffLine, text: str) -> list[str]:
    before = len(line.deliveries)
    _send(
        app,
        _event(
            {"type": "text", "text": text, "quoteToken": "q", "markAsReadToken": "t" + text[:8]}
        ),
    )
    return [m.get("text", "") for d in line.deliveries[before:] for m in d["messages"]]


def _ask(app, line: HandoffLine) -> list[str]:
    before = len(line.deliveries)
    _send(app, _event(postback="action=intent&intent=human_agent"))
    return [m.get("text", "") for d in line.deliveries[before:] for m in d["messages"]]


@pytest.fixture
def person(app) -> None:
    with app.app_context():
        session = get_session()
        session.add(LineUser(id=PERSON, display_name="ซารีฟะห์"))
        session.flush()
        session.add(Volunteer(user_id=PERSON, role=Role.VOLUNTEER, province_code="94"))
        session.commit()


def _handoff(app) -> Handoff:
    with app.app_context():
        found = get_session().scalar(select(Handoff).order_by(Handoff.id.desc()))
        assert found is not None
        return found


def test_asking_opens_a_waiting_conversation_and_the_bot_stays_silent_until_handed_back(
    app, line, person
) -> None:
    [asked] = _ask(app, line)
    assert "เจ้าหน้าที่จะตอบในแชตนี้" in asked
    assert _handoff(app).status is HandoffStatus.WAITING and _handoff(app).province_code == "94"

    assert _says(app, line, "สวัสดีค่ะ โทร 081-234-5678 ได้ไหม") == []  # nothing from the bot
    with app.app_context():
        lines = get_session().scalars(select(HandoffMessage.text).order_by(HandoffMessage.id))
        said = list(lines)[-1]
    assert said == "สวัสดีค่ะ โทร [เบอร์โทร] ได้ไหม"  # shown to the officer, phone masked
    with app.app_context():
        from bot.chat.models import MessageLog

        logged = get_session().scalars(select(MessageLog.text)).all()
    assert "สวัสดีค่ะ โทร [เบอร์โทร] ได้ไหม" in logged and not any("5678" in (t or "") for t in logged)

    back = _says(app, line, "ยกเลิก")
    assert back and "กลับมาคุยกับอาสาบอทแล้ว" in back[0]
    assert _handoff(app).status is HandoffStatus.CLOSED and _handoff(app).closed_reason == "person"
    assert _says(app, line, "สวัสดีค่ะ")  # the bot answers again


def test_take_is_one_owner_and_the_person_is_told(app, line, person, clients) -> None:
    _ask(app, line)
    handoff_id = _handoff(app).id
    url = f"/admin/chats/{handoff_id}/take"
    assert post(clients["yala"], url).status_code == 403  # another province's conversation

    post(clients["pattani"], url)
    post(clients["admin"], url)  # a second officer a moment later: nothing changes

    found = _handoff(app)
    assert found.status is HandoffStatus.ACTIVE
    with app.app_context():
        taken = (
            get_session()
            .scalars(select(AuditEntry.username).where(AuditEntry.action == "handoff.taken"))
            .all()
        )
    assert taken == ["pattani"]
    assert line.pushed_texts().count("เจ้าหน้าที่เข้ามาคุยแล้วค่ะ พิมพ์ข้อความได้เลยค่ะ") == 1


def test_two_officers_taking_at_once_leave_exactly_one_owner(app, line, person, staff) -> None:
    _ask(app, line)
    handoff_id = _handoff(app).id
    with app.app_context():
        from bot.admin.models import StaffUser

        first, second = get_session(), app.extensions["asabot.sessions"]()
        pattani = first.get(StaffUser, staff["pattani"])
        admin = second.get(StaffUser, staff["admin"])
        assert service.take(first, handoff_id, pattani)
        first.commit()
        # The second officer's page still showed it waiting: the UPDATE matches no row.
        assert not service.take(second, handoff_id, admin)
        second.commit()
        second.close()
    assert _handoff(app).officer_id == staff["pattani"]


def test_an_officer_reply_is_pushed_once_per_form_and_the_bot_stays_silent(
    app, line, person, clients
) -> None:
    _ask(app, line)
    handoff_id = _handoff(app).id
    post(clients["pattani"], f"/admin/chats/{handoff_id}/take")
    page = clients["pattani"].get(f"/admin/chats/{handoff_id}").get_data(as_text=True)
    key = page.split('name="retry_key" value="')[1].split('"')[0]

    for _ in range(2):  # a double click sends the same form twice
        post(
            clients["pattani"],
            f"/admin/chats/{handoff_id}/reply",
            {"text": "สวัสดีค่ะ", "retry_key": key},
        )
    officer_pushes = [p for p in line.pushes if p["retry_key"] == key]
    assert [p["messages"][0]["text"] for p in officer_pushes] == ["สวัสดีค่ะ"]
    assert (
        post(
            clients["admin"], f"/admin/chats/{handoff_id}/reply", {"text": "x", "retry_key": key}
        ).status_code
        == 403
    )

    assert _says(app, line, "เงินเดือนไม่ออกค่ะ") == []
    polled = clients["pattani"].get(f"/admin/chats/{handoff_id}/messages.json?after=0").get_json()
    assert [(m["sender"], m["text"]) for m in polled["lines"]][-2:] == [
        ("officer", "สวัสดีค่ะ"),
        ("person", "เงินเดือนไม่ออกค่ะ"),
    ]
    assert line.read == ["t" + "เงินเดือนไม่ออกค่ะ"[:8]]  # the owner has seen it: read
    last = polled["lines"][-1]["id"]
    again = (
        clients["pattani"].get(f"/admin/chats/{handoff_id}/messages.json?after={last}").get_json()
    )
    assert again == {"status": "active", "lines": []}


def test_ending_with_a_note_hands_back_asks_for_a_rating_and_is_audited(
    app, line, person, clients
) -> None:
    _ask(app, line)
    handoff_id = _handoff(app).id
    post(clients["pattani"], f"/admin/chats/{handoff_id}/take")
    post(clients["pattani"], f"/admin/chats/{handoff_id}/end", {"note": "แนะนำให้แจ้งเรื่อง"})

    found = _handoff(app)
    assert (found.status, found.closed_reason, found.close_note) == (
        HandoffStatus.CLOSED, "officer", "แนะนำให้แจ้งเรื่อง",
    )  # fmt: skip
    assert "เจ้าหน้าที่จบการสนทนาแล้วค่ะ ตอนนี้กลับมาคุยกับอาสาบอทแล้ว" in line.pushed_texts()
    with app.app_context():
        closed = get_session().scalar(
            select(AuditEntry).where(AuditEntry.action == "handoff.closed")
        )
        assert closed is not None and closed.detail == {"note": "แนะนำให้แจ้งเรื่อง"}

    _send(app, _event(postback=f"action=handoff_rating&id={handoff_id}&score=4"))
    _send(app, _event(postback=f"action=handoff_rating&id={handoff_id}&score=1"))  # once only
    assert _handoff(app).rating == 4
    assert _says(app, line, "สวัสดีค่ะ")  # the bot answers again


def test_transfer_goes_only_to_an_officer_of_the_province(
    app, line, person, clients, staff
) -> None:
    from bot.admin.models import StaffUser
    from tests.admin.conftest import add_staff

    colleague = add_staff(app, "pattani2", "officer", ("94",))
    _ask(app, line)
    handoff_id = _handoff(app).id
    post(clients["pattani"], f"/admin/chats/{handoff_id}/take")
    post(clients["pattani"], f"/admin/chats/{handoff_id}/transfer", {"to": staff["yala"]})
    assert _handoff(app).officer_id == staff["pattani"]
    post(clients["pattani"], f"/admin/chats/{handoff_id}/transfer", {"to": colleague})
    assert _handoff(app).officer_id == colleague
    with app.app_context():
        assert get_session().get(StaffUser, colleague) is not None
        moved = get_session().scalar(
            select(AuditEntry).where(AuditEntry.action == "handoff.transferred")
        )
        assert moved is not None and moved.detail == {"to_staff": "pattani2"}


def test_the_inbox_shows_the_quota_and_only_the_viewers_provinces(
    app, line, person, clients
) -> None:
    _ask(app, line)
    pattani = clients["pattani"].get("/admin/chats/").get_data(as_text=True)
    assert "ซารีฟะห์" in pattani and "ส่งไปแล้ว 0 จาก 500 ข้อความ" in pattani
    assert "แชทกับประชาชน" in pattani  # the menu item
    assert "ซารีฟะห์" not in clients["yala"].get("/admin/chats/").get_data(as_text=True)
    assert clients["ombudsman"].get("/admin/chats/").status_code == 403


def test_erasing_a_person_erases_their_transcripts(app, line, person) -> None:
    from bot.agent_requests.service import forget_user

    _ask(app, line)
    _says(app, line, "ข้อความ")
    with app.app_context():
        session = get_session()
        forget_user(session, PERSON)
        session.commit()
        assert session.scalars(select(Handoff)).all() == []
        assert session.scalars(select(HandoffMessage)).all() == []


def _sweep(app, line, now, hours: str = "") -> Any:
    from datetime import timedelta

    from bot.agent_requests.jobs import sweep
    from bot.agent_requests.office_hours import OfficeHours

    with app.app_context():
        return sweep(
            get_session(),
            line,
            wait=timedelta(minutes=15),
            idle=timedelta(minutes=30),
            hours=OfficeHours.parse(hours, "Asia/Bangkok") if hours else None,
            now=now,
        )


def test_nobody_taking_in_time_gives_the_hotlines_and_a_call_back_button(app, line, person) -> None:
    from datetime import timedelta

    from bot.agent_requests.models import AgentRequest
    from bot.core.orm import utcnow

    _ask(app, line)
    assert _sweep(app, line, utcnow() + timedelta(minutes=14)).unanswered == 0
    assert _sweep(app, line, utcnow() + timedelta(minutes=16)).unanswered == 1
    found = _handoff(app)
    assert (found.status, found.closed_reason) == (HandoffStatus.CLOSED, "no_officer")
    [notice] = [p for p in line.pushes if "ยังไม่มีเจ้าหน้าที่ว่าง" in p["messages"][0]["text"]]
    assert "สายด่วน" in notice["messages"][1]["text"]
    [button] = notice["messages"][-1]["quickReply"]["items"]
    assert button["action"]["data"] == "action=handoff_callback"

    _send(app, _event(postback="action=handoff_callback"))
    with app.app_context():
        assert get_session().scalar(select(AgentRequest.user_id)) == PERSON  # the call-back list
    assert _sweep(app, line, utcnow() + timedelta(minutes=40)).unanswered == 0  # told once


def test_the_wait_runs_only_in_office_hours_and_after_hours_the_person_is_told_when(
    app, line, person
) -> None:
    from datetime import UTC, datetime

    saturday_noon = datetime(2026, 12, 5, 5, 0, tzinfo=UTC)  # 12:00 in Bangkok
    _ask(app, line)
    assert _sweep(app, line, saturday_noon, "mon-fri 08:30-16:30").unanswered == 0
    assert _handoff(app).status is HandoffStatus.WAITING

    with app.app_context():
        from bot.agent_requests.office_hours import OfficeHours

        hours = OfficeHours.parse("mon-fri 08:30-16:30", "Asia/Bangkok")
        assert hours.when_staff_read(saturday_noon) == "วันจันทร์ เวลา 08:30 น."


def test_after_hours_asking_says_when_staff_will_read_it(db_url, tmp_path, line) -> None:
    from tests.admin.conftest import console_config
    from tests.conftest import make_bot_app

    # Every hour of every day is "closed" but Monday 00:00-00:01, so the notice always shows.
    app = make_bot_app(
        db_url, LINE_API=line, **{**console_config(tmp_path), "OFFICE_HOURS": "mon 00:00-00:01"}
    )
    [asked] = _ask(app, line)
    assert "นอกเวลาทำการ" in asked and "เวลา 00:00 น." in asked


def test_a_quiet_officer_conversation_returns_to_the_bot_with_a_notice(
    app, line, person, clients
) -> None:
    from datetime import timedelta

    from bot.core.orm import utcnow

    _ask(app, line)
    handoff_id = _handoff(app).id
    post(clients["pattani"], f"/admin/chats/{handoff_id}/take")
    assert _sweep(app, line, utcnow() + timedelta(minutes=29)).idle == 0
    assert _sweep(app, line, utcnow() + timedelta(minutes=31)).idle == 1
    assert _handoff(app).closed_reason == "idle"
    assert any("ไม่มีข้อความในการคุยกับเจ้าหน้าที่มาสักพัก" in t for t in line.pushed_texts())
    assert _says(app, line, "สวัสดีค่ะ")  # the bot answers again


def test_transcripts_are_erased_with_the_complaint_retention_period(app, line, person) -> None:
    from datetime import timedelta

    from bot.agent_requests.jobs import erase_expired
    from bot.core.orm import utcnow

    _ask(app, line)
    _says(app, line, "ยกเลิก")
    with app.app_context():
        session = get_session()
        assert erase_expired(session, years=2, now=utcnow() + timedelta(days=365)) == 0
        assert erase_expired(session, years=2, now=utcnow() + timedelta(days=3 * 365)) == 1
        assert session.scalars(select(HandoffMessage)).all() == []


def test_ratings_show_on_the_dashboard_for_the_viewers_provinces(
    app, line, person, clients
) -> None:
    _ask(app, line)
    handoff_id = _handoff(app).id
    post(clients["pattani"], f"/admin/chats/{handoff_id}/take")
    post(clients["pattani"], f"/admin/chats/{handoff_id}/end")
    _send(app, _event(postback=f"action=handoff_rating&id={handoff_id}&score=4"))

    pattani = clients["pattani"].get("/admin/").get_data(as_text=True)
    assert "คะแนนแชทกับเจ้าหน้าที่ 30 วัน<strong>4.0</strong>" in pattani
    assert "1 คะแนน จาก 1 การสนทนา" in pattani
    assert "0 คะแนน จาก 0 การสนทนา" in clients["yala"].get("/admin/").get_data(as_text=True)
    assert "คะแนนแชทกับเจ้าหน้าที่" not in clients["ombudsman"].get("/admin/").get_data(as_text=True)


def test_an_article_goes_as_its_card_once_and_canned_replies_are_offered(
    app, line, person, clients
) -> None:
    import datetime as dt

    from bot.agent_requests.canned import CANNED_REPLIES
    from bot.content.models import ContentArticle

    with app.app_context():
        session = get_session()
        session.add(
            ContentArticle(
                id="minimum-wage", lang="th", title="ค่าแรงขั้นต่ำ", label="ค่าแรง",
                summary="อัตราค่าจ้างขั้นต่ำรายวัน", body="อัตราค่าจ้างขั้นต่ำ", intents=[],
                provinces=[], related=[], sources=[], audience="all", reviewed=dt.date(2026, 11, 1),
                search_tokens="ค่าแรง", content_hash="0" * 64, source_path="th/minimum-wage.md",
            )
        )  # fmt: skip
        session.commit()
    _ask(app, line)
    handoff_id = _handoff(app).id
    post(clients["pattani"], f"/admin/chats/{handoff_id}/take")
    page = clients["pattani"].get(f"/admin/chats/{handoff_id}").get_data(as_text=True)
    assert all(f'data-fill="{text}"' in page for text in CANNED_REPLIES)
    key = page.split('name="retry_key" value="')[2].split('"')[0]  # the article form's own key

    for _ in range(2):
        post(
            clients["pattani"],
            f"/admin/chats/{handoff_id}/article",
            {"article": "minimum-wage", "retry_key": key},
        )
    [card] = [p for p in line.pushes if p["retry_key"] == key]
    assert card["messages"][0]["type"] == "flex"
    polled = clients["pattani"].get(f"/admin/chats/{handoff_id}/messages.json").get_json()
    assert (polled["lines"][-1]["kind"], polled["lines"][-1]["text"]) == ("article", "ค่าแรงขั้นต่ำ")


def test_photos_and_places_reach_the_transcript_and_a_photo_opens_from_line(
    app, line, person, clients
) -> None:
    _ask(app, line)
    handoff_id = _handoff(app).id
    _send(app, _event({"type": "image", "contentProvider": {"type": "line"}, "quoteToken": "q"}))
    _send(
        app,
        _event({"type": "location", "title": "ปัตตานี", "latitude": 6.87, "longitude": 101.25}),
    )
    assert line.deliveries[-1]["messages"][0]["text"].startswith("ส่งเรื่องถึงเจ้าหน้าที่แล้ว")
    polled = clients["pattani"].get(f"/admin/chats/{handoff_id}/messages.json").get_json()
    image, place = polled["lines"][-2:]
    assert (image["kind"], place["kind"], place["text"]) == (
        "image", "location", "ปัตตานี (6.87000, 101.25000)",
    )  # fmt: skip
    shown = clients["pattani"].get(f"/admin/chats/{handoff_id}/photo/{image['id']}")
    assert shown.status_code == 200 and shown.mimetype == "image/png"
    assert clients["yala"].get(f"/admin/chats/{handoff_id}/photo/{image['id']}").status_code == 403
    with app.app_context():
        viewed = get_session().scalars(
            select(AuditEntry.username).where(AuditEntry.action == "handoff.photo_viewed")
        )
        assert list(viewed) == ["pattani"]
