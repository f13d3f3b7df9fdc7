"""Opting in and out of announcements: what people type is read the right way round, and the
«ประกาศถึงฉัน» menu button tells someone who opted out that no news will come."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.broadcasts.models import Broadcast, BroadcastRecipient, BroadcastStatus
from bot.core.orm import utcnow
from bot.richmenu.handlers import NO_ANNOUNCEMENTS
from bot.volunteers.announcements import OPTED_OUT, TURNED_OFF, TURNED_ON
from bot.volunteers.opt_in import wants_announcements
from tests.conftest import BotWithEmulator
from tests.support.fakes import RankingNLU

ON, OFF, NEITHER = True, False, None

PHRASINGS = [
    # turning them on
    ("เปิดรับข่าวประกาศด้วยค่ะ", ON),
    ("เปิดรับข่าว", ON),
    ("เปิดการแจ้งเตือน", ON),
    ("รับข่าว", ON),
    ("รับข่าวสารครับ", ON),
    ("สมัครรับข่าว", ON),
    ("ขอรับข่าวทางไลน์นี้ด้วยค่ะ", ON),
    ("อยากรับข่าวประกาศอีกครั้งค่ะ", ON),
    ("ขอรับประกาศรับสมัครงานทุกครั้งที่มีนะครับ", ON),
    ("ติดตามข่าว", ON),
    ("เมื่อก่อนเคยได้รับข่าว ตอนนี้ไม่ได้แล้ว ช่วยเปิดให้ใหม่หน่อยครับ", ON),
    ("อย่าหยุดส่งข่าวนะ", ON),
    ("ไม่ต้องหยุดส่งข่าว", ON),
    ("ไม่อยากเลิกรับข่าว", ON),
    ("subscribe", ON),
    ("Subscribe ข่าว", ON),
    ("langgan berita", ON),
    # turning them off
    ("ไม่อยากรับข่าวประกาศแล้วค่ะ", OFF),
    ("หยุดรับข่าว", OFF),
    ("หยุดส่งข่าวครับ", OFF),
    ("หยุดส่งประกาศมาได้แล้ว", OFF),
    ("หยุด", OFF),
    ("ไม่รับข่าวแล้ว", OFF),
    ("ยกเลิกรับข่าว", OFF),
    ("ยกเลิกการแจ้งเตือน", OFF),
    ("ปิดแจ้งเตือน", OFF),
    ("ปิดข่าว", OFF),
    ("ปิดการแจ้งเตือนข่าวประกาศ", OFF),
    ("เลิกส่งข่าวมา", OFF),
    ("ขอเลิกรับประกาศค่ะ", OFF),
    ("ไม่ต้องส่งข่าวมาแล้ว", OFF),
    ("พอแล้ว ไม่ต้องส่งข่าว", OFF),
    ("ไม่เอาข่าวแล้ว", OFF),
    ("ไม่ต้องการรับประกาศค่ะ", OFF),
    ("อย่าส่งข่าวมาอีก", OFF),
    ("ข่าวเยอะเกินไป ขอหยุดก่อน", OFF),
    ("ช่วงนี้ยุ่งมาก ข่าวเด้งทั้งวัน ขอหยุดรับข่าวไปก่อนได้ไหมคะ", OFF),
    ("unsubscribe", OFF),
    ("STOP", OFF),
    ("stop news", OFF),
    ("berhenti hantar berita", OFF),
    ("tak nak terima berita", OFF),
    ("jangan hantar berita lagi", OFF),
    # asking about news, or about the setting: nothing changes
    ("มีข่าวอะไรใหม่ไหมคะ", NEITHER),
    ("ข่าวสาร", NEITHER),
    ("ส่งข่าวมาหน่อยเจ้า", NEITHER),
    ("มีประกาศรับสมัครอะไรใหม่ไหม", NEITHER),
    ("ประกาศวันหยุดราชการเดือนนี้ของสำนักงาน", NEITHER),
    ("ประกาศหยุดราชการวันไหน", NEITHER),
    ("ประกาศปิดรับสมัครแล้วหรือยัง", NEITHER),
    ("ประกาศปิดสำนักงานชั่วคราว", NEITHER),
    ("ข่าวเลิกจ้างโรงงานที่ปัตตานี", NEITHER),
    ("ประกาศผลคัดเลือกบัณฑิตแรงงานออกยัง", NEITHER),
    ("ไม่ได้รับข่าวเลย ทำไม", NEITHER),
    ("ทำไมข่าวไม่มาแล้ว", NEITHER),
    ("ข่าวที่ส่งมาเมื่อเช้าอ่านไม่ได้", NEITHER),
    ("ส่งข่าวบ่อยเกิน ลดลงได้ไหม", NEITHER),
    ("ตอนนี้รับข่าวอยู่ไหม", NEITHER),
    ("berita terkini", NEITHER),
    ("", NEITHER),
]


@pytest.mark.parametrize(("text", "wanted"), PHRASINGS)
def test_each_phrasing_opts_in_out_or_changes_nothing(text: str, wanted: bool | None) -> None:
    assert wants_announcements(text) is wanted


# Every message is about announcements, as the trained model reads these; what the words then
# ask for is the handler's to work out.
ANNOUNCEMENTS_ONLY = RankingNLU([("announcements", 0.95)])


@pytest.fixture
def bot(db_url: str) -> Iterator[BotWithEmulator]:
    running = BotWithEmulator(db_url, NLU=ANNOUNCEMENTS_ONLY)
    yield running
    running.stop()


def test_opting_out_and_in_answers_the_right_way_round_and_the_menu_button_tells_the_truth(
    bot: BotWithEmulator,
) -> None:
    user_id = "U" + "5e" * 16
    chat = bot.sim.user(user_id, display_name="ฟาติมะห์")
    chat.follow()
    chat.last_reply()
    chat.postback("action=my_announcements")
    assert chat.last_text() == NO_ANNOUNCEMENTS

    chat.say("ไม่อยากรับข่าวประกาศแล้วค่ะ")
    assert chat.last_text() == TURNED_OFF

    chat.postback("action=my_announcements")
    answer = chat.last_reply()
    assert [m["text"] for m in answer] == [OPTED_OUT]
    assert "จะส่งมา" not in OPTED_OUT  # no promise of news that will not come
    (opt_in,) = [item["action"] for item in answer[-1]["quickReply"]["items"]]
    assert opt_in["label"] == "รับข่าว"

    chat.say("เปิดรับข่าวประกาศด้วยค่ะ")
    assert chat.last_text() == TURNED_ON
    chat.postback("action=my_announcements")
    assert chat.last_text() == NO_ANNOUNCEMENTS

    chat.say("ไม่อยากรับข่าวประกาศแล้วค่ะ")
    chat.postback(opt_in["data"])  # the notice's button opts back in
    assert chat.last_text() == TURNED_ON

    # With announcements sent before the opt-out: they are listed, and the notice follows.
    with bot.app.extensions["asabot.sessions"]() as session:
        sent = Broadcast(
            messages=[{"type": "text", "text": "ประชุมเครือข่าย ยะลา"}],
            status=BroadcastStatus.SENT,
            finished_at=utcnow(),
        )
        session.add(sent)
        session.flush()
        session.add(BroadcastRecipient(broadcast_id=sent.id, user_id=user_id, seq=1))
        session.commit()
    chat.say("หยุดรับข่าว")
    assert chat.last_text() == TURNED_OFF
    chat.postback("action=my_announcements")
    listed, notice = chat.last_reply()
    assert "ประชุมเครือข่าย ยะลา" in listed["text"]
    assert notice["text"] == OPTED_OUT
