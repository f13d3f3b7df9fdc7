"""Thai place names for filters and tables (geothai, DOPA codes; the area from service_area)."""

from __future__ import annotations

import geothai

from intents.service_area import service_area

# The province filter's value for complaints whose place could not be read.
NO_PROVINCE = "none"


def province_name(code: str | None) -> str:
    if not code:
        return "-"
    if code == NO_PROVINCE:
        return "ไม่ระบุจังหวัด"
    province = geothai.province(code)
    return province.name_th if province else code


def district_name(code: str | None) -> str:
    if not code:
        return "-"
    district = geothai.district(code)
    return district.name_th if district else code


def district_choices(province_codes: list[str]) -> list[tuple[str, str]]:
    """(code, "district (province)") pairs in the given provinces, each district of the
    service area: all of a province served whole, the listed ones of a province served in part."""
    area = service_area()
    choices = []
    for province in province_codes:
        for district in geothai.districts(province):
            if not area.covers(province, district.code):
                continue
            choices.append((district.code, f"{district.name_th} ({province_name(province)})"))
    return choices
