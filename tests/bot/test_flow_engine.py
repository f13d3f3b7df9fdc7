"""The flow engine on its own: turns handed straight to it, drafts in memory, no HTTP, no emulator.

A two-question flow defined here shows what the engine gives every flow; the complaint and
registration flows run on it with typed services (recorded jobs, a scripted NLU).
"""

from __future__ import annotations

import enum
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from linebot.v3.messaging import TextMessage
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.chat.dispatch import Dispatcher, Turn
from bot.chat.flows.engine import (
    END,
    RESUME_LEAD,
    Choice,
    Flow,
    FlowContext,
    FlowDefinitionError,
    StateDef,
    Step,
)
from bot.complaints.crypto import PhoneCipher
from bot.complaints.flow import ComplaintFlow
from bot.complaints.jobs import download_evidence
from bot.complaints.models import Complaint
from bot.core.services import Services
from bot.core.users import LineUser
from bot.volunteers.registration import RegistrationFlow
from tests.bot.engine_chat import (
    USER,
    EngineChat,
    RecordingJobs,
    make_services,
)
from tests.support.events import make_image_event, parse_event
from tests.support.fakes import PhraseNLU


class PetState(enum.Enum):
    NAME = "name"
    KIND = "kind"


KINDS = (Choice("cat", "แมว"), Choice("dog", "หมา"))


def _name_question(ctx: FlowContext) -> TextMessage:
    return ctx.ask("ชื่ออะไรคะ")


def _kind_question(ctx: FlowContext) -> TextMessage:
    return ctx.ask("แมวหรือหมาคะ", KINDS)


def _on_name(ctx: FlowContext) -> Step | None:
    if ctx.input.kind != "text":
        return None
    ctx.data["name"] = ctx.input.text
    return Step(PetState.KIND)


def _on_kind(ctx: FlowContext) -> Step | None:
    kind = ctx.choice(KINDS)
    if kind is None:
        return None
    return Step(END, [TextMessage(text=f"{ctx.data['name']} เป็น{kind} บันทึกแล้วค่ะ")])


class PetFlow(Flow):
    name = "pet"
    title = "การบันทึกสัตว์เลี้ยง"
    states = PetState
    first = PetState.NAME
    state_table = {
        PetState.NAME: StateDef(_name_question, _on_name, then=(PetState.KIND,)),
        PetState.KIND: StateDef(_kind_question, _on_kind, then=(END,)),
    }


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def services(tmp_path: Path) -> Services:
    return make_services(tmp_path)


def test_a_flow_runs_from_its_first_question_to_the_end(services: Services) -> None:
    chat = EngineChat(None, [PetFlow()], services)
    assert chat.start("pet") == "ชื่ออะไรคะ"
    assert "แมวหรือหมา" in chat.say("ส้มจี๊ด")
    assert chat.labels() == ["แมว", "หมา", "ยกเลิก"]
    assert chat.tap("แมว") == "ส้มจี๊ด เป็นcat บันทึกแล้วค่ะ"
    assert chat.draft() is None
    assert chat.say("อีกตัว") == ""  # no flow is open: the normal handlers would answer


@pytest.mark.parametrize("state", list(PetState))
def test_cancel_ends_the_flow_from_every_state(services: Services, state: PetState) -> None:
    chat = EngineChat(None, [PetFlow()], services)
    chat.start("pet")
    if state is PetState.KIND:
        chat.say("ส้มจี๊ด")
    assert chat.draft()["state"] == state.name
    assert "ยกเลิกการบันทึกสัตว์เลี้ยงแล้ว" in chat.tap("ยกเลิก")
    assert chat.draft() is None


def test_a_draft_is_gone_after_the_flow_timeout(services: Services) -> None:
    clock = Clock()
    chat = EngineChat(None, [PetFlow()], services, clock=clock)
    chat.start("pet")
    clock.now += PetFlow.ttl_seconds - 1
    assert chat.draft() is not None
    clock.now += 2
    assert chat.draft() is None
    assert chat.say("ส้มจี๊ด") == ""  # no flow is open any more


def test_coming_back_after_a_pause_asks_to_continue_or_start_again(services: Services) -> None:
    clock = Clock()
    chat = EngineChat(None, [PetFlow()], services, clock=clock)
    chat.start("pet")
    clock.now += PetFlow.resume_after_seconds + 1
    assert "ยังทำไม่เสร็จ" in chat.say("ส้มจี๊ด")
    assert chat.labels() == ["ทำต่อ", "เริ่มใหม่", "ยกเลิก"]
    # What was typed is kept, and answered on ทำต่อ (issue 13: it used to be dropped).
    assert chat.tap("ทำต่อ") == "แมวหรือหมาคะ"
    assert chat.draft()["data"]["name"] == "ส้มจี๊ด"


