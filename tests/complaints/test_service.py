"""The complaint service: reference numbers, one complaint per draft, status with its audit
entry in one transaction, rating, erasure."""

from __future__ import annotations

import os
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.complaints.crypto import PhoneCipher, normalise_phone
from bot.complaints.erasure import erase_expired, erase_user
from bot.complaints.errors import ComplaintError
from bot.complaints.evidence import Evidence, sweep_orphan_evidence
from bot.complaints.filing import NewComplaint, create_complaint
from bot.complaints.models import (
    Affected,
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    ComplaintStatus,
)
from bot.complaints.rating import rate
from bot.complaints.references import find_reference, next_reference
from bot.complaints.status import change_status
from bot.core.db import make_engine
from bot.core.thai_dates import buddhist_year
from tests.support.fakes import RecordingLine

CIPHER = PhoneCipher(Fernet.generate_key())
NOON_2026 = datetime(2026, 6, 1, 5, 0, tzinfo=UTC)


def new_complaint(draft_id: str, user_id: str = "U" + "2" * 32, **changes) -> NewComplaint:  # type: ignore[no-untyped-def]
    fields = {
        "draft_id": draft_id,
        "user_id": user_id,
        "affected": Affected.SELF,
        "category": "social_security",
        "details": "ประกันสังคมไม่จ่ายเงินทดแทน",
        "consent_version": "complaint-pdpa-1",
        "consented_at": NOON_2026,
        "province_code": "95",
    }
    fields.update(changes)
    return NewComplaint(**fields)


def test_the_buddhist_year_follows_thailands_clock() -> None:
    # 31 Dec 2025 18:00 UTC is already 1 Jan 2026 in Bangkok.
    assert buddhist_year(datetime(2025, 12, 31, 18, 0, tzinfo=UTC)) == 2569
    assert buddhist_year(datetime(2025, 12, 31, 16, 0, tzinfo=UTC)) == 2568


def test_references_typed_loosely_are_read() -> None:
    assert find_reference("ติดตาม as 2569 000012 ค่ะ") == "AS-2569-000012"
    assert find_reference("AS-2569-000012") == "AS-2569-000012"
    assert find_reference("เรื่องของฉัน") is None


def test_thai_phone_numbers_are_validated_and_normalised() -> None:
    assert normalise_phone("081-234-5678") == "0812345678"
    assert normalise_phone("+66 81 234 5678") == "0812345678"
    assert normalise_phone("073 123 456") == "073123456"
    assert normalise_phone("๐๘๙ ๗๖๕ ๔๓๒๑") == "0897654321"  # Thai digits, as phones type them
    assert normalise_phone("1234") is None
    assert normalise_phone("0112345678") is None


def test_references_are_sequential_per_year(db_session: Session) -> None:
    first = next_reference(db_session, NOON_2026)
    second = next_reference(db_session, NOON_2026)
    next_year = next_reference(db_session, datetime(2027, 6, 1, tzinfo=UTC))
    db_session.commit()
    assert (first, second, next_year) == ("AS-2569-000001", "AS-2569-000002", "AS-2570-000001")


def test_a_rolled_back_confirm_gives_its_number_back(db_session: Session) -> None:
    next_reference(db_session, NOON_2026)
    db_session.rollback()
    assert next_reference(db_session, NOON_2026) == "AS-2569-000001"


