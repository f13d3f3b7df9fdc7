"""A Malay speaker talking to an officer: every notice and button in Malay; the console says the
person's language and offers its canned replies in it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.agent_requests.canned import CANNED_REPLIES
from bot.agent_requests.office_hours import OfficeHours
from bot.core.db import get_session
from bot.core.i18n import IN_MALAY
from bot.core.orm import utcnow
from bot.core.users import LineUser
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


@pytest.fixture
def malay_person(app, person) -> None:
    with app.app_context():
        session = get_session()
        user = session.get(LineUser, PERSON)
        assert user is not None
        user.reply_language = "ms"  # as "cakap Melayu" or the language tile leave it
        session.commit()


def _last_quick_reply_labels(line) -> list[str]:
    message = line.deliveries[-1]["messages"][-1]
    return [item["action"]["label"] for item in message["quickReply"]["items"]]


def test_asking_taking_ending_and_rating_are_all_said_in_malay(
    app, line, malay_person, clients
) -> None:
    [asked] = ask_for_officer(app, line)
    assert asked.startswith("Permintaan anda telah dihantar kepada pegawai.")
    assert "taip «batal»" in asked  # a back word the bot knows
    assert "Untuk bercakap dengan pegawai melalui telefon" in asked  # the hotlines' lead
    assert _last_quick_reply_labels(line) == ["Kembali ke bot"]
    handoff_id = current_handoff(app).id

    post(clients["pattani"], f"/admin/chats/{handoff_id}/take")
    post(clients["pattani"], f"/admin/chats/{handoff_id}/end")
    assert line.pushed_texts() == [
        "Pegawai telah menyertai sembang. Sila taip mesej anda.",
        "Pegawai telah menamatkan perbualan. Anda kini bersembang dengan AsaBot semula.",
        "Sila beri markah untuk perbualan dengan pegawai ini (1 = tidak puas hati, "
        "5 = sangat puas hati).",
    ]

    send_event(app, event_body(postback=f"action=handoff_rating&id={handoff_id}&score=5"))
    assert line.deliveries[-1]["messages"][0]["text"] == "Terima kasih atas markah anda 🙏"
    assert current_handoff(app).rating == 5


def test_typing_batal_hands_back_in_malay(app, line, malay_person) -> None:
    ask_for_officer(app, line)
    back = person_says(app, line, "batal")
    assert back[0] == (
        "Anda kini bersembang dengan AsaBot semula. Sila taip soalan atau pilih topik di bawah."
    )


def test_nobody_taking_in_time_and_going_quiet_are_told_in_malay(
    app, line, malay_person, clients
) -> None:
    ask_for_officer(app, line)
    sweep_at(app, line, utcnow() + timedelta(minutes=16))
    [notice] = [p for p in line.pushes if p["messages"][0]["text"].startswith("Maaf, belum ada")]
    assert notice["messages"][1]["text"].startswith("Untuk bercakap dengan pegawai")
    [button] = notice["messages"][-1]["quickReply"]["items"]
    assert button["action"]["label"] == "Minta telefon balik"

    ask_for_officer(app, line)
    post(clients["pattani"], f"/admin/chats/{current_handoff(app).id}/take")
    sweep_at(app, line, utcnow() + timedelta(minutes=31))
    assert (
        IN_MALAY("ไม่มีข้อความในการคุยกับเจ้าหน้าที่มาสักพัก อาสาบอทจึงกลับมาคุยด้วยแล้วค่ะ") in line.pushed_texts()
    )


def test_office_hours_say_when_staff_read_in_malay() -> None:
    hours = OfficeHours.parse("mon-fri 08:30-16:30", "Asia/Bangkok")
    saturday_noon = datetime(2026, 12, 5, 5, 0, tzinfo=UTC)
    friday_night = datetime(2026, 12, 3, 14, 0, tzinfo=UTC)  # Thursday 21:00 in Bangkok

    assert hours.when_staff_read(saturday_noon, IN_MALAY) == "hari Isnin pukul 08:30"
    assert hours.when_staff_read(friday_night, IN_MALAY) == "esok pukul 08:30"
    assert hours.when_staff_read(saturday_noon) == "วันจันทร์ เวลา 08:30 น."


def test_the_console_shows_the_persons_language_and_canned_replies_in_it(
    app, line, malay_person, clients
) -> None:
    ask_for_officer(app, line)
    handoff_id = current_handoff(app).id
    post(clients["pattani"], f"/admin/chats/{handoff_id}/take")

    page = clients["pattani"].get(f"/admin/chats/{handoff_id}").get_data(as_text=True)

    assert 'id="person-language" lang="th">มลายู</strong>' in page
    for thai in CANNED_REPLIES:
        assert f'data-fill="{IN_MALAY(thai)}"' in page
    assert f'data-fill="{CANNED_REPLIES[0]}"' not in page
