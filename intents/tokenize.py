"""Word segmentation with PyThaiNLP's newmm and a dictionary of the domain and the region."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import geothai
import yaml
from pythainlp.corpus.common import thai_words
from pythainlp.tokenize import word_tokenize
from pythainlp.util import Trie, dict_trie

from .service_area import service_area

_HERE = Path(__file__).parent
# newmm can take exponential time on long ambiguous runs; its safe mode caps that.
_SAFE_MODE_FROM = 400


@cache
def lexicon() -> dict:
    """The domain dictionary file (intents/lexicon.yaml)."""
    return dict(yaml.safe_load((_HERE / "lexicon.yaml").read_text(encoding="utf-8")))


@cache
def place_spellings() -> dict[str, tuple[str, ...]]:
    """District code -> the other spellings of its name people use (place_spellings.yaml)."""
    raw = yaml.safe_load((_HERE / "place_spellings.yaml").read_text(encoding="utf-8"))
    return {str(d["code"]): tuple(str(s) for s in d["spellings"]) for d in raw["districts"]}


@cache
def abbreviations() -> dict[str, str]:
    """Abbreviation (with and without its final dot) -> full form."""
    out: dict[str, str] = {}
    for short, full in lexicon()["abbreviations"].items():
        out[str(short)] = str(full)
        out[f"{short}."] = str(full)
    return out


@cache
def domain_words() -> frozenset[str]:
    """Words added to PyThaiNLP's dictionary: domain terms, abbreviations, region places."""
    words: set[str] = set(lexicon()["words"]) | set(abbreviations())
    area = service_area()
    for place in area.places:
        words.update(a for a in place.aliases if not a.isascii())
    words.update(p.name_th for p in geothai.provinces())
    words.update(s for ss in place_spellings().values() for s in ss if not s.isascii())
    for code in area.province_codes:
        for d in geothai.districts(code):
            words.add(d.name_th)
            words.update(s.name_th for s in geothai.subdistricts(d.code))
    return frozenset(w for w in words if w)


@cache
def dictionary() -> Trie:
    """PyThaiNLP's word list plus the domain words, built once per process."""
    return dict_trie(set(thai_words()) | domain_words())


def tokenize(text: str, *, keep_whitespace: bool = False) -> list[str]:
    """Split text into words (newmm with the domain dictionary); pass normalised text."""
    if not text:
        return []
    engine = "newmm-safe" if len(text) >= _SAFE_MODE_FROM else "newmm"
    return word_tokenize(
        text, custom_dict=dictionary(), engine=engine, keep_whitespace=keep_whitespace
    )
