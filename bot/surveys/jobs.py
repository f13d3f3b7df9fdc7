"""Survey jobs: photos fetched from LINE after the answer, exports built outside the request."""

from __future__ import annotations

import hashlib
import logging
import os
import uuid
from pathlib import Path

from flask import current_app

from bot.core.db import get_session
from bot.core.jobs import in_app_context
from bot.core.orm import utcnow
from bot.surveys.export import export_bytes
from bot.surveys.models import ExportStatus, SurveyExport, SurveyMedia

log = logging.getLogger(__name__)

_IMAGE_TYPES = (
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
)


def _write_once(target: Path, data: bytes) -> None:
    """Write atomically, so a reader never sees half a file and a rerun changes nothing."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{uuid.uuid4().hex}.part")
    partial.write_bytes(data)
    os.replace(partial, target)


@in_app_context
def download_survey_photo(media_id: int) -> bool:
    """Fetch a photo answer's bytes from LINE into MEDIA_DIR/surveys/; safe to run twice."""
    session = get_session()
    media = session.get(SurveyMedia, media_id)
    if media is None:  # the interview was discarded meanwhile
        return False
    if media.stored_path is not None:
        return True
    data = current_app.extensions["asabot.line"].content(media.message_id)
    kind, suffix = next(
        ((k, s) for magic, k, s in _IMAGE_TYPES if data.startswith(magic)),
        ("application/octet-stream", ".bin"),
    )
    digest = hashlib.sha256(data).hexdigest()
    relative = f"surveys/{digest[:2]}/{digest}{suffix}"
    target = Path(current_app.config["MEDIA_DIR"]) / relative
    if not target.exists():
        _write_once(target, data)
    media.stored_path, media.sha256, media.size, media.content_type = (
        relative,
        digest,
        len(data),
        kind,
    )
    media.stored_at = utcnow()
    session.commit()
    log.info("survey.photo_stored", extra={"bytes": len(data)})
    return True


def export_path(export_id: int, kind: str) -> Path:
    return Path(current_app.config["MEDIA_DIR"]) / "survey-exports" / f"{export_id}.{kind}"


@in_app_context
def build_survey_export(export_id: int) -> bool:
    """Build an export staff asked for in the console, within the provinces fixed then."""
    session = get_session()
    export = session.get(SurveyExport, export_id)
    if export is None or export.status is not ExportStatus.QUEUED:
        return False
    try:
        data, rows = export_bytes(session, export.form_id, export.format, export.provinces)
    except Exception as error:  # recorded on the row, so the console says it failed
        session.rollback()
        export.status, export.error, export.finished_at = ExportStatus.FAILED, str(error), utcnow()
        session.commit()
        log.exception("survey.export_failed", extra={"export_id": export_id})
        return False
    _write_once(export_path(export.id, export.format), data)
    export.status, export.rows, export.finished_at = ExportStatus.DONE, rows, utcnow()
    export.file_name = f"{export.form_id}-{export.id}.{export.format}"
    session.commit()
    return True
