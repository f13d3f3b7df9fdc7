"""Phone numbers in free text are found by libphonenumber (Thai, then Malaysian) and masked."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.chat.models import MessageLog
from bot.core.db import get_session
from bot.core.phones import MASK, mask_phone_numbers
from tests.conftest import make_bot_app
from tests.support.channel import CHANNEL_SECRET
from tests.support.events import load_body, signed_post
from tests.support.fakes import RecordingLine

WRITTEN_WAYS = [
    "081-234-5678",
    "(081) 234 5678",
    "081.234.5678",
    "081/234/5678",
    "081_234_5678",
    "๐๘๑๒๓๔๕๖๗๘",
    "๐๘๑-๒๓๔-๕๖๗๘",
    "0812345678",
    "+66 81 234 5678",
    "+66812345678",
    "02-123-4567",  # a Bangkok landline
    "073 123 456",  # a Pattani landline
    "012-345 6789",  # a Malaysian mobile, as people across the border write it
    "+60 12-345 6789",
]


@pytest.mark.parametrize("phone", WRITTEN_WAYS)
def test_every_way_of_writing_a_thai_number_is_masked(phone: str) -> None:
    masked = mask_phone_numbers(f"ติดต่อกลับที่ {phone} นะคะ")
    assert masked == f"ติดต่อกลับที่ {MASK} นะคะ"


@pytest.mark.parametrize(
    "text",
    [
        "ค่าแรงขั้นต่ำ 350 บาท",
        "ยอด 12,000.50 บาท",
        "วันที่ 12/05/2567",
        "ปี 2567 เดือน 5",
        "เลขที่เรื่อง AS-2569-000001",
        "โทรสายด่วน 1506",
        "U4af4980629aabbccddeeff0011223344",
    ],
)
def test_amounts_dates_references_and_hotlines_are_left_alone(text: str) -> None:
    assert mask_phone_numbers(text) == text


def test_two_numbers_in_one_message_are_both_masked() -> None:
    masked = mask_phone_numbers("บ้าน 073-123-456 มือถือ ๐๘๙.๗๖๕.๔๓๒๑ ค่ะ")
    assert masked == f"บ้าน {MASK} มือถือ {MASK} ค่ะ"


@pytest.mark.parametrize("phone", ["(081) 234 5678", "081_234_5678", "๐๘๑๒๓๔๕๖๗๘"])
def test_numbers_never_reach_the_message_log(db_url: str, phone: str) -> None:
    app = make_bot_app(db_url, LINE_API=RecordingLine())
    body = load_body("text")
    body["events"][0]["message"]["text"] = f"ติดต่อกลับที่ {phone} นะคะ"

    assert signed_post(app.test_client(), body, CHANNEL_SECRET).status_code == 200

    with app.app_context():
        logged = get_session().scalars(select(MessageLog.text)).first()
    assert logged == f"ติดต่อกลับที่ {MASK} นะคะ"
