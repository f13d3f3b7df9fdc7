"""The complaints pages: filters and paging, the audited case page, status changes, export."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import event, select

from bot.admin.models import AuditEntry
from bot.complaints.models import Affected, ComplaintEvent, ComplaintStatus
from bot.core.db import get_session
from tests.admin.conftest import add_complaint, complaint, post


def _audit(app, action: str) -> list[AuditEntry]:
    with app.app_context():
        return list(
            get_session().scalars(
                select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
            )
        )


def test_the_list_filters_by_status_category_province_date_and_text(app, clients) -> None:
    old = add_complaint(app, details="ค่าจ้างไม่ครบ", created_at=datetime(2026, 1, 5, 3, tzinfo=UTC))
    social = add_complaint(app, category="social_security", province="95", details="เงินชดเชย")
    admin = clients["admin"]

    def listed(query: str) -> set[str]:
        page = admin.get(f"/admin/complaints/?{query}").get_data(as_text=True)
        return {ref for ref in (old, social) if ref in page}

    assert listed("") == {old, social}
    assert listed("category=social_security") == {social}
    assert listed("province=94") == {old}
    assert listed("date_from=2026-01-01&date_to=2026-01-05") == {old}
    assert listed("q=ชดเชย") == {social}
    assert listed(f"q={old}") == {old}
    assert listed("status=received") == {old, social}
    assert listed("status=resolved") == set()


def test_the_list_pages_by_25_newest_first(app, clients) -> None:
    start = datetime(2026, 3, 1, tzinfo=UTC)
    refs = [add_complaint(app, created_at=start + timedelta(hours=n)) for n in range(27)]
    first = clients["admin"].get("/admin/complaints/").get_data(as_text=True)
    second = clients["admin"].get("/admin/complaints/?page=2").get_data(as_text=True)
    assert refs[-1] in first and refs[2] in first and refs[1] not in first
    assert refs[1] in second and refs[0] in second and refs[-1] not in second
    assert "หน้า 2 / 2" in second


def test_every_view_of_a_case_is_audited(app, clients) -> None:
    ref = add_complaint(app, province="94")
    page = clients["pattani"].get(f"/admin/complaints/{ref}").get_data(as_text=True)
    clients["admin"].get(f"/admin/complaints/{ref}")
    assert "นายจ้างค้างค่าจ้างสองเดือน" in page and "ผู้ร้อง" in page  # details and the contact
    views = _audit(app, "complaint.viewed")
    assert [(v.username, v.target_id) for v in views] == [("pattani", ref), ("admin", ref)]


def test_a_status_change_with_a_note_is_recorded_pushed_and_audited(app, clients, line) -> None:
    ref = add_complaint(app, province="94", user_id="U" + "1" * 32)

    response = post(
        clients["pattani"],
        f"/admin/complaints/{ref}/status",
        {"status": "in_progress", "note": "เจ้าหน้าที่นัดนายจ้างแล้ว"},
    )

    assert response.status_code == 302
    case = complaint(app, ref)
    assert case.status is ComplaintStatus.IN_PROGRESS
    assert case.events[-1].note == "เจ้าหน้าที่นัดนายจ้างแล้ว"
    assert case.events[-1].actor.startswith("staff:")
    assert [p["to"] for p in line.pushes] == ["U" + "1" * 32]
    assert "เจ้าหน้าที่นัดนายจ้างแล้ว" in line.pushes[0]["messages"][0]["text"]
    changes = _audit(app, "complaint.status_changed")
    assert changes[0].detail["from"] == "received" and changes[0].detail["to"] == "in_progress"
    page = clients["pattani"].get(response.headers["Location"]).get_data(as_text=True)
    assert "แจ้งผู้ร้องทาง LINE แล้ว" in page


@contextmanager
def failing_insert(model: type) -> Iterator[None]:
    """Every INSERT of `model` fails, as when its table cannot be written."""

    def fail(mapper: object, connection: object, target: object) -> None:
        raise RuntimeError(f"{model.__name__} could not be written")

    event.listen(model, "before_insert", fail)
    try:
        yield
    finally:
        event.remove(model, "before_insert", fail)


def test_a_status_change_whose_audit_entry_cannot_be_written_is_not_kept_nor_pushed(
    app, clients, line
) -> None:
    ref = add_complaint(app, province="94", user_id="U" + "1" * 32)

    with failing_insert(AuditEntry), pytest.raises(RuntimeError):
        post(clients["pattani"], f"/admin/complaints/{ref}/status", {"status": "resolved"})

    case = complaint(app, ref)
    assert case.status is ComplaintStatus.RECEIVED
    assert [e.status for e in case.events] == [ComplaintStatus.RECEIVED]
    assert line.pushes == []


def test_a_status_change_that_cannot_be_written_leaves_no_audit_entry(app, clients, line) -> None:
    ref = add_complaint(app, province="94", user_id="U" + "1" * 32)

    with failing_insert(ComplaintEvent), pytest.raises(RuntimeError):
        post(clients["pattani"], f"/admin/complaints/{ref}/status", {"status": "resolved"})

    assert complaint(app, ref).status is ComplaintStatus.RECEIVED
    assert _audit(app, "complaint.status_changed") == []
    assert line.pushes == []


def test_an_unknown_status_is_refused(app, clients, line) -> None:
    ref = add_complaint(app)
    response = post(clients["admin"], f"/admin/complaints/{ref}/status", {"status": "done"})
    assert response.status_code == 400
    assert line.pushes == []


def test_a_missing_case_is_404(app, clients) -> None:
    assert clients["admin"].get("/admin/complaints/AS-2569-999999").status_code == 404


def test_csv_export_has_the_filtered_rows_in_thai_and_is_audited(app, clients) -> None:
    wages = add_complaint(app, province="94")
    add_complaint(app, category="social_security", province="94")

    response = clients["admin"].get("/admin/complaints/export?category=wages_dismissal")

    assert response.headers["Content-Type"].startswith("text/csv")
    text = response.get_data().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "เลขที่เรื่อง" and "เบอร์ติดต่อ" not in rows[0]
    assert [r[0] for r in rows[1:]] == [wages]
    assert _audit(app, "complaints.exported")[0].detail["rows"] == 1


def test_xlsx_export_opens_as_a_workbook(app, clients) -> None:
    ref = add_complaint(app)
    response = clients["admin"].get("/admin/complaints/export?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    assert sheet is not None
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == ["เลขที่เรื่อง", ref]


def _column(header: list[object], row: list[object], title: str) -> object:
    return row[header.index(title)]


def test_exports_write_the_buddhist_era_dates_the_console_shows(app, clients) -> None:
    filed = datetime(2026, 11, 20, 3, 30, tzinfo=UTC)  # 10:30 in Thailand
    ref = add_complaint(app, created_at=filed)
    page = clients["admin"].get(f"/admin/complaints/{ref}").get_data(as_text=True)
    assert "20 พ.ย. 2569 10:30" in page

    text = clients["admin"].get("/admin/complaints/export").get_data().decode("utf-8-sig")
    workbook = clients["admin"].get("/admin/complaints/export?format=xlsx").get_data()
    sheet = load_workbook(io.BytesIO(workbook)).active
    assert sheet is not None
    tables = {
        "csv": list(csv.reader(io.StringIO(text))),
        "xlsx": [list(r) for r in sheet.iter_rows(values_only=True)],
    }

    for header, row in tables.values():
        assert _column(header, row, "วันที่แจ้ง") == "20 พ.ย. 2569 10:30"
        assert _column(header, row, "ปรับปรุงล่าสุด") == "20 พ.ย. 2569 10:30"
        # The same instant for spreadsheets to sort and subtract, with Thailand's offset.
        assert _column(header, row, "วันที่แจ้ง (ISO 8601)") == "2026-11-20T10:30:00+07:00"
        assert _column(header, row, "ปรับปรุงล่าสุด (ISO 8601)") == "2026-11-20T10:30:00+07:00"


def test_the_case_page_shows_who_is_affected_and_when_consent_was_given(app, clients) -> None:
    consented = datetime(2026, 11, 20, 3, 30, tzinfo=UTC)  # 10:30 in Thailand
    for_someone = add_complaint(
        app, affected=Affected.OTHER, affected_consented=True, created_at=consented
    )
    own = add_complaint(app, created_at=consented)

    page = clients["admin"].get(f"/admin/complaints/{for_someone}").get_data(as_text=True)
    affected = page[page.index('id="case-affected"') : page.index('id="case-consent"')]
    consent_at = page.index('id="case-consent"')
    consent = page[consent_at : page.index("</dd>", consent_at)]
    assert "แจ้งแทนผู้อื่น" in affected
    assert "20 พ.ย. 2569 10:30" in consent and "(ฉบับ test)" in consent
    assert "ผู้แจ้งยืนยันว่าผู้ได้รับผลกระทบยินยอมแล้ว" in consent

    own_page = clients["admin"].get(f"/admin/complaints/{own}").get_data(as_text=True)
    assert "ผู้แจ้งเอง" in own_page and "20 พ.ย. 2569 10:30" in own_page
    assert "ผู้ได้รับผลกระทบยินยอม" not in own_page  # nobody else to ask


def _area(app, ref: str) -> tuple[str | None, str | None, str]:
    case = complaint(app, ref)
    return case.province_code, case.district_code, case.routed_to


def test_an_admin_sets_the_area_of_a_case_without_one_and_the_province_officer_sees_it(
    app, clients, line
) -> None:
    ref = add_complaint(app, province=None)
    assert clients["pattani"].get(f"/admin/complaints/{ref}").status_code == 403
    unplaced = clients["admin"].get("/admin/complaints/?province=none").get_data(as_text=True)
    assert "ไม่ระบุจังหวัด" in unplaced and ref in unplaced

    response = post(
        clients["admin"],
        f"/admin/complaints/{ref}/area",
        {"province": "94", "district": "9401", "reason": "ผู้แจ้งบอกทางโทรศัพท์"},
    )

    assert response.status_code == 302
    assert _area(app, ref) == ("94", "9401", "labour_protection")
    officer_page = clients["pattani"].get(f"/admin/complaints/{ref}").get_data(as_text=True)
    assert "สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัดปัตตานี" in officer_page
    assert "แก้ไขพื้นที่" in officer_page and "ผู้แจ้งบอกทางโทรศัพท์" in officer_page
    assert ref in clients["pattani"].get("/admin/complaints/").get_data(as_text=True)
    assert ref not in clients["admin"].get("/admin/complaints/?province=none").get_data(
        as_text=True
    )
    [change] = _audit(app, "complaint.area_changed")
    assert (change.username, change.target_id) == ("admin", ref)
    assert change.detail["from_province"] is None and change.detail["to_province"] == "94"
    assert change.detail["reason"] == "ผู้แจ้งบอกทางโทรศัพท์"
    assert line.pushes == []  # a place fix is staff's business, not news for the reporter


def test_only_an_admin_is_offered_complaints_without_a_province(app, clients) -> None:
    page = clients["pattani"].get("/admin/complaints/").get_data(as_text=True)
    assert "ไม่ระบุจังหวัด" not in page
    assert "ไม่ระบุจังหวัด" in clients["admin"].get("/admin/complaints/").get_data(as_text=True)


def test_an_officer_cannot_change_the_area_of_a_case(app, clients) -> None:
    ref = add_complaint(app, province="94")
    page = clients["pattani"].get(f"/admin/complaints/{ref}").get_data(as_text=True)
    assert "บันทึกพื้นที่" not in page

    response = post(
        clients["pattani"],
        f"/admin/complaints/{ref}/area",
        {"province": "95", "district": "", "reason": "ย้ายไปยะลา"},
    )

    assert response.status_code == 403
    assert _area(app, ref) == ("94", None, "labour_protection")
    assert _audit(app, "complaint.area_changed") == []


def test_a_bad_area_is_refused_in_thai_and_changes_nothing(app, clients) -> None:
    ref = add_complaint(app, province=None)
    bad = [
        ({"province": "10", "district": "", "reason": "กรุงเทพ"}, "กรุณาเลือกจังหวัดจากรายการ"),
        ({"province": "94", "district": "9501", "reason": "ผิดอำเภอ"}, "ไม่อยู่ในรายการของจังหวัดนี้"),
        ({"province": "90", "district": "9001", "reason": "อ.เมืองสงขลา"}, "ไม่อยู่ในรายการของจังหวัดนี้"),
        ({"province": "94", "district": "9401", "reason": "   "}, "กรุณาระบุเหตุผล"),
    ]
    for form, message in bad:
        response = post(clients["admin"], f"/admin/complaints/{ref}/area", form)
        page = clients["admin"].get(response.headers["Location"]).get_data(as_text=True)
        assert message in page, form
    assert _area(app, ref) == (None, None, "labour_protection")
    assert _audit(app, "complaint.area_changed") == []
