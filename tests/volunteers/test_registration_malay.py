"""Registering as a volunteer in Malay, through the emulator: Malay prompts and buttons, Malay
words typed for the buttons, the same registration on record as in Thai."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from cryptography.fernet import Fernet

from bot.core.crypto import Cipher
from bot.volunteers.models import Role
from bot.volunteers.registry import entry, phone_of
from tests.conftest import BotWithEmulator
from tests.support.chat import Messages, quick_replies, say, tap, texts
from tests.support.fakes import PhraseNLU

HASSAN = "U" + "e5" * 16
PHONE_KEY = Fernet.generate_key().decode()
THAI_SCRIPT = re.compile(r"[\u0e00-\u0e7f]")


@pytest.fixture
def bot(db_url: str) -> Iterator[BotWithEmulator]:
    running = BotWithEmulator(
        db_url, NLU=PhraseNLU({}), QUIET_HOURS="off", COMPLAINT_PHONE_KEY=PHONE_KEY
    )
    yield running
    running.stop()


def in_malay(reply: Messages) -> str:
    text = texts(reply)
    labels = " ".join(quick_replies(reply))
    assert not THAI_SCRIPT.search(text + labels), (text, labels)
    return text


def test_a_volunteer_registers_in_malay(bot: BotWithEmulator) -> None:
    chat = bot.sim.user(HASSAN, display_name="Hassan")
    chat.follow()
    menu = say(chat, "cakap Melayu")

    assert "Daftar sukarelawan" in quick_replies(menu)

    role = tap(chat, "Daftar sukarelawan")
    assert "mendaftar sebagai apa" in in_malay(role)
    assert {"Sukarelawan buruh", "Graduan buruh", "Orang awam"} <= set(quick_replies(role))
    place = say(chat, "sukarelawan")  # typed, a Malay word for the button
    assert "wilayah atau daerah mana" in in_malay(place)
    district = tap(chat, "Yala")
    assert "Daerah mana di wilayah Yala" in in_malay(district)
    consent = tap(chat, "Bannang Sata")
    assert "nama dan nombor telefon" in in_malay(consent)
    assert "Nama penuh" in in_malay(say(chat, "setuju"))
    assert "Nombor telefon anda" in in_malay(say(chat, "Hassan bin Ismail"))

    done = in_malay(say(chat, "081 234 5678"))

    assert done.startswith(
        "Pendaftaran selesai: Sukarelawan buruh, Daerah Bannang Sata, Wilayah Yala"
    )
    assert "AsaBot akan menghantar pengumuman" in done
    with bot.app.extensions["asabot.sessions"]() as session:
        volunteer = entry(session, HASSAN)
        assert volunteer is not None and volunteer.role is Role.VOLUNTEER
        assert (volunteer.province_code, volunteer.district_code) == ("95", "9503")
        assert volunteer.full_name == "Hassan bin Ismail"
        assert phone_of(volunteer, Cipher(PHONE_KEY)) == "0812345678"

    # Starting again shows what is on record, in Malay; "batal" keeps it.
    chat.postback("action=intent&intent=volunteer_register")
    again = in_malay(chat.last_reply())
    assert "Maklumat pendaftaran anda: Sukarelawan buruh, Daerah Bannang Sata" in again
    assert "Nama: Hassan bin Ismail" in again
    assert "kekal seperti dahulu" in in_malay(say(chat, "batal"))


def test_announcement_replies_come_in_malay(bot: BotWithEmulator) -> None:
    chat = bot.sim.user(HASSAN)
    say(chat, "cakap Melayu")

    chat.postback("action=announcements&set=off")
    assert "taip «terima berita»" in in_malay(chat.last_reply())
    chat.postback("action=announcements&set=on")
    assert "Anda kini menerima pengumuman" in in_malay(chat.last_reply())
