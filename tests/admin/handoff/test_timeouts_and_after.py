"""Talking to an officer, afterwards: timeouts, office hours, ratings, erasure, cards, photos."""

from __future__ import annotations

from sqlalchemy import select

from bot.admin.models import AuditEntry
from bot.agent_requests.models import HandoffMessage, HandoffStatus
from bot.core.db import get_session
from tests.admin.conftest import post
from tests.admin.handoff.support import (
    PERSON,
    ask_for_officer,
    current_handoff,
    event_body,
    person_says,
    send_event,
    sweep_at,
)


def test_nobody_taking_in_time_gives_the_hotlines_and_a_call_back_button(app, line, person) -> None:
    from datetime import timedelta

    from bot.agent_requests.models import AgentRequest
    from bot.core.orm import utcnow

    ask_for_officer(app, line)
    assert sweep_at(app, line, utcnow() + timedelta(minutes=14)).unanswered == 0
    assert sweep_at(app, line, utcnow() + timedelta(minutes=16)).unanswered == 1
    found = current_handoff(app)
    assert (found.status, found.closed_reason) == (HandoffStatus.CLOSED, "no_officer")
    [notice] = [p for p in line.pushes if "ยังไม่มีเจ้าหน้าที่ว่าง" in p["messages"][0]["text"]]
    assert "สายด่วน" in notice["messages"][1]["text"]
    [button] = notice["messages"][-1]["quickReply"]["items"]
    assert button["action"]["data"] == "action=handoff_callback"

    send_event(app, event_body(postback="action=handoff_callback"))
    with app.app_context():
        assert get_session().scalar(select(AgentRequest.user_id)) == PERSON  # the call-back list
    assert sweep_at(app, line, utcnow() + timedelta(minutes=40)).unanswered == 0  # told once


def test_the_wait_runs_only_in_office_hours_and_after_hours_the_person_is_told_when(
    app, line, person
) -> None:
    from datetime import UTC, datetime

    saturday_noon = datetime(2026, 12, 5, 5, 0, tzinfo=UTC)  # 12:00 in Bangkok
    ask_for_officer(app, line)
    assert sweep_at(app, line, saturday_noon, "mon-fri 08:30-16:30").unanswered == 0
    assert current_handoff(app).status is HandoffStatus.WAITING

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
    [asked] = ask_for_officer(app, line)
    assert "นอกเวลาทำการ" in asked and "เวลา 00:00 น." in asked


def test_a_quiet_officer_conversation_returns_to_the_bot_with_a_notice(
    app, line, person, clients
) -> None:
    from datetime import timedelta

    from bot.core.orm import utcnow

    ask_for_officer(app, line)
    handoff_id = current_handoff(app).id
    post(clients["pattani"], f"/admin/chats/{handoff_id}/take")
    assert sweep_at(app, line, utcnow() + timedelta(minutes=29)).idle == 0
    assert sweep_at(app, line, utcnow() + timedelta(minutes=31)).idle == 1
    assert current_handoff(app).closed_reason == "idle"
    assert any("ไม่มีข้อความในการคุยกับเจ้าหน้าที่มาสักพัก" in t for t in line.pushed_texts())
    assert person_says(app, line, "สวัสดีค่ะ")  # the bot answers again


def test_transcripts_are_erased_with_the_complaint_retention_period(app, line, person) -> None:
    from datetime import timedelta

    from bot.agent_requests.jobs import erase_expired
    from bot.core.orm import utcnow

    ask_for_officer(app, line)
    person_says(app, line, "ยกเลิก")
    with app.app_context():
        session = get_session()
        assert erase_expired(session, years=2, now=utcnow() + timedelta(days=365)) == 0
        assert erase_expired(session, years=2, now=utcnow() + timedelta(days=3 * 365)) == 1
        assert session.scalars(select(HandoffMessage)).all() == []


def test_ratings_show_on_the_dashboard_for_the_viewers_provinces(
    app, line, person, clients
) -> None:
    ask_for_officer(app, line)
    handoff_id = current_handoff(app).id
    post(clients["pattani"], f"/admin/chats/{handoff_id}/take")
    post(clients["pattani"], f"/admin/chats/{handoff_id}/end")
    send_event(app, event_body(postback=f"action=handoff_rating&id={handoff_id}&score=4"))

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
    ask_for_officer(app, line)
    handoff_id = current_handoff(app).id
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
    ask_for_officer(app, line)
    handoff_id = current_handoff(app).id
    send_event(
        app, event_body({"type": "image", "contentProvider": {"type": "line"}, "quoteToken": "q"})
    )
    send_event(
        app,
        event_body({"type": "location", "title": "ปัตตานี", "latitude": 6.87, "longitude": 101.25}),
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
