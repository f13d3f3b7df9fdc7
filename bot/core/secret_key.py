"""The app's secret: it signs the console's session cookie and keys the drafts' encryption.

Unset, a key is made once and kept in SECRET_KEY_FILE, so every worker of this machine shares it.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def secret_key(config: Mapping[str, Any]) -> str:
    """SECRET_KEY, or the key kept in SECRET_KEY_FILE (made on first use)."""
    return config.get("SECRET_KEY") or _stored_secret_key(Path(config["SECRET_KEY_FILE"]))


def _stored_secret_key(path: Path) -> str:
    """Read the key kept on disk, or make it once; O_EXCL lets only one worker write it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_key(path)
    key = secrets.token_urlsafe(48)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def _read_key(path: Path) -> str:
    # A worker starting at the same moment may see the file before its key is written.
    for _ in range(50):
        key = path.read_text().strip()
        if key:
            return key
        time.sleep(0.05)
    raise RuntimeError(f"{path} is empty: delete it or set SECRET_KEY")
