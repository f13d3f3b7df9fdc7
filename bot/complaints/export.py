"""Complaints as a table for the Ombudsman's office: CSV (UTF-8 with BOM, for Excel) or XLSX.

Cells hold what people typed, so none may start a formula (bot/core/exports.py).
Dates read as the console shows them: Buddhist era, Thai month, the configured zone's clock.
Each also has an ISO 8601 column with its offset, which sorts and computes in a spreadsheet.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import IO

import geothai
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.complaints.messages import STATUS_LABELS
from bot.complaints.models import Complaint
from bot.complaints.routing import body_name, category_label
from bot.core.crypto import Cipher
from bot.core.exports import append_xlsx_row, csv_row
from bot.core.thai_dates import as_local, thai_datetime

AFFECTED_LABELS = {"self": "ผู้แจ้งเอง", "other": "แจ้งแทนผู้อื่น", "group": "กลุ่ม/หลายคน"}
COLUMNS = (
    ("reference", "เลขที่เรื่อง"),
    ("created_at", "วันที่แจ้ง"),
    ("status", "สถานะ"),
    ("category", "ประเภท"),
    ("affected", "ผู้ได้รับผลกระทบ"),
    ("province", "จังหวัด"),
    ("district", "อำเภอ"),
    ("place", "ตำแหน่ง/ที่อยู่"),
    ("routed_to", "หน่วยงานที่รับผิดชอบ"),
    ("details", "รายละเอียด"),
    ("attachments", "จำนวนหลักฐาน"),
    ("rating", "คะแนนความพึงพอใจ"),
    ("updated_at", "ปรับปรุงล่าสุด"),
    ("created_at_iso", "วันที่แจ้ง (ISO 8601)"),
    ("updated_at_iso", "ปรับปรุงล่าสุด (ISO 8601)"),
    ("phone", "เบอร์ติดต่อ"),
)


def _iso(value: datetime) -> str:
    """The same instant, machine-readable, with its offset: 2026-11-21T14:05:00+07:00."""
    return as_local(value).isoformat(timespec="seconds")


def export_rows(
    session: Session, since: datetime, cipher: Cipher | None = None
) -> Iterator[dict[str, object]]:
    """One dict per complaint created since `since`; phones only when a cipher is given."""
    query = (
        select(Complaint)
        .where(Complaint.created_at >= since)
        .order_by(Complaint.created_at, Complaint.id)
    )
    for c in session.scalars(query):
        province = geothai.province(c.province_code) if c.province_code else None
        district = geothai.district(c.district_code) if c.district_code else None
        place = c.place_text or ""
        if c.latitude is not None:
            place = f"{place} ({c.latitude:.5f}, {c.longitude:.5f})".strip()
        phone = cipher.decrypt(c.phone_encrypted) if cipher and c.phone_encrypted else None
        yield {
            "reference": c.reference,
            "created_at": thai_datetime(c.created_at),
            "status": STATUS_LABELS[c.status],
            "category": category_label(c.category),
            "affected": AFFECTED_LABELS.get(c.affected.value, c.affected.value),
            "province": province.name_th if province else "",
            "district": district.name_th if district else "",
            "place": place,
            "routed_to": body_name(c.routed_to, c.province_code),
            "details": c.details or "",
            "attachments": len(c.attachments),
            "rating": c.rating or "",
            "updated_at": thai_datetime(c.updated_at),
            "created_at_iso": _iso(c.created_at),
            "updated_at_iso": _iso(c.updated_at),
            "phone": phone or "",
        }


def write_csv(rows: Iterator[dict[str, object]], stream: IO[str], with_phone: bool) -> int:
    columns = [c for c in COLUMNS if with_phone or c[0] != "phone"]
    writer = csv.writer(stream)
    writer.writerow([title for _, title in columns])
    count = 0
    for row in rows:
        writer.writerow(csv_row(row[key] for key, _ in columns))
        count += 1
    return count


def write_xlsx(rows: Iterator[dict[str, object]], path: Path, with_phone: bool) -> int:
    from openpyxl import Workbook  # only the export needs it

    columns = [c for c in COLUMNS if with_phone or c[0] != "phone"]
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "เรื่องร้องเรียน"
    sheet.append([title for _, title in columns])
    count = 0
    for row in rows:
        append_xlsx_row(sheet, [row[key] for key, _ in columns])
        count += 1
    workbook.save(path)
    return count
