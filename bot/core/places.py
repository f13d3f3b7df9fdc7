"""Province and district as people type them, checked against geothai (all of Thailand).

Small on purpose: the flow needs "which province, which district", not general entity finding.
Whole names are read first, the longest first and the service area preferred, by the NLU's place
finder (intents.places): "ตากใบ" is never "ตาก". Exact one-word names elsewhere in Thailand
("ตาก", "บางกะปิ") are read after that.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import geothai

from bot.core.i18n import IN_THAI, N_, Translator
from intents.normalize import fold, shorter_without_polite_endings
from intents.places import find_places
from intents.service_area import service_area

# The network's own area, offered first as buttons: (label, province code, district code).
# Read from the one service-area file when the flows are built.
REGION_AREAS: tuple[tuple[str, str, str | None], ...] = tuple(
    (area.label, area.province.code, area.place.district_code) for area in service_area().areas
)
_SEPARATORS = re.compile(r"[\s,/]+")
_POSTAL_CODE = re.compile(r"(?<!\d)\d{5}(?!\d)")
_THAILAND = ("ประเทศไทย", "thailand")
# Thailand lies between latitude 5°37′N and 20°27′N, longitude 97°22′E and 105°37′E
# (thailand.go.th, "Geography of Thailand"). The box holds parts of every neighbour too, so a pin
# in it is only "maybe in Thailand": an address naming a neighbour settles it the other way.
_THAILAND_BOX = ((5 + 37 / 60, 20 + 27 / 60), (97 + 22 / 60, 105 + 37 / 60))
_NEIGHBOURS_EN = re.compile(r"\b(?:malaysia|myanmar|burma|laos|lao pdr|cambodia|viet ?nam)\b")
_NEIGHBOURS_TH = frozenset({"มาเลเซีย", "เมียนมา", "เมียนมาร์", "พม่า", "ลาว", "กัมพูชา", "เวียดนาม"})
_COUNTRY_PREFIX = re.compile(r"^(?:ประเทศ|สปป\.?)")
# Province names that are everyday words ("เลย" = at all, "เผยแพร่") or begin a name of the
# region ("ตาก" in "ตากใบ", the only one): read only as a word of their own, never inside one.
_NOT_INSIDE_WORDS = frozenset({"ตาก", "เลย", "แพร่"})

IN_PROVINCE = N_("จังหวัด{province}")
IN_DISTRICT = N_("อำเภอ{district} จังหวัด{province}")


def place_name(place: geothai.Province | geothai.District, t: Translator = IN_THAI) -> str:
    """A province's or district's name as a person reads it: Thai, or in Malay the official
    romanised name ("Pattani", "Tak Bai"), which Rumi readers and the offices both know."""
    return place.name_en if t.is_malay else place.name_th


def romanised_area_label(province_code: str, district_code: str | None) -> str:
    """An area button's label in Latin letters: "Pattani", "Chana (Songkhla)"."""
    province = geothai.province(province_code)
    district = geothai.district(district_code) if district_code else None
    name = province.name_en if province else province_code
    return f"{district.name_en} ({name})" if district else name


@dataclass(frozen=True)
class Place:
    province_code: str
    district_code: str | None = None

    def describe(self, t: Translator = IN_THAI) -> str:
        """"อำเภอหนองจิก จังหวัดปัตตานี", or in Malay "daerah Nong Chik, wilayah Pattani"."""
        province = geothai.province(self.province_code)
        name = place_name(province, t) if province else self.province_code
        if self.district_code:
            district = geothai.district(self.district_code)
            if district is not None:
                return t(IN_DISTRICT, district=place_name(district, t), province=name)
        return t(IN_PROVINCE, province=name) if province else name


@dataclass(frozen=True)
class PlaceGuess:
    """What a text named: one place, or districts of that name in several provinces."""

    place: Place | None
    ambiguous_districts: tuple[str, ...] = ()


@functools.cache
def _all_districts() -> tuple[geothai.District, ...]:
    return tuple(d for p in geothai.provinces() for d in geothai.districts(p.code))


def _words(text: str) -> list[str]:
    words = [w for w in _SEPARATORS.split(text.strip()) if w]
    return [*words, text]  # the whole text too: "อำเภอ หนองจิก" is one name


def parse_place(text: str) -> PlaceGuess:
    """Read "ปัตตานี", "อ.หนองจิก จ.ปัตตานี", "เทพา" or "เมือง ยะลา", with or without "ค่ะ".

    A polite ending typed onto the last name ("หนองจิกค่ะ") is taken off one at a time, and only
    while the text names nothing: "วังเจ้า" is a district that ends like "จ้า", "จะนะ" like "นะ".
    """
    guess = _parse_place(text)
    for plain in shorter_without_polite_endings(text):
        if guess.place is not None or guess.ambiguous_districts:
            break
        guess = _parse_place(plain)
    return guess


def _parse_place(text: str) -> PlaceGuess:
    whole = _whole_names(text)
    if whole is None:
        return _exact_words(text)
    if whole.place is not None and whole.place.district_code is None:
        # "ทุ่งสง นครศรีธรรมราช": outside the region a bare district is a word of its own.
        exact = _exact_words(text).place
        if exact is not None and exact.province_code == whole.place.province_code:
            return PlaceGuess(exact)
    return whole


