"""Talking to an officer: the bot steps aside, the console takes, answers and ends, once each."""

from __future__ import annotations

from sqlalchemy import select

from bot.admin.models import AuditEntry
from bot.agent_requests import handoff as service
from bot.agent_requests.models import Handoff, HandoffMessage, HandoffStatus
from bot.core.db import get_session
from tests.admin.conftest import post
from tests.admin.handoff.support import (
    PERSON,
    ask_for_officer,
    current_handoff,
    event_body,
    person_says,
    send_event,
)


def test_asking_opens_a_waiting_conversation_and_the_bot_stays_silent_until_handed_back(
    app, line, person
) -> None:
    [asked] = ask_for_officer(app, line)
    assert "เจ้าหน้าที่จะตอบในแชตนี้" in asked
    assert (
        current_handoff(app).status is HandoffStatus.WAITING
        and current_handoff(app).province_code == "94"
    )

    assert person_says(app, line, "สวัสดีค่ะ โทร 081-234-5678 ได้ไหม") == []  # nothing from the bot
    with app.app_context():
        lines = get_session().scalars(select(HandoffMessage.text).order_by(HandoffMessage.id))
        said = list(lines)[-1]
    assert said == "สวัสดีค่ะ โทร [เบอร์โทร] ได้ไหม"  # shown to the officer, phone masked
    with app.app_context():
        from bot.chat.models import MessageLog

        logged = get_session().scalars(select(MessageLog.text)).all()
    assert "สวัสดีค่ะ โทร [เบอร์โทร] ได้ไหม" in logged and not any("5678" in (t or "") for t in logged)

    back = person_says(app, line, "ยกเลิก")
    assert back and "กลับมาคุยกับอาสาบอทแล้ว" in back[0]
    assert (
        current_handoff(app).status is HandoffStatus.CLOSED
        and current_handoff(app).closed_reason == "person"
    )
    assert person_says(app, line, "สวัสดีค่ะ")  # the bot answers again


def test_take_is_one_owner_and_the_person_is_told(app, line, person, clients) -> None:
    ask_for_officer(app, line)
    handoff_id = current_handoff(app).id
    url = f"/admin/chats/{handoff_id}/take"
    assert post(clients["yala"], url).status_code == 403  # another province's conversation

    post(clients["pattani"], url)
    post(clients["admin"], url)  # a second officer a moment later: nothing changes

    found = current_handoff(app)
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
    ask_for_officer(app, line)
    handoff_id = current_handoff(app).id
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
    assert current_handoff(app).officer_id == staff["pattani"]


def test_an_officer_reply_is_pushed_once_per_form_and_the_bot_stays_silent(
    app, line, person, clients
) -> None:
    ask_for_officer(app, line)
    handoff_id = current_handoff(app).id
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

    assert person_says(app, line, "เงินเดือนไม่ออกค่ะ") == []
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
    ask_for_officer(app, line)
    handoff_id = current_handoff(app).id
    post(clients["pattani"], f"/admin/chats/{handoff_id}/take")
    post(clients["pattani"], f"/admin/chats/{handoff_id}/end", {"note": "แนะนำให้แจ้งเรื่อง"})

    found = current_handoff(app)
    assert (found.status, found.closed_reason, found.close_note) == (
        HandoffStatus.CLOSED, "officer", "แนะนำให้แจ้งเรื่อง",
    )  # fmt: skip
    assert "เจ้าหน้าที่จบการสนทนาแล้วค่ะ ตอนนี้กลับมาคุยกับอาสาบอทแล้ว" in line.pushed_texts()
    with app.app_context():
        closed = get_session().scalar(
            select(AuditEntry).where(AuditEntry.action == "handoff.closed")
        )
        assert closed is not None and closed.detail == {"note": "แนะนำให้แจ้งเรื่อง"}

    send_event(app, event_body(postback=f"action=handoff_rating&id={handoff_id}&score=4"))
    send_event(
        app, event_body(postback=f"action=handoff_rating&id={handoff_id}&score=1")
    )  # once only
    assert current_handoff(app).rating == 4
    assert person_says(app, line, "สวัสดีค่ะ")  # the bot answers again


def test_transfer_goes_only_to_an_officer_of_the_province(
    app, line, person, clients, staff
) -> None:
    from bot.admin.models import StaffUser
    from tests.admin.conftest import add_staff

    colleague = add_staff(app, "pattani2", "officer", ("94",))
    ask_for_officer(app, line)
    handoff_id = current_handoff(app).id
    post(clients["pattani"], f"/admin/chats/{handoff_id}/take")
    post(clients["pattani"], f"/admin/chats/{handoff_id}/transfer", {"to": staff["yala"]})
    assert current_handoff(app).officer_id == staff["pattani"]
    post(clients["pattani"], f"/admin/chats/{handoff_id}/transfer", {"to": colleague})
    assert current_handoff(app).officer_id == colleague
    with app.app_context():
        assert get_session().get(StaffUser, colleague) is not None
        moved = get_session().scalar(
            select(AuditEntry).where(AuditEntry.action == "handoff.transferred")
        )
        assert moved is not None and moved.detail == {"to_staff": "pattani2"}


def test_the_inbox_shows_the_quota_and_only_the_viewers_provinces(
    app, line, person, clients
) -> None:
    ask_for_officer(app, line)
    pattani = clients["pattani"].get("/admin/chats/").get_data(as_text=True)
    assert "ซารีฟะห์" in pattani and "ส่งไปแล้ว 0 จาก 500 ข้อความ" in pattani
    assert "แชทกับประชาชน" in pattani  # the menu item
    assert "ซารีฟะห์" not in clients["yala"].get("/admin/chats/").get_data(as_text=True)
    assert clients["ombudsman"].get("/admin/chats/").status_code == 403


def test_erasing_a_person_erases_their_transcripts(app, line, person) -> None:
    from bot.agent_requests.service import forget_user

    ask_for_officer(app, line)
    person_says(app, line, "ข้อความ")
    with app.app_context():
        session = get_session()
        forget_user(session, PERSON)
        session.commit()
        assert session.scalars(select(Handoff)).all() == []
        assert session.scalars(select(HandoffMessage)).all() == []
