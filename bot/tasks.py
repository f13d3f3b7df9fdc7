"""Job functions. RQ workers run them with an app context from `in_app_context`."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

from flask import Flask, current_app, has_app_context

from bot.complaints.service import erase_expired, notify_pending, sweep_orphan_evidence
from bot.db import get_session
from bot.models import LineUser

log = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])
_worker_app: Flask | None = None


def in_app_context(func: F) -> F:
    """Give a job an app context: the caller's if it has one, else one app per worker process."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if has_app_context():
            return func(*args, **kwargs)
        global _worker_app
        if _worker_app is None:
            from bot import create_app

            # Jobs send, download and look up; none reads text, so skip loading the classifier.
            _worker_app = create_app({"NLU": None})
        with _worker_app.app_context():
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


@in_app_context
def refresh_profile(user_id: str) -> bool:
    """Fill in a user's display name when the profile API failed during the follow."""
    line = current_app.extensions["asabot.line"]
    profile = line.profile(user_id)
    if profile is None:
        return False
    session = get_session()
    user = session.get(LineUser, user_id)
    if user is None:
        return False
    user.display_name = profile.display_name
    user.picture_url = profile.picture_url
    user.language = profile.language
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
