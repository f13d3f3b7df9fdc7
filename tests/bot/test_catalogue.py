"""Every message the bot sends exists in Thai and Malay: the catalogue is complete and sound.

Messages are marked in the code with N_ (a message), L_ (a button label) or turn.t("...");
the Malay forms live in bot/locale/ms/LC_MESSAGES/messages.po (`make messages` adds new marks).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.chat.intent_labels import TAXONOMY_LABELS
from bot.chat.menu import label_length
from bot.core.i18n import IN_MALAY, LABEL_LIMIT, LOCALE_DIR, MALAY, translate
from intents.taxonomy import load_taxonomy

BOT = Path(__file__).resolve().parents[2] / "bot"
METHODS = [("**.py", "python")]


def _marked(keywords: Iterable[str]) -> dict[str, str]:
    """Every literal message marked with one of `keywords` in bot/, with where it is."""
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(BOT), METHODS, keywords={k: None for k in keywords}
    ):
        if isinstance(message, str):
            found.setdefault(message, f"bot/{filename}:{lineno}")
    return found


MESSAGES = _marked(["N_", "L_", "t"])
LABELS = _marked(["L_"])
with (LOCALE_DIR / MALAY / "LC_MESSAGES" / "messages.po").open("rb") as _po:
    CATALOGUE = read_po(_po)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_code_marks_its_messages():
    # A guard on the extraction itself: if it found nothing, every test below would pass.
    assert len(MESSAGES) > 40
    assert "เมนูทั้งหมด" in LABELS


def test_every_marked_message_has_its_malay_form():
    missing = [
        f"{where}: {msgid!r}"
        for msgid, where in MESSAGES.items()
        if (entry := CATALOGUE.get(msgid)) is None or not entry.string or entry.fuzzy
    ]
    assert not missing, (
        "messages with no Malay form (run `make messages`, then translate them in "
        "bot/locale/ms/LC_MESSAGES/messages.po):\n" + "\n".join(missing)
    )


def test_a_malay_form_uses_no_placeholder_its_thai_message_lacks():
    # One may be left out (a Thai office name a Malay reader has no use for); one added would
    # raise KeyError when the message is sent.
    broken = [
        f"{entry.id!r}: {sorted(_fields(entry.id))} vs {sorted(_fields(entry.string))}"
        for entry in CATALOGUE
        if entry.id and entry.string and not _fields(entry.string) <= _fields(entry.id)
    ]
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("language", ["th", "ms"])
def test_every_button_label_fits_lines_limit_in_both_languages(language):
    too_long = [
        f"{LABELS[label]}: {translate(label, language)!r}"
        for label in LABELS
        if label_length(translate(label, language)) > LABEL_LIMIT
    ]
    assert not too_long, f"labels over {LABEL_LIMIT} characters:\n" + "\n".join(too_long)


def test_malay_forms_are_malay_not_thai_left_in_place():
    thai = re.compile(r"[\u0e00-\u0e7f]")
    # Names of the Thai language itself and Thai place names may stay in Thai script.
    allowed = {"ภาษาไทย"}
    left = [e.id for e in CATALOGUE if e.id and e.string and thai.search(e.string)]
    assert [m for m in left if m not in allowed] == []


def test_every_intent_of_the_taxonomy_has_a_marked_label():
    taxonomy = {intent.id: intent.th for intent in load_taxonomy().intents}
    assert TAXONOMY_LABELS == taxonomy


def test_a_translated_message_fills_its_placeholders_in_malay():
    assert IN_MALAY("สวัสดีค่ะ คุณ{name}", name="Aminah") == "Assalamualaikum, Aminah."
    assert translate("สวัสดีค่ะ คุณ{name}", "th", name="อามีนะห์") == "สวัสดีค่ะ คุณอามีนะห์"


def test_an_unknown_message_falls_back_to_its_thai_text():
    assert IN_MALAY("ข้อความที่ไม่มีในแค็ตตาล็อก") == "ข้อความที่ไม่มีในแค็ตตาล็อก"
