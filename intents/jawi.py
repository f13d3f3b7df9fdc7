"""Jawi (Malay in Arabic letters) to Rumi, word by word, before classification.

Each word is looked up in intents/jawi_rumi.txt (Dewan Bahasa dan Pustaka spellings, see
intents/jawi_table.py) and intents/jawi_places.txt (the region's names, each with its source),
after folding the letters people's keyboards give them (Arabic kaf ك for Jawi ک, Persian yeh,
the dotted gaf ڬ of older Patani writing for ݢ, vowel marks). A word not found is tried
without the clitics -nya/-lah/-kah/-pun and the prefix di-, then spelt letter by letter (a
rough reading the character n-grams can still use). Every Rumi character keeps the index of
the Jawi character it came from, so an entity found in the Rumi reading points into the text
as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_HERE = Path(__file__).parent
_DROP = re.compile("[\u064b-\u065f\u0670\u0640\u200c\u200d\u200e\u200f\u061c]")
_FOLD = str.maketrans(
    {
        "ك": "ک",  # Arabic kaf, as Arabic keyboards type it
        "ی": "ي",  # Persian yeh
        "ى": "ي",  # alef maksura
        "ڬ": "ݢ",  # gaf with one dot above, older Patani and Kelantan writing
        "ګ": "ݢ",
        "ۑ": "ڽ",
        "ة": "ه",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        "،": ",",
        "؟": "?",
        "؛": ";",
    }
)
_WORD = re.compile(r"[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f]+")
_REDUPLICATION = "2"  # ٢ after a word: the word twice (folded from Arabic-Indic two)
_CLITICS = (("نڽ", "nya"), ("له", "lah"), ("که", "kah"), ("ڤون", "pun"))
_LETTERS = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "s", "ج": "j", "چ": "c", "ح": "h", "خ": "kh", "د": "d",
    "ذ": "z", "ر": "r", "ز": "z", "س": "s", "ش": "sy", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "ع": "", "غ": "gh", "ڠ": "ng", "ف": "f", "ڤ": "p", "ق": "k", "ک": "k", "ݢ": "g", "ل": "l",
    "م": "m", "ن": "n", "و": "u", "ۏ": "v", "ه": "h", "ء": "", "ي": "i", "ڽ": "ny", "ؤ": "u",
    "ئ": "i",
}  # fmt: skip


def fold_jawi(text: str) -> str:
    """Jawi as one canonical spelling: keyboard variants unified, vowel marks dropped."""
    return _DROP.sub("", text).translate(_FOLD)


def _read(name: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in (_HERE / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            jawi, rumi = line.split("\t")
            table[fold_jawi(jawi).replace(" ", "")] = rumi.strip()
    return table


@cache
def table() -> dict[str, str]:
    """Folded Jawi word (spaces removed) -> Rumi: the word list and the place names."""
    return {**_read("jawi_rumi.txt"), **_read("jawi_places.txt")}


def _spell(word: str) -> str:
    return "".join(_LETTERS.get(c, "") for c in word) or word


def _word(word: str) -> str:
    words = table()
    found = words.get(word)
    if found:
        return found
    for jawi, rumi in _CLITICS:
        if word.endswith(jawi) and word[: -len(jawi)] in words:
            return words[word[: -len(jawi)]] + rumi
    if word.startswith("د") and word[1:] in words:
        return "di" + words[word[1:]]
    return _spell(word)


@dataclass(frozen=True, slots=True)
class Transliteration:
    """The Rumi reading of a text and, per Rumi character, the index of its source character."""

    rumi: str
    offsets: tuple[int, ...]  # one per character of `rumi`, plus the end of the source

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the text as typed that the Rumi span [start, end) was read from."""
        return self.offsets[start], self.offsets[end]


def transliterate(text: str) -> Transliteration:
    """Read every Jawi word of `text` as Rumi; other characters pass through."""
    out: list[str] = []
    offsets: list[int] = []
    matches = list(_WORD.finditer(text))
    position = 0
    i = 0
    while i < len(matches):
        match = matches[i]
        for j in range(position, match.start()):
            folded = fold_jawi(text[j])
            out.append(folded)
            offsets.extend([j] * len(folded))
        start, end = match.start(), match.end()
        word = fold_jawi(match.group())
        if i + 1 < len(matches) and text[end : matches[i + 1].start()].isspace():
            joined = word + fold_jawi(matches[i + 1].group())
            if joined in table():  # "السلام عليكم" is one word of the list
                word, end = joined, matches[i + 1].end()
                i += 1
        rumi = _word(word)
        if text[end : end + 1].translate(_FOLD) == _REDUPLICATION:
            rumi, end = f"{rumi}-{rumi}", end + 1
        out.append(rumi)
        offsets.extend([start] * len(rumi))
        position = end
        i += 1
    for j in range(position, len(text)):
        folded = fold_jawi(text[j])
        out.append(folded)
        offsets.extend([j] * len(folded))
    rumi_text = "".join(out)
    # The end of each word maps to where it ends in the source, for spans that end there.
    return Transliteration(rumi_text, (*offsets, len(text)))
