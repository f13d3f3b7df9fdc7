"""Requests to talk to staff: recorded by the bot, listed by province, marked contacted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.admin.format import thai_datetime
from bot.admin.models import AuditEntry, StaffUser
from bot.agent_requests import service as agent_requests
from bot.agent_requests.models import AgentRequest, AgentRequestStatus
from bot.agent_requests.service import record_request
from bot.core.db import get_session
from bot.core.users import LineUser
from bot.volunteers.models import Role, Volunteer
from tests.admin.conftest import encrypted_phone, post
from tests.support.channel import CHANNEL_SECRET
from tests.support.events import make_postback_event, signed_post, webhook_body
from tests.support.fakes import RecordingLine

ASKER = "U" + "a" * 32


@pytest.fixture
def line() -> RecordingLine:
    """The bot's LINE seam: these tests send webhooks, whose replies it records."""
    return RecordingLine()


def _person(
    app,
    user_id: str,
    name: str,
    province: str | None,
    district: str | None,
    *,
    full_name: str | None = None,
    phone: str | None = None,
    consented: bool = False,
) -> None:
    """A LINE user, registered in `province`/`district` when those are given."""
    with app.app_context():
        session = get_session()
        session.add(LineUser(id=user_id, display_name=name))
        if province:
            session.flush()
            session.add(
                Volunteer(
                    user_id=user_id,
                    role=Role.VOLUNTEER,
                    province_code=province,
                    district_code=district,
                    full_name=full_name,
                    phone_encrypted=encrypted_phone(phone),
                    consent_at=datetime.now(UTC) if consented else None,
                    registered_at=datetime.now(UTC),
                )
            )
        session.commit()


def _ask_for_staff(app, user_id: str, event_id: str) -> None:
    """The user presses «คุยกับเจ้าหน้าที่» (the menu's postback), as LINE delivers it."""
    event = make_postback_event(
        "action=intent&intent=human_agent", user_id=user_id, event_id=event_id
    )
    body = webhook_body(event)
    assert signed_post(app.test_client(), body, CHANNEL_SECRET).status_code == 200


def _requests(app) -> list[AgentRequest]:
    with app.app_context():
        return list(get_session().scalars(select(AgentRequest).order_by(AgentRequest.id)))


def test_asking_for_staff_opens_one_request_with_the_area_and_a_repeat_only_moves_its_time(
    app, line
) -> None:
    _person(app, ASKER, "ฮาซัน", "94", "9401")

    _ask_for_staff(app, ASKER, "01AGENTREQUEST000000000001")
    [first] = _requests(app)
    _ask_for_staff(app, ASKER, "01AGENTREQUEST000000000002")
    [again] = _requests(app)

    assert again.id == first.id and again.status is AgentRequestStatus.OPEN
    assert (again.user_id, again.province_code, again.district_code) == (ASKER, "94", "9401")
    assert again.requested_at > first.requested_at
    assert again.handled_by is None and again.handled_at is None
    assert any("สายด่วน" in text for text in line.texts())  # the answer is still the hotlines
    # PDPA: the request holds no words the user wrote.
    assert not {"text", "message", "details"} & set(AgentRequest.__table__.columns.keys())


def test_a_request_asked_again_after_it_was_handled_opens_a_new_one(app, staff) -> None:
    _person(app, ASKER, "ฮาซัน", None, None)
    with app.app_context():
        session = get_session()
        handled = record_request(session, ASKER)
        handled.status = AgentRequestStatus.HANDLED
        session.commit()
    _ask_for_staff(app, ASKER, "01AGENTREQUEST000000000003")

    statuses = [(r.status, r.province_code) for r in _requests(app)]
    assert statuses == [(AgentRequestStatus.HANDLED, None), (AgentRequestStatus.OPEN, None)]


def test_the_database_itself_allows_one_open_request_per_user(app) -> None:
    _person(app, ASKER, "ฮาซัน", None, None)
    with app.app_context():
        session = get_session()
        session.add(AgentRequest(user_id=ASKER, status=AgentRequestStatus.HANDLED))
        session.add(AgentRequest(user_id=ASKER, status=AgentRequestStatus.OPEN))
        session.commit()  # handled ones do not count
        session.add(AgentRequest(user_id=ASKER, status=AgentRequestStatus.OPEN))
        with pytest.raises(IntegrityError):
            session.commit()


def test_a_request_opened_by_another_worker_meanwhile_is_moved_not_duplicated(
    app, monkeypatch
) -> None:
    _person(app, ASKER, "ฮาซัน", None, None)
    engine = app.extensions["asabot.engine"]
    with Session(engine) as first:
        opened = record_request(first, ASKER)
        first.commit()
        opened_id = opened.id
    looks = iter([None])  # the second worker looked just before the first one committed
    real_lookup = agent_requests._open_request
    monkeypatch.setattr(
        agent_requests, "_open_request", lambda s, u: next(looks, None) or real_lookup(s, u)
    )

    with Session(engine) as second:
        moved = record_request(second, ASKER)
        second.commit()
        moved_id = moved.id

    assert moved_id == opened_id
    assert [(r.id, r.status) for r in _requests(app)] == [(opened_id, AgentRequestStatus.OPEN)]


def _open_requests(app) -> dict[str, int]:
    """One open request each from Pattani, Yala and someone not registered; ids by name."""
    people = {
        "ฮาซัน ปัตตานี": ("U" + "1" * 32, "94", "9401"),
        "ซาฟีนา ยะลา": ("U" + "2" * 32, "95", "9501"),
        "ไม่ลงทะเบียน": ("U" + "3" * 32, None, None),
    }
    ids = {}
    for name, (user_id, province, district) in people.items():
        _person(app, user_id, name, province, district)
        with app.app_context():
            session = get_session()
            ids[name] = record_request(session, user_id).id
            session.commit()
    return ids


