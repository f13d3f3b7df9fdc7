"""Evidence files in the media store: where they live, and deleting those no complaint keeps."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.complaints.models import ComplaintAttachment
from bot.core.orm import utcnow

log = logging.getLogger(__name__)

EVIDENCE_DIR = "evidence"  # under MEDIA_DIR
_MESSAGE_ID = re.compile(r"[A-Za-z0-9_-]+")  # LINE's message ids are digits

# Drafts live a day (their TTL slides with each answer); a file older than two days that no
# complaint points to belongs to a draft that was abandoned.
ORPHAN_EVIDENCE_AGE = timedelta(days=2)


@dataclass(frozen=True)
class Evidence:
    """An image or file the reporter sent with a draft, by its LINE message id."""

    message_id: str
    kind: str  # image | file
    file_name: str | None = None


def evidence_path(message_id: str) -> str:
    """Where a message's bytes live, relative to MEDIA_DIR (the download job writes it)."""
    return f"{EVIDENCE_DIR}/{message_id}"


def _filed(session: Session, message_ids: Iterable[str]) -> set[str]:
    """Which of these messages a complaint's attachment points to."""
    return set(
        session.scalars(
            select(ComplaintAttachment.message_id).where(
                ComplaintAttachment.message_id.in_(list(message_ids))
            )
        )
    )


def discard_draft_evidence(session: Session, media_dir: Path, message_ids: Iterable[str]) -> int:
    """Delete the evidence files of a draft that will not be filed; returns how many went.

    They are personal data kept for a complaint that is not coming. A file a complaint's
    attachment points to is that complaint's, and stays.
    """
    wanted = {m for m in message_ids if _MESSAGE_ID.fullmatch(m)}  # never a path of its own
    if not wanted:
        return 0
    removed = 0
    for message_id in wanted - _filed(session, wanted):
        path = media_dir / evidence_path(message_id)
        if path.exists():
            path.unlink(missing_ok=True)
            removed += 1
    if removed:
        log.info("complaint.draft_evidence_discarded", extra={"files": removed})
    return removed


def sweep_orphan_evidence(session: Session, media_dir: Path, *, now: datetime | None = None) -> int:
    """Delete evidence files of drafts abandoned without a cancel; returns how many went."""
    folder = media_dir / EVIDENCE_DIR
    if not folder.is_dir():
        return 0
    cutoff = ((now or utcnow()) - ORPHAN_EVIDENCE_AGE).timestamp()
    old = {p.name: p for p in folder.iterdir() if p.is_file() and p.stat().st_mtime < cutoff}
    if not old:
        return 0
    orphans = old.keys() - _filed(session, old)
    for name in orphans:
        old[name].unlink(missing_ok=True)
    log.info("complaint.orphan_evidence_swept", extra={"files": len(orphans)})
    return len(orphans)
