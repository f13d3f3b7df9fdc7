"""The survey chat's own words exist in Thai and Malay (through the message catalogue), with the
same placeholders, and every button label fits LINE's 20 characters."""

from __future__ import annotations

import string

from bot.core.i18n import IN_MALAY
from bot.surveys.messages import TEXTS, language_of, say

BUTTONS = (
    "register",
    "consent_yes",
    "consent_no",
    "back",
    "pause",
    "skip",
    "done",
    "next_page",
    "previous_page",
    "add",
    "no_more",
    "submit",
    "discard",
    "discard_yes",
    "keep_going",
    "start_new",
    "another",
    "pick_date",
    "send_location",
    "camera",
    "camera_roll",
    "start_button",
)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_text_has_thai_and_malay_with_the_same_placeholders() -> None:
    # The Malay forms come from the catalogue (bot/locale/ms/LC_MESSAGES/messages.po).
    for key, thai in TEXTS.items():
        malay = IN_MALAY(thai)
        assert thai.strip() and malay.strip(), key
        assert malay != thai, f"{key}: no Malay form in the catalogue"
        assert _placeholders(thai) == _placeholders(malay), key


def test_a_text_is_said_in_the_language_asked_with_its_values_filled_in() -> None:
    assert say("question_number", "th", number=3) == "ข้อ 3"
    assert say("question_number", "ms", number=3) == "Soalan 3"
    assert say("submit", "ms-MY") == "Hantar"


def test_button_labels_fit_line_s_twenty_characters() -> None:
    for key in BUTTONS:
        for language in ("th", "ms"):
            assert len(say(key, language)) <= 20, (key, language)


def test_the_stored_language_picks_malay_only_for_malay() -> None:
    assert [language_of(v) for v in ("ms", "ms-MY", "th", "en", None)] == [
        "ms",
        "ms",
        "th",
        "th",
        "th",
    ]