def test_concurrent_confirms_get_distinct_sequential_references(
    db_url: str, tmp_path: Path
) -> None:
    engine = make_engine(db_url)
    workers = 12
    barrier = threading.Barrier(workers)
    references: list[str] = []
    errors: list[BaseException] = []

    def confirm(i: int) -> None:
        try:
            with Session(engine, expire_on_commit=False) as session:
                barrier.wait()
                complaint, created = create_complaint(
                    session, new_complaint(f"draft-{i}"), cipher=CIPHER, media_dir=tmp_path
                )
                assert created
                references.append(complaint.reference)
        except BaseException as exc:  # surfaced below with the failing thread's error
            errors.append(exc)

    threads = [threading.Thread(target=confirm, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    engine.dispose()

    assert errors == []
    year = buddhist_year(datetime.now(UTC))
    assert sorted(references) == [f"AS-{year}-{n:06d}" for n in range(1, workers + 1)]


def test_the_same_draft_confirmed_twice_at_once_is_one_complaint(
    db_url: str, tmp_path: Path
) -> None:
    engine = make_engine(db_url)
    barrier = threading.Barrier(4)
    results: list[tuple[str, bool]] = []

    def confirm() -> None:
        with Session(engine, expire_on_commit=False) as session:
            barrier.wait()
            complaint, created = create_complaint(
                session, new_complaint("same-draft"), cipher=CIPHER, media_dir=tmp_path
            )
            results.append((complaint.reference, created))

    threads = [threading.Thread(target=confirm) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with Session(engine) as session:
        count = session.scalar(select(func.count()).select_from(Complaint))
    engine.dispose()

    assert count == 1
    assert len({reference for reference, _ in results}) == 1
    assert sorted(created for _, created in results) == [False, False, False, True]


def test_complaint_evidence_and_first_event_are_written_together(
    db_session: Session, tmp_path: Path
) -> None:
    complaint, _ = create_complaint(
        db_session,
        new_complaint("d1", phone="0812345678", evidence=(Evidence("m1", "image"),)),
        cipher=CIPHER,
        media_dir=tmp_path,
    )
    assert complaint.routed_to == "social_security"
    assert [a.path for a in complaint.attachments] == ["evidence/m1"]
    assert [e.status for e in complaint.events] == [ComplaintStatus.RECEIVED]
    assert CIPHER.decrypt(complaint.phone_encrypted or "") == "0812345678"
    assert complaint.anonymous is False


def test_a_phone_number_is_refused_without_a_key(db_session: Session, tmp_path: Path) -> None:
    with pytest.raises(ComplaintError):
        create_complaint(
            db_session, new_complaint("d1", phone="0812345678"), cipher=None, media_dir=tmp_path
        )


def _filed(session: Session, media_dir: Path) -> Complaint:
    complaint, _ = create_complaint(session, new_complaint("d1"), cipher=None, media_dir=media_dir)
    return complaint


def _history(session: Session, complaint_id: int) -> tuple[ComplaintStatus, list[ComplaintStatus]]:
    session.expire_all()
    stored = session.get(Complaint, complaint_id)
    assert stored is not None
    return stored.status, [e.status for e in stored.events]


def test_a_status_change_and_its_audit_entry_are_one_commit_and_the_reporter_is_told(
    db_session: Session, tmp_path: Path
) -> None:
    complaint = _filed(db_session, tmp_path)
    line = RecordingLine()
    audited: list[tuple[int, bool]] = []

    def audit(event: ComplaintEvent) -> None:
        # Called before the commit, with the event already numbered.
        audited.append((event.id, db_session.in_transaction()))

    event = change_status(
        db_session,
        line,  # type: ignore[arg-type]
        complaint,
        ComplaintStatus.FORWARDED,
        note=None,
        actor="staff:1",
        audit=audit,
    )

    assert audited == [(event.id, True)]
    assert _history(db_session, complaint.id) == (
        ComplaintStatus.FORWARDED,
        [ComplaintStatus.RECEIVED, ComplaintStatus.FORWARDED],
    )
    assert [p["to"] for p in line.pushes] == [complaint.user_id]


def test_a_status_change_whose_audit_entry_fails_is_not_kept_and_not_pushed(
    db_session: Session, tmp_path: Path
) -> None:
    complaint = _filed(db_session, tmp_path)
    line = RecordingLine()

    def audit(event: ComplaintEvent) -> None:
        raise RuntimeError("the audit log could not be written")

    with pytest.raises(RuntimeError):
        change_status(
            db_session,
            line,  # type: ignore[arg-type]
            complaint,
            ComplaintStatus.RESOLVED,
            note="จ่ายแล้ว",
            actor="staff:1",
            audit=audit,
        )

    assert _history(db_session, complaint.id) == (
        ComplaintStatus.RECEIVED,
        [ComplaintStatus.RECEIVED],
    )
    assert line.pushes == []  # the reporter never hears of a change that was not kept


def test_only_the_reporter_rates_and_only_a_finished_case(
    db_session: Session, tmp_path: Path
) -> None:
    complaint, _ = create_complaint(
        db_session, new_complaint("d1"), cipher=CIPHER, media_dir=tmp_path
    )
    with pytest.raises(ComplaintError):
        rate(db_session, complaint, complaint.user_id or "", 5)
    complaint.status = ComplaintStatus.RESOLVED
    with pytest.raises(ComplaintError):
        rate(db_session, complaint, "U" + "9" * 32, 5)
    with pytest.raises(ComplaintError):
        rate(db_session, complaint, complaint.user_id or "", 6)
    rate(db_session, complaint, complaint.user_id or "", 4)
    assert complaint.rating == 4


def test_erasing_a_reporter_removes_personal_data_and_files(
    db_session: Session, tmp_path: Path
) -> None:
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "m1").write_bytes(b"photo")
    user = "U" + "3" * 32
    complaint, _ = create_complaint(
        db_session,
        new_complaint("d1", user_id=user, phone="0812345678", evidence=(Evidence("m1", "image"),)),
        cipher=CIPHER,
        media_dir=tmp_path,
    )
    other, _ = create_complaint(db_session, new_complaint("d2"), cipher=CIPHER, media_dir=tmp_path)

    assert erase_user(db_session, user, tmp_path) == 1

    db_session.expire_all()
    erased = db_session.get(Complaint, complaint.id)
    assert erased is not None
    assert (erased.user_id, erased.details, erased.phone_encrypted) == (None, None, None)
    assert erased.erased_at is not None and erased.reference == complaint.reference
    assert db_session.scalar(select(func.count()).select_from(ComplaintAttachment)) == 0
    assert not (tmp_path / "evidence" / "m1").exists()
    kept = db_session.get(Complaint, other.id)
    assert kept is not None and kept.details is not None


def _finish(session: Session, complaint: Complaint, status: ComplaintStatus, at: datetime) -> None:
    complaint.events.append(ComplaintEvent(status=status, actor="staff", created_at=at))
    complaint.status = status
    session.commit()


def test_cases_finished_longer_ago_than_the_retention_period_lose_their_personal_data(
    db_session: Session, tmp_path: Path
) -> None:
    old_resolved, _ = create_complaint(
        db_session,
        new_complaint("d1", phone="0812345678"),
        cipher=CIPHER,
        media_dir=tmp_path,
        now=datetime(2024, 5, 1, tzinfo=UTC),
    )
    _finish(db_session, old_resolved, ComplaintStatus.RESOLVED, datetime(2024, 5, 31, tzinfo=UTC))
    recently_closed, _ = create_complaint(
        db_session,
        new_complaint("d2"),
        cipher=CIPHER,
        media_dir=tmp_path,
        now=datetime(2024, 5, 1, tzinfo=UTC),
    )
    _finish(
        db_session,
        recently_closed,
        ComplaintStatus.CLOSED_UNRESOLVABLE,
        datetime(2024, 6, 2, tzinfo=UTC),
    )
    old_but_open, _ = create_complaint(
        db_session,
        new_complaint("d3"),
        cipher=CIPHER,
        media_dir=tmp_path,
        now=datetime(2022, 12, 1, tzinfo=UTC),
    )
    _finish(db_session, old_but_open, ComplaintStatus.IN_PROGRESS, datetime(2023, 1, 1, tzinfo=UTC))

    assert erase_expired(db_session, tmp_path, years=2, now=NOON_2026) == 1

    db_session.expire_all()
    erased = db_session.get(Complaint, old_resolved.id)
    assert erased is not None and erased.erased_at is not None
    assert (erased.user_id, erased.details, erased.phone_encrypted) == (None, None, None)
    assert erased.reference == old_resolved.reference  # statistics keep the case itself
    for kept_id in (recently_closed.id, old_but_open.id):
        kept = db_session.get(Complaint, kept_id)
        assert kept is not None and kept.details is not None and kept.erased_at is None
    # A second run finds nothing more to erase.
    assert erase_expired(db_session, tmp_path, years=2, now=NOON_2026) == 0


def test_evidence_of_drafts_abandoned_days_ago_is_swept_and_filed_evidence_stays(
    db_session: Session, tmp_path: Path
) -> None:
    evidence = tmp_path / "evidence"
    evidence.mkdir()
    for name in ("filed", "abandoned", "fresh"):
        (evidence / name).write_bytes(b"photo")
    create_complaint(
        db_session,
        new_complaint("d1", evidence=(Evidence("filed", "image"),)),
        cipher=CIPHER,
        media_dir=tmp_path,
    )
    three_days_ago = NOON_2026.timestamp() - 3 * 24 * 3600
    for name in ("filed", "abandoned"):
        os.utime(evidence / name, (three_days_ago, three_days_ago))

    assert sweep_orphan_evidence(db_session, tmp_path, now=NOON_2026) == 1

    assert sorted(p.name for p in evidence.iterdir()) == ["filed", "fresh"]
