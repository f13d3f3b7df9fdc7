"""The registration chat flow and "หยุดรับข่าว"/"รับข่าว", turn by turn on the flow engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy.orm import Session

from bot.broadcasts.audience import audience_query
from bot.chat.dispatch import Dispatcher
from bot.core.crypto import Cipher
from bot.core.services import Services
from bot.core.users import LineUser
from bot.volunteers.announcements import handle_announcements
from bot.volunteers.models import Role, Volunteer
from bot.volunteers.registration import RegistrationFlow
from bot.volunteers.registry import phone_of
from tests.bot.engine_chat import EngineChat, make_services
from tests.support.events import make_text_event, parse_event

USER = "U" + "7" * 32
CIPHER = Cipher(Fernet.generate_key())


class Chat(EngineChat):
    """One user talking to the registration flow, as the webhook would hand turns over."""

    def __init__(self, session: Session, services: Services) -> None:
        super().__init__(session, [RegistrationFlow()], services, user_id=USER)

    def start(self) -> str:  # type: ignore[override]
        return super().start("registration")


@pytest.fixture
def chat(db_session: Session, tmp_path: Path) -> Chat:
    db_session.add(LineUser(id=USER))
    db_session.commit()
    return Chat(db_session, make_services(tmp_path, phone_cipher=CIPHER))


def test_a_volunteer_registers_with_a_tap_per_question_and_no_personal_data(
    chat: Chat, db_session: Session
) -> None:
    assert "ในฐานะอะไร" in chat.start()
    assert chat.labels()[:3] == ["อาสาสมัครแรงงาน", "บัณฑิตแรงงาน", "ประชาชนทั่วไป"]
    chat.tap("อาสาสมัครแรงงาน")
    assert chat.labels()[:4] == ["ปัตตานี", "ยะลา", "นราธิวาส", "จะนะ (สงขลา)"]
    chat.tap("ยะลา")
    assert "อำเภออะไรของจังหวัดยะลา" in chat.last[-1]["text"]
    chat.tap("เบตง")
    assert "ยินยอม" in chat.labels()
    done = chat.tap("ข้าม")

    assert "ลงทะเบียนเรียบร้อยค่ะ" in done and "เบตง" in done
    saved = db_session.get(Volunteer, USER)
    assert (saved.role, saved.province_code, saved.district_code) == (Role.VOLUNTEER, "95", "9502")
    assert saved.full_name is None and saved.phone_encrypted is None and saved.consent_at is None


def test_name_and_phone_are_kept_only_after_consent(chat: Chat, db_session: Session) -> None:
    chat.start()
    chat.say("บัณฑิต")
    chat.say("สะบ้าย้อย")  # a district of the region typed: no province question
    chat.tap("ยินยอม")
    chat.say("สมศรี ใจดี")
    assert "ขออภัยค่ะ" in chat.say("ไม่มีเบอร์")  # not a phone number: asked again
    chat.say("๐๘๑-๒๓๔-๕๖๗๘")  # Thai digits, as many phones type them

    saved = db_session.get(Volunteer, USER)
    assert (saved.role, saved.district_code) == (Role.GRADUATE, "9006")
    assert saved.full_name == "สมศรี ใจดี" and saved.consent_at is not None
    # Encrypted at rest, like complaint phones: the row never holds the number in the clear.
    assert "0812345678" not in (saved.phone_encrypted or "")
    assert phone_of(saved, CIPHER) == "0812345678"


def test_without_a_phone_key_the_phone_is_not_asked(db_session: Session, tmp_path: Path) -> None:
    db_session.add(LineUser(id=USER))
    db_session.commit()
    chat = Chat(db_session, make_services(tmp_path, phone_cipher=None))
    chat.start()
    chat.tap("อาสาสมัครแรงงาน")
    chat.tap("ยะลา")
    assert "ให้ชื่อไว้" in chat.tap("เบตง") and "เบอร์" not in chat.last[-1]["text"]
    chat.tap("ยินยอม")
    done = chat.say("สมศรี ใจดี")

    assert "ลงทะเบียนเรียบร้อยค่ะ" in done
    saved = db_session.get(Volunteer, USER)
    assert saved.full_name == "สมศรี ใจดี" and saved.phone_encrypted is None


def test_places_typed_with_a_polite_ending_are_read(chat: Chat, db_session: Session) -> None:
    chat.start()
    chat.say("อาสาสมัครแรงงานค่ะ")
    assert "อำเภออะไรของจังหวัดปัตตานี" in chat.say("ปัตตานีค่ะ")
    chat.say("หนองจิกครับ")
    chat.tap("ข้าม")

    saved = db_session.get(Volunteer, USER)
    assert (saved.province_code, saved.district_code) == ("94", "9403")


def test_a_registered_user_sees_their_record_and_can_change_it(
    chat: Chat, db_session: Session
) -> None:
    chat.start()
    chat.tap("ประชาชนทั่วไป")
    chat.tap("ปัตตานี")
    chat.say("หนองจิก")
    chat.tap("ข้าม")

    shown = chat.start()
    assert "ข้อมูลที่ลงทะเบียนไว้: ประชาชนทั่วไป อำเภอหนองจิก จังหวัดปัตตานี" in shown
    chat.tap("อาสาสมัครแรงงาน")
    chat.tap("นาทวี (สงขลา)")
    chat.tap("ข้าม")
    saved = db_session.get(Volunteer, USER)
    assert (saved.role, saved.district_code) == (Role.VOLUNTEER, "9004")


def test_cancel_saves_nothing(chat: Chat, db_session: Session) -> None:
    chat.start()
    chat.tap("อาสาสมัครแรงงาน")
    answer = chat.say("ยกเลิก")
    assert "ยกเลิก" in answer and "ไม่มีการบันทึกข้อมูล" in answer
    assert db_session.get(Volunteer, USER) is None


def test_cancelling_a_change_says_the_previous_registration_is_kept(
    chat: Chat, db_session: Session
) -> None:
    chat.start()
    chat.tap("บัณฑิตแรงงาน")
    chat.tap("เทพา (สงขลา)")
    chat.tap("ข้าม")

    chat.start()
    chat.tap("อาสาสมัครแรงงาน")
    answer = chat.say("ยกเลิก")

    assert "ข้อมูลที่ลงทะเบียนไว้ยังเหมือนเดิม" in answer
    assert "ไม่มีการบันทึก" not in answer
    saved = db_session.get(Volunteer, USER)
    assert (saved.role, saved.district_code) == (Role.GRADUATE, "9005")


def _announce(chat: Chat, text: str) -> str:
    turn = chat.turn(parse_event(make_text_event(text, user_id=USER)))
    turn.text = text
    turn.dispatcher = Dispatcher()
    answer = handle_announcements(turn)
    chat.session.commit()
    return answer[0].text


def test_stop_and_start_news_take_the_user_out_of_and_back_into_audiences(chat: Chat) -> None:
    chat.start()
    chat.tap("อาสาสมัครแรงงาน")
    chat.tap("ยะลา")
    chat.tap("เมืองยะลา")
    chat.tap("ข้าม")

    def reached() -> bool:
        return USER in set(chat.session.scalars(audience_query(provinces=["95"])))

    assert reached()
    assert "หยุดส่งข่าว" in _announce(chat, "หยุดรับข่าว")
    assert not reached()
    assert "อยู่แล้ว" in _announce(chat, "ไม่รับข่าวแล้ว")
    assert "เปิดรับข่าว" in _announce(chat, "รับข่าว")
    assert reached()
