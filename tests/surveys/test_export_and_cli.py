"""`asabot surveys check | load | list | export`: interviews made in the emulator come out as
KoboToolbox-style CSV and XLSX, with repeats apart, versions together, formulas neutralised."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from bot.surveys.cli import surveys
from tests.conftest import BotWithEmulator
from tests.support.chat import say, texts
from tests.surveys.conftest import SHIPPED, load_shipped, responses, survey_config, tap, volunteer
from tests.surveys.forms import KITCHEN, changed, write_form

SOMCHAI = "U" + "1" * 32
INJECTION = '=HYPERLINK("http://example.com/x","คลิก")'


@pytest.fixture
def forms_dir(tmp_path: Path) -> Path:
    write_form(tmp_path / "forms", "kitchen", KITCHEN)
    return tmp_path / "forms"


@pytest.fixture
def kitchen_bot(db_url: str, tmp_path: Path, forms_dir: Path) -> Iterator[BotWithEmulator]:
    running = BotWithEmulator(db_url, **survey_config(tmp_path), SURVEYS_DIR=str(forms_dir))
    yield running
    running.stop()


def cli(bot: BotWithEmulator, *args: str) -> Any:
    return bot.app.test_cli_runner().invoke(surveys, list(args))


def interview(chat: Any, name: str, other: str, members: list[tuple[str, str]]) -> None:
    """One kitchen interview: a name, another country, two problems, members, no place/photo."""
    say(chat, "ทำแบบสำรวจ")
    tap(chat, "ยินยอม")
    for answer in (name, "40", "3", "1/2/2567"):
        say(chat, answer)
    say(chat, "14")  # ประเทศอื่น, typed as its number
    say(chat, other)
    say(chat, "1 2")
    for member, age in members:
        tap(chat, "เพิ่ม")
        say(chat, member)
        say(chat, age)
    tap(chat, "ไม่มีแล้ว")
    tap(chat, "ข้าม")
    tap(chat, "ข้าม")
    assert "บันทึกแบบสำรวจเรียบร้อยแล้ว" in texts(tap(chat, "ส่งแบบสำรวจ"))


def test_check_and_load_say_what_they_found_and_load_is_idempotent(
    kitchen_bot: BotWithEmulator, forms_dir: Path
) -> None:
    checked = cli(kitchen_bot, "check")
    assert checked.exit_code == 0, checked.output
    assert checked.stdout.strip() == "ok kitchen 1: 11 questions"

    first = cli(kitchen_bot, "load")
    assert first.exit_code == 0 and "loaded kitchen 1" in first.stdout
    again = cli(kitchen_bot, "load")
    assert "unchanged kitchen 1" in again.stdout and "0 loaded, 1 unchanged" in again.stdout
    listed = cli(kitchen_bot, "list")
    assert listed.stdout.splitlines() == ["kitchen\t1\t0\tทดสอบทุกแบบ"]
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == ["kitchen"]

    write_form(
        forms_dir,
        "broken",
        changed(KITCHEN, "| kitchen |", "| broken |").replace(
            ". >= 15 and . <= 90 ", "pulldata('a', 'b') > 1"
        ),
    )
    refused = cli(kitchen_bot, "check")
    assert refused.exit_code == 1
    assert (
        "broken.xlsx, survey sheet, row 5: constraint `pulldata('a', 'b') > 1`: "
        "the function `pulldata()` is not supported"
    ) in refused.stderr
    assert "ok kitchen 1" in refused.stdout  # the good form is still reported
    not_loaded = cli(kitchen_bot, "load")
    assert not_loaded.exit_code == 1 and "nothing loaded: 1 error(s)" in not_loaded.stderr


def test_the_shipped_folder_checks_clean(kitchen_bot: BotWithEmulator) -> None:
    checked = cli(kitchen_bot, "check", "--dir", str(SHIPPED))
    assert checked.exit_code == 0, checked.output
    assert checked.stderr == ""
    assert [line.split(":")[0] for line in checked.stdout.splitlines()] == [
        "ok labour_demand 2025.1",
        "ok returnee 2025.1",
        "ok volunteer_report 2025.1",
    ]


def test_exports_have_kobo_columns_repeats_apart_versions_together_and_no_formulas(
    kitchen_bot: BotWithEmulator, forms_dir: Path, tmp_path: Path
) -> None:
    assert cli(kitchen_bot, "load").exit_code == 0
    chat = volunteer(kitchen_bot, SOMCHAI)
    interview(chat, INJECTION, "+ลาว", [("@ยะห์ยา", "30"), ("ซัลมา", "-5")])

    # A changed form must raise its version; then it loads as a new one beside the old.
    v2 = changed(KITCHEN, "| อายุ                   |", "| อายุเต็มปี              |")
    write_form(forms_dir, "kitchen", v2)
    clash = cli(kitchen_bot, "load")
    assert clash.exit_code == 1 and "its version `1` did not" in clash.stderr
    write_form(forms_dir, "kitchen", changed(v2, "| Ujian semua | 1 |", "| Ujian semua | 2 |"))
    assert "loaded kitchen 2" in cli(kitchen_bot, "load").stdout
    interview(chat, "สมหญิง", "ลาว", [])
    old, new = responses(kitchen_bot)
    assert old.form_pk != new.form_pk  # each interview keeps the version it was answered on

    exported = cli(kitchen_bot, "export", "kitchen", "--format", "csv")
    assert exported.exit_code == 0, exported.output
    assert exported.stdout.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(exported.stdout.lstrip("\ufeff"))))
    assert [r["__version__"] for r in rows] == ["1", "2"]
    first = rows[0]
    assert first["name"] == "'" + INJECTION  # a spreadsheet would have run it
    assert first["country"] == "other" and first["country_other"] == "'+ลาว"
    assert (
        first["problems"],
        first["problems/unpaid"],
        first["problems/debt"],
        first["problems/none"],
    ) == ("unpaid debt", "1", "1", "0")
    assert (first["problem_count"], first["age"], first["returned"]) == ("2", "40", "2024-02-01")
    assert first["_place_latitude"] == "" and first["_province"] == "ยะลา"
    assert first["_volunteer"].startswith("V") and SOMCHAI not in exported.stdout
    assert list(first)[:3] == ["started", "name", "age"]
    assert list(first)[-9:] == [
        "_id",
        "_uuid",
        "_submission_time",
        "__version__",
        "_province_code",
        "_province",
        "_district_code",
        "_district",
        "_volunteer",
    ]

    members = cli(kitchen_bot, "export", "kitchen", "--repeat", "member")
    member_rows = list(csv.DictReader(io.StringIO(members.stdout.lstrip("\ufeff"))))
    assert [
        (r["member/member_name"], r["member/member_age"], r["_parent_index"]) for r in member_rows
    ] == [("'@ยะห์ยา", "30", "1"), ("ซัลมา", "-5", "1")]

    target = tmp_path / "kitchen.xlsx"
    written = cli(kitchen_bot, "export", "kitchen", "--format", "xlsx", "--output", str(target))
    assert written.exit_code == 0 and "2 interview(s) written" in written.stderr
    book = load_workbook(target)
    assert book.sheetnames == [
        "kitchen",
        "member",
        "xlsform_survey",
        "xlsform_choices",
        "xlsform_settings",
    ]
    sheet = book["kitchen"]
    header = [c.value for c in sheet[1]]
    name_cell = sheet.cell(row=2, column=header.index("name") + 1)
    # Typed cells: the text unchanged, a string with Excel's quote prefix, never a formula.
    assert name_cell.value == INJECTION and name_cell.data_type == "s" and name_cell.quotePrefix
    assert sheet.cell(row=2, column=header.index("age") + 1).value == 40  # numbers stay numbers
    member_sheet = book["member"]
    assert [c.value for c in member_sheet[3]][:2] == ["ซัลมา", -5]
    dictionary = book["xlsform_survey"]
    assert [c.value for c in dictionary[1]][:4] == ["type", "name", "label::th", "label::ms"]
    labels = [row[2].value for row in dictionary.iter_rows(min_row=2)]
    assert "อายุเต็มปี" in labels  # the newest version's dictionary
    assert book["xlsform_settings"]["D2"].value == "2"


def test_export_of_an_unknown_survey_or_repeat_says_so(kitchen_bot: BotWithEmulator) -> None:
    unknown = cli(kitchen_bot, "export", "nothing")
    assert unknown.exit_code == 1 and "no survey 'nothing'" in unknown.stderr
    cli(kitchen_bot, "load")
    no_repeat = cli(kitchen_bot, "export", "kitchen", "--repeat", "pets")
    assert no_repeat.exit_code == 1 and "kitchen has no repeat 'pets'" in no_repeat.stderr


def test_a_form_removed_from_the_folder_is_retired_and_no_longer_offered(
    kitchen_bot: BotWithEmulator, forms_dir: Path
) -> None:
    cli(kitchen_bot, "load")
    (forms_dir / "kitchen.xlsx").unlink()
    write_form(forms_dir, "other", changed(KITCHEN, "| kitchen |", "| other_form |"))
    report = cli(kitchen_bot, "load")
    assert "retired kitchen" in report.stdout
    assert [line.split("\t")[0] for line in cli(kitchen_bot, "list").stdout.splitlines()] == [
        "other_form"
    ]
    load_shipped(kitchen_bot.app, forms_dir)  # unchanged: still just the one
    chat = volunteer(kitchen_bot, SOMCHAI)
    assert "เริ่มแบบสำรวจ «ทดสอบทุกแบบ»" in texts(say(chat, "ทำแบบสำรวจ"))
    assert responses(kitchen_bot)[0].form_id == "other_form"
