"""A complaint filed in Malay, start to finish, and a switch to Malay in the middle of one.

Through the emulator, as a Malay speaker in Pattani meets the bot: every prompt and button in
Malay, Malay words typed for the buttons, the story kept as typed, the receipt in Malay, and the
case recorded as made in Malay for the staff who read it.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import select

from bot.complaints.flow import CONSENT_VERSION
from bot.complaints.models import Complaint
from bot.core.db import get_session
from bot.core.users import LineUser
from tests.admin.conftest import add_staff, login
from tests.support.chat import Messages, quick_replies, say, tap, texts

from .conftest import stored

AMINAH = "U" + "a" * 32
SUHAILA = "U" + "b" * 32
STORY = "Majikan tidak bayar gaji saya dua bulan.\nKawan sekerja pun sama, lima orang."
THAI_SCRIPT = re.compile(r"[\u0e00-\u0e7f]")


@pytest.fixture
def bot_config(bot_config: dict[str, Any]) -> dict[str, Any]:
    """The complaint bot, with the console's settings so staff can open the case page."""
    return {**bot_config, "SECRET_KEY": "test-console-secret", "SESSION_COOKIE_SECURE": False}


def in_malay(reply: Messages) -> str:
    """The reply's text, checked to be Malay throughout: no Thai left in a message or button."""
    text = texts(reply)
    labels = " ".join(quick_replies(reply))
    assert not THAI_SCRIPT.search(text + labels), (text, labels)
    return text


def test_a_complaint_is_filed_in_malay_from_consent_to_receipt(complaint_bot, sim) -> None:
    chat = sim.user(AMINAH, display_name="Aminah")
    chat.follow()
    chat.last_reply()
    menu = say(chat, "cakap Melayu")
    assert "Buat aduan" in quick_replies(menu)

    consent = tap(chat, "Buat aduan")
    notice = in_malay(consent)
    assert "data peribadi" in notice and "tahun selepas aduan ditutup" in notice
    assert {"Setuju", "Tidak setuju", "Batal"} <= set(quick_replies(consent))
    # "ya" answers many questions; consent has to be said outright.
    assert "Persetujuan mesti jelas" in in_malay(say(chat, "ya"))
    assert "siapa" in in_malay(say(chat, "setuju"))
    assert "jenis apa" in in_malay(tap(chat, "Diri saya sendiri"))
    assert "ceritakan" in in_malay(say(chat, "gaji"))  # a typed kind, as a button
    first, second = STORY.split("\n")
    assert "diterima" in in_malay(say(chat, first))
    say(chat, second)
    place = say(chat, "selesai")
    assert "Di mana" in in_malay(place)
    assert {"Pattani", "Yala", "Narathiwat", "Hantar lokasi"} <= set(quick_replies(place))
    district = tap(chat, "Pattani")
    assert "Daerah mana di wilayah Pattani" in in_malay(district)
    evidence = tap(chat, "Nong Chik")
    assert "bukti" in in_malay(evidence)
    assert {"Langkau", "Pilih gambar", "Ambil gambar"} <= set(quick_replies(evidence))
    phone = say(chat, "langkau")
    assert "nombor telefon" in in_malay(phone)
    summary = tap(chat, "Tidak dinyatakan")
    shown = in_malay(summary)
    assert "Ringkasan aduan" in shown
    assert "Orang yang terjejas: Diri saya sendiri" in shown
    assert "Jenis: Gaji/dibuang kerja" in shown
    assert f"Butiran: {STORY}" in shown  # the story as typed
    assert "Tempat: Daerah Nong Chik, Wilayah Pattani" in shown
    assert "Pejabat Kebajikan dan Perlindungan Buruh Wilayah Pattani" in shown
    assert {"Sahkan & hantar", "Ubah"} <= set(quick_replies(summary))

    receipt = in_malay(say(chat, "hantar"))

    complaint = stored(complaint_bot)
    assert f"Nombor rujukan: {complaint.reference}" in receipt
    assert "Aduan anda telah diterima" in receipt
    assert complaint.language == "ms"
    assert complaint.details == STORY
    assert (complaint.category, complaint.province_code, complaint.district_code) == (
        "wages_dismissal",
        "94",
        "9403",
    )
    assert complaint.consent_version == CONSENT_VERSION  # the Malay notice is the same version
    assert complaint.anonymous

    # Staff read it in Thai, told it was made in Malay, with the story untranslated.
    add_staff(complaint_bot.app, "admin", "admin")
    console = complaint_bot.app.test_client()
    assert login(console, "admin").status_code == 302
    page = console.get(f"/admin/complaints/{complaint.reference}").get_data(as_text=True)
    language = page[page.index('id="case-language"') :]
    assert language[language.index(">") + 1 :].startswith("มลายู</dd>")
    assert "Majikan tidak bayar gaji saya dua bulan." in page
    assert 'lang="ms"' in page