def test_a_pause_with_nothing_typed_resumes_at_the_question(services: Services) -> None:
    clock = Clock()
    chat = EngineChat(None, [PetFlow()], services, clock=clock)
    chat.start("pet")
    clock.now += PetFlow.resume_after_seconds + 1
    assert "ยังทำไม่เสร็จ" in chat.start("pet")  # the flow started again: nothing to keep
    assert chat.tap("ทำต่อ") == "ชื่ออะไรคะ"


def test_a_message_sent_instead_of_answering_continue_answers_both(services: Services) -> None:
    clock = Clock()
    chat = EngineChat(None, [PetFlow()], services, clock=clock)
    chat.start("pet")
    clock.now += PetFlow.resume_after_seconds + 1
    assert "เก็บไว้แล้ว" in chat.say("ส้มจี๊ด")
    assert "บันทึกแล้ว" in chat.say("แมว")  # continuing: the name, then the kind
    assert chat.draft() is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("เริ่มใหม่", "ชื่ออะไรคะ"), ("ทำต่อ", "แมวหรือหมาคะ"), ("ยกเลิก", "ยกเลิก")],
)
def test_a_typed_label_of_the_continue_question_acts_as_its_button(
    services: Services, typed: str, expected: str
) -> None:
    clock = Clock()
    chat = EngineChat(None, [PetFlow()], services, clock=clock)
    chat.start("pet")
    chat.say("ส้มจี๊ด")
    assert "ยังทำไม่เสร็จ" in chat.start("pet")

    assert expected in chat.say(typed)
    draft = chat.draft()
    if typed == "ยกเลิก":
        assert draft is None
    else:  # never kept as the answer: started afresh, or on at the kind with the name kept
        assert draft["data"].get("name") == (None if typed == "เริ่มใหม่" else "ส้มจี๊ด")


def test_a_typed_button_label_is_the_button_in_any_state(services: Services) -> None:
    chat = EngineChat(None, [PetFlow()], services)
    chat.start("pet")
    chat.say("ส้มจี๊ด")
    assert chat.say("หมาค่ะ") == "ส้มจี๊ด เป็นdog บันทึกแล้วค่ะ"


def test_a_menu_label_typed_in_a_flow_is_not_taken_as_the_answer(services: Services) -> None:
    chat = EngineChat(None, [PetFlow()], services)
    chat.start("pet")

    answer = chat.say("แจ้งเรื่องร้องเรียน")

    assert "ยังทำไม่เสร็จ" in answer and chat.labels() == ["ทำต่อ", "เริ่มใหม่", "ยกเลิก"]
    assert chat.draft()["state"] == "NAME" and "name" not in chat.draft()["data"]


def test_a_table_missing_a_state_is_refused_when_the_engine_is_built(services: Services) -> None:
    class Incomplete(PetFlow):
        name = "incomplete"
        state_table = {PetState.NAME: PetFlow.state_table[PetState.NAME]}

    with pytest.raises(FlowDefinitionError, match=r"incomplete: no entry for \['KIND'\]"):
        EngineChat(None, [Incomplete()], services)


def test_a_move_to_a_state_of_another_flow_is_refused_when_the_engine_is_built(
    services: Services,
) -> None:
    class Other(enum.Enum):
        ELSEWHERE = "elsewhere"

    class Leaky(PetFlow):
        name = "leaky"
        state_table = {
            **PetFlow.state_table,
            PetState.KIND: StateDef(_kind_question, _on_kind, then=(Other.ELSEWHERE,)),
        }

    with pytest.raises(FlowDefinitionError, match="leaky: KIND goes to"):
        EngineChat(None, [Leaky()], services)


def test_two_flows_of_one_name_are_refused(services: Services) -> None:
    with pytest.raises(FlowDefinitionError, match="two flows are named 'pet'"):
        EngineChat(None, [PetFlow(), PetFlow()], services)


def test_a_handler_going_where_its_state_does_not_declare_is_an_error(services: Services) -> None:
    class Undeclared(PetFlow):
        name = "undeclared"
        state_table = {
            **PetFlow.state_table,
            PetState.NAME: StateDef(_name_question, _on_name, then=(END,)),  # _on_name goes to KIND
        }

    chat = EngineChat(None, [Undeclared()], services)
    chat.start("undeclared")
    with pytest.raises(FlowDefinitionError, match="undeclared: NAME -> KIND is not declared"):
        chat.say("ส้มจี๊ด")


