"""The network's service area (service_area.yaml), read once: the one list of where it works.

Plain Python, so the NLU can use it; the bot reads the same list through `service_area()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

SERVICE_AREA_PATH = Path(__file__).with_name("service_area.yaml")


@dataclass(frozen=True, slots=True)
class Place:
    """A province or a district: its DOPA code, Thai and English names, typed spellings."""

    code: str
    name_th: str
    name_en: str
    aliases: tuple[str, ...] = ()

    @property
    def province_code(self) -> str:
        return self.code[:2]

    @property
    def district_code(self) -> str | None:
        return self.code if len(self.code) == 4 else None


@dataclass(frozen=True, slots=True)
class Area:
    """One choice of area: a whole province, or a district of a province served in part."""

    place: Place
    province: Place

    @property
    def label(self) -> str:
        """How a button names it: "ปัตตานี", "จะนะ (สงขลา)"."""
        if self.place.code == self.province.code:
            return self.place.name_th
        return f"{self.place.name_th} ({self.province.name_th})"


@dataclass(frozen=True, slots=True)
class ServiceArea:
    """The provinces served, each whole or only in its listed districts, in file order."""

    provinces: tuple[Place, ...]
    districts: dict[str, tuple[Place, ...]]  # province code -> its served districts, if partial
    # Province or district code -> its Malay (Rumi) names, for any place in these provinces.
    malay_names: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def province_codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.provinces)

    @property
    def places(self) -> tuple[Place, ...]:
        """Every province and every listed district (what the NLU knows by alias)."""
        return (*self.provinces, *(d for ds in self.districts.values() for d in ds))

    @property
    def areas(self) -> tuple[Area, ...]:
        """The choices of area, in button order: whole provinces, then the listed districts."""
        whole = [Area(p, p) for p in self.provinces if p.code not in self.districts]
        parts = [Area(d, p) for p in self.provinces for d in self.districts.get(p.code, ())]
        return (*whole, *parts)

    def province(self, code: str) -> Place | None:
        return next((p for p in self.provinces if p.code == code), None)

    def served_districts(self, province_code: str) -> tuple[str, ...] | None:
        """The district codes served in a province; None when all of it is served."""
        listed = self.districts.get(province_code)
        return None if listed is None else tuple(d.code for d in listed)

    def covers(self, province_code: str, district_code: str | None = None) -> bool:
        """Whether a place is in the area (a partly served province only with its district)."""
        if self.province(province_code) is None:
            return False
        served = self.served_districts(province_code)
        return served is None or district_code in served

    def named(self, text: str) -> Place | None:
        """The province or district `text` names by its Thai or English name or an alias."""
        wanted = text.strip().lower()
        for place in self.places:
            spellings = (place.name_th, place.name_en.lower(), *(a.lower() for a in place.aliases))
            if wanted in spellings:
                return place
        return None


def _place(entry: dict) -> Place:
    return Place(
        code=str(entry["code"]),
        name_th=str(entry["name_th"]),
        name_en=str(entry["name_en"]),
        aliases=tuple(str(a) for a in entry.get("aliases") or ()),
    )


def parse_service_area(path: Path) -> ServiceArea:
    """Read a service-area file; every district must lie in the province it is listed under."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    provinces = tuple(_place(entry) for entry in raw["provinces"])
    districts: dict[str, tuple[Place, ...]] = {}
    for entry in raw["provinces"]:
        if "districts" not in entry:
            continue
        listed = tuple(_place(d) for d in entry["districts"])
        strays = [d.code for d in listed if d.province_code != str(entry["code"])]
        if not listed:
            raise ValueError(f"{path}: province {entry['code']} has an empty `districts` list")
        if strays:
            raise ValueError(f"{path}: districts {strays} are not in province {entry['code']}")
        districts[str(entry["code"])] = listed
    malay_names = {
        str(m["code"]): tuple(str(n) for n in m["names"]) for m in raw.get("malay_names") or ()
    }
    outside = [code for code in malay_names if code[:2] not in {p.code for p in provinces}]
    if outside:
        raise ValueError(f"{path}: Malay names for {outside}, outside the service area's provinces")
    return ServiceArea(provinces, districts, malay_names)


@cache
def service_area() -> ServiceArea:
    """The project's service area (intents/service_area.yaml)."""
    return parse_service_area(SERVICE_AREA_PATH)