def test_a_complaint_in_thai_is_recorded_as_thai(complaint_bot, sim) -> None:
    from .conftest import file_it, to_place_question

    chat = to_place_question(sim, SUHAILA)
    tap(chat, "ปัตตานี")
    tap(chat, "หนองจิก")
    file_it(chat)
    assert stored(complaint_bot).language == "th"


def test_switching_to_malay_mid_complaint_keeps_the_draft_and_asks_again_in_malay(
    complaint_bot, sim
) -> None:
    chat = sim.user(SUHAILA, display_name="ซูไฮลา")
    chat.postback("action=intent&intent=complaint_file")
    chat.last_reply()
    tap(chat, "ยินยอม")
    assert "ประเภทไหน" in texts(tap(chat, "ตัวฉันเอง"))

    switched = say(chat, "cakap Melayu")

    # The choice is confirmed, then the same question again, now in Malay, with Malay buttons.
    assert "Aduan ini jenis apa?" in in_malay(switched)
    assert "Gaji/dibuang kerja" in quick_replies(switched)
    with complaint_bot.app.app_context():
        user = get_session().get(LineUser, SUHAILA)
        assert user is not None and user.reply_language == "ms"
    assert "ceritakan" in in_malay(tap(chat, "Gaji/dibuang kerja"))
    say(chat, "Gaji tidak dibayar sejak Oktober.")
    assert "Di mana" in in_malay(say(chat, "selesai"))
    tap(chat, "Yala")
    tap(chat, "Mueang Yala")
    say(chat, "langkau")
    summary = in_malay(tap(chat, "Tidak dinyatakan"))
    # What was answered in Thai before the switch is still there.
    assert "Orang yang terjejas: Diri saya sendiri" in summary
    assert "Daerah Mueang Yala, Wilayah Yala" in summary

    in_malay(tap(chat, "Sahkan & hantar"))
    complaint = stored(complaint_bot)
    assert complaint.language == "ms" and complaint.affected.value == "self"
    assert complaint.details == "Gaji tidak dibayar sejak Oktober."


def test_switching_back_to_thai_mid_complaint_asks_the_question_in_thai(complaint_bot, sim):
    chat = sim.user(SUHAILA)
    say(chat, "cakap Melayu")
    chat.postback("action=intent&intent=complaint_file")
    assert "data peribadi" in in_malay(chat.last_reply())
    say(chat, "setuju")

    switched = say(chat, "ภาษาไทย")

    assert "เรื่องนี้เกิดกับใครคะ" in texts(switched)
    assert {"ตัวฉันเอง", "ยกเลิก"} <= set(quick_replies(switched))
    assert "ประเภทไหน" in texts(tap(chat, "ตัวฉันเอง"))


def test_malay_typed_cancel_ends_the_complaint_with_nothing_kept(complaint_bot, sim) -> None:
    chat = sim.user(AMINAH)
    say(chat, "cakap Melayu")
    chat.postback("action=intent&intent=complaint_file")
    chat.last_reply()
    say(chat, "setuju")

    cancelled = in_malay(say(chat, "batal"))

    assert "aduan dibatalkan" in cancelled and "Tiada maklumat disimpan" in cancelled
    with complaint_bot.app.app_context():
        assert get_session().scalars(select(Complaint)).all() == []
