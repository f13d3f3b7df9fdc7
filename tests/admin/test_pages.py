"""Dashboard numbers, unsure messages and labelling, the volunteer directory, the audit page,
the favicon."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

import bot
from bot.admin.audit import ACTION_LABELS, target_label
from bot.admin.format import audit_detail
from bot.admin.models import AuditEntry, IntentLabel, StaffUser
from bot.chat.models import Direction, MessageLog
from bot.core.db import get_session
from bot.core.users import LineUser
from bot.volunteers.models import Role, Volunteer
from tests.admin.conftest import add_complaint, encrypted_phone, post


def _log(app, rows: list[dict]) -> list[int]:
    with app.app_context():
        session = get_session()
        made = [
            MessageLog(**{"direction": Direction.IN, "event_type": "message.text", **row})
            for row in rows
        ]
        session.add_all(made)
        session.commit()
        return [m.id for m in made]


def _register(app, user_id: str, province: str) -> None:  # type: ignore[no-untyped-def]
    """A LINE user registered in `province`: whose messages that province's officers read."""
    with app.app_context():
        session = get_session()
        session.add(LineUser(id=user_id))
        session.flush()
        now = datetime.now(UTC)
        session.add(Volunteer(user_id=user_id, role=Role.VOLUNTEER, province_code=province,
                              registered_at=now))  # fmt: skip
        session.commit()


def _dashboard_data(page: str) -> dict:
    start = page.index('id="dashboard-data">') + len('id="dashboard-data">')
    return json.loads(page[start : page.index("</script>", start)])


def test_the_dashboard_counts_complaints_messages_intents_and_unsure_share(app, clients) -> None:
    now = datetime.now(UTC)
    add_complaint(
        app, province="94", created_at=now - timedelta(days=100)
    )  # open; before the 12 weeks
    add_complaint(app, province="95", category="social_security", created_at=now)
    _log(
        app,
        [
            {
                "user_id": "U1",
                "text": "ค่าแรง",
                "intent": "wage_info",
                "confidence": 0.9,
                "decision": "accept",
            },
            {
                "user_id": "U1",
                "text": "อะไรนะ",
                "intent": "wage_info",
                "confidence": 0.3,
                "decision": "clarify",
            },
            {
                "user_id": "U2",
                "text": "ฮัลโหล",
                "intent": "out_of_scope",
                "confidence": 0.9,
                "decision": "out_of_scope",
            },
            {
                "user_id": "U2",
                "text": "ประกันสังคม",
                "intent": "social_security",
                "confidence": 0.8,
                "decision": "accept",
            },
        ],
    )

    data = _dashboard_data(clients["admin"].get("/admin/").get_data(as_text=True))

    assert data["open_total"] == 2
    assert (
        dict(zip(data["open_by_age"]["labels"], data["open_by_age"]["counts"], strict=True))[
            "เกิน 30 วัน"
        ]
        == 1
    )
    assert {s["label"] for s in data["complaints_by_category"]} == {"ประกันสังคม"}  # 12 weeks only
    assert {s["label"] for s in data["complaints_by_province"]} == {"ยะลา"}
    assert data["messages_total"] == 4 and data["messages_per_day"][-1] == 4
    assert data["unsure_share"] == 50.0
    assert sum(data["intent_mix"]["counts"]) == 4

    # An officer's complaint charts hold only their provinces.
    pattani = _dashboard_data(clients["pattani"].get("/admin/").get_data(as_text=True))
    assert pattani["open_total"] == 1 and pattani["complaints_by_province"] == []


