"""What the bot says, in Thai or Malay, through gettext catalogues read with Babel.

Thai is the source language: the text in the code is the Thai message (the msgid), and
`bot/locale/ms/LC_MESSAGES/messages.po` holds its Malay form. Messages are marked where they are
written, translated where they are sent:

    ASK_PLACE = N_("เกิดขึ้นที่จังหวัดไหนคะ")        # a module constant, marked for extraction
    TextMessage(text=turn.t(ASK_PLACE))             # translated into the person's language
    turn.t("ได้รับแล้ว {count} ไฟล์ค่ะ", count=2)     # placeholders are str.format fields
    QuickReplyItem(action=MessageAction(label=turn.t(L_("ยกเลิก")), ...))

`L_` marks a button or quick-reply label: LINE cuts labels at 20 characters, so the catalogue test
holds both languages of every `L_` text to that. `make messages` extracts the marks into
`bot/locale/messages.pot` and merges them into the Malay catalogue; tests/bot/test_catalogue.py
fails when a marked message has no Malay form.

The .po file is read at start-up (bot/wsgi.py does it before gunicorn forks), so there is no
compiled .mo to forget to build.
"""

from __future__ import annotations

import functools
import io
import logging
from dataclasses import dataclass
from gettext import NullTranslations
from pathlib import Path
from typing import Any, Final

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

log = logging.getLogger(__name__)

THAI: Final = "th"
MALAY: Final = "ms"
SOURCE_LANGUAGE: Final = THAI
LANGUAGES: Final = (THAI, MALAY)
LOCALE_DIR: Final = Path(__file__).resolve().parent.parent / "locale"
DOMAIN: Final = "messages"
LABEL_LIMIT: Final = 20  # LINE's limit on an action label, in characters
# Language tags that mean Malay (a LINE app set to Malay says 'ms'; ISO 639-3 and -2 forms too).
MALAY_TAGS: Final = ("ms", "zsm", "msa", "may")


def N_(message: str) -> str:
    """Marks a message for extraction; translate it later with `translate` or `turn.t`."""
    return message


def L_(label: str) -> str:
    """Marks a button label (at most 20 characters in every language) for extraction."""
    return label


def language_code(value: str | None) -> str:
    """A catalogue language for any tag: 'ms', 'ms-MY', 'zsm' → Malay; anything else Thai."""
    tag = (value or "").strip().lower().replace("_", "-")
    return MALAY if tag.split("-")[0] in MALAY_TAGS else THAI


@functools.cache
def catalogue(language: str) -> NullTranslations:
    """The language's translations (cached per process); Thai, the source, needs none."""
    if language == SOURCE_LANGUAGE:
        return NullTranslations()
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as po:
        messages = read_po(po, locale=language)
    buffer = io.BytesIO()
    # Fuzzy entries are guesses `make messages` made; never show a person a guess.
    write_mo(buffer, messages, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def translate(message: str, language: str, /, **values: Any) -> str:
    """`message` (a Thai msgid) in `language`, with `values` filled in; Thai when untranslated."""
    text = catalogue(language_code(language)).gettext(message)
    return text.format(**values) if values else text


@dataclass(frozen=True)
class Translator:
    """`translate` bound to one person's language: what handlers call as `turn.t(...)`."""

    language: str = THAI

    def __call__(self, message: str, /, **values: Any) -> str:
        return translate(message, self.language, **values)

    @property
    def is_malay(self) -> bool:
        return self.language == MALAY


IN_THAI: Final = Translator(THAI)
IN_MALAY: Final = Translator(MALAY)


def warm_up() -> None:
    """Read every catalogue now (before the fork), not on a person's first message."""
    for language in LANGUAGES:
        catalogue(language)
