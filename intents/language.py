"""Which language a message is in: Thai, Malay (Rumi or Jawi letters), or English.

Script first: Thai letters are Thai, Arabic letters are Jawi (Malay), and only Latin text is
left to a language identifier: py3langid (langid.py's model, shipped inside the package, read
without pickle), restricted to th/ms/en. On the labelled set intents/data/test/language.jsonl
it reads most Patani dialect as Malay unaided; a short list of dialect words (below) turns a
few more into Malay and no line of any other language (measured in intents/README-ms.md).

A message mixing scripts is Thai, because Thai messages mix in English words ("OT", "work
permit"), unless the Latin part is a Malay sentence around one or two Thai terms
("saya nak tanya pasal ประกันสังคม"): then it is Malay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

Language = Literal["th", "ms", "en", "und"]
Script = Literal["thai", "arabic", "latin", "none"]
LATIN_LANGUAGES = ("th", "ms", "en")

_THAI = re.compile(r"[\u0e01-\u0e5b]")
_THAI_RUN = re.compile(r"[\u0e01-\u0e5b]+")
_ARABIC = re.compile(
    r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]"
)
_LATIN_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_THAI_SHARE = 0.3
# A Malay sentence around a Thai term has at least this many Latin words, and this many more
# Latin words than runs of Thai letters.
_MIXED_MALAY_WORDS = 3
_MIXED_MALAY_LEAD = 2
# Patani Malay forms of everyday words (sources in intents/README-ms.md), none of them English:
# "make", "demo" and "mano" are left out for that reason.
_DIALECT = frozenset(
    """
    gapo guano kijo ambo kawe nok dok ado keno maso pitih doh bakpo royak kecek sayo buleh hok
    mung tok ore percumo pekerjo sapo bilo berapo tigo duo bule tanyo guno molek jange
    """.split()
)
# Latin words Thai users type that say nothing about the language.
_NEUTRAL = frozenset({"ok", "okay", "line", "id", "lol", "ot", "as", "otp", "sms", "app"})


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """The language of a message, the script that decided it, and how sure the guess is."""

    lang: Language
    script: Script
    confidence: float


@cache
def _identifier() -> LanguageIdentifier:
    """py3langid's shipped model cut down to th/ms/en (the other 94 columns are dropped)."""
    import numpy as np
    from py3langid import modelio
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    ptc, pc, classes, nextmove, row, output = modelio.load_model(MODEL_DIR / MODEL_FILE)
    keep = [classes.index(code) for code in LATIN_LANGUAGES]
    return LanguageIdentifier(
        np.ascontiguousarray(np.asarray(ptc)[:, keep]),
        np.asarray(pc)[keep],
        [classes[i] for i in keep],
        nextmove,
        output,
        norm_probs=True,
        tk_row=row,
    )


def load_identifier() -> None:
    """Read the identifier's model now (about half a second) rather than on a first message."""
    _identifier()


def _latin(words: list[str]) -> tuple[Language, float]:
    ranked = dict(_identifier().rank(" ".join(words)))
    lang = max(ranked, key=ranked.__getitem__)
    if lang != "ms" and not _DIALECT.isdisjoint(words):
        lang = "ms"
    return lang, float(ranked[lang])


def identify(text: str) -> LanguageGuess:
    """The language of `text`, decided by its script first and its Latin words second."""
    lowered = text.lower()
    thai = len(_THAI.findall(text))
    arabic = len(_ARABIC.findall(text))
    words = [w for w in _LATIN_WORD.findall(lowered) if w not in _NEUTRAL]
    latin = sum(len(w) for w in words)
    if arabic and arabic >= thai and arabic >= latin:
        return LanguageGuess("ms", "arabic", 1.0)
    if thai:
        if (
            len(words) >= _MIXED_MALAY_WORDS
            and len(words) - len(_THAI_RUN.findall(text)) >= _MIXED_MALAY_LEAD
        ):
            lang, confidence = _latin(words)
            if lang == "ms":
                return LanguageGuess("ms", "latin", confidence)
        if thai >= _THAI_SHARE * (thai + latin):
            return LanguageGuess("th", "thai", 1.0)
    if not words:
        return LanguageGuess("th", "thai", 1.0) if thai else LanguageGuess("und", "none", 0.0)
    lang, confidence = _latin(words)
    return LanguageGuess(lang, "latin", confidence)


def detect_language(text: str) -> Language:
    """Return "th", "ms" (Malay in Rumi or Jawi letters), "en", or "und" with nothing to go by."""
    return identify(text).lang