def test_unsure_and_corrected_messages_are_listed_and_labelled_into_training_data(
    app, clients, tmp_path
) -> None:
    clarify, answered, corrected, _picked = _log(
        app,
        [
            {
                "user_id": "U1",
                "text": "เงินไม่ออก",
                "intent": "wage_info",
                "confidence": 0.4,
                "decision": "clarify",
            },
            {
                "user_id": "U2",
                "text": "ค่าแรงขั้นต่ำ",
                "intent": "wage_info",
                "confidence": 0.95,
                "decision": "accept",
            },
            {
                "user_id": "U3",
                "text": "โดนไล่ออก",
                "intent": "wage_info",
                "confidence": 0.7,
                "decision": "accept",
            },
            {
                "user_id": "U3",
                "text": None,
                "intent": "dismissal",
                "confidence": 1.0,
                "decision": "picked",
                "event_type": "postback",
            },
        ],
    )
    for sender in ("U1", "U2", "U3"):
        _register(app, sender, "94")  # Pattani, so the Pattani officer may read them
    labels = app.extensions["asabot.services"].intent_labels
    intent = sorted(labels)[0]

    page = clients["pattani"].get("/admin/unsure/").get_data(as_text=True)
    assert "เงินไม่ออก" in page and "โดนไล่ออก" in page and "ค่าแรงขั้นต่ำ" not in page

    response = post(clients["pattani"], f"/admin/unsure/{clarify}/label", {"intent": intent})
    assert response.status_code == 302
    lines = (tmp_path / "labelled" / "console.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [{"text": "เงินไม่ออก", "intent": intent}]
    assert "เงินไม่ออก" not in clients["pattani"].get("/admin/unsure/").get_data(as_text=True)

    # Labelling the same message twice, or with an unknown intent, adds nothing.
    post(clients["admin"], f"/admin/unsure/{clarify}/label", {"intent": intent})
    post(clients["admin"], f"/admin/unsure/{corrected}/label", {"intent": "no_such_intent"})
    assert len((tmp_path / "labelled" / "console.jsonl").read_text().splitlines()) == 1
    with app.app_context():
        assert get_session().scalar(select(IntentLabel.intent)) == intent
    assert answered  # listed nowhere: the bot was sure and nobody corrected it


def test_officers_read_only_the_messages_of_people_registered_in_their_provinces(
    app, clients
) -> None:
    _register(app, "U" + "9" * 32, "94")
    _register(app, "U" + "5" * 32, "95")
    unsure = {"intent": "wage_info", "confidence": 0.4, "decision": "clarify"}
    pattani, yala, unknown = _log(
        app,
        [
            {"user_id": "U" + "9" * 32, "text": "ค่าแรงปัตตานี", **unsure},
            {"user_id": "U" + "5" * 32, "text": "ค่าแรงยะลา", **unsure},
            {"user_id": "U" + "0" * 32, "text": "ค่าแรงไม่รู้ที่", **unsure},
        ],
    )

    seen = {
        name: clients[name].get("/admin/unsure/").get_data(as_text=True)
        for name in ("admin", "pattani", "yala")
    }

    assert all(t in seen["admin"] for t in ("ค่าแรงปัตตานี", "ค่าแรงยะลา", "ค่าแรงไม่รู้ที่"))
    assert "ค่าแรงปัตตานี" in seen["pattani"]
    assert "ค่าแรงยะลา" not in seen["pattani"] and "ค่าแรงไม่รู้ที่" not in seen["pattani"]
    assert "ค่าแรงยะลา" in seen["yala"] and "ค่าแรงปัตตานี" not in seen["yala"]
    label = {"intent": "wage_info"}
    assert post(clients["pattani"], f"/admin/unsure/{yala}/label", label).status_code == 403
    assert post(clients["pattani"], f"/admin/unsure/{unknown}/label", label).status_code == 403
    assert post(clients["pattani"], f"/admin/unsure/{pattani}/label", label).status_code == 302


def _volunteer(app, user_id: str, role: Role, province: str, district: str, name: str) -> None:
    with app.app_context():
        session = get_session()
        session.add(LineUser(id=user_id, display_name=name))
        session.flush()
        session.add(
            Volunteer(
                user_id=user_id,
                role=role,
                province_code=province,
                district_code=district,
                full_name=name,
                phone_encrypted=encrypted_phone("0812345678"),
                consent_at=datetime.now(UTC),
                registered_at=datetime.now(UTC),
            )
        )
        session.commit()


def test_the_volunteer_directory_filters_scopes_and_exports(app, clients) -> None:
    _volunteer(app, "U" + "a" * 32, Role.VOLUNTEER, "94", "9401", "อาสา ปัตตานี")
    _volunteer(app, "U" + "b" * 32, Role.GRADUATE, "94", "9402", "บัณฑิต โคกโพธิ์")
    _volunteer(app, "U" + "c" * 32, Role.VOLUNTEER, "95", "9501", "อาสา ยะลา")

    def names(client, query: str = "") -> set[str]:
        page = client.get(f"/admin/volunteers/?{query}").get_data(as_text=True)
        return {n for n in ("อาสา ปัตตานี", "บัณฑิต โคกโพธิ์", "อาสา ยะลา") if n in page}

    assert names(clients["admin"]) == {"อาสา ปัตตานี", "บัณฑิต โคกโพธิ์", "อาสา ยะลา"}
    assert names(clients["admin"], "role=graduate") == {"บัณฑิต โคกโพธิ์"}
    assert names(clients["admin"], "district=9401") == {"อาสา ปัตตานี"}
    assert names(clients["pattani"]) == {"อาสา ปัตตานี", "บัณฑิต โคกโพธิ์"}
    assert names(clients["pattani"], "province=95") == set()

    exported = clients["pattani"].get("/admin/volunteers/export?role=volunteer")
    rows = list(csv.reader(io.StringIO(exported.get_data().decode("utf-8-sig"))))
    assert rows[0][0] == "ชื่อ-นามสกุล"
    assert [r[0] for r in rows[1:]] == ["อาสา ปัตตานี"]
    assert rows[1][2:4] == ["ปัตตานี", "เมืองปัตตานี"]


def test_the_audit_page_lists_who_did_what(app, clients) -> None:
    ref = add_complaint(app)
    clients["pattani"].get(f"/admin/complaints/{ref}")
    page = clients["admin"].get("/admin/audit?action=complaint.viewed").get_data(as_text=True)
    assert "pattani" in page and ref in page


def test_the_audit_page_names_actions_in_thai_and_shows_unknown_codes_as_they_are(
    app, clients
) -> None:
    ref = add_complaint(app)
    post(clients["admin"], f"/admin/complaints/{ref}/status", {"status": "in_progress"})
    with app.app_context():
        session = get_session()
        session.add(AuditEntry(username="admin", action="something.new_kind"))
        session.commit()

    page = clients["admin"].get("/admin/audit").get_data(as_text=True)
    cells = re.findall(r'<td title="([^"]+)">([^<]*)</td>', page)

    assert ("complaint.status_changed", "เปลี่ยนสถานะเรื่องร้องเรียน") in cells
    assert ("staff.login", "เข้าสู่ระบบ") in cells
    assert ("something.new_kind", "something.new_kind") in cells


def test_every_action_the_console_audits_has_a_thai_label() -> None:
    # Console views live in each feature's package, so read every module of the bot.
    bot_dir = Path(bot.__file__).parent
    source = "".join(p.read_text(encoding="utf-8") for p in bot_dir.rglob("*.py"))
    audited = set(re.findall(r'record\(\s*\w+,\s*[\w()]+,\s*"([a-z_.]+)"', source))

    assert len(audited) >= 12  # the pattern still finds the calls
    assert audited <= set(ACTION_LABELS)


def test_the_console_serves_its_own_favicon(app, client) -> None:
    for url in ("/favicon.ico", "/admin/favicon.ico"):
        with client.get(url) as response:
            assert response.status_code == 200, url
            assert response.mimetype == "image/x-icon"
            assert response.data[:4] == b"\x00\x00\x01\x00"  # an ICO file's header
    login_page = client.get("/admin/login").get_data(as_text=True)
    svg = re.search(r'<link rel="icon" href="([^"]+\.svg)"', login_page)
    assert svg is not None
    with client.get(svg.group(1)) as icon:
        assert icon.status_code == 200 and icon.mimetype == "image/svg+xml"


def test_the_audit_page_shows_details_as_readable_thai_and_names_what_was_touched(
    app, clients
) -> None:
    ref = add_complaint(app, province=None)
    post(
        clients["admin"],
        f"/admin/complaints/{ref}/status",
        {"status": "in_progress", "note": "สอบถามนายจ้างแล้ว"},
    )
    post(
        clients["admin"],
        f"/admin/complaints/{ref}/area",
        {"province": "94", "district": "9401", "reason": "ผู้แจ้งโทรมาบอก"},
    )
    clients["admin"].get("/admin/complaints/export?province=none")

    page = clients["admin"].get("/admin/audit").get_data(as_text=True)

    assert "\\u0e" not in page and "{&#34;" not in page and '{"' not in page  # no raw JSON
    assert f"เรื่องร้องเรียน {ref}" in page
    assert "หมายเหตุ: สอบถามนายจ้างแล้ว" in page
    assert "จากสถานะ: รับเรื่องแล้ว" in page and "เป็นสถานะ: กำลังดำเนินการ" in page
    assert "จังหวัดเดิม: -" in page and "จังหวัดใหม่: ปัตตานี" in page
    assert "อำเภอใหม่: เมืองปัตตานี" in page and "เหตุผล: ผู้แจ้งโทรมาบอก" in page
    assert "หน่วยงานใหม่: สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัดปัตตานี" in page
    assert "รวมเบอร์โทร: ไม่" in page and "จังหวัด: ไม่ระบุจังหวัด" in page
    with app.app_context():
        staff_id = get_session().scalar(select(StaffUser.id).where(StaffUser.username == "admin"))
    assert f"ผู้ใช้ {staff_id}" in page  # the login


def test_audit_targets_and_unknown_detail_keys_read_plainly() -> None:
    assert target_label("broadcast", "2") == "ประกาศ 2"
    assert target_label("complaint", "12") == "เรื่องร้องเรียน 12"
    assert target_label("staff", "1") == "ผู้ใช้ 1"
    assert target_label("new_kind", "7") == "new_kind 7"
    assert target_label(None, None) == ""
    assert audit_detail({"roles": ["volunteer"], "at": None, "extra": "ค่า"}) == [
        ("บทบาทผู้รับ", "อาสาสมัครแรงงาน"),
        ("เวลาที่ตั้งส่ง", "-"),
        ("extra", "ค่า"),
    ]
    assert audit_detail({"due": "2026-11-20T03:30:00+00:00"}) == [("กำหนดส่ง", "20 พ.ย. 2569 10:30")]