def _whole_names(text: str) -> PlaceGuess | None:
    """The place the whole names in `text` give ("ท่าเรือตากใบ", "Tak Bai"); None if none."""
    matches = find_places(fold(text)[0])
    if not matches:
        return None
    provinces = {m.code[:2] for m in matches if m.level == "province"}
    districts = {m.code[:4] for m in matches if m.level != "province"}
    # A district of a province also named wins: "ไม่ใช่ตาก อยู่ตากใบ นราธิวาส".
    named = {d for d in districts if d[:2] in provinces} if provinces else districts
    if len(named) == 1:
        (code,) = named
        return PlaceGuess(Place(code[:2], code))
    left = provinces or {d[:2] for d in districts}
    if len(left) == 1:
        (code,) = left
        return PlaceGuess(Place(code))
    return PlaceGuess(None)  # places of several provinces: asked, not guessed


def _exact_words(text: str) -> PlaceGuess:
    """A place outside the region named by a word of its own: "ตาก", "แม่สอด ตาก", "บางกะปิ"."""
    names = [n for n in (geothai.normalize(w) for w in _words(text)) if n]
    provinces = {p.code for p in geothai.provinces() for n in names if geothai.is_province(p, n)}
    districts = {d.code for d in _all_districts() for n in names if geothai.is_district(d, n)}
    if provinces:
        districts = {d for d in districts if d[:2] in provinces}
    if len(districts) == 1:
        (code,) = districts
        return PlaceGuess(Place(code[:2], code))
    if len(provinces) == 1 and not districts:
        (code,) = provinces
        return PlaceGuess(Place(code))
    if districts and not provinces:
        return PlaceGuess(None, tuple(sorted(districts)))
    return PlaceGuess(None)


def names_province(text: str, province_code: str) -> bool:
    """Whether `text` names the province itself, by a whole name ("... นราธิวาส", "จ.ตาก")."""
    matches = find_places(fold(text)[0])
    if any(m.level == "province" and m.code == province_code for m in matches):
        return True
    province = geothai.province(province_code)
    names = {geothai.normalize(w) for w in _words(text)}
    return province is not None and any(geothai.is_province(province, n) for n in names if n)


def district_in(province_code: str, text: str) -> str | None:
    """The district of a known province that `text` names (polite ending or not)."""
    for candidate in (text, *shorter_without_polite_endings(text)):
        name = geothai.normalize(candidate)
        if not name:
            continue
        for district in geothai.districts(province_code):
            if geothai.is_district(district, name):
                return district.code
    return None


def place_in_address(address: str) -> Place | None:
    """The province, and the district where it can tell, of a LINE location's address.

    Read like a typed place ("ต.สะบารัง อ.เมืองปัตตานี จ.ปัตตานี 94000", "Amphoe Mueang Yala,
    Yala 95000"); the postal code then settles what the names leave open. None when the address
    names no place in Thailand (a pin across the border).
    """
    guess = parse_place(address)
    postal = _postal_districts(address)
    if guess.place is not None and guess.place.district_code:
        if postal and guess.place.district_code not in postal:
            # "ถนนหนองจิก ปัตตานี 94000": a road named after a district; the postal code says.
            province = guess.place.province_code
            return _only_district(postal, {province}) or Place(province)
        return guess.place
    if guess.place is not None:
        province = guess.place.province_code
        return _only_district(postal, {province}) or guess.place
    settled = _only_district(postal & set(guess.ambiguous_districts))
    if settled is not None:
        return settled
    named = province_in_address(address)
    if named:
        return _only_district(postal, {named}) or Place(named)
    # A postal code alone is a place only in a Thai address: 10400 is in Bangkok and Penang.
    if any(word in address.lower() for word in _THAILAND):
        return _only_district(postal)
    return None


def _postal_districts(address: str) -> set[str]:
    codes = _POSTAL_CODE.findall(address)
    return {s.district_code for code in codes for s in geothai.by_postal_code(code)}


def _only_district(districts: set[str], provinces: set[str] | None = None) -> Place | None:
    """The place when exactly one district (of `provinces`, if given) is left."""
    left = {d for d in districts if provinces is None or d[:2] in provinces}
    if len(left) != 1:
        return None
    (code,) = left
    return Place(code[:2], code)


def province_in_address(address: str) -> str | None:
    """The province a LINE location's address names (addresses end with the province)."""
    named = [m.code[:2] for m in find_places(fold(address)[0]) if m.level == "province"]
    if named:
        return named[-1]
    # Words run together ("ตลาดเก่ายะลา"): a name inside a word, if it is not an everyday word.
    words = set(_words(address))
    found = [
        p
        for p in geothai.provinces()
        if p.name_th in address and (p.name_th not in _NOT_INSIDE_WORDS or p.name_th in words)
    ]
    # "ปัตตานี" is inside "เมืองปัตตานี": the longest, latest mention is the province.
    found.sort(key=lambda p: (address.rfind(p.name_th), len(p.name_th)))
    return found[-1].code if found else None


def may_be_in_thailand(
    latitude: float | None, longitude: float | None, address: str | None
) -> bool:
    """Whether a pin no place could be read from may still be in Thailand (then ask where).

    Only a rough test, on purpose: the coordinates within Thailand's extreme points, and the
    address naming no neighbouring country. Which province a point is in is not guessed.
    """
    (south, north), (west, east) = _THAILAND_BOX
    if latitude is None or longitude is None:
        return False
    if not (south <= latitude <= north and west <= longitude <= east):
        return False
    return not (address and names_a_neighbour(address))


def names_a_neighbour(address: str) -> bool:
    """Whether an address ends in, or names, a country next to Thailand ("Penang, Malaysia")."""
    if _NEIGHBOURS_EN.search(address.lower()):
        return True
    words = (_COUNTRY_PREFIX.sub("", w) for w in _SEPARATORS.split(address) if w)
    return any(w in _NEIGHBOURS_TH for w in words)
