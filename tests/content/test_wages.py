"""The minimum wage answered from content/minimum_wage.yaml: by province, by district, for an
unknown place, and "when does the next rate start"; and what `content check` says of the file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import yaml
from sqlalchemy.orm import Session

from bot.content import answers, wages
from bot.content.check import check_content
from bot.content.loader import load_content
from bot.content.schema import Problem
from tests.content.support import (
    CONTENT_DIR,
    MINI_TAXONOMY,
    article_meta,
    write_article,
    write_offices,
)


def _real_data() -> dict:
    problems: list[Problem] = []
    data = wages.read_wages(CONTENT_DIR / wages.WAGES_FILE, problems)
    assert problems == []
    return data


def _lead(messages: list) -> str:
    """What the first card shows in place of the summary, as the person reads it."""
    return json.dumps(messages[0].to_dict(), ensure_ascii=False)


def test_every_rate_of_the_data_file_has_a_source_and_a_date() -> None:
    data = _real_data()

    for item in data["announcements"]:
        assert isinstance(item["effective"], date) and item["sources"], item["id"]
        assert all(rate["daily"] > 0 for rate in item["rates"]), item["id"]


def test_a_province_is_answered_with_its_rate_and_the_day_it_took_effect() -> None:
    text = wages.answer_text(_real_data(), "minimum-wage-pattani", "ค่าแรงปัตตานีเท่าไหร่")

    assert text is not None
    assert "จังหวัดปัตตานี ค่าจ้างขั้นต่ำวันละ 337 บาท มีผลตั้งแต่ 1 ม.ค. 2568" in text
    assert "1546" in text  # whom to call when paid less


def test_a_district_with_its_own_rate_is_answered_with_that_rate() -> None:
    data = _real_data()

    hat_yai = wages.answer_text(data, "minimum-wage-songkhla", "ค่าแรงหาดใหญ่ปีนี้")
    thepha = wages.answer_text(data, "minimum-wage-songkhla", "ค่าแรงขั้นต่ำ อ.เทพา")

    assert hat_yai is not None and "อำเภอหาดใหญ่ จังหวัดสงขลา ค่าจ้างขั้นต่ำวันละ 380 บาท" in hat_yai
    assert thepha is not None and "อำเภอเทพา จังหวัดสงขลา ค่าจ้างขั้นต่ำวันละ 352 บาท" in thepha


def test_a_province_whose_districts_differ_names_both_rates() -> None:
    text = wages.answer_text(_real_data(), "minimum-wage-songkhla", "ค่าจ้างขั้นต่ำสงขลา")

    assert text is not None
    assert "วันละ 352 บาท" in text and "ยกเว้นอำเภอหาดใหญ่ วันละ 380 บาท" in text
    assert "จะนะ" in text  # the service area's districts are named, so Chana finds itself


def test_an_unknown_place_gets_every_rate_of_the_area_and_whom_to_call() -> None:
    text = wages.answer_text(_real_data(), "minimum-wage-overview", "ค่าแรงภูเก็ตเท่าไหร่")

    assert text is not None
    for line in ("- ปัตตานี ยะลา นราธิวาส วันละ 337 บาท", "- สงขลา อำเภอหาดใหญ่ วันละ 380 บาท"):
        assert line in text
    assert "จังหวัดอื่น สอบถามได้ที่สายด่วน 1546 หรือ 1506" in text


def test_the_next_rate_question_gives_the_newest_confirmed_rate_and_whom_to_call() -> None:
    text = wages.answer_text(_real_data(), "minimum-wage-pattani", "ค่าแรงจะขึ้นอีกเมื่อไหร่")

    assert text is not None
    assert "อัตราล่าสุดที่ตรวจสอบได้มีผลตั้งแต่ 1 ม.ค. 2568" in text
    assert "17 มี.ค. 2569" in text  # the latest review read on an official page
    assert "ยังไม่มีประกาศอัตราใหม่ที่ตรวจสอบได้ (ตรวจเมื่อ 2 ธ.ค. 2569)" in text
    assert "1546" in text


def test_an_announcement_not_yet_in_force_is_the_next_rate() -> None:
    data = _real_data()
    newer = {**data["announcements"][0], "id": "next", "effective": date(2027, 1, 1)}
    newer["title"] = "ประกาศคณะกรรมการค่าจ้าง (ทดสอบ)"
    data = {**data, "announcements": [*data["announcements"], newer]}

    text = wages.next_rate_text(data)

    assert text.startswith("อัตราใหม่มีผลตั้งแต่ 1 ม.ค. 2570")


def test_a_hotel_worker_is_told_the_hotel_rate_only_when_asking_about_a_hotel() -> None:
    data = _real_data()

    hotel = wages.answer_text(data, "minimum-wage-pattani", "ทำงานโรงแรมที่ปัตตานี ได้เท่าไหร่")
    shop = wages.answer_text(data, "minimum-wage-pattani", "ทำงานร้านค้าที่ปัตตานี ได้เท่าไหร่")

    assert hotel is not None and "โรงแรมประเภท 2–4 และสถานบริการ วันละ 400 บาท" in hotel
    assert shop is not None and "400" not in shop


def test_an_article_the_file_does_not_name_keeps_its_own_summary() -> None:
    assert wages.answer_text(_real_data(), "unpaid-wages", "ค่าแรงปัตตานี") is None
    assert wages.answer_text({}, "minimum-wage-pattani", "ค่าแรงปัตตานี") is None


def test_chat_answers_about_the_wage_show_the_data_files_figures(db_session: Session) -> None:
    load_content(db_session, CONTENT_DIR)

    by_district = answers.answer_for_intent(
        db_session, "minimum_wage", None, "ทำงานที่จะนะ ค่าแรงขั้นต่ำวันละเท่าไหร่"
    )
    by_registration = answers.answer_for_intent(db_session, "minimum_wage", "ยะลา")
    next_rate = answers.answer_for_intent(db_session, "minimum_wage", None, "ปีนี้ขึ้นค่าแรงยัง")

    assert by_district is not None and "อำเภอจะนะ จังหวัดสงขลา ค่าจ้างขั้นต่ำวันละ 352 บาท" in _lead(
        by_district
    )
    assert by_registration is not None and "จังหวัดยะลา ค่าจ้างขั้นต่ำวันละ 337 บาท" in _lead(
        by_registration
    )
    assert next_rate is not None and "ยังไม่มีประกาศอัตราใหม่ที่ตรวจสอบได้" in _lead(next_rate)


def _folder_with_wages(tmp_path: Path, wage_data: dict) -> Path:
    write_article(tmp_path, article_meta("wage"))
    write_article(tmp_path, article_meta("omb", intents=["ombudsman_info"]))
    write_offices(tmp_path)
    (tmp_path / wages.WAGES_FILE).write_text(
        yaml.safe_dump(wage_data, allow_unicode=True).replace("'2025-01-01'", "2025-01-01"),
        encoding="utf-8",
    )
    return tmp_path


def _wage_data(**overrides: object) -> dict:
    rate = {"province": "ยะลา", "daily": 337, "article": "wage"}
    item: dict[str, object] = {
        "id": "a",
        "title": "ประกาศ",
        "effective": "2025-01-01",
        "sources": [
            {
                "title": "กระทรวงแรงงาน: ข่าว",
                "url": "https://example.org/w",
                "accessed": "2025-01-01",
            }
        ],
        "rates": [rate],
    }
    item.update(overrides)
    return {"version": 1, "checked": "2025-01-01", "announcements": [item]}


def test_content_check_accepts_a_sourced_wage_file(tmp_path: Path) -> None:
    assert check_content(_folder_with_wages(tmp_path, _wage_data()), MINI_TAXONOMY) == []


def test_content_check_refuses_a_rate_without_source_date_or_article(tmp_path: Path) -> None:
    data = _wage_data(
        sources=[], effective="soon", rates=[{"province": "ยะลา", "daily": 0, "article": "x"}]
    )

    fields = {p.field for p in check_content(_folder_with_wages(tmp_path, data), MINI_TAXONOMY)}

    assert {
        "announcements[0].sources",
        "announcements[0].effective",
        "announcements[0].rates[0].daily",
        "article",
    } <= fields


def test_content_check_refuses_a_wage_file_citing_only_the_press(tmp_path: Path) -> None:
    press = [
        {
            "title": "A paper: headline",
            "url": "https://news.example.com/w",
            "accessed": "2025-01-01",
        }
    ]

    problems = check_content(_folder_with_wages(tmp_path, _wage_data(sources=press)), MINI_TAXONOMY)

    assert [(p.file, p.field) for p in problems] == [(wages.WAGES_FILE, "announcements[0].sources")]


def test_content_check_refuses_a_wage_article_whose_rate_the_file_does_not_hold(
    tmp_path: Path,
) -> None:
    folder = _folder_with_wages(tmp_path, _wage_data())
    write_article(folder, article_meta("wage"), body="ยะลา ค่าจ้างขั้นต่ำวันละ 330 บาทค่ะ")

    problems = check_content(folder, MINI_TAXONOMY)

    assert [(p.file, p.field) for p in problems] == [("wage.md", "body")]
    assert "330 บาท" in problems[0].message
