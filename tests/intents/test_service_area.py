"""The service area: one file says where the network works, one small API reads it."""

from __future__ import annotations

from pathlib import Path

import geothai
import pytest

from intents.service_area import parse_service_area, service_area


def test_the_network_serves_three_provinces_whole_and_four_districts_of_songkhla() -> None:
    area = service_area()

    assert area.province_codes == ("94", "95", "96", "90")
    assert area.served_districts("94") is None  # all of Pattani
    assert area.served_districts("90") == ("9003", "9005", "9004", "9006")


def test_every_code_and_name_is_geothais() -> None:
    for place in service_area().places:
        is_province = len(place.code) == 2
        known = geothai.province(place.code) if is_province else geothai.district(place.code)
        assert known is not None, place.code
        assert (place.name_th, place.name_en) == (known.name_th, known.name_en)


def test_the_areas_offered_are_whole_provinces_then_districts_in_file_order() -> None:
    labels = [(a.label, a.province.code, a.place.district_code) for a in service_area().areas]

    assert labels == [
        ("ปัตตานี", "94", None),
        ("ยะลา", "95", None),
        ("นราธิวาส", "96", None),
        ("จะนะ (สงขลา)", "90", "9003"),
        ("เทพา (สงขลา)", "90", "9005"),
        ("นาทวี (สงขลา)", "90", "9004"),
        ("สะบ้าย้อย (สงขลา)", "90", "9006"),
    ]


@pytest.mark.parametrize(
    ("province", "district", "covered"),
    [
        ("94", None, True),
        ("94", "9403", True),  # หนองจิก: Pattani is served whole
        ("90", "9005", True),  # เทพา
        ("90", "9011", False),  # หาดใหญ่: Songkhla, but not a served district
        ("90", None, False),  # somewhere in Songkhla: not enough to say
        ("10", None, False),  # Bangkok
    ],
)
def test_a_place_is_covered_when_its_province_is_served_whole_or_its_district_is_listed(
    province: str, district: str | None, covered: bool
) -> None:
    assert service_area().covers(province, district) is covered


@pytest.mark.parametrize(
    ("typed", "code"),
    [("ปัตตานี", "94"), ("Pattani", "94"), ("ปตน.", "94"), ("นราฯ", "96"), ("saba yoi", "9006")],
)
def test_a_place_is_found_by_its_names_and_the_spellings_people_type(typed: str, code: str) -> None:
    found = service_area().named(typed)

    assert found is not None and found.code == code


def test_a_name_outside_the_area_finds_nothing() -> None:
    assert service_area().named("เชียงใหม่") is None


def test_malay_names_are_kept_for_places_in_the_service_areas_provinces() -> None:
    malay = service_area().malay_names

    assert malay["9602"] == ("tabal",)  # ตากใบ, a district of Narathiwat served whole
    assert {code[:2] for code in malay} <= set(service_area().province_codes)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "service_area.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_district_listed_under_another_province_is_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "provinces:\n"
        "  - {code: '90', name_th: สงขลา, name_en: Songkhla, districts: [\n"
        "      {code: '9403', name_th: หนองจิก, name_en: Nong Chik}]}\n",
    )
    with pytest.raises(ValueError, match=r"\['9403'\] are not in province 90"):
        parse_service_area(path)


def test_an_empty_district_list_is_refused_rather_than_read_as_the_whole_province(
    tmp_path: Path,
) -> None:
    path = _write(
        tmp_path, "provinces:\n  - {code: '90', name_th: สงขลา, name_en: Songkhla, districts: []}\n"
    )
    with pytest.raises(ValueError, match="empty `districts` list"):
        parse_service_area(path)


def test_malay_names_outside_the_service_areas_provinces_are_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "provinces:\n  - {code: '94', name_th: ปัตตานี, name_en: Pattani}\n"
        "malay_names:\n  - {code: '9602', names: [tabal]}\n",
    )
    with pytest.raises(ValueError, match=r"Malay names for \['9602'\], outside"):
        parse_service_area(path)
