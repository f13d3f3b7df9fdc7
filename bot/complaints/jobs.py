"""Jobs for complaints: evidence downloads leave the webhook request and run here."""

from __future__ import annotations

import hashlib
import logging
import os
import uuid
from dataclasses import asdict
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from bot.complaints.erasure import erase_expired
from bot.complaints.evidence import evidence_path, sweep_orphan_evidence
from bot.complaints.models import ComplaintAttachment
from bot.complaints.notifications import notify_pending
from bot.core.db import get_session
from bot.core.jobs import in_app_context
from bot.core.orm import utcnow

log = logging.getLogger(__name__)

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF8", "image/gif"),
    (b"%PDF", "application/pdf"),
    (b"PK\x03\x04", "application/zip"),  # also docx/xlsx
)


def sniff_content_type(data: bytes) -> str:
    return next(
        (kind for magic, kind in _SIGNATURES if data.startswith(magic)), "application/octet-stream"
    )


@in_app_context
def download_evidence(message_id: str) -> bool:
    """Fetch a message's bytes into the media store (once), then mark its attachment rows stored.

    Safe to run twice: the file is written atomically and only when absent.
    """
    target = Path(current_app.config["MEDIA_DIR"]) / evidence_path(message_id)
    if not target.exists():
        data = current_app.extensions["asabot.line"].content(message_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{uuid.uuid4().hex}.part")
        partial.write_bytes(data)
        os.replace(partial, target)
        log.info("complaint.evidence_downloaded", extra={"bytes": len(data)})
    data = target.read_bytes()
    session = get_session()
    rows = session.scalars(
        select(ComplaintAttachment).where(
            ComplaintAttachment.message_id == message_id, ComplaintAttachment.sha256.is_(None)
        )
    ).all()
    for row in rows:
        row.stored_at = utcnow()
        row.size = len(data)
        row.sha256 = hashlib.sha256(data).hexdigest()
        row.content_type = sniff_content_type(data)
    session.commit()
    return True


@in_app_context
def notify_pending_statuses() -> dict[str, int]:
    """Re-send complaint status pushes that failed; what `asabot complaints notify-pending` runs."""
    line = current_app.extensions["asabot.line"]
    return asdict(notify_pending(get_session(), line))


@in_app_context
def erase_expired_complaints() -> int:
    """Erase personal data kept past the retention period the PDPA notice promises, and the
    evidence files of drafts abandoned before they were filed."""
    config = current_app.config
    media_dir = Path(config["MEDIA_DIR"])
    sweep_orphan_evidence(get_session(), media_dir)
    return erase_expired(get_session(), media_dir, years=int(config["COMPLAINT_RETENTION_YEARS"]))