def _with_minimum_wage_answer() -> Dispatcher:
    dispatcher = Dispatcher()

    @dispatcher.on_intent("minimum_wage")
    def answer(turn: Turn) -> list[TextMessage]:
        return [TextMessage(text="ค่าจ้างขั้นต่ำวันละ 337 บาทค่ะ")]

    return dispatcher


@pytest.fixture
def registered_user(db_session: Session) -> Session:
    db_session.add(LineUser(id=USER))
    db_session.commit()
    return db_session


def test_a_clear_question_in_the_middle_is_answered_then_the_question_asked_again(
    registered_user: Session, tmp_path: Path
) -> None:
    nlu = PhraseNLU({"ค่าแรงขั้นต่ำเท่าไหร่": ("minimum_wage", 0.9)})
    services = make_services(tmp_path, nlu=nlu)
    chat = EngineChat(
        registered_user, [RegistrationFlow()], services, dispatcher=_with_minimum_wage_answer()
    )
    chat.start("registration")
    chat.tap("อาสาสมัครแรงงาน")

    answer = chat.say("ค่าแรงขั้นต่ำเท่าไหร่")
    assert "337 บาท" in answer
    assert RESUME_LEAD.format(title=RegistrationFlow.title) in answer
    assert "อยู่จังหวัดหรืออำเภอไหน" in answer
    assert chat.draft()["state"] == "PLACE"


def test_an_unsure_reading_is_not_taken_for_a_question(
    registered_user: Session, tmp_path: Path
) -> None:
    nlu = PhraseNLU({"ค่าแรงขั้นต่ำเท่าไหร่": ("minimum_wage", 0.5)})  # below the flow's bar
    services = make_services(tmp_path, nlu=nlu)
    chat = EngineChat(
        registered_user, [RegistrationFlow()], services, dispatcher=_with_minimum_wage_answer()
    )
    chat.start("registration")
    chat.tap("อาสาสมัครแรงงาน")

    answer = chat.say("ค่าแรงขั้นต่ำเท่าไหร่")
    assert "337 บาท" not in answer and "คำตอบนี้ใช้ไม่ได้" in answer


def _to_evidence(chat: EngineChat) -> None:
    chat.start("complaint")
    chat.tap("ยินยอม")
    chat.tap("ตัวฉันเอง")
    chat.tap("ค่าจ้าง/เลิกจ้าง")
    chat.say("นายจ้างไม่จ่ายค่าจ้างเดือนที่แล้ว")
    chat.say("เสร็จ")
    assert "ไฟล์หลักฐาน" in chat.say("อ.หนองจิก จ.ปัตตานี")


def test_the_consent_notice_tells_the_retention_period_of_the_services(
    tmp_path: Path,
) -> None:
    services = make_services(tmp_path, complaint_retention_years=5)
    chat = EngineChat(None, [ComplaintFlow()], services)
    assert "เก็บไว้ไม่เกิน 5 ปีหลังปิดเรื่อง" in chat.start("complaint")


def test_a_complaint_without_a_phone_key_skips_the_phone_and_is_filed_once(
    registered_user: Session, tmp_path: Path
) -> None:
    jobs = RecordingJobs()
    services = make_services(tmp_path, jobs=jobs)
    chat = EngineChat(registered_user, [ComplaintFlow()], services)
    _to_evidence(chat)

    chat.send(parse_event(make_image_event(user_id=USER)))
    (download,) = jobs.calls
    assert download[0] is download_evidence
    summary = chat.tap("เสร็จ")
    assert "สรุปเรื่องที่จะแจ้ง" in summary and "ติดต่อกลับ" not in summary  # no phone asked
    assert "แก้ไข" in chat.labels()
    received = chat.tap("ยืนยันส่งเรื่อง")

    complaint = registered_user.scalars(select(Complaint)).one()
    assert complaint.reference in received and complaint.phone_encrypted is None
    # The download again, now that the attachment row exists to be marked.
    assert [call[0] for call in jobs.calls] == [download_evidence, download_evidence]
    assert chat.draft() is None


def test_with_a_phone_key_the_phone_is_asked_and_kept_encrypted_in_the_draft(
    registered_user: Session, tmp_path: Path
) -> None:
    cipher = PhoneCipher(Fernet.generate_key())
    services = make_services(tmp_path, phone_cipher=cipher)
    chat = EngineChat(registered_user, [ComplaintFlow()], services)
    _to_evidence(chat)

    assert "เบอร์โทร" in chat.tap("ข้าม")
    summary = chat.say("081-234-5678")
    assert "ติดต่อกลับ: 081xxxx678" in summary
    draft = chat.draft()
    assert draft is not None and "0812345678" not in str(draft)
    assert cipher.decrypt(draft["data"]["phone_token"]) == "0812345678"
