"""Provinces, districts and sub-districts named in a message, resolved to geothai codes.

Names are looked up between word boundaries (newmm with the region's places in its
dictionary), so "เผยแพร่" is never the province แพร่. Inside the service area a district
or sub-district needs no "อ."/"ต." in front; elsewhere in Thailand it does, and a name that many
places share is kept only when the province said in the same message (or the region) settles it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

import geothai
from pythainlp.corpus.common import thai_words

from .service_area import service_area
from .tokenize import place_spellings, tokenize

LEVELS = ("province", "district", "subdistrict")
_PREFIXES = (
    ("กิ่งอำเภอ", "district"),
    ("จังหวัด", "province"),
    ("อำเภอ", "district"),
    ("ตำบล", "subdistrict"),
    ("แขวง", "subdistrict"),
    ("เขต", "district"),
    ("จ.", "province"),
    ("อ.", "district"),
    ("ต.", "subdistrict"),
    # Malay, and the Thai administrative words Patani Malay speakers use in Rumi.
    ("wilayah ", "province"),
    ("changwat ", "province"),
    ("daerah ", "district"),
    ("ampho ", "district"),
    ("amphoe ", "district"),
    ("mukim ", "subdistrict"),
)
# Province names that are also everyday words ("เลย" = at all, "ตาก" = to dry, Malay "tak").
_PREFIX_ONLY = frozenset({"เลย", "แพร่", "ตาก", "กระบี่", "tak", "nan"})
_MAX_NAME = 40
_KEY_MARKS = re.compile(r"[\s.'\-]")


@dataclass(frozen=True, slots=True)
class Candidate:
    level: str
    code: str
    needs_prefix: bool


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    start: int  # in the folded text, the level word ("จ.") included
    end: int
    level: str
    code: str


def _key(name: str) -> str:
    return _KEY_MARKS.sub("", name.lower())


@cache
def _index() -> tuple[
    dict[str, tuple[Candidate, ...]], dict[str, tuple[Candidate, ...]], frozenset[str]
]:
    """(names without marks -> candidates, dotted short forms -> candidates, every key prefix)."""
    plain: dict[str, list[Candidate]] = {}
    dotted: dict[str, list[Candidate]] = {}

    def add(name: str, candidate: Candidate) -> None:
        if name.endswith("."):
            dotted.setdefault(name, []).append(candidate)
        else:
            plain.setdefault(_key(name), []).append(candidate)

    region = set(service_area().province_codes)
    common_words = thai_words()
    for p in geothai.provinces():
        for name in (p.name_th, p.name_en):
            add(name, Candidate("province", p.code, _key(name) in _PREFIX_ONLY))
    add("กทม", Candidate("province", "10", False))
    add("กรุงเทพ", Candidate("province", "10", False))
    for code, spellings in place_spellings().items():
        for spelling in spellings:
            add(spelling.lower(), Candidate("district", code, False))
    for p in geothai.provinces():
        for d in geothai.districts(p.code):
            local = p.code in region
            for name in (d.name_th, d.name_en):
                add(name, Candidate("district", d.code, not local))
            if d.code.endswith("01") and p.code != "10":
                # "อ.เมือง" is the capital district of whichever province the message names.
                add("เมือง", Candidate("district", d.code, True))
                add("mueang", Candidate("district", d.code, True))
            for s in geothai.subdistricts(d.code):
                # Bare sub-district names are often plain words (คู, แค): only long, unusual
                # names of the region stand without "ต.".
                bare = local and len(s.name_th) >= 4 and s.name_th not in common_words
                add(s.name_th, Candidate("subdistrict", s.code, not bare))
                add(s.name_en, Candidate("subdistrict", s.code, True))
    area = service_area()
    for place in area.places:
        level = "province" if place.district_code is None else "district"
        for alias in place.aliases:
            add(alias.lower(), Candidate(level, place.code, False))
    for code, names in area.malay_names.items():
        level = "province" if len(code) == 2 else "district"
        for name in names:
            add(name.lower(), Candidate(level, code, False))
    # Every prefix of every key: a scan stops as soon as what it has read starts no name.
    prefixes = frozenset(
        key[:n] for key in [*plain, *map(_key, dotted)] for n in range(1, len(key) + 1)
    )
    return (
        {k: tuple(dict.fromkeys(v)) for k, v in plain.items()},
        {k: tuple(dict.fromkeys(v)) for k, v in dotted.items()},
        prefixes,
    )


def _lookup(raw: str, key: str) -> tuple[Candidate, ...]:
    plain, dotted, _ = _index()
    found = dotted.get(raw.replace(" ", ""), ())
    if raw.endswith(".") and found:
        return found
    return plain.get(key, ()) if not raw.endswith(" ") else ()


def _prefix_at(text: str, i: int) -> tuple[str | None, int]:
    for word, level in _PREFIXES:
        if text.startswith(word, i):
            j = i + len(word)
            while j < len(text) and text[j] == " ":
                j += 1
            return level, j
    return None, i


def _boundaries(text: str) -> list[int]:
    out = [0]
    for token in tokenize(text, keep_whitespace=True):
        out.append(out[-1] + len(token))
    return out


def _latin_edge(text: str, start: int, end: int) -> bool:
    """Latin names need a word edge on both sides, Thai names only a token edge."""
    if not text[start].isascii():
        return True
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isascii() and before.isalpha()) and not (after.isascii() and after.isalpha())


def _raw_matches(text: str) -> list[tuple[int, int, str | None, tuple[Candidate, ...]]]:
    prefixes = _index()[2]
    bounds = _boundaries(text)
    bound_set = set(bounds)
    out = []
    position = 0
    for b in bounds:
        if b < position or b >= len(text) or text[b].isspace():
            continue
        best = None
        for level, name_start in ((*_prefix_at(text, b),), (None, b)):
            if level is None and name_start not in bound_set:
                continue
            ends = bounds[
                bisect_right(bounds, name_start) : bisect_right(bounds, name_start + _MAX_NAME)
            ]
            for e in ends:  # shortest first; the longest name that fits wins
                raw = text[name_start:e]
                key = _key(raw)
                if key not in prefixes:
                    break
                candidates = _lookup(raw, key)
                if level is None:
                    candidates = tuple(c for c in candidates if not c.needs_prefix)
                elif any(c.level == level for c in candidates):
                    candidates = tuple(c for c in candidates if c.level == level)
                if candidates and _latin_edge(text, name_start, e):
                    best = (b, e, level, candidates)
            if best:
                break
        if best:
            out.append(best)
            position = best[1]
    return out


def find_places(text: str) -> list[PlaceMatch]:
    """Places named in folded text (see `normalize.fold`), as spans with geothai codes."""
    region = set(service_area().province_codes)
    raw = _raw_matches(text)
    chosen: list[tuple[int, int, str, tuple[Candidate, ...]]] = []
    for start, end, _prefix, candidates in raw:
        top = min(LEVELS.index(c.level) for c in candidates)
        same = tuple(c for c in candidates if LEVELS.index(c.level) == top)
        chosen.append((start, end, LEVELS[top], same))
    # What is certain in the message settles what is not: "อ.เมือง จ.ปัตตานี".
    context = {c[3][0].code[:2] for c in chosen if len(c[3]) == 1}
    district_context = {c[3][0].code[:4] for c in chosen if len(c[3]) == 1 and c[2] != "province"}
    matches = []
    for start, end, level, candidates in chosen:
        pick = candidates
        if len(pick) > 1 and level == "subdistrict":
            pick = tuple(c for c in candidates if c.code[:4] in district_context) or pick
        if len(pick) > 1:
            pick = tuple(c for c in candidates if c.code[:2] in context) or pick
        if len(pick) > 1:
            pick = tuple(c for c in pick if c.code[:2] in region) or pick
        if len(pick) == 1:
            matches.append(PlaceMatch(start, end, level, pick[0].code))
    return matches


def describe(level: str, code: str) -> tuple[str, dict[str, str]]:
    """The canonical value and the codes of a place: "ปัตตานี"; "จะนะ, สงขลา"."""
    province = geothai.province(code[:2])
    assert province is not None
    codes = {"province": province.code}
    names = [province.name_th]
    if level in ("district", "subdistrict"):
        district = geothai.district(code[:4])
        assert district is not None
        codes["district"] = district.code
        names.insert(0, district.name_th)
    if level == "subdistrict":
        subdistrict = geothai.subdistrict(code)
        assert subdistrict is not None
        codes["subdistrict"] = subdistrict.code
        names.insert(0, subdistrict.name_th)
    return ", ".join(names), codes
