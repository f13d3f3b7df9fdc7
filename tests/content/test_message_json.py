"""The one-walk JSON of a message (bot/core/message_json.py) is the SDK's `to_dict()`, key for key
and in the same order, for every answer the question sets get and for the menus."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from bot.chat.menu import main_menu_messages
from bot.content.answers import help_menu_messages
from bot.content.loader import load_content
from bot.core.i18n import Translator
from bot.core.message_json import message_json, messages_json
from tests.content import quality


def _same(message: Any) -> None:
    walked, sdk = message_json(message), message.to_dict()
    # Compared as text too: the same keys in the same order, so the stored and sent bytes match.
    assert json.dumps(walked, ensure_ascii=False) == json.dumps(sdk, ensure_ascii=False)


def test_every_answer_to_the_question_sets_has_the_sdks_json(
    db_session: Session, trained_nlu: Any
) -> None:
    load_content(db_session, quality.CONTENT_DIR)
    entries = quality.questions() + quality.questions(quality.MALAY_QUESTIONS_FILE)
    kinds = set()
    for entry in entries:
        messages = quality.answer(db_session, trained_nlu, entry["q"], entry.get("province"))
        for message in messages:
            _same(message)
            kinds.add(message.type)
    assert {"flex", "text"} <= kinds  # cards, carousels and plain answers were all compared


def test_menus_have_the_sdks_json(db_session: Session) -> None:
    load_content(db_session, quality.CONTENT_DIR)
    for lang in ("th", "ms"):
        menus = main_menu_messages("?", t=Translator(lang)) + help_menu_messages(
            db_session, None, lang
        )
        assert messages_json(menus) == [m.to_dict() for m in menus]
        for message in menus:
            _same(message)
