"""Each person is answered in their language: the one they chose, else the one they write in.

Through the emulator with the real classifier, as a Malay speaker in Pattani would meet it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.chat.language import stated_language
from bot.core.users import LineUser
from tests.conftest import BotWithEmulator

MALAY_SPEAKER = "U" + "4" * 32


@pytest.fixture
def bot(db_url: str, trained_nlu) -> Iterator[BotWithEmulator]:  # type: ignore[no-untyped-def]
    running = BotWithEmulator(db_url, NLU=trained_nlu)
    yield running
    running.stop()


def _language(bot: BotWithEmulator, user_id: str) -> tuple[str | None, bool]:
    with bot.app.extensions["asabot.sessions"]() as session:
        user = session.get(LineUser, user_id)
        assert user is not None
        return user.reply_language, user.language_stated_at is not None


def _labels(reply: list[dict]) -> list[str]:
    quick = reply[-1].get("quickReply") or {}
    return [item["action"]["label"] for item in quick.get("items", [])]


@pytest.mark.parametrize(
    ("typed", "language"),
    [
        ("cakap Melayu", "ms"),
        ("Cakap melayu!", "ms"),
        ("bahasa melayu", "ms"),
        ("ภาษามลายู", "ms"),
        ("چاكڤ ملايو", "ms"),
        ("ภาษาไทย", "th"),
        ("cakap siam", "th"),
        ("ภาษาไทยครับ", "th"),
    ],
)
def test_saying_which_language_is_a_choice(typed, language):
    assert stated_language(typed) == language


@pytest.mark.parametrize("typed", ["ภาษาไทยยากไหม", "saya cakap melayu sikit", "ค่าแรง"])
def test_a_sentence_that_mentions_a_language_is_not_a_choice(typed):
    assert stated_language(typed) is None


def test_a_greeting_in_malay_is_answered_in_malay_and_remembered(bot):
    chat = bot.sim.user(MALAY_SPEAKER)
    chat.say("assalamualaikum, apa khabar")
    reply = chat.last_reply(timeout=10.0)
    assert reply[-1]["text"].startswith("Assalamualaikum")
    assert "Cari kerja" in _labels(reply)
    assert _language(bot, MALAY_SPEAKER) == ("ms", False)

    # A tap says nothing of language: the menu still comes in Malay.
    chat.postback("action=language")
    chat.postback("action=intent&intent=greeting")
    assert chat.last_reply(timeout=10.0)[-1]["text"].startswith("Assalamualaikum")


def test_someone_who_has_not_chosen_follows_the_language_they_write_in(bot):
    chat = bot.sim.user(MALAY_SPEAKER)
    chat.say("terima kasih")
    assert chat.last_text(timeout=10.0).startswith("Sama-sama")
    chat.say("ขอบคุณมากค่ะ")
    assert chat.last_text(timeout=10.0).startswith("ยินดีค่ะ")
    assert _language(bot, MALAY_SPEAKER) == ("th", False)


def test_a_stated_choice_beats_what_the_message_is_written_in(bot):
    chat = bot.sim.user(MALAY_SPEAKER)
    chat.say("cakap Melayu")
    assert chat.last_text(timeout=10.0) == (
        "Baik. Mulai sekarang AsaBot akan menjawab dalam bahasa Melayu."
    )
    chat.say("ขอบคุณมากค่ะ")  # a volunteer typing Thai for them: still answered in Malay
    assert chat.last_text(timeout=10.0).startswith("Sama-sama")
    assert _language(bot, MALAY_SPEAKER) == ("ms", True)

    chat.say("ภาษาไทย")
    assert chat.last_text(timeout=10.0) == "ได้เลยค่ะ จากนี้อาสาบอทจะตอบเป็นภาษาไทยค่ะ"
    chat.say("terima kasih")
    assert chat.last_text(timeout=10.0).startswith("ยินดีค่ะ")


def test_words_that_say_nothing_of_language_change_nothing(bot):
    chat = bot.sim.user(MALAY_SPEAKER)
    chat.say("terima kasih")
    chat.last_reply(timeout=10.0)
    chat.say("ok")
    chat.last_reply(timeout=10.0)
    assert _language(bot, MALAY_SPEAKER) == ("ms", False)


def test_the_welcome_offers_the_other_language_as_one_tap(bot):
    chat = bot.sim.user(MALAY_SPEAKER, display_name="Aminah")
    chat.follow()
    welcome = chat.last_reply(timeout=10.0)
    assert welcome[-1]["text"].startswith("สวัสดีค่ะ คุณAminah")
    assert _labels(welcome)[-1] == "Bahasa Melayu"
    assert len(_labels(welcome)) == 13  # LINE's most


def test_a_follower_whose_line_app_is_in_malay_is_welcomed_in_malay(bot):
    chat = bot.sim.user(MALAY_SPEAKER, display_name="Aminah", language="ms")
    chat.follow()
    welcome = chat.last_reply(timeout=10.0)
    assert welcome[-1]["text"].startswith("Assalamualaikum, Aminah. Selamat datang ke AsaBot.")
    assert _labels(welcome)[-1] == "ภาษาไทย"
