"""Thai place names for filters and tables (geothai, DOPA codes)."""

from __future__ import annotations

import geothai

# The network's area: Pattani, Yala, Narathiwat and Songkhla (its four southern districts).
SERVICE_PROVINCES = ("94", "95", "96", "90")
SONGKHLA_DISTRICTS = ("9003", "9004", "9005", "9006")  # Chana, Na Thawi, Thepha, Saba Yoi
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
    """(code, "district, province") pairs in the given provinces; Songkhla only its four."""
    choices = []
    for province in province_codes:
        for district in geothai.districts(province):
            if province == "90" and district.code not in SONGKHLA_DISTRICTS:
                continue
            choices.append((district.code, f"{district.name_th} ({province_name(province)})"))
    return choices
