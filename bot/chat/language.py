"""Which language a person is answered in: stated beats detected, detected beats the LINE app's.

A person states a language by the rich menu's language tile or by saying so ("cakap Melayu",
"ภาษาไทย"); from then on what they type never switches it back. Someone who never said keeps
being answered in the language of their last message that was clearly Thai or Malay (English,
numbers and stickers say nothing and change nothing).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from linebot.v3.messaging import PostbackAction, QuickReply, QuickReplyItem

from bot.chat.dispatch import Turn
from bot.core import postback
from bot.core.i18n import LANGUAGES, MALAY, THAI, Translator
from bot.core.users import LineUser
from bot.richmenu.service import link_menu_for_person
from intents.language import identify

# Typed requests to switch, folded (lower case, single spaces, no punctuation or polite endings).
SWITCH_PHRASES: dict[str, str] = {
    **dict.fromkeys(
        (
            "cakap melayu",
            "cakap bahasa melayu",
            "bahasa melayu",
            "melayu",
            "jawi",
            "cakap jawi",
            "kecek melayu",
            "kecek jawi",
            "guna bahasa melayu",
            "ภาษามลายู",
            "ภาษายาวี",
            "ภาษามลายูค่ะ",
            "ภาษามลายูครับ",
            "ขอภาษามลายู",
            "พูดมลายู",
        ),
        MALAY,
    ),
    **dict.fromkeys(
        (
            "ภาษาไทย",
            "ขอภาษาไทย",
            "พูดไทย",
            "ภาษาไทยค่ะ",
            "ภาษาไทยครับ",
            "cakap siam",
            "cakap thai",
            "bahasa thai",
            "bahasa siam",
            "kecek siam",
            "guna bahasa thai",
        ),
        THAI,
    ),
}
# Jawi spellings of the same requests (ملايو Melayu, سيام Siam).
SWITCH_PHRASES.update({"چاكڤ ملايو": MALAY, "بهاس ملايو": MALAY, "چاكڤ سيام": THAI})

_NOISE = re.compile(r"[\s!?.,~\"'()\[\]]+")
DETECTION_CONFIDENCE = 0.75  # a Latin guess below this leaves the language as it was


def _fold(text: str) -> str:
    return _NOISE.sub(" ", text.strip().lower()).strip()


def stated_language(text: str) -> str | None:
    """The language a message asks for ("cakap Melayu" → 'ms'); None for any other message."""
    return SWITCH_PHRASES.get(_fold(text))


def _user(turn: Turn) -> LineUser | None:
    if turn.user_id is None:
        return None
    user = turn.session.get(LineUser, turn.user_id)
    if user is None:
        user = LineUser(id=turn.user_id)
        turn.session.add(user)
    return user


def choose_language(turn: Turn, language: str) -> None:
    """The person said which language they want: remember it, and answer this turn in it."""
    if language not in LANGUAGES:
        raise ValueError(f"not a catalogue language: {language!r}")
    turn.language = language
    user = _user(turn)
    if user is not None:
        user.reply_language = language
        user.language_stated_at = datetime.now(UTC)
        if turn.is_one_to_one:
            # The rich menu follows the choice: the Malay twin of the person's menu, or back to
            # the Thai one (a failure is logged there and never stops the answer).
            link_menu_for_person(turn.session, turn.line, user.id)


def notice_language(turn: Turn, text: str) -> None:
    """Follow the language of what was typed, unless the person chose one."""
    guess = identify(text)
    if guess.lang not in LANGUAGES:
        return
    if guess.script == "latin" and guess.confidence < DETECTION_CONFIDENCE:
        return
    if not turn.is_one_to_one:
        turn.language = guess.lang  # a group has many people: answer in the message's language
        return
    user = _user(turn)
    if user is None or user.language_stated_at is not None:
        return
    user.reply_language = guess.lang
    turn.language = guess.lang


# Each language's name as its speakers write it: a button reads the same in every language.
LANGUAGE_NAMES = {THAI: "ภาษาไทย", MALAY: "Bahasa Melayu"}


def language_item(language: str) -> QuickReplyItem:
    """A button that switches to `language` (the postback the rich menu's tile uses too)."""
    label = LANGUAGE_NAMES[language]
    data = postback.encode("language", lang=language)
    return QuickReplyItem(action=PostbackAction(label=label, data=data, display_text=label))


def other_language_item(t: Translator) -> QuickReplyItem:
    """The button for the language the person is not being answered in."""
    return language_item(THAI if t.is_malay else MALAY)


def language_choices() -> QuickReply:
    return QuickReply(items=[language_item(language) for language in LANGUAGES])