def _names(client, query: str = "") -> set[str]:
    page = client.get(f"/admin/agent-requests/{query}").get_data(as_text=True)
    return {n for n in ("ฮาซัน ปัตตานี", "ซาฟีนา ยะลา", "ไม่ลงทะเบียน") if n in page}


def test_the_requests_page_lists_open_requests_within_the_viewers_provinces(app, clients) -> None:
    _open_requests(app)

    assert _names(clients["admin"]) == {"ฮาซัน ปัตตานี", "ซาฟีนา ยะลา", "ไม่ลงทะเบียน"}
    assert _names(clients["pattani"]) == {"ฮาซัน ปัตตานี"}
    assert _names(clients["yala"]) == {"ซาฟีนา ยะลา"}
    assert clients["ombudsman"].get("/admin/agent-requests/").status_code == 403

    page = clients["pattani"].get("/admin/agent-requests/").get_data(as_text=True)
    assert "ปัตตานี / เมืองปัตตานี" in page
    with app.app_context():
        asked = get_session().scalar(select(AgentRequest.requested_at))
    assert asked is not None and thai_datetime(asked) in page
    assert str(datetime.now(UTC).year + 543) in page  # Buddhist era
    menu = page[page.index('<nav id="mainnav"') : page.index("</nav>")]
    assert 'href="/admin/agent-requests/"' in menu and "คำขอคุยกับเจ้าหน้าที่" in menu
    ombudsman_menu = clients["ombudsman"].get("/admin/").get_data(as_text=True)
    assert "คำขอคุยกับเจ้าหน้าที่" not in ombudsman_menu


def test_marking_a_request_contacted_keeps_who_and_when_and_is_audited(app, clients) -> None:
    ids = _open_requests(app)
    hasan = ids["ฮาซัน ปัตตานี"]
    url = f"/admin/agent-requests/{hasan}/handled"

    assert clients["pattani"].post(url).status_code == 400  # no CSRF token
    assert post(clients["yala"], url).status_code == 403  # another province's request
    before = datetime.now(UTC) - timedelta(seconds=1)
    response = post(clients["pattani"], url)

    assert response.status_code == 302
    assert "บันทึกว่าติดต่อแล้ว" in clients["pattani"].get(response.location).get_data(as_text=True)
    with app.app_context():
        session = get_session()
        done = session.get(AgentRequest, hasan)
        assert done is not None and done.status is AgentRequestStatus.HANDLED
        handler = session.get(StaffUser, done.handled_by)
        assert handler is not None and handler.username == "pattani"
        assert done.handled_at is not None
        assert done.handled_at.replace(tzinfo=done.handled_at.tzinfo or UTC) >= before
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "agent_request.handled")
        ).all()
        assert [(a.username, a.target_id) for a in audit] == [("pattani", str(hasan))]
    assert _names(clients["pattani"]) == set()
    handled_page = clients["pattani"].get("/admin/agent-requests/?status=handled")
    assert "ฮาซัน ปัตตานี" in handled_page.get_data(as_text=True)
    assert "คุณpattani" in handled_page.get_data(as_text=True)

    # A second press (another tab) changes nothing and is not audited twice.
    post(clients["admin"], url)
    with app.app_context():
        session = get_session()
        assert session.get(AgentRequest, hasan).handled_by == done.handled_by
        audited = select(AuditEntry.id).where(AuditEntry.action == "agent_request.handled")
        assert len(session.scalars(audited).all()) == 1


def _row(page: str, name: str) -> str:
    start = page.rindex("<tr>", 0, page.index(name))
    return page[start : page.index("</tr>", start)]


def test_a_request_shows_the_registered_name_and_phone_given_with_consent(app, clients) -> None:
    people: dict[str, tuple[str, dict[str, Any]]] = {
        "ฮาซัน": ("U" + "4" * 32, {"full_name": "ฮาซัน ดือราแม", "phone": "0812345678"}),
        "ไม่ยินยอม": ("U" + "5" * 32, {"phone": "0899999999", "consented": False}),
        "ไม่ให้เบอร์": ("U" + "6" * 32, {"full_name": "มารียัม สาและ"}),
    }
    for name, (user_id, extra) in people.items():
        _person(app, user_id, name, "94", "9401", **{"consented": True, **extra})
        with app.app_context():
            session = get_session()
            record_request(session, user_id)
            session.commit()

    page = clients["pattani"].get("/admin/agent-requests/").get_data(as_text=True)

    hasan = _row(page, "ฮาซัน")
    assert "ฮาซัน ดือราแม" in hasan and 'href="tel:0812345678"' in hasan
    assert "0899999999" not in page  # kept without consent: not shown
    assert "ติดต่อกลับทาง LINE ไม่ได้ — ไม่มีเบอร์โทร" in _row(page, "ไม่ยินยอม")
    no_phone = _row(page, "ไม่ให้เบอร์")
    assert "มารียัม สาและ" in no_phone and "ไม่มีเบอร์โทร" in no_phone


def test_a_request_from_someone_not_registered_says_there_is_no_phone(app, clients) -> None:
    _open_requests(app)
    page = clients["admin"].get("/admin/agent-requests/").get_data(as_text=True)
    assert "ติดต่อกลับทาง LINE ไม่ได้ — ไม่มีเบอร์โทร" in _row(page, "ไม่ลงทะเบียน")
