"""A message the classifier files under the complaint flow or the menu, yet asking to be told
something ("ร้องเรียนนายจ้างเบอร์อะไร"), is answered from the content; saying what one wants
done ("อยากร้องเรียนนายจ้าง") still starts the flow, and the menu's own questions get the menu."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from bot.content.loader import load_content
from bot.core.db import get_session
from tests.conftest import BotWithEmulator
from tests.support.chat import Messages, postback_data, say, texts
from tests.support.fakes import PhraseNLU

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"
# The readings the real classifier gave these messages when they were written (2026-12-02).
NLU = PhraseNLU(
    {
        "ร้องเรียนนายจ้างเบอร์อะไร": "complaint_file",
        "อยากร้องเรียนนายจ้าง": "complaint_file",
        "1880 โทรเรื่องอะไรได้บ้าง": "help_menu",
        "อาสาบอททำอะไรได้บ้าง": "help_menu",
    }
)


@pytest.fixture
def bot(db_url: str, tmp_path: Path) -> Iterator[BotWithEmulator]:
    running = BotWithEmulator(
        db_url,
        NLU=NLU,
        COMPLAINT_PHONE_KEY=Fernet.generate_key().decode(),
        MEDIA_DIR=str(tmp_path / "media"),
    )
    with running.app.app_context():
        load_content(get_session(), CONTENT_DIR)
        get_session().commit()
    yield running
    running.stop()


def _articles(messages: Messages) -> list[str]:
    """The ids of the articles whose "อ่านต่อ" the answer shows, in order."""
    found = json.dumps(messages, ensure_ascii=False)
    ids = []
    for part in found.split("action=read_more&article=")[1:]:
        article = part.split('"', 1)[0]
        if article not in ids:
            ids.append(article)
    return ids


def test_asking_the_number_for_a_complaint_gets_the_hotlines_and_the_flow_one_tap_away(
    bot: BotWithEmulator,
) -> None:
    chat = bot.sim.user("U" + "a" * 32)

    answer = say(chat, "ร้องเรียนนายจ้างเบอร์อะไร")

    assert _articles(answer)[:1] == ["labour-complaint-hotlines"]
    assert "1546" in json.dumps(answer, ensure_ascii=False)
    assert postback_data(answer, "แจ้งเรื่องร้องเรียน") == "action=intent&intent=complaint_file"


def test_wanting_to_complain_starts_the_complaint_flow(bot: BotWithEmulator) -> None:
    chat = bot.sim.user("U" + "b" * 32)

    answer = say(chat, "อยากร้องเรียนนายจ้าง")

    assert "ยินยอมให้เก็บข้อมูลเพื่อแจ้งเรื่องไหมคะ" in texts(answer)
    assert _articles(answer) == []


def test_asking_what_a_hotline_is_for_gets_its_article_not_the_menu(bot: BotWithEmulator) -> None:
    chat = bot.sim.user("U" + "c" * 32)

    answer = say(chat, "1880 โทรเรื่องอะไรได้บ้าง")

    assert _articles(answer)[:1] == ["more-hotline-1880-sbpac"]
    assert "24 ชั่วโมง" in json.dumps(answer, ensure_ascii=False)


def test_asking_what_the_bot_does_still_gets_the_help_article(bot: BotWithEmulator) -> None:
    chat = bot.sim.user("U" + "d" * 32)

    answer = say(chat, "อาสาบอททำอะไรได้บ้าง")

    assert _articles(answer)[:1] == ["help-how-to-use"]
